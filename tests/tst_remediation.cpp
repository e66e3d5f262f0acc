// models/RemediationRunner against the in-process simulator: each remediation is done and verified on the
// simulator's own state, with an intent and an outcome audit record; a wrong group, an instance of another group, a
// state AWS does not accept the operation in and read-only mode are refused with nothing sent and nothing audited;
// a job finishes exactly once. Remediation's texts and read-back rules are checked on their own at the end.
#include "remediation.h"
#include "remediationrunner.h"
#include "simengine.h"
#include "tst_models_simsession.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Operation = Remediation::Operation;
using ItemState = BulkActionJob::ItemState;

namespace {
// web: three InService and one Standby; api: one InService and one terminating on its hook.
const QByteArray Scenario = R"({ "groups": [
  { "name": "web", "minSize": 0, "maxSize": 10,
    "instances": [ { "state": "InService", "count": 3 }, { "state": "Standby" } ] },
  { "name": "api", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "drain", "transition": "terminating", "heartbeatTimeout": 900, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "InService" }, { "state": "Terminating:Wait", "elapsed": 30 } ] }
] })";

const QStringList MutatingActions { u"TerminateInstanceInAutoScalingGroup"_s, u"SetInstanceProtection"_s,
    u"SetInstanceHealth"_s, u"EnterStandby"_s, u"ExitStandby"_s };
} // namespace

class TestRemediation : public QObject {
    Q_OBJECT

    std::unique_ptr<SimSession> m_sim;
    std::unique_ptr<RemediationRunner> m_runner;
    QStringList m_mutating; // remediation requests the simulator served

    SimEngine& engine() { return m_sim->fixture.simulator().engine(); }
    // The group's instances in `state` (as the simulator names it), sorted.
    QStringList instancesIn(const QString& group, Lifecycle::State state)
    {
        QStringList ids;
        for (const SimInstanceInfo& info : m_sim->fixture.simulator().instances(group)) {
            if (Lifecycle::parseState(info.lifecycleState) == state)
                ids << info.instanceId;
        }
        ids.sort();
        return ids;
    }
    // Runs the request and waits for its job; QVERIFY-style (nullptr on a timeout). Counts finished() emissions.
    BulkActionJob* run(const Remediation::Request& request, int* finishedCount = nullptr)
    {
        BulkActionJob* job = m_runner->run(request);
        auto* spy = new QSignalSpy(job, &BulkActionJob::finished);
        spy->setParent(job);
        if (!QTest::qWaitFor([spy] { return spy->count() > 0; }, 10000))
            return nullptr;
        QTest::qWait(50); // a second finished() would arrive here
        if (finishedCount)
            *finishedCount = int(spy->count());
        return job;
    }
    QList<AuditRecord> audit(const QString& action) const
    {
        QList<AuditRecord> records;
        const QList<AuditRecord> all = m_sim->audit->readAll();
        for (const AuditRecord& record : all) {
            if (record.action == action)
                records.append(record);
        }
        return records;
    }
    static Remediation::Request request(
        Operation operation, const QString& group, const QStringList& ids, bool decrement = false)
    {
        return { operation, group, ids, decrement };
    }

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start(Scenario, &error), qPrintable(error));
        QVERIFY(m_sim->refresh());
        m_runner = std::make_unique<RemediationRunner>(m_sim->session.get(), m_sim->store.get(), m_sim->audit.get());
        m_runner->setVerificationDelays({ 100 });
        m_mutating.clear();
        connect(&m_sim->fixture.simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
            if (MutatingActions.contains(action))
                m_mutating << action;
        });
    }

    void cleanup()
    {
        m_runner.reset();
        m_sim.reset();
    }

    void terminateKeepsCapacity()
    {
        const QString id = instancesIn(u"web"_s, Lifecycle::State::InService).constFirst();
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        int finished = 0;
        BulkActionJob* job = run(request(Operation::Terminate, u"web"_s, { id }), &finished);
        QVERIFY(job);
        QCOMPARE(finished, 1);
        QCOMPARE(job->count(), 1);
        const BulkActionJob::Item& item = job->items().constFirst();
        QCOMPARE(item.state, ItemState::Done);
        QVERIFY(item.verified);
        QVERIFY(!item.requestId.isEmpty());
        QCOMPARE(job->actionName(), u"TerminateInstanceInAutoScalingGroup"_s);
        // The simulator: on its way out, capacity kept (a replacement launches).
        QVERIFY(!engine().instance(id)
            || Lifecycle::transitionOf(engine().instance(id)->state) == Lifecycle::Transition::Terminate);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired);
        QCOMPARE(m_mutating, QStringList { u"TerminateInstanceInAutoScalingGroup"_s });

        const QList<AuditRecord> records = audit(u"TerminateInstanceInAutoScalingGroup"_s);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0).phase, u"intent"_s);
        QCOMPARE(records.at(1).phase, u"outcome"_s);
        QCOMPARE(records.at(1).id, records.at(0).id);
        QCOMPARE(records.at(0).instance, id);
        QCOMPARE(records.at(0).group, u"web"_s);
        QCOMPARE(records.at(0).account, m_sim->fixture->options().accountId);
        QCOMPARE(records.at(0).note, u"ShouldDecrementDesiredCapacity=false"_s);
        QCOMPARE(records.at(1).outcome, u"done"_s);
        QCOMPARE(records.at(1).verified, std::optional<bool>(true));
        QCOMPARE(records.at(1).requestId, item.requestId);
    }

    void terminateDecrementingCapacity()
    {
        const QStringList ids = instancesIn(u"web"_s, Lifecycle::State::InService).mid(0, 2);
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        BulkActionJob* job = run(request(Operation::Terminate, u"web"_s, ids, true));
        QVERIFY(job);
        QCOMPARE(job->countIn(ItemState::Done), 2);
        QCOMPARE(job->verifiedCount(), 2);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired - 2);
        QCOMPARE(m_mutating.size(), 2); // one call per instance
        const QList<AuditRecord> records = audit(u"TerminateInstanceInAutoScalingGroup"_s);
        QCOMPARE(records.size(), 4);
        QVERIFY(records.at(0).note.contains(u"ShouldDecrementDesiredCapacity=true"_s));
    }

    void terminateRetainedIsDecidedByTheRead()
    {
        // Terminating:Retained is held by a retention policy until it is terminated on request: Terminate is
        // accepted for it, and the outcome is what the group shows afterwards — done only when it is no longer held.
        const auto seeded = engine().seedInstance(u"api"_s, Lifecycle::State::TerminatingRetained, 60);
        QVERIFY(seeded.ok());
        const QString& id = seeded.value();
        BulkActionJob* job = run(request(Operation::Terminate, u"api"_s, { id }));
        QVERIFY(job);
        QCOMPARE(m_mutating, QStringList { u"TerminateInstanceInAutoScalingGroup"_s });
        const SimInstance* after = engine().instance(id);
        const bool ended = !after || after->state == Lifecycle::State::Terminated
            || (Lifecycle::transitionOf(after->state) == Lifecycle::Transition::Terminate
                && after->state != Lifecycle::State::TerminatingRetained);
        const BulkActionJob::Item& item = job->items().constFirst();
        QCOMPARE(item.state, ended ? ItemState::Done : ItemState::Unknown);
        QCOMPARE(item.verified, ended);
        QCOMPARE(audit(u"TerminateInstanceInAutoScalingGroup"_s).constLast().outcome, ended ? u"done"_s : u"unknown"_s);
    }

    void protectOnAndOff()
    {
        const QStringList ids = instancesIn(u"web"_s, Lifecycle::State::InService);
        BulkActionJob* on = run(request(Operation::ProtectOn, u"web"_s, ids));
        QVERIFY(on);
        QCOMPARE(on->countIn(ItemState::Done), ids.size());
        QCOMPARE(on->verifiedCount(), ids.size());
        for (const QString& id : ids)
            QVERIFY(engine().instance(id)->protectedFromScaleIn);
        QCOMPARE(m_mutating, QStringList { u"SetInstanceProtection"_s }); // one call for all
        BulkActionJob* off = run(request(Operation::ProtectOff, u"web"_s, { ids.constFirst() }));
        QVERIFY(off);
        QCOMPARE(off->items().constFirst().state, ItemState::Done);
        QVERIFY(!engine().instance(ids.constFirst())->protectedFromScaleIn);
        QVERIFY(engine().instance(ids.at(1))->protectedFromScaleIn);
        const QList<AuditRecord> records = audit(u"SetInstanceProtection"_s);
        QCOMPARE(records.size(), 2 * ids.size() + 2);
        QCOMPARE(records.constLast().note.section(u';', 0, 0), u"ProtectedFromScaleIn=false"_s);
        QCOMPARE(records.constLast().outcome, u"done"_s);
    }

    void standbyEnterAndExit()
    {
        const QString id = instancesIn(u"web"_s, Lifecycle::State::InService).constFirst();
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        BulkActionJob* enter = run(request(Operation::EnterStandby, u"web"_s, { id }, true));
        QVERIFY(enter);
        QCOMPARE(enter->items().constFirst().state, ItemState::Done);
        QVERIFY(enter->items().constFirst().verified);
        const auto entered = engine().instance(id)->state;
        QVERIFY(entered == Lifecycle::State::EnteringStandby || entered == Lifecycle::State::Standby);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired - 1);
        QCOMPARE(audit(u"EnterStandby"_s).size(), 2);
        QCOMPARE(audit(u"EnterStandby"_s).at(0).note, u"ShouldDecrementDesiredCapacity=true"_s);

        const QString standby = instancesIn(u"web"_s, Lifecycle::State::Standby).constFirst();
        BulkActionJob* exit = run(request(Operation::ExitStandby, u"web"_s, { standby }));
        QVERIFY(exit);
        QCOMPARE(exit->items().constFirst().state, ItemState::Done);
        QVERIFY(exit->items().constFirst().verified);
        const auto exited = engine().instance(standby)->state;
        QVERIFY(
            exited == Lifecycle::State::InService || Lifecycle::transitionOf(exited) == Lifecycle::Transition::Launch);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired);
        QCOMPARE(m_mutating, (QStringList { u"EnterStandby"_s, u"ExitStandby"_s }));
        QCOMPARE(audit(u"ExitStandby"_s).constLast().outcome, u"done"_s);
    }

    void setHealth()
    {
        // On Standby the status is kept and the instance not replaced (AWS replaces it once it leaves Standby).
        const QString standby = instancesIn(u"web"_s, Lifecycle::State::Standby).constFirst();
        BulkActionJob* sick = run(request(Operation::SetUnhealthy, u"web"_s, { standby }));
        QVERIFY(sick);
        QCOMPARE(sick->items().constFirst().state, ItemState::Done);
        QCOMPARE(engine().instance(standby)->healthStatus, u"Unhealthy"_s);
        BulkActionJob* well = run(request(Operation::SetHealthy, u"web"_s, { standby }));
        QVERIFY(well);
        QCOMPARE(well->items().constFirst().state, ItemState::Done);
        QVERIFY(well->items().constFirst().verified);
        QCOMPARE(engine().instance(standby)->healthStatus, u"Healthy"_s);

        // InService and Unhealthy: the group replaces it through the terminating path.
        const QString id = instancesIn(u"web"_s, Lifecycle::State::InService).constFirst();
        BulkActionJob* replaced = run(request(Operation::SetUnhealthy, u"web"_s, { id }));
        QVERIFY(replaced);
        QCOMPARE(replaced->items().constFirst().state, ItemState::Done);
        QVERIFY(!engine().instance(id)
            || Lifecycle::transitionOf(engine().instance(id)->state) == Lifecycle::Transition::Terminate);
        const QList<AuditRecord> records = audit(u"SetInstanceHealth"_s);
        QCOMPARE(records.size(), 6);
        QVERIFY(records.at(0).note.startsWith(u"HealthStatus=Unhealthy"_s));
        QVERIFY(records.at(2).note.startsWith(u"HealthStatus=Healthy"_s));
    }

    void refusedWithNothingSent_data()
    {
        QTest::addColumn<int>("operation");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("instance"); // group:state of the instance to pick, or a literal ID
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown group") << int(Operation::Terminate) << u"nosuchgroup"_s << u"web:InService"_s
                                       << u"Auto Scaling group nosuchgroup does not exist"_s;
        QTest::newRow("instance of another group") << int(Operation::Terminate) << u"web"_s << u"api:InService"_s
                                                   << u"is not an instance of group web (it is in api)"_s;
        QTest::newRow("unknown instance") << int(Operation::ProtectOn) << u"web"_s << u"i-0123456789abcdef0"_s
                                          << u"i-0123456789abcdef0 is not an instance of group web"_s;
        QTest::newRow("enter standby from standby")
            << int(Operation::EnterStandby) << u"web"_s << u"web:Standby"_s << u"can enter standby"_s;
        QTest::newRow("exit standby from service")
            << int(Operation::ExitStandby) << u"web"_s << u"web:InService"_s << u"not in Standby"_s;
        QTest::newRow("terminate a terminating instance")
            << int(Operation::Terminate) << u"api"_s << u"api:Terminating:Wait"_s << u"on its way out"_s;
        QTest::newRow("unhealthy on a terminating instance")
            << int(Operation::SetUnhealthy) << u"api"_s << u"api:Terminating:Wait"_s << u"on its way out"_s;
    }

    void refusedWithNothingSent()
    {
        QFETCH(int, operation);
        QFETCH(QString, group);
        QFETCH(QString, instance);
        QFETCH(QString, expected);
        if (instance.contains(u':')) {
            const QString in = instance.section(u':', 0, 0);
            const auto state = Lifecycle::parseState(instance.section(u':', 1));
            instance = instancesIn(in, state.value()).value(0);
            QVERIFY(!instance.isEmpty());
        }
        const QString before = m_sim->fixture->lifecycleState(instance);
        int finished = 0;
        BulkActionJob* job = run(request(Operation(operation), group, { instance }), &finished);
        QVERIFY(job);
        QCOMPARE(finished, 1);
        const BulkActionJob::Item& item = job->items().constFirst();
        QCOMPARE(item.state, ItemState::Refused);
        QVERIFY2(item.message.contains(expected), qPrintable(item.message));
        QVERIFY2(item.message.contains(u"nothing was sent"_s), qPrintable(item.message));
        QVERIFY(m_mutating.isEmpty());
        QCOMPARE(m_sim->fixture->lifecycleState(instance), before);
        QVERIFY(m_sim->audit->readAll().isEmpty());
    }

    void refusedInReadOnlyModeWithoutAnyRequest()
    {
        m_sim->session->setReadOnly(true);
        const QString id = instancesIn(u"web"_s, Lifecycle::State::InService).constFirst();
        for (const Operation operation : { Operation::Terminate, Operation::ProtectOn, Operation::SetUnhealthy }) {
            const int requestsBefore = m_sim->fixture->requestCount();
            BulkActionJob* job = run(request(operation, u"web"_s, { id }));
            QVERIFY(job);
            QCOMPARE(job->items().constFirst().state, ItemState::Refused);
            QVERIFY(job->items().constFirst().message.contains(u"Read-only"_s));
            QCOMPARE(m_sim->fixture->requestCount(), requestsBefore); // not even a read
        }
        QVERIFY(m_mutating.isEmpty());
        QVERIFY(m_sim->audit->readAll().isEmpty());
        QCOMPARE(Lifecycle::parseState(m_sim->fixture->lifecycleState(id)), Lifecycle::State::InService);
    }

    void onlyTheWrongTargetIsRefused()
    {
        const QString good = instancesIn(u"web"_s, Lifecycle::State::InService).constFirst();
        const QString standby = instancesIn(u"web"_s, Lifecycle::State::Standby).constFirst();
        int finished = 0;
        BulkActionJob* job = run(request(Operation::EnterStandby, u"web"_s, { good, standby }), &finished);
        QVERIFY(job);
        QCOMPARE(finished, 1);
        QCOMPARE(job->items().at(1).state, ItemState::Refused);
        QCOMPARE(job->items().at(0).state, ItemState::Done);
        QVERIFY(job->items().at(0).verified);
        QCOMPARE(audit(u"EnterStandby"_s).size(), 2); // the refused one has no records
    }

    // Remediation's rules without a simulator.
    void stateRules()
    {
        const QString inService = nameOf(Lifecycle::State::InService);
        const QString standby = nameOf(Lifecycle::State::Standby);
        const QString retained = nameOf(Lifecycle::State::TerminatingRetained);
        const QString waiting = nameOf(Lifecycle::State::TerminatingWait);
        QVERIFY(Remediation::stateRefusal(Operation::EnterStandby, inService).isEmpty());
        QVERIFY(!Remediation::stateRefusal(Operation::EnterStandby, standby).isEmpty());
        QVERIFY(Remediation::stateRefusal(Operation::ExitStandby, standby).isEmpty());
        QVERIFY(!Remediation::stateRefusal(Operation::ExitStandby, inService).isEmpty());
        QVERIFY(Remediation::stateRefusal(Operation::Terminate, retained).isEmpty());
        QVERIFY(!Remediation::stateRefusal(Operation::Terminate, waiting).isEmpty());
        QVERIFY(!Remediation::stateRefusal(Operation::ProtectOn, retained).isEmpty());
        QVERIFY(!Remediation::stateRefusal(Operation::SetHealthy, nameOf(Lifecycle::State::Terminated)).isEmpty());

        // A retained instance that still reads retained was not terminated; gone or proceeding it was.
        GroupInstance read;
        read.lifecycleState = retained;
        QVERIFY(!Remediation::applied(Operation::Terminate, &read));
        read.lifecycleState = nameOf(Lifecycle::State::TerminatingProceed);
        QVERIFY(Remediation::applied(Operation::Terminate, &read));
        QVERIFY(Remediation::applied(Operation::Terminate, nullptr));
        QVERIFY(!Remediation::applied(Operation::ProtectOn, nullptr));

        // Capacity bounds AWS refuses the whole call for.
        AutoScalingGroup bounded;
        bounded.name = u"web"_s;
        bounded.minSize = 2;
        bounded.maxSize = 3;
        bounded.desiredCapacity = 3;
        QVERIFY(Remediation::groupRefusal(request(Operation::EnterStandby, u"web"_s, { u"a"_s, u"b"_s }, true), bounded)
                    .contains(u"below the group's min size 2"_s));
        QVERIFY(
            Remediation::groupRefusal(request(Operation::EnterStandby, u"web"_s, { u"a"_s }, true), bounded).isEmpty());
        QVERIFY(Remediation::groupRefusal(request(Operation::ExitStandby, u"web"_s, { u"a"_s }), bounded)
                    .contains(u"above the group's max size 3"_s));

        // The read decides: accepted but not shown (or not read) is unknown, never done.
        QCOMPARE(Remediation::decide(true, {}, false, {}).outcome, Remediation::Outcome::Unknown);
        QCOMPARE(Remediation::decide(false, u"timeout"_s, false, {}).outcome, Remediation::Outcome::Unknown);
        QCOMPARE(Remediation::decide(true, {}, true, {}).outcome, Remediation::Outcome::Done);
        QCOMPARE(
            Remediation::decide(true, {}, false, AwsError::validation(u"no"_s)).outcome, Remediation::Outcome::Failed);
    }

    void confirmationSaysWhatAwsDoes()
    {
        AutoScalingGroup group;
        group.name = u"web-blue"_s;
        group.desiredCapacity = 4;
        const QString id = u"i-0abc"_s;
        QCOMPARE(Remediation::consequences(request(Operation::Terminate, group.name, { id }), group),
            u"This terminates i-0abc in web-blue and the group launches a replacement (desired capacity stays 4); "
            "terminating lifecycle hooks run first."_s);
        QVERIFY(Remediation::consequences(request(Operation::Terminate, group.name, { id }, true), group)
                    .contains(u"lowers desired capacity from 4 to 3"_s));
        QVERIFY(Remediation::consequences(request(Operation::EnterStandby, group.name, { id, id }, true), group)
                    .contains(u"from 4 to 2"_s));
        QVERIFY(Remediation::consequences(request(Operation::EnterStandby, group.name, { id }), group)
                    .contains(u"desired capacity stays 4, so the group launches 1 replacement"_s));
        QVERIFY(Remediation::consequences(request(Operation::ExitStandby, group.name, { id }), group)
                    .contains(u"desired capacity from 4 to 5"_s));
        QVERIFY(Remediation::consequences(request(Operation::SetUnhealthy, group.name, { id }), group)
                    .contains(u"terminates and replaces it"_s));
    }
};

QTEST_GUILESS_MAIN(TestRemediation)
#include "tst_remediation.moc"
