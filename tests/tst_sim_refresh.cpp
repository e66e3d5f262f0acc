#include "simengine.h"
#include "simulator.h"
#include "simulatorfixture.h"

#include <QTest>

using namespace Qt::StringLiterals;

// Instance refreshes on the simulator's stopped clock: batches that keep MinHealthyPercentage, a refresh that stalls
// on a launch hook and says so, cancel, rollback, and the service's errors for each wrong call.
namespace {
const QString kLaunching = u"autoscaling:EC2_INSTANCE_LAUNCHING"_s;

SimulatorOptions stoppedClock()
{
    return SimulatorFixture::quickPhases();
}

int countIn(Simulator& sim, const QString& group, const QString& state)
{
    int n = 0;
    for (const SimInstanceInfo& info : sim.instances(group))
        n += info.lifecycleState == state ? 1 : 0;
    return n;
}

QStringList ids(Simulator& sim, const QString& group)
{
    QStringList result;
    for (const SimInstanceInfo& info : sim.instances(group))
        result.append(info.instanceId);
    return result;
}

SimRefresh latest(Simulator& sim, const QString& group)
{
    const SimResult<QList<SimRefresh>> refreshes = sim.engine().instanceRefreshes(group);
    return refreshes && !refreshes->isEmpty() ? refreshes->constFirst() : SimRefresh {};
}

SimResult<QString> start(Simulator& sim, const QString& group, int minHealthy, int warmup = 10)
{
    SimEngine::RefreshSpec spec;
    spec.groupName = group;
    spec.minHealthyPercentage = minHealthy;
    spec.instanceWarmup = warmup;
    return sim.engine().startInstanceRefresh(spec);
}

// A group of `size` InService instances (hooks, if any, are added afterwards by the test).
void serviceGroup(Simulator& sim, const QString& name, int size)
{
    QVERIFY(sim.createGroup(name, 0, size * 2, size));
    sim.advance(10);
    QCOMPARE(countIn(sim, name, u"InService"_s), size);
}
} // namespace

class TestSimRefresh : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void batchesKeepMinHealthyPercentage()
    {
        Simulator sim(stoppedClock());
        serviceGroup(sim, u"web"_s, 10);
        const QStringList before = ids(sim, u"web"_s);
        const SimResult<QString> id = start(sim, u"web"_s, 80);
        QVERIFY(id);
        QCOMPARE(latest(sim, u"web"_s).status, u"Pending"_s);
        QCOMPARE(latest(sim, u"web"_s).instancesToUpdate(), 10);
        int minInService = 10;
        int seenInProgress = 0;
        for (int step = 0; step < 400 && latest(sim, u"web"_s).status != u"Successful"; ++step) {
            sim.advance(1);
            minInService = qMin(minInService, countIn(sim, u"web"_s, u"InService"_s));
            if (latest(sim, u"web"_s).status == u"InProgress")
                ++seenInProgress;
        }
        const SimRefresh done = latest(sim, u"web"_s);
        QCOMPARE(done.status, u"Successful"_s);
        QVERIFY(seenInProgress > 0);
        // 80 % of 10: never fewer than 8 in service, so two at a time (not one, not all).
        QCOMPARE(minInService, 8);
        QCOMPARE(done.percentageComplete(), 100);
        QCOMPARE(done.instancesToUpdate(), 0);
        QVERIFY(done.endTime.isValid());
        for (const QString& old : before)
            QVERIFY2(!ids(sim, u"web"_s).contains(old), qPrintable(old));
        QCOMPARE(countIn(sim, u"web"_s, u"InService"_s), 10);
    }

    void hundredPercentReplacesOneAtATime()
    {
        Simulator sim(stoppedClock());
        serviceGroup(sim, u"web"_s, 3);
        QVERIFY(start(sim, u"web"_s, 100));
        sim.advance(1);
        // One terminating, one launching, two untouched.
        QCOMPARE(countIn(sim, u"web"_s, u"InService"_s), 2);
        QCOMPARE(latest(sim, u"web"_s).instancesToUpdate(), 3);
    }

    void stallsOnALaunchHookAndProceedsWhenItIsCompleted()
    {
        Simulator sim(stoppedClock());
        serviceGroup(sim, u"api"_s, 4);
        QVERIFY(sim.putLifecycleHook(u"api"_s, u"smoke-test"_s, kLaunching, 3600, u"ABANDON"_s));
        QVERIFY(start(sim, u"api"_s, 75));
        sim.advance(30);
        // The replacement waits in Pending:Wait; nothing else moves, however long it waits (short of the timeout).
        QCOMPARE(countIn(sim, u"api"_s, u"Pending:Wait"_s), 1);
        sim.advance(1800);
        SimRefresh stalled = latest(sim, u"api"_s);
        QCOMPARE(stalled.status, u"InProgress"_s);
        QCOMPARE(stalled.percentageComplete(), 0);
        QCOMPARE(stalled.instancesToUpdate(), 4);
        QVERIFY2(stalled.statusReason.contains(u"lifecycle actions"_s), qPrintable(stalled.statusReason));
        const QList<SimPendingAction> pending = sim.pendingActions(u"api"_s);
        QCOMPARE(pending.size(), 1);
        QVERIFY(stalled.statusReason.contains(pending.first().instanceId));
        QCOMPARE(countIn(sim, u"api"_s, u"InService"_s), 3);

        QVERIFY(sim.engine().completeAction(u"api"_s, u"smoke-test"_s, {}, pending.first().instanceId, u"CONTINUE"_s));
        sim.advance(20); // Pending:Proceed → InService, then the warm-up
        const SimRefresh moving = latest(sim, u"api"_s);
        QCOMPARE(moving.percentageComplete(), 25);
        QCOMPARE(moving.instancesToUpdate(), 3);
        QVERIFY(!moving.statusReason.contains(pending.first().instanceId));
        // The next batch stalls on its own replacement's hook.
        QCOMPARE(sim.pendingActions(u"api"_s).size(), 1);
        QVERIFY(sim.pendingActions(u"api"_s).first().instanceId != pending.first().instanceId);
    }

    void oneActiveRefreshAGroup()
    {
        Simulator sim(stoppedClock());
        serviceGroup(sim, u"web"_s, 2);
        QVERIFY(start(sim, u"web"_s, 90));
        const SimResult<QString> second = start(sim, u"web"_s, 90);
        QVERIFY(!second);
        QCOMPARE(second.error().code, u"InstanceRefreshInProgress"_s);
        QCOMPARE(second.error().message,
            u"An Instance Refresh is already in progress and blocks the execution of this Instance Refresh."_s);
        const SimResult<QString> stranger = start(sim, u"nope"_s, 90);
        QVERIFY(!stranger);
        QCOMPARE(stranger.error().code, u"ValidationError"_s);
        serviceGroup(sim, u"other"_s, 1);
        const SimResult<QString> outOfRange = start(sim, u"other"_s, 101);
        QVERIFY(!outOfRange);
        QVERIFY(outOfRange.error().message.contains(u"minHealthyPercentage"_s));
    }

    void cancelFinishesTheBatchInFlightOnly()
    {
        Simulator sim(stoppedClock());
        serviceGroup(sim, u"api"_s, 4);
        QVERIFY(sim.putLifecycleHook(u"api"_s, u"smoke-test"_s, kLaunching, 3600, u"ABANDON"_s));
        const SimResult<QString> id = start(sim, u"api"_s, 75);
        sim.advance(30);
        const SimResult<QString> cancelled = sim.engine().cancelInstanceRefresh(u"api"_s);
        QVERIFY(cancelled);
        QCOMPARE(*cancelled, *id);
        sim.advance(5);
        QCOMPARE(latest(sim, u"api"_s).status, u"Cancelling"_s); // the stalled batch still holds it
        const QString waiting = sim.pendingActions(u"api"_s).first().instanceId;
        QVERIFY(sim.engine().completeAction(u"api"_s, u"smoke-test"_s, {}, waiting, u"CONTINUE"_s));
        sim.advance(30);
        const SimRefresh after = latest(sim, u"api"_s);
        QCOMPARE(after.status, u"Cancelled"_s);
        QVERIFY(after.endTime.isValid());
        QCOMPARE(after.instancesToUpdate(), 3); // three were never started
        QCOMPARE(sim.pendingActions(u"api"_s).size(), 0);
        // Nothing active any more: a second cancel is the service's error, and a new refresh may start.
        const SimResult<QString> again = sim.engine().cancelInstanceRefresh(u"api"_s);
        QVERIFY(!again);
        QCOMPARE(again.error().code, u"ActiveInstanceRefreshNotFound"_s);
        QVERIFY(again.error().message.contains(u"api"_s));
        QVERIFY(start(sim, u"api"_s, 75));
    }

    void rollbackReplacesWhatTheRefreshLaunched()
    {
        Simulator sim(stoppedClock());
        serviceGroup(sim, u"web"_s, 6);
        const QStringList originals = ids(sim, u"web"_s);
        QVERIFY(start(sim, u"web"_s, 67, 5)); // one at a time: 5 of 6 stay in service
        for (int step = 0; step < 60 && latest(sim, u"web"_s).percentageComplete() == 0; ++step)
            sim.advance(1);
        const SimRefresh first = latest(sim, u"web"_s);
        QCOMPARE(first.percentageComplete(), 16); // one of six
        QStringList untouched; // originals the refresh had not started on: a rollback leaves them be
        for (const SimInstanceInfo& info : sim.instances(u"web"_s)) {
            if (originals.contains(info.instanceId) && info.lifecycleState == u"InService")
                untouched.append(info.instanceId);
        }
        QVERIFY(!untouched.isEmpty());
        const SimResult<QString> rolled = sim.engine().rollbackInstanceRefresh(u"web"_s);
        QVERIFY(rolled);
        SimRefresh rolling = latest(sim, u"web"_s);
        QCOMPARE(rolling.status, u"RollbackInProgress"_s);
        QVERIFY(rolling.rolledBack);
        QCOMPARE(rolling.percentageOnRollback, 16);
        QCOMPARE(rolling.instancesToUpdateOnRollback, 5);
        // Everything it launched goes again, the replacements still launching included.
        int launched = 0;
        for (const SimInstanceInfo& info : sim.instances(u"web"_s))
            launched += !originals.contains(info.instanceId) && !info.lifecycleState.startsWith(u"Terminat"_s) ? 1 : 0;
        QCOMPARE(launched, 2); // the one replaced and the one launching
        QCOMPARE(rolling.instancesToUpdate(), launched);
        // Rolling back cannot be cancelled or rolled back again.
        QCOMPARE(sim.engine().cancelInstanceRefresh(u"web"_s).error().code, u"ActiveInstanceRefreshNotFound"_s);
        QCOMPARE(sim.engine().rollbackInstanceRefresh(u"web"_s).error().code, u"ActiveInstanceRefreshNotFound"_s);
        for (int step = 0; step < 200 && latest(sim, u"web"_s).status == u"RollbackInProgress"; ++step)
            sim.advance(1);
        QCOMPARE(latest(sim, u"web"_s).status, u"RollbackSuccessful"_s);
        // The untouched originals are still there; everything the refresh launched was replaced again.
        const QStringList now = ids(sim, u"web"_s);
        for (const QString& id : std::as_const(untouched))
            QVERIFY(now.contains(id));
        for (const SimInstanceInfo& info : sim.instances(u"web"_s))
            QVERIFY(untouched.contains(info.instanceId) || !originals.contains(info.instanceId));
        QCOMPARE(countIn(sim, u"web"_s, u"InService"_s), 6);
    }

    void rollbackWithoutARefreshIsRefused()
    {
        Simulator sim(stoppedClock());
        serviceGroup(sim, u"web"_s, 1);
        const SimResult<QString> rolled = sim.engine().rollbackInstanceRefresh(u"web"_s);
        QVERIFY(!rolled);
        QCOMPARE(rolled.error().code, u"ActiveInstanceRefreshNotFound"_s);
        QCOMPARE(sim.engine().rollbackInstanceRefresh(u"nope"_s).error().code, u"ValidationError"_s);
        QCOMPARE(sim.engine().instanceRefreshes(u"nope"_s).error().code, u"ValidationError"_s);
    }

    void demoHasAStalledRefresh()
    {
        Simulator demo(stoppedClock());
        QVERIFY(demo.loadDemoScenario());
        demo.advance(120);
        const SimRefresh refresh = latest(demo, u"api-rollout"_s);
        QCOMPARE(refresh.status, u"InProgress"_s);
        QVERIFY2(refresh.statusReason.contains(u"lifecycle actions"_s), qPrintable(refresh.statusReason));
        QCOMPARE(demo.pendingActions(u"api-rollout"_s).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSimRefresh)
#include "tst_sim_refresh.moc"
