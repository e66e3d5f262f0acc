#include "simengine.h"
#include "simulator.h"

#include <QTest>
#include <algorithm>

using namespace Qt::StringLiterals;

// Warm pools on the simulator's stopped clock (design.md §3): the two pauses of a launching instance, reuse on scale
// in pausing for the terminating hook, pool instances kept out of the group's Instances, DeleteWarmPool, and the
// service's refusals. Each outcome is read back from the engine's state, not taken from a call's answer.
namespace {
const QString kLaunching = u"autoscaling:EC2_INSTANCE_LAUNCHING"_s;
const QString kTerminating = u"autoscaling:EC2_INSTANCE_TERMINATING"_s;

SimulatorOptions stoppedClock()
{
    SimulatorOptions options;
    options.clockRunning = false;
    options.verifySignatures = false;
    return options;
}

QStringList poolIds(Simulator& sim, const QString& group, const QString& state = {})
{
    QStringList ids;
    for (const SimInstance* instance : sim.engine().warmPoolInstances(group)) {
        if (state.isEmpty() || instance->state.toString() == state)
            ids.append(instance->id);
    }
    return ids;
}

QStringList groupIds(Simulator& sim, const QString& group)
{
    // What DescribeAutoScalingGroups lists as the group's Instances.
    QStringList ids;
    for (const SimInstance* instance : sim.engine().instancesOf(group))
        ids.append(instance->id);
    return ids;
}

QStringList hooksWaitedOn(Simulator& sim, const QString& instanceId)
{
    QStringList hooks;
    for (const SimPendingAction& action : sim.pendingActions()) {
        if (action.instanceId == instanceId)
            hooks.append(action.hookName);
    }
    return hooks;
}

bool hasActivity(Simulator& sim, const QString& group, const QString& description)
{
    const QList<const SimActivity*> activities = sim.engine().activities(group);
    return std::any_of(activities.cbegin(), activities.cend(),
        [&description](const SimActivity* activity) { return activity->description == description; });
}

QString errorText(const SimResult<void>& result)
{
    return result ? QString() : result.error().code + u": "_s + result.error().message;
}

SimEngine::WarmPoolSpec pool(const QString& group, int minSize, int maxPrepared, bool reuse = false)
{
    SimEngine::WarmPoolSpec spec;
    spec.groupName = group;
    spec.minSize = minSize;
    spec.maxGroupPreparedCapacity = maxPrepared;
    spec.reuseOnScaleIn = reuse;
    return spec;
}
} // namespace

class TestSimWarmPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void launchHookPausesTwice()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 0));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"boot"_s, kLaunching, 600, u"ABANDON"_s));
        QVERIFY(sim.engine().putWarmPool(pool(u"web"_s, 1, 1)));
        QCOMPARE(poolIds(sim, u"web"_s, u"Warmed:Pending"_s).size(), 1);
        sim.advance(3);
        const QString id = poolIds(sim, u"web"_s, u"Warmed:Pending:Wait"_s).value(0);
        QVERIFY(!id.isEmpty());
        // First pause: in the pool, listed only by DescribeWarmPool, waiting on the launch hook.
        QVERIFY(groupIds(sim, u"web"_s).isEmpty());
        QCOMPARE(hooksWaitedOn(sim, id), QStringList { u"boot"_s });
        QVERIFY(hasActivity(sim, u"web"_s, u"Launching a new EC2 instance into warm pool: "_s + id));
        QVERIFY(sim.engine().completeAction(u"web"_s, u"boot"_s, {}, id, u"CONTINUE"_s));
        QCOMPARE(sim.lifecycleState(id), u"Warmed:Pending:Proceed"_s);
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Warmed:Stopped"_s);
        QVERIFY(groupIds(sim, u"web"_s).isEmpty());

        // Scale out: the warmed instance leaves the pool through Pending and the launch hook runs a second time.
        QVERIFY(sim.setDesiredCapacity(u"web"_s, 1));
        QCOMPARE(groupIds(sim, u"web"_s), QStringList { id });
        QCOMPARE(sim.lifecycleState(id), u"Pending"_s);
        QVERIFY(!poolIds(sim, u"web"_s).contains(id));
        QVERIFY(hasActivity(sim, u"web"_s, u"Launching a new EC2 instance from warm pool: "_s + id));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Pending:Wait"_s);
        QCOMPARE(hooksWaitedOn(sim, id), QStringList { u"boot"_s });
        QVERIFY(sim.engine().completeAction(u"web"_s, u"boot"_s, {}, id, u"CONTINUE"_s));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);
        // MinSize 1 keeps one instance in the pool: a new one was launched into it.
        const QStringList refill = poolIds(sim, u"web"_s);
        QCOMPARE(refill.size(), 1);
        QVERIFY(refill.first() != id);
    }

    void abandonOnTheWayInTerminatesAndReplaces()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 0));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"boot"_s, kLaunching, 600, u"CONTINUE"_s));
        QVERIFY(sim.engine().putWarmPool(pool(u"web"_s, 1, 1)));
        sim.advance(3);
        const QString id = poolIds(sim, u"web"_s, u"Warmed:Pending:Wait"_s).value(0);
        QVERIFY(sim.engine().completeAction(u"web"_s, u"boot"_s, {}, id, u"ABANDON"_s));
        QCOMPARE(sim.lifecycleState(id), u"Warmed:Terminating"_s);
        sim.advance(10);
        QVERIFY(sim.lifecycleState(id).isEmpty()); // terminated and gone
        QCOMPARE(poolIds(sim, u"web"_s).size(), 1); // replaced
    }

    void reuseOnScaleInWaitsForTheTerminatingHook()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 1));
        sim.advance(10);
        const QString id = groupIds(sim, u"web"_s).value(0);
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"boot"_s, kLaunching, 600, u"ABANDON"_s));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"drain"_s, kTerminating, 600, u"CONTINUE"_s));
        QVERIFY(sim.engine().putWarmPool(pool(u"web"_s, 0, 1, true)));
        QVERIFY(poolIds(sim, u"web"_s).isEmpty()); // max prepared 1 - desired 1: no room yet

        QVERIFY(sim.setDesiredCapacity(u"web"_s, 0));
        QVERIFY(groupIds(sim, u"web"_s).isEmpty());
        QCOMPARE(poolIds(sim, u"web"_s), QStringList { id });
        QCOMPARE(sim.lifecycleState(id), u"Warmed:Pending"_s);
        QVERIFY(hasActivity(sim, u"web"_s, u"Returning EC2 instance to warm pool: "_s + id));
        sim.advance(3);
        // The same state as on the way in, but the terminating hook is the one waited on.
        QCOMPARE(sim.lifecycleState(id), u"Warmed:Pending:Wait"_s);
        QCOMPARE(hooksWaitedOn(sim, id), QStringList { u"drain"_s });
        QCOMPARE(errorText(sim.engine().completeAction(u"web"_s, u"boot"_s, {}, id, u"CONTINUE"_s)),
            u"ValidationError: No active Lifecycle Action found with instance ID "_s + id);
        // Another group's name does not reach it either.
        QVERIFY(sim.createGroup(u"other"_s, 0, 1, 0));
        QVERIFY(sim.putLifecycleHook(u"other"_s, u"drain"_s, kTerminating, 600, u"CONTINUE"_s));
        QVERIFY(!sim.engine().completeAction(u"other"_s, u"drain"_s, {}, id, u"CONTINUE"_s));
        QCOMPARE(sim.lifecycleState(id), u"Warmed:Pending:Wait"_s);
        QVERIFY(sim.engine().recordHeartbeat(u"web"_s, u"drain"_s, {}, id));
        QVERIFY(sim.engine().completeAction(u"web"_s, u"drain"_s, {}, id, u"CONTINUE"_s));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Warmed:Stopped"_s);
        QVERIFY(groupIds(sim, u"web"_s).isEmpty());
    }

    void withoutReuseScaleInTerminates()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 1));
        sim.advance(10);
        const QString id = groupIds(sim, u"web"_s).value(0);
        QVERIFY(sim.engine().putWarmPool(pool(u"web"_s, 0, 1, false)));
        QVERIFY(sim.setDesiredCapacity(u"web"_s, 0));
        QCOMPARE(sim.lifecycleState(id), u"Terminating"_s);
        QVERIFY(!poolIds(sim, u"web"_s).contains(id));
    }

    void deleteWarmPoolRemovesItsInstances()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 0));
        QVERIFY(sim.engine().putWarmPool(pool(u"web"_s, 2, 2)));
        sim.advance(10);
        QCOMPARE(poolIds(sim, u"web"_s, u"Warmed:Stopped"_s).size(), 2);
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"drain"_s, kTerminating, 600, u"CONTINUE"_s));
        QVERIFY(sim.engine().deleteWarmPool(u"web"_s, false));
        QVERIFY(sim.engine().group(u"web"_s)->warmPool->pendingDelete);
        sim.advance(3);
        const QStringList leaving = poolIds(sim, u"web"_s, u"Warmed:Terminating:Wait"_s);
        QCOMPARE(leaving.size(), 2);
        QVERIFY(hasActivity(sim, u"web"_s, u"Terminating EC2 instance from warm pool: "_s + leaving.first()));
        // A pool being deleted is not re-configured.
        QCOMPARE(sim.engine().putWarmPool(pool(u"web"_s, 1, 1)).error().code, u"ResourceInUse"_s);
        for (const QString& id : leaving)
            QVERIFY(sim.engine().completeAction(u"web"_s, u"drain"_s, {}, id, u"CONTINUE"_s));
        sim.advance(3);
        QCOMPARE(poolIds(sim, u"web"_s, u"Warmed:Terminated"_s).size(), 2);
        sim.advance(3);
        QVERIFY(poolIds(sim, u"web"_s).isEmpty());
        QVERIFY(!sim.engine().group(u"web"_s)->warmPool); // deletion complete

        QVERIFY(sim.engine().putWarmPool(pool(u"web"_s, 1, 1)));
        QCOMPARE(poolIds(sim, u"web"_s).size(), 1);
        QVERIFY(sim.engine().deleteWarmPool(u"web"_s, true));
        QVERIFY(poolIds(sim, u"web"_s).isEmpty());
        QVERIFY(!sim.engine().group(u"web"_s)->warmPool);
    }

    void refusals()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 0));
        QCOMPARE(errorText(sim.engine().putWarmPool(pool(u"nope"_s, 1, 1))),
            u"ValidationError: AutoScalingGroup name not found - No such Auto Scaling group: nope"_s);
        QCOMPARE(errorText(sim.engine().deleteWarmPool(u"web"_s, false)),
            u"ValidationError: No warm pool found for Auto Scaling group web."_s);
        QVERIFY(errorText(sim.engine().putWarmPool(pool(u"web"_s, -1, 1))).contains(u"'minSize'"_s));
        QVERIFY(errorText(sim.engine().putWarmPool(pool(u"web"_s, 0, -2))).contains(u"'maxGroupPreparedCapacity'"_s));
        SimEngine::WarmPoolSpec frozen = pool(u"web"_s, 0, 1);
        frozen.poolState = u"Frozen"_s;
        QVERIFY(errorText(sim.engine().putWarmPool(frozen)).contains(u"[Stopped, Running, Hibernated]"_s));
        QVERIFY(!sim.engine().group(u"web"_s)->warmPool); // nothing was created by a refused call
        // A group with a pool cannot be deleted without ForceDelete while the pool has instances.
        QVERIFY(sim.engine().putWarmPool(pool(u"web"_s, 1, 1)));
        QCOMPARE(sim.engine().deleteGroup(u"web"_s, false).error().code, u"ResourceInUse"_s);
        // TerminateInstanceInAutoScalingGroup is not for warm-pool instances: refused, the instance stays.
        const QString warm = poolIds(sim, u"web"_s).value(0);
        QVERIFY(!warm.isEmpty());
        const QString stateBefore = sim.lifecycleState(warm);
        const SimResult<QString> terminated = sim.engine().terminateInstance(warm, false);
        QVERIFY(!terminated);
        QCOMPARE(terminated.error().code, u"ValidationError"_s);
        QVERIFY2(terminated.error().message.contains(u"cannot be called on instances in a warm pool"_s),
            qPrintable(terminated.error().message));
        QCOMPARE(sim.lifecycleState(warm), stateBefore);
        QCOMPARE(poolIds(sim, u"web"_s).value(0), warm);
    }

    void demoScenarioHasAWarmPool()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.loadDemoScenario());
        const SimGroup* group = sim.engine().group(u"warm-workers"_s);
        QVERIFY(group && group->warmPool);
        QVERIFY(group->warmPool->reuseOnScaleIn);
        QVERIFY(poolIds(sim, u"warm-workers"_s, u"Warmed:Stopped"_s).size() >= 2);
        const QStringList waiting = poolIds(sim, u"warm-workers"_s, u"Warmed:Pending:Wait"_s);
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(hooksWaitedOn(sim, waiting.first()), QStringList { u"bootstrap"_s });
        for (const QString& id : poolIds(sim, u"warm-workers"_s))
            QVERIFY(!groupIds(sim, u"warm-workers"_s).contains(id));
    }
};

QTEST_GUILESS_MAIN(TestSimWarmPool)
#include "tst_sim_warmpool.moc"
