// hookdesk-cli's remediation commands against the in-process simulator: `terminate` and `protect on|off` change
// the simulator's state as AWS would (checked on the engine), say in JSON what they did, write an intent and an
// outcome audit record each, are refused in read-only mode and for a wrong group or instance with no request sent.
#include "auditrecords.h"
#include "simengine.h"
#include "tst_cli_simsession.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliRemedy : public QObject {
    Q_OBJECT

    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
    QStringList m_mutating; // remediation requests the simulator served

    SimEngine& engine() { return m_sim->simulator().engine(); }
    QString inService(const QString& group) { return LaunchScenario::inServiceInstance(m_sim->simulator(), group); }
    QList<AuditRecord> auditRecords(const QString& action) const
    {
        return AuditRecords::ofAction(m_cli->auditPath, action);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        QVERIFY2(startCliSimulator(m_sim, m_cli, &error), qPrintable(error));
        m_mutating.clear();
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
            if (action == u"TerminateInstanceInAutoScalingGroup"_s || action == u"SetInstanceProtection"_s)
                m_mutating << action;
        });
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void terminateWithReplacement()
    {
        const QString id = inService(u"web"_s);
        QVERIFY(!id.isEmpty());
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        const CliRun run = m_cli->run(
            { u"terminate"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.err.contains(u"launches a replacement (desired capacity stays %1)"_s.arg(desired)));
        // The simulator: the instance is on its way out, the capacity is kept and a replacement launches.
        QVERIFY(Lifecycle::transitionOf(engine().instance(id)->state) == Lifecycle::Transition::Terminate);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired);
        QCOMPARE(m_mutating, QStringList { u"TerminateInstanceInAutoScalingGroup"_s });
        const QJsonObject document = run.json();
        QCOMPARE(document.value(u"operation"_s).toString(), u"terminate"_s);
        QCOMPARE(document.value(u"group"_s).toString(), u"web"_s);
        QCOMPARE(document.value(u"decrementDesiredCapacity"_s).toBool(), false);
        QCOMPARE(document.value(u"desiredCapacityAfter"_s).toInt(), desired);
        const QJsonObject item = document.value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"instanceId"_s).toString(), id);
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QVERIFY(item.value(u"verified"_s).toBool());
        QVERIFY(item.value(u"state"_s).toString().startsWith(u"Terminating"_s));
        QVERIFY(!item.value(u"activityId"_s).toString().isEmpty());
        QVERIFY(engine().activity(item.value(u"activityId"_s).toString()));
        QCOMPARE(document.value(u"summary"_s).toObject().value(u"verified"_s).toInt(), 1);

        // Audit: an intent, then an outcome with the same id, the account and the choice sent.
        const QList<AuditRecord> records = auditRecords(u"TerminateInstanceInAutoScalingGroup"_s);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0).phase, u"intent"_s);
        QCOMPARE(records.at(1).phase, u"outcome"_s);
        QCOMPARE(records.at(1).id, records.at(0).id);
        QCOMPARE(records.at(0).instance, id);
        QCOMPARE(records.at(0).group, u"web"_s);
        QCOMPARE(records.at(0).account, (*m_sim)->options().accountId);
        QCOMPARE(records.at(1).outcome, u"done"_s);
        QCOMPARE(records.at(1).verified, std::optional<bool>(true));
        QVERIFY(records.at(0).note.contains(u"ShouldDecrementDesiredCapacity=false"_s));
    }

    void terminateDecrementingCapacity()
    {
        const QStringList waiting = LaunchScenario::waitingInstances(m_sim->simulator(), u"api"_s);
        QCOMPARE(waiting.size(), 3);
        const int desired = engine().group(u"api"_s)->desiredCapacity;
        const CliRun run = m_cli->run({ u"terminate"_s, u"--group"_s, u"api"_s, u"--instance"_s, waiting.at(0),
            waiting.at(1), u"--decrement-desired-capacity"_s, u"--yes"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.err.contains(u"lowers desired capacity from %1 to %2"_s.arg(desired).arg(desired - 2)));
        QCOMPARE(engine().group(u"api"_s)->desiredCapacity, desired - 2);
        for (int i = 0; i < 2; ++i)
            QVERIFY(
                Lifecycle::transitionOf(engine().instance(waiting.at(i))->state) == Lifecycle::Transition::Terminate);
        QCOMPARE(m_mutating.size(), 2);
        QVERIFY(run.out.contains(u"done ✓"_s));
        QCOMPARE(auditRecords(u"TerminateInstanceInAutoScalingGroup"_s).size(), 4);
    }

    void protectOnAndOff()
    {
        const QString id = inService(u"web"_s);
        const CliRun on = m_cli->run({ u"protect"_s, u"on"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--yes"_s,
            u"--output"_s, u"json"_s });
        QVERIFY2(on.exitCode == 0, on.describe());
        QVERIFY(engine().instance(id)->protectedFromScaleIn);
        QCOMPARE(on.json().value(u"operation"_s).toString(), u"protect on"_s);
        QCOMPARE(on.json().value(u"protectedFromScaleIn"_s).toBool(), true);
        const QJsonObject item = on.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QVERIFY(item.value(u"verified"_s).toBool());
        QVERIFY(!item.value(u"requestId"_s).toString().isEmpty());

        const CliRun off
            = m_cli->run({ u"protect"_s, u"off"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--yes"_s });
        QVERIFY2(off.exitCode == 0, off.describe());
        QVERIFY(!engine().instance(id)->protectedFromScaleIn);
        QVERIFY(off.err.contains(u"removes scale-in protection"_s));
        QCOMPARE(m_mutating.size(), 2);
        const QList<AuditRecord> records = auditRecords(u"SetInstanceProtection"_s);
        QCOMPARE(records.size(), 4);
        QVERIFY(records.at(2).note.contains(u"ProtectedFromScaleIn=false"_s));
    }

    void terminateDuringAScalingActivityIsRefusedAndSaysWhy()
    {
        // Moving into Standby: AWS answers ScalingActivityInProgress. The CLI fails the instance with AWS's words and
        // what to wait for, and nothing changed.
        const QString id = inService(u"web"_s);
        QVERIFY(engine().enterStandby(u"web"_s, { id }, false));
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        const CliRun run = m_cli->run(
            { u"terminate"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode != 0, run.describe());
        QCOMPARE(m_mutating, QStringList { u"TerminateInstanceInAutoScalingGroup"_s }); // a refusal is not retried
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"failed"_s);
        QCOMPARE(item.value(u"state"_s).toString(), u"EnteringStandby"_s);
        const QString message = item.value(u"message"_s).toString();
        QVERIFY2(message.contains(u"still in a scaling activity"_s), qPrintable(message));
        QVERIFY2(message.contains(u"ScalingActivityInProgress"_s), qPrintable(message));
        QCOMPARE(engine().instance(id)->state, Lifecycle::State::EnteringStandby);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired);
        const QList<AuditRecord> records = auditRecords(u"TerminateInstanceInAutoScalingGroup"_s);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(1).outcome, u"failed"_s);
        QVERIFY(records.at(1).error.contains(u"ScalingActivityInProgress"_s));
    }

    void resourceContentionIsRetriedAndAppliedOnce()
    {
        // ResourceContention is AWS refusing before acting ("a pending update"), so even a mutating call is sent
        // again: the simulator's ledger shows the termination applied exactly once.
        const QString id = inService(u"web"_s);
        m_sim->simulator().injectFault(SimFault::ResourceContention, 2, u"TerminateInstanceInAutoScalingGroup"_s);
        const qsizetype applied = (*m_sim)->ledger().size();
        const CliRun run = m_cli->run(
            { u"terminate"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(m_mutating.size(), 3);
        QCOMPARE((*m_sim)->ledger().size(), applied + 1);
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QVERIFY(item.value(u"verified"_s).toBool());
        QVERIFY(Lifecycle::transitionOf(engine().instance(id)->state) == Lifecycle::Transition::Terminate);
    }

    void lastingResourceContentionFailsWithNothingApplied()
    {
        const QString id = inService(u"web"_s);
        m_sim->simulator().injectFault(SimFault::ResourceContention, 50, u"SetInstanceProtection"_s);
        const qsizetype applied = (*m_sim)->ledger().size();
        const CliRun run = m_cli->run({ u"protect"_s, u"on"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--yes"_s,
            u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY(m_mutating.size() > 1); // retried, then given up
        QCOMPARE((*m_sim)->ledger().size(), applied);
        QVERIFY(!engine().instance(id)->protectedFromScaleIn);
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        // Refused before acting, and the read-back agrees: failed, not unknown.
        QCOMPARE(item.value(u"outcome"_s).toString(), u"failed"_s);
        QVERIFY2(item.value(u"message"_s).toString().contains(u"still applying an earlier change"_s), run.describe());
    }

    void refusedWithNothingSent_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString other = u"api:instance"_s; // replaced by an instance of api in the test
        QTest::newRow("terminate, unknown group") << QStringList { u"terminate"_s, u"--group"_s, u"nosuchgroup"_s,
            u"--instance"_s, u"web:instance"_s } << u"Auto Scaling group nosuchgroup does not exist"_s;
        QTest::newRow("terminate, instance of another group") << QStringList { u"terminate"_s, u"--group"_s, u"web"_s,
            u"--instance"_s, other } << u"not an instance of group web"_s;
        QTest::newRow("protect, instance of another group") << QStringList { u"protect"_s, u"on"_s, u"--group"_s,
            u"web"_s, u"--instance"_s, other } << u"not an instance of group web"_s;
        QTest::newRow("protect, unknown instance")
            << QStringList { u"protect"_s, u"off"_s, u"--group"_s, u"web"_s, u"--instance"_s, u"i-0123456789abcdef0"_s }
            << u"not an instance of group web: i-0123456789abcdef0"_s;
        QTest::newRow("terminate, read-only") << QStringList { u"--read-only"_s, u"terminate"_s, u"--group"_s, u"web"_s,
            u"--instance"_s, u"web:instance"_s }
                                              << u"read-only mode: nothing was sent"_s;
        QTest::newRow("protect, read-only") << QStringList { u"protect"_s, u"on"_s, u"--read-only"_s, u"--group"_s,
            u"web"_s, u"--instance"_s, u"web:instance"_s }
                                            << u"read-only mode: nothing was sent"_s;
    }

    void refusedWithNothingSent()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const QString web = inService(u"web"_s);
        const QString api = LaunchScenario::waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        arguments.replaceInStrings(u"web:instance"_s, web);
        arguments.replaceInStrings(u"api:instance"_s, api);
        const int requestsBefore = (*m_sim)->requestCount();
        const CliRun run = m_cli->run(arguments + QStringList { u"--yes"_s });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), run.describe());
        QVERIFY(m_mutating.isEmpty());
        QCOMPARE(engine().instance(web)->state, Lifecycle::StateValue(Lifecycle::State::InService));
        QVERIFY(!engine().instance(web)->protectedFromScaleIn);
        if (arguments.contains(u"--read-only"_s))
            QCOMPARE((*m_sim)->requestCount(), requestsBefore); // not even a read
        QVERIFY(auditRecords(u"TerminateInstanceInAutoScalingGroup"_s).isEmpty());
        QVERIFY(auditRecords(u"SetInstanceProtection"_s).isEmpty());
    }

    void withoutYesOffATerminalNothingIsSent()
    {
        const CliRun run = m_cli->run({ u"terminate"_s, u"--group"_s, u"web"_s, u"--instance"_s, inService(u"web"_s) });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"without --yes"_s));
        QVERIFY(m_mutating.isEmpty());
    }

    void confirmedOnATerminalByTypingTheGroup()
    {
        const QString id = inService(u"web"_s);
        m_cli->terminal = true;
        m_cli->input = "web\n";
        const CliRun run = m_cli->run({ u"protect"_s, u"on"_s, u"--group"_s, u"web"_s, u"--instance"_s, id });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(engine().instance(id)->protectedFromScaleIn);
    }
};

QTEST_GUILESS_MAIN(TestCliRemedy)
#include "tst_cli_remedy.moc"
