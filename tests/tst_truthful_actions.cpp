// Truthful actions against the in-process simulator: every way a target can be wrong is refused before anything is
// sent (or, for a made-up token, reported failed) and leaves the simulator's state unchanged; "already completed"
// is reported only when the instance visibly left that wait, a double completion included; a retry whose first
// attempt was applied but whose answer was lost is decided by reading the instance back; every accepted action is
// verified by a read-back, and one that does not take effect in time is reported as unverified.
#include "actioncontroller.h"
#include "actionoutcome.h"
#include "autoscalingclient.h"
#include "launchscenario.h"
#include "pendingaction.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;
using ItemState = BulkActionJob::ItemState;

namespace {

// web: an instance waits on two launch hooks; the group also has a terminating hook. api: two instances wait on one
// launch hook, one more is in service.
const QByteArray Scenario = R"({ "groups": [
  { "name": "web", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 600, "defaultResult": "ABANDON" },
               { "name": "register", "transition": "launching", "heartbeatTimeout": 300, "defaultResult": "CONTINUE" },
               { "name": "drain", "transition": "terminating", "heartbeatTimeout": 300, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "Pending:Wait", "elapsed": 60 } ] },
  { "name": "api", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "bootstrap", "transition": "launching", "heartbeatTimeout": 1800, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "Pending:Wait", "count": 2, "elapsed": 100 }, { "state": "InService", "count": 1 } ] }
] })";

bool waitFinished(BulkActionJob* job)
{
    QSignalSpy finished(job, &BulkActionJob::finished);
    return job->isFinished() || finished.wait(15000);
}

QString inService(Simulator& sim, const QString& group)
{
    for (const SimInstanceInfo& info : sim.instances(group)) {
        if (info.lifecycleState == u"InService"_s)
            return info.instanceId;
    }
    return {};
}

} // namespace

class TestTruthfulActions : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;
    std::unique_ptr<ActionController> m_controller;

    Simulator& sim() { return m_sim->fixture.simulator(); }

    // Runs one job and checks that nothing was sent: no audit intent and no lifecycle action of the simulator
    // changed.
    BulkActionJob* runRefused(BulkActionJob* job)
    {
        const QList<SimPendingAction> before = sim().pendingActions();
        if (!waitFinished(job))
            return nullptr;
        const QList<SimPendingAction> after = sim().pendingActions();
        if (before.size() != after.size())
            return nullptr;
        for (const AuditRecord& record : m_sim->audit->readAll()) {
            if (record.phase == u"intent"_s)
                return nullptr;
        }
        return job;
    }

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start(Scenario, &error), qPrintable(error));
        QVERIFY(m_sim->refresh());
        m_controller = std::make_unique<ActionController>(m_sim->session.get(), m_sim->store.get(), m_sim->audit.get());
        m_controller->setVerificationDelays({ 50, 50 });
    }

    void cleanup()
    {
        m_controller.reset();
        m_sim.reset();
    }

    void wrongTargetsAreRefusedBeforeSending_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("hook");
        QTest::addColumn<QString>("instance"); // "web:wait", "api:wait", "api:service" or a literal ID
        QTest::addColumn<QString>("expected"); // part of the message

        QTest::newRow("unknown group") << u"nosuchgroup"_s << u"nosuchhook"_s << u"i-0123456789abcdef0"_s
                                       << u"There is no Auto Scaling group named nosuchgroup"_s;
        QTest::newRow("unknown hook on a real group") << u"web"_s << u"warmup"_s << u"web:wait"_s
                                                      << u"Group web has no lifecycle hook named warmup. Its hooks:"_s;
        QTest::newRow("instance of another group")
            << u"api"_s << QString() << u"web:wait"_s << u"is not in group api"_s;
        QTest::newRow("unknown instance") << u"api"_s << u"bootstrap"_s << u"i-0123456789abcdef0"_s
                                          << u"Instance i-0123456789abcdef0 is not in group api"_s;
        QTest::newRow("hook of the other transition")
            << u"web"_s << u"drain"_s << u"web:wait"_s << u"Hook drain is a terminating hook, but instance"_s;
        QTest::newRow("instance not waiting")
            << u"api"_s << QString() << u"api:service"_s << u"is not waiting on a lifecycle hook: it is InService"_s;
    }

    void wrongTargetsAreRefusedBeforeSending()
    {
        QFETCH(QString, group);
        QFETCH(QString, hook);
        QFETCH(QString, instance);
        QFETCH(QString, expected);
        if (instance == u"web:wait"_s)
            instance = LaunchScenario::waitingInstances(sim(), u"web"_s).value(0);
        else if (instance == u"api:wait"_s)
            instance = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        else if (instance == u"api:service"_s)
            instance = inService(sim(), u"api"_s);
        QVERIFY(!instance.isEmpty());

        for (const bool heartbeat : { false, true }) {
            BulkActionJob* job = heartbeat ? m_controller->heartbeat({ { group, hook, instance, {} } })
                                           : m_controller->complete({ { group, hook, instance, {} } }, u"CONTINUE"_s);
            QVERIFY2(runRefused(job), "something was sent");
            QCOMPARE(job->count(), 1);
            const BulkActionJob::Item& item = job->items().constFirst();
            QCOMPARE(item.state, ItemState::Refused);
            QVERIFY2(item.message.contains(expected), qPrintable(item.message));
            QVERIFY(!job->succeeded());
        }
    }

    void wrongTransitionSaysWhatTheInstanceWaitsOn()
    {
        const QString id = LaunchScenario::waitingInstances(sim(), u"web"_s).value(0);
        BulkActionJob* job = m_controller->complete({ { u"web"_s, u"drain"_s, id, {} } }, u"ABANDON"_s);
        QVERIFY(runRefused(job));
        const QString message = job->items().constFirst().message;
        QVERIFY2(
            message.contains(u"Pending:Wait"_s) && message.contains(u"register"_s) && message.contains(u"warm-up"_s),
            qPrintable(message));
    }

    void madeUpTokenFailsAndKeepsTheHook()
    {
        // A token that names no action: AWS says "no active lifecycle action", the instance still waits. That is a
        // failure, and the row keeps its hook and its default result.
        const QString id = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        const PendingAction* before = m_sim->store->pendingAction(u"api"_s, id);
        QVERIFY(before);
        QCOMPARE(before->defaultResult, u"ABANDON"_s);
        const QString token = u"11111111-2222-3333-4444-555555555555"_s;
        for (const QString& instance : { QString(), id }) {
            BulkActionJob* job
                = m_controller->complete({ { u"api"_s, u"bootstrap"_s, instance, token } }, u"CONTINUE"_s);
            QVERIFY(waitFinished(job));
            const BulkActionJob::Item& item = job->items().constFirst();
            QCOMPARE(item.state, ItemState::Failed);
            QVERIFY(item.error.isNoActiveLifecycleAction());
            QVERIFY(!item.verified);
            QCOMPARE(sim().lifecycleState(id), u"Pending:Wait"_s);
            QTRY_VERIFY(!m_sim->store->isRefreshing());
            const PendingAction* after = m_sim->store->pendingAction(u"api"_s, id);
            QVERIFY(after);
            QCOMPARE(after->hookNames(), QStringList { u"bootstrap"_s });
            QCOMPARE(after->defaultResult, u"ABANDON"_s);
        }
        // The audit log says failed, not already-completed.
        for (const AuditRecord& record : m_sim->audit->readAll()) {
            if (record.phase == u"outcome"_s)
                QCOMPARE(record.outcome, u"failed"_s);
        }
    }

    void realDoubleCompletionIsAlreadyCompleted()
    {
        const QString id = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        BulkActionJob* first = m_controller->complete({ { u"api"_s, u"bootstrap"_s, id, {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(first));
        QCOMPARE(first->items().constFirst().state, ItemState::Done);
        QVERIFY(first->items().constFirst().verified);
        QTRY_VERIFY(!m_sim->store->isRefreshing());

        // On its way (Pending:Proceed): over, whoever ended it.
        BulkActionJob* second = m_controller->complete({ { u"api"_s, u"bootstrap"_s, id, {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(second));
        QCOMPARE(second->items().constFirst().state, ItemState::AlreadyCompleted);
        QVERIFY(second->succeeded());

        // In service by now: only the audit log's record of the first completion shows it was a double one.
        sim().advance(30);
        QCOMPARE(sim().lifecycleState(id), u"InService"_s);
        QVERIFY(m_sim->refresh());
        BulkActionJob* third = m_controller->complete({ { u"api"_s, {}, id, {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(third));
        QCOMPARE(third->items().constFirst().state, ItemState::AlreadyCompleted);
        QVERIFY2(third->items().constFirst().message.contains(u"Already completed by Hookdesk"_s),
            qPrintable(third->items().constFirst().message));

        // Another instance in service that Hookdesk never completed stays a wrong target.
        BulkActionJob* other
            = m_controller->complete({ { u"api"_s, {}, inService(sim(), u"api"_s), {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(other));
        QVERIFY(other->items().constFirst().state == ItemState::Refused
            || other->items().constFirst().target.instanceId == id);
    }

    void instanceCompletedElsewhereIsAlreadyCompleted()
    {
        // The store still shows it waiting; someone else completes it; our request meets "no active action" and the
        // read-back shows the instance left the wait.
        const QString id = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        auto* other = m_sim->session->autoScaling()->completeLifecycleAction(
            { u"api"_s, u"bootstrap"_s, id, {} }, u"CONTINUE"_s);
        QSignalSpy done(other, &AwsJob::finished);
        QVERIFY(done.wait(5000));
        BulkActionJob* job = m_controller->complete({ { u"api"_s, u"bootstrap"_s, id, {} } }, u"ABANDON"_s);
        QVERIFY(waitFinished(job));
        const BulkActionJob::Item& item = job->items().constFirst();
        QCOMPARE(item.state, ItemState::AlreadyCompleted);
        QVERIFY(item.verified);
        QVERIFY(item.error.isNoActiveLifecycleAction()); // AWS's answer is kept with the item
        QVERIFY2(item.message.contains(u"Pending:Proceed"_s), qPrintable(item.message));
        // Not ABANDONed: the other CONTINUE stands.
        QCOMPARE(sim().lifecycleState(id), u"Pending:Proceed"_s);
    }

    void lostAnswerIsDecidedByReadingBack()
    {
        // The request is applied and the connection dropped before the answer. Qt may not send it again by itself
        // (that would apply a heartbeat twice); the read-back shows the instance left the wait: done by this very
        // request, verified, with the lost answer said — not "already completed", which is for someone else's doing.
        const QString id = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        QStringList served;
        QObject scope; // the connection ends with this function, even when a check fails early
        connect(&sim(), &Simulator::requestServed, &scope, [&served](const QString& action, int) { served << action; });
        sim().injectFault(SimFault::DropAfterApplying);
        BulkActionJob* job = m_controller->complete({ { u"api"_s, u"bootstrap"_s, id, {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(job));
        const BulkActionJob::Item& item = job->items().constFirst();
        QCOMPARE(item.attempts, 1);
        QCOMPARE(item.state, ItemState::Done);
        QVERIFY(item.verified);
        QVERIFY2(item.message.contains(u"answer was lost"_s), qPrintable(item.message));
        QCOMPARE(sim().lifecycleState(id), u"Pending:Proceed"_s);
        QCOMPARE(served.count(u"CompleteLifecycleAction"_s), 1);
    }

    void lostAnswerOfAnActionNotAppliedIsSentAgain()
    {
        // Dropped before the server handled it: the read shows the instance still waiting, so it is sent again — a
        // second attempt with its own intent record — and then verified.
        const QString id = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        sim().injectFault(SimFault::Drop);
        BulkActionJob* job = m_controller->complete({ { u"api"_s, u"bootstrap"_s, id, {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(job));
        const BulkActionJob::Item& item = job->items().constFirst();
        QCOMPARE(item.state, ItemState::Done);
        QVERIFY(item.verified);
        QCOMPARE(item.attempts, 2);
        QList<int> intentAttempts;
        for (const AuditRecord& record : m_sim->audit->readAll()) {
            if (record.phase == u"intent"_s)
                intentAttempts << record.attempt;
        }
        QCOMPARE(intentAttempts, (QList<int> { 1, 2 }));
    }

    void lostHeartbeatIsUnknownAndNotSentTwice()
    {
        const QString id = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        QStringList served;
        QObject scope; // the connection ends with this function, even when a check fails early
        connect(&sim(), &Simulator::requestServed, &scope, [&served](const QString& action, int) { served << action; });
        sim().injectFault(SimFault::DropAfterApplying);
        BulkActionJob* job = m_controller->heartbeat({ { u"api"_s, u"bootstrap"_s, id, {} } });
        QVERIFY(waitFinished(job));
        const BulkActionJob::Item& item = job->items().constFirst();
        QCOMPARE(item.state, ItemState::Unknown);
        QVERIFY(!job->succeeded());
        QCOMPARE(served.count(u"RecordLifecycleActionHeartbeat"_s), 1);
        // The countdown does not count a heartbeat it cannot confirm (early, never late).
        const PendingAction* after = m_sim->store->pendingAction(u"api"_s, id);
        QVERIFY(after);
        QVERIFY(!after->estimate.lastHeartbeat.isValid());
    }

    void lostAnswersOfHookChangesAreReadBack()
    {
        QStringList served;
        QObject scope; // the connection ends with this function, even when a check fails early
        connect(&sim(), &Simulator::requestServed, &scope, [&served](const QString& action, int) { served << action; });
        PutLifecycleHookRequest put;
        put.groupName = u"api"_s;
        put.hookName = u"drain"_s;
        put.transition = QString::fromLatin1(LifecycleTransition::Terminating);
        put.heartbeatTimeout = 120;
        sim().injectFault(SimFault::DropAfterApplying);
        BulkActionJob* job = m_controller->putHook(put);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->items().constFirst().state, ItemState::Done);
        QVERIFY(job->items().constFirst().verified);
        QCOMPARE(served.count(u"PutLifecycleHook"_s), 1);

        // Deleted, answer truncated: the hook is gone, so it is done — not "No Lifecycle Hook found" from a retry.
        sim().injectFault(SimFault::Truncate);
        job = m_controller->deleteHook(u"api"_s, u"drain"_s);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->items().constFirst().state, ItemState::Done);
        QVERIFY(job->items().constFirst().verified);
        QCOMPARE(served.count(u"DeleteLifecycleHook"_s), 1);
    }

    void everyAcceptedActionIsVerified()
    {
        const QString web = LaunchScenario::waitingInstances(sim(), u"web"_s).value(0);
        const QStringList api = LaunchScenario::waitingInstances(sim(), u"api"_s);

        // A heartbeat: still waiting, deadline restarted.
        BulkActionJob* heartbeat = m_controller->heartbeat({ { u"api"_s, {}, api.at(0), {} } });
        QVERIFY(waitFinished(heartbeat));
        QCOMPARE(heartbeat->items().constFirst().state, ItemState::Done);
        QVERIFY(heartbeat->items().constFirst().verified);

        // CONTINUE on one hook of two: still waiting, on the other one.
        BulkActionJob* one = m_controller->complete({ { u"web"_s, u"warm-up"_s, web, {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(one));
        QVERIFY(one->items().constFirst().verified);
        QVERIFY2(
            one->items().constFirst().message.contains(u"register"_s), qPrintable(one->items().constFirst().message));
        QCOMPARE(sim().lifecycleState(web), u"Pending:Wait"_s);

        // ABANDON on launch: the instance moves on to termination.
        BulkActionJob* abandon = m_controller->complete({ { u"api"_s, {}, api.at(1), {} } }, u"ABANDON"_s);
        QVERIFY(waitFinished(abandon));
        QCOMPARE(abandon->items().constFirst().state, ItemState::Done);
        QVERIFY(abandon->items().constFirst().verified);
        QCOMPARE(abandon->verifiedCount(), 1);

        // The audit outcome records carry the verification.
        int verifiedOutcomes = 0;
        for (const AuditRecord& record : m_sim->audit->readAll()) {
            if (record.phase == u"outcome"_s) {
                QVERIFY(record.verified.has_value());
                verifiedOutcomes += *record.verified;
                QVERIFY(!record.note.isEmpty());
            }
        }
        QCOMPARE(verifiedOutcomes, 3);
    }

    void heartbeatCountsFromItsIntent()
    {
        // A clock that moves on by 10 s each time it is read: the intent, the answer and every recompute in
        // between see different times. The estimate must restart from the intent (the earliest), never from the
        // answer, or the deadline shown would be late.
        const QString id = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        auto ticks = std::make_shared<int>(0);
        const QDateTime base = sim().now();
        m_sim->store->estimator()->setClock([base, ticks] { return base.addSecs(10 * (*ticks)++); });
        BulkActionJob* job = m_controller->heartbeat({ { u"api"_s, {}, id, {} } });
        QVERIFY(waitFinished(job));
        const QDateTime sentAt = job->items().constFirst().sentAt;
        QVERIFY(sentAt.isValid());
        QVERIFY(sentAt < m_sim->store->estimator()->now());
        const PendingAction* after = m_sim->store->pendingAction(u"api"_s, id);
        QVERIFY(after);
        QCOMPARE(after->estimate.lastHeartbeat, sentAt);
        // The intent record carries the same time (another process counts from it).
        bool found = false;
        for (const AuditRecord& record : m_sim->audit->readAll()) {
            if (record.phase == u"intent"_s) {
                QCOMPARE(record.time, sentAt);
                found = true;
            }
        }
        QVERIFY(found);
    }

    void allPendingWithAHookActsOnItsTransitionOnly()
    {
        const QStringList targets = [this] {
            QStringList ids;
            for (const LifecycleActionTarget& target : m_controller->allPendingTargets({}, u"bootstrap"_s))
                ids << target.instanceId;
            ids.sort();
            return ids;
        }();
        QCOMPARE(targets, LaunchScenario::waitingInstances(sim(), u"api"_s));
        QVERIFY(m_controller->allPendingTargets(u"web"_s, u"drain"_s).isEmpty());
        QCOMPARE(m_controller->allPendingTargets(u"web"_s, u"register"_s).size(), 1);
    }

    void theConfirmedStateIsTheOneActedOn()
    {
        // Confirmed while the instance was in Terminating:Wait (say), but it is in Pending:Wait when the job runs: the
        // ABANDON the operator confirmed was for another transition, so nothing is sent.
        const QString id = LaunchScenario::waitingInstances(sim(), u"api"_s).value(0);
        LifecycleActionTarget target { u"api"_s, {}, id, {} };
        target.confirmedState = u"Terminating:Wait"_s;
        BulkActionJob* job = m_controller->complete({ target }, u"ABANDON"_s);
        QVERIFY(runRefused(job));
        QVERIFY2(job->items().constFirst().message.contains(u"not in Terminating:Wait as when you confirmed"_s),
            qPrintable(job->items().constFirst().message));
        target.confirmedState = u"Pending:Wait"_s;
        job = m_controller->complete({ target }, u"ABANDON"_s);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->items().constFirst().state, ItemState::Done);
    }

    void readOnlyStopsItemsStillQueued()
    {
        // Read-only switched on while a bulk action runs: the items not sent yet are refused, not sent.
        const QStringList api = LaunchScenario::waitingInstances(sim(), u"api"_s);
        m_controller->setMaxConcurrentRequests(1);
        BulkActionJob* job = m_controller->heartbeat(
            { { u"api"_s, u"bootstrap"_s, api.at(0), {} }, { u"api"_s, u"bootstrap"_s, api.at(1), {} } });
        connect(job, &BulkActionJob::itemChanged, this, [this, job](int index) {
            if (index == 0 && job->items().at(0).state == ItemState::Running)
                m_sim->session->setReadOnly(true);
        });
        QVERIFY(waitFinished(job));
        QCOMPARE(job->items().at(0).state, ItemState::Done);
        QCOMPARE(job->items().at(1).state, ItemState::Refused);
        QVERIFY(job->items().at(1).message.contains(u"Read-only"_s));
        int intents = 0;
        for (const AuditRecord& record : m_sim->audit->readAll())
            intents += record.phase == u"intent"_s;
        QCOMPARE(intents, 1);
    }

    void acceptedButNotInEffectIsReported()
    {
        // The read-back decides: an instance still in the wait after the last read is reported unverified, with
        // the time waited, never as a silent success.
        BulkActionJob::Item item;
        item.target = { u"api"_s, u"bootstrap"_s, u"i-0123456789abcdef0"_s, {} };
        item.stateBefore = u"Pending:Wait"_s;
        ActionOutcome::Reading reading { true, u"Pending:Wait"_s };
        ActionOutcome::Context context;
        context.result = u"CONTINUE"_s;
        context.expectLeave = true;
        context.lastRound = false;
        ActionOutcome::Decision decision = ActionOutcome::afterAccepted(item, reading, context);
        QVERIFY(!decision.settled);
        context.lastRound = true;
        context.waitedSeconds = 7;
        decision = ActionOutcome::afterAccepted(item, reading, context);
        QVERIFY(decision.settled);
        QCOMPARE(decision.state, ItemState::Done);
        QVERIFY(!decision.verified);
        QVERIFY2(decision.message.contains(u"7 s later the instance is still in Pending:Wait"_s),
            qPrintable(decision.message));

        // "No active action" while still waiting, with no earlier attempt: failed; left the wait: already completed.
        ActionOutcome::Context noActive;
        decision = ActionOutcome::afterNoActiveAction(item, reading, noActive);
        QCOMPARE(decision.state, ItemState::Failed);
        decision = ActionOutcome::afterNoActiveAction(item, { true, u"InService"_s }, noActive);
        QCOMPARE(decision.state, ItemState::AlreadyCompleted);
        decision = ActionOutcome::afterNoActiveAction(item, { false, {} }, noActive);
        QCOMPARE(decision.state, ItemState::AlreadyCompleted);
        // One hook of several, still waiting: already completed only with evidence (an earlier attempt or Hookdesk's
        // own completion), failed without.
        noActive.otherHooks = { u"register"_s };
        QCOMPARE(ActionOutcome::afterNoActiveAction(item, reading, noActive).state, ItemState::Failed);
        noActive.completedEarlier = true;
        QCOMPARE(ActionOutcome::afterNoActiveAction(item, reading, noActive).state, ItemState::AlreadyCompleted);
    }
};

QTEST_GUILESS_MAIN(TestTruthfulActions)
#include "tst_truthful_actions.moc"
