// ActionController end to end against the in-process simulator: CONTINUE moves an instance to InService, a bulk
// ABANDON with one instance already gone reports two done and one already completed, read-only sends nothing,
// the audit intent is on disk before the answer, heartbeats move the estimate the way the service moves the
// deadline, hooks are created and deleted, failed items can be retried.
#include "actioncontroller.h"
#include "autoscalingclient.h"
#include "launchscenario.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

namespace {

using LaunchScenario::waitingInstances;

bool waitFinished(BulkActionJob* job)
{
    QSignalSpy finished(job, &BulkActionJob::finished);
    return job->isFinished() || finished.wait(10000);
}

} // namespace

class TestActionController : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;
    std::unique_ptr<ActionController> m_controller;

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start(LaunchScenario::Json, &error), qPrintable(error));
        QVERIFY(m_sim->refresh());
        m_controller = std::make_unique<ActionController>(m_sim->session.get(), m_sim->store.get(), m_sim->audit.get());
    }

    void cleanup()
    {
        m_controller.reset();
        m_sim.reset();
    }

    void continueSelectedInstance()
    {
        Simulator& sim = m_sim->fixture.simulator();
        const QString id = waitingInstances(sim, u"web"_s).value(0);
        QVERIFY(!id.isEmpty());
        const PendingAction* pending = m_sim->store->pendingAction(u"web"_s, id);
        QVERIFY(pending);
        QCOMPARE(pending->hookNames(), (QStringList { u"register"_s, u"warm-up"_s }));

        BulkActionJob* job = m_controller->complete({ { u"web"_s, {}, id, {} } }, u"CONTINUE"_s);
        QSignalSpy progress(job, &BulkActionJob::progress);
        QVERIFY(waitFinished(job));
        // No hook named: both hooks the instance waits on were completed.
        QCOMPARE(job->count(), 2);
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 2);
        QVERIFY(job->succeeded());
        QCOMPARE(progress.count(), 2);
        QCOMPARE(progress.last().at(0).toInt(), 2);
        for (const BulkActionJob::Item& item : job->items())
            QVERIFY(!item.requestId.isEmpty());

        QCOMPARE(sim.lifecycleState(id), u"Pending:Proceed"_s);
        sim.advance(5);
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);

        // The audit log: intent then outcome for each hook, with the request ID of the answer.
        const QList<AuditRecord> records = m_sim->audit->readAll();
        QCOMPARE(records.size(), 4);
        int intents = 0;
        for (const AuditRecord& r : records) {
            QCOMPARE(r.action, u"CompleteLifecycleAction"_s);
            QCOMPARE(r.instance, id);
            QCOMPARE(r.result, u"CONTINUE"_s);
            QCOMPARE(r.profile, u"sim-test"_s);
            QCOMPARE(r.region, m_sim->fixture->options().region);
            if (r.phase == u"intent"_s) {
                ++intents;
                QVERIFY(r.outcome.isEmpty());
            } else {
                QCOMPARE(r.outcome, u"done"_s);
                QVERIFY(!r.requestId.isEmpty());
            }
        }
        QCOMPARE(intents, 2);

        // Only the affected group is refreshed afterwards, and the pending view follows.
        QTRY_VERIFY(!m_sim->store->isRefreshing());
        QTRY_VERIFY(
            !m_sim->store->pendingAction(u"web"_s, id) || !m_sim->store->pendingAction(u"web"_s, id)->actionable);
    }

    void bulkAbandonWithOneAlreadyGone()
    {
        Simulator& sim = m_sim->fixture.simulator();
        const QStringList ids = waitingInstances(sim, u"api"_s);
        QCOMPARE(ids.size(), 3);
        // Someone else finishes the first one behind Hookdesk's back: the store still shows it waiting.
        {
            auto* other = m_sim->session->autoScaling()->completeLifecycleAction(
                { u"api"_s, u"bootstrap"_s, ids.at(0), {} }, u"CONTINUE"_s);
            QSignalSpy done(other, &AwsJob::finished);
            QVERIFY(done.wait(5000));
        }
        QVERIFY(m_sim->store->pendingAction(u"api"_s, ids.at(0))->actionable);
        const int requestsBefore = sim.requestCount();

        QList<LifecycleActionTarget> targets;
        for (const QString& id : ids)
            targets.append({ u"api"_s, {}, id, {} });
        BulkActionJob* job = m_controller->complete(targets, u"ABANDON"_s);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->count(), 3);
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 2);
        QCOMPARE(job->countIn(BulkActionJob::ItemState::AlreadyCompleted), 1);
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Failed), 0);
        QVERIFY(job->succeeded());
        const BulkActionJob::Item& gone = job->items().at(0);
        QCOMPARE(gone.target.instanceId, ids.at(0));
        QCOMPARE(gone.state, BulkActionJob::ItemState::AlreadyCompleted);
        QVERIFY(gone.error.isNoActiveLifecycleAction());
        QVERIFY(sim.requestCount() >= requestsBefore + 3);
        // ABANDON on launch: the two still waiting are terminated.
        QVERIFY(sim.lifecycleState(ids.at(1)).startsWith(u"Terminating"_s) || sim.lifecycleState(ids.at(1)).isEmpty());
        QVERIFY(sim.lifecycleState(ids.at(2)).startsWith(u"Terminating"_s) || sim.lifecycleState(ids.at(2)).isEmpty());

        int alreadyOutcomes = 0;
        for (const AuditRecord& r : m_sim->audit->readAll())
            alreadyOutcomes += r.outcome == u"already-completed"_s;
        QCOMPARE(alreadyOutcomes, 1);
    }

    void instanceNoLongerWaitingInStore()
    {
        // The store already knows it left the wait: reported as already completed, nothing sent for it.
        Simulator& sim = m_sim->fixture.simulator();
        const QString id = waitingInstances(sim, u"api"_s).value(0);
        auto* other = m_sim->session->autoScaling()->completeLifecycleAction(
            { u"api"_s, u"bootstrap"_s, id, {} }, u"CONTINUE"_s);
        QSignalSpy done(other, &AwsJob::finished);
        QVERIFY(done.wait(5000));
        QVERIFY(m_sim->refresh());
        const int requestsBefore = sim.requestCount();
        BulkActionJob* job = m_controller->heartbeat({ { u"api"_s, {}, id, {} } });
        QVERIFY(waitFinished(job));
        QCOMPARE(job->countIn(BulkActionJob::ItemState::AlreadyCompleted), 1);
        QVERIFY(job->items().at(0).message.contains(u"Pending:Proceed"_s));
        QCOMPARE(sim.requestCount(), requestsBefore);

        // An instance that is not in the group at all is an error, not "already completed": refused, not sent.
        job = m_controller->complete({ { u"api"_s, {}, u"i-doesnotexist"_s, {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Refused), 1);
        QVERIFY(!job->succeeded());
        for (const AuditRecord& record : m_sim->audit->readAll())
            QVERIFY(record.instance != u"i-doesnotexist"_s); // nothing was sent, so no intent either
    }

    void readOnlySendsNothing()
    {
        Simulator& sim = m_sim->fixture.simulator();
        m_sim->session->setReadOnly(true);
        QTRY_VERIFY(!m_sim->store->isRefreshing());
        const int requestsBefore = sim.requestCount();
        const QStringList ids = waitingInstances(sim, u"api"_s);

        QList<BulkActionJob*> jobs {
            m_controller->complete({ { u"api"_s, {}, ids.at(0), {} } }, u"ABANDON"_s),
            m_controller->heartbeat({ { u"api"_s, u"bootstrap"_s, ids.at(1), {} } }),
            m_controller->putHook(
                { u"api"_s, u"new-hook"_s, QLatin1String(LifecycleTransition::Launching), 60, {}, {}, {}, {} }),
            m_controller->deleteHook(u"api"_s, u"bootstrap"_s),
        };
        for (BulkActionJob* job : jobs) {
            QVERIFY(waitFinished(job));
            QCOMPARE(job->countIn(BulkActionJob::ItemState::Refused), job->count());
            QVERIFY(!job->succeeded());
            QVERIFY(job->items().at(0).message.contains(u"Read-only"_s));
        }
        QTest::qWait(100);
        QCOMPARE(sim.requestCount(), requestsBefore);
        QCOMPARE(waitingInstances(sim, u"api"_s), ids);
        QCOMPARE(m_sim->audit->readAll().size(), 0);
    }

    void intentIsOnDiskBeforeTheAnswer()
    {
        // What the audit file holds at the moment the simulator has handled the request, read by a separate reader:
        // deterministic, where checking "still running" after a slow answer raced with a loaded machine.
        Simulator& sim = m_sim->fixture.simulator();
        const QString id = waitingInstances(sim, u"api"_s).value(0);
        QList<AuditRecord> atArrival;
        bool served = false;
        const QString path = m_sim->audit->path();
        QObject guard;
        connect(&sim, &Simulator::requestServed, &guard, [&](const QString& action, int) {
            if (action == u"CompleteLifecycleAction"_s && !served) {
                served = true;
                atArrival = AuditLog(path).readAll();
            }
        });
        BulkActionJob* job = m_controller->complete({ { u"api"_s, u"bootstrap"_s, id, {} } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(job));
        QVERIFY(served);
        QCOMPARE(atArrival.size(), 1);
        QCOMPARE(atArrival.at(0).phase, u"intent"_s);
        QCOMPARE(atArrival.at(0).hook, u"bootstrap"_s);
        QCOMPARE(atArrival.at(0).instance, id);
        QCOMPARE(AuditLog(path).readAll().size(), 2);
    }

    void heartbeatMovesTheEstimateLikeTheService()
    {
        Simulator& sim = m_sim->fixture.simulator();
        const QString id = waitingInstances(sim, u"api"_s).value(0);
        const PendingAction* before = m_sim->store->pendingAction(u"api"_s, id);
        QVERIFY(before && before->estimate.isValid());
        // The wait start comes from the scaling activity, and matches the simulator's own record.
        QList<SimPendingAction> actions = sim.pendingActions(u"api"_s);
        const auto it
            = std::find_if(actions.cbegin(), actions.cend(), [&id](const auto& a) { return a.instanceId == id; });
        QVERIFY(it != actions.cend());
        QCOMPARE(before->estimate.startSource, DeadlineEstimate::StartSource::Activity);
        QVERIFY(qAbs(before->estimate.deadline.secsTo(it->deadline)) <= 2);

        sim.advance(600);
        BulkActionJob* job = m_controller->heartbeat({ { u"api"_s, {}, id, {} } });
        QVERIFY(waitFinished(job));
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 1);
        const PendingAction* after = m_sim->store->pendingAction(u"api"_s, id);
        QVERIFY(after);
        QCOMPARE(after->estimate.lastHeartbeat, sim.now());
        QCOMPARE(after->estimate.deadline, sim.now().addSecs(1800));
        actions = sim.pendingActions(u"api"_s);
        const auto moved
            = std::find_if(actions.cbegin(), actions.cend(), [&id](const auto& a) { return a.instanceId == id; });
        QVERIFY(qAbs(after->estimate.deadline.secsTo(moved->deadline)) <= 2);
    }

    void hookCreateAndDelete()
    {
        PutLifecycleHookRequest request;
        request.groupName = u"web"_s;
        request.hookName = u"audit-terminate"_s;
        request.transition = QLatin1String(LifecycleTransition::Terminating);
        request.heartbeatTimeout = 120;
        request.defaultResult = u"CONTINUE"_s;
        request.notificationMetadata = u"from-test"_s;
        QSignalSpy hooksChanged(m_sim->store.get(), &InventoryStore::hooksChanged);
        BulkActionJob* job = m_controller->putHook(request);
        QVERIFY(waitFinished(job));
        QVERIFY2(job->succeeded(), qPrintable(job->items().at(0).message));
        // The targeted refresh brings the new hook into the store.
        QTRY_VERIFY(
            std::any_of(m_sim->store->group(u"web"_s)->hooks.cbegin(), m_sim->store->group(u"web"_s)->hooks.cend(),
                [](const LifecycleHook& h) { return h.name == u"audit-terminate"_s && h.heartbeatTimeout == 120; }));

        job = m_controller->deleteHook(u"web"_s, u"audit-terminate"_s);
        QVERIFY(waitFinished(job));
        QVERIFY(job->succeeded());
        QTRY_COMPARE(m_sim->store->group(u"web"_s)->hooks.size(), 2);

        // Invalid input is refused before anything is sent (and before any audit record).
        const int records = int(m_sim->audit->readAll().size());
        request.heartbeatTimeout = 5;
        job = m_controller->putHook(request);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Refused), 1);
        QCOMPARE(m_sim->audit->readAll().size(), records);
    }

    void retryFailedItems()
    {
        Simulator& sim = m_sim->fixture.simulator();
        const QStringList ids = waitingInstances(sim, u"api"_s);
        SimFaults unavailable;
        unavailable.unavailableRate = 1.0; // every attempt, retries included, gets a 503
        sim.setFaults(unavailable);
        QList<LifecycleActionTarget> targets;
        for (const QString& id : ids)
            targets.append({ u"api"_s, u"bootstrap"_s, id, {} });
        BulkActionJob* job = m_controller->complete(targets, u"CONTINUE"_s);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Failed), 3);
        QVERIFY(!job->succeeded());
        QCOMPARE(job->items().at(0).error.httpStatus, 503);
        QCOMPARE(waitingInstances(sim, u"api"_s), ids);
        sim.setFaults({});

        QSignalSpy finishedAgain(job, &BulkActionJob::finished);
        job->retryFailed();
        QVERIFY(finishedAgain.wait(10000));
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 3);
        QVERIFY(job->succeeded());
        QCOMPARE(waitingInstances(sim, u"api"_s), QStringList());
    }

    void tokenNeedsAHook()
    {
        const QString token = m_sim->fixture->pendingTokens().value(0);
        QVERIFY(!token.isEmpty());
        BulkActionJob* job = m_controller->complete({ { u"api"_s, {}, {}, token } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Refused), 1);

        const SimPendingAction action = m_sim->fixture->pendingActions().constFirst();
        job = m_controller->complete({ { action.groupName, action.hookName, {}, action.token } }, u"CONTINUE"_s);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 1);
        QVERIFY(!m_sim->fixture->pendingTokens().contains(action.token));
    }
};

QTEST_GUILESS_MAIN(TestActionController)
#include "tst_actioncontroller.moc"
