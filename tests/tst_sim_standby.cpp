#include "simengine.h"
#include "simstate.h"
#include "simulator.h"

#include <QTest>

using namespace Qt::StringLiterals;

// SetInstanceHealth, EnterStandby and ExitStandby on the simulator's own clock (stopped; advance() moves it): an
// Unhealthy instance is replaced through its terminating hooks, a standby move changes the desired capacity or
// launches a replacement, an instance leaving Standby runs its launch hooks again, and every wrong target is
// refused with nothing changed.
namespace {
const QString kLaunching = u"autoscaling:EC2_INSTANCE_LAUNCHING"_s;
const QString kTerminating = u"autoscaling:EC2_INSTANCE_TERMINATING"_s;

using SimState::idsInState;
using SimState::stoppedClock;

QString errorOf(const SimResult<QStringList>& result)
{
    return result ? QString() : result.error().code + u": "_s + result.error().message;
}

QString errorOf(const SimResult<void>& result)
{
    return result ? QString() : result.error().code + u": "_s + result.error().message;
}

// A group of `count` InService instances (no hooks while they launch), desired = count.
bool inServiceGroup(Simulator& sim, const QString& name, int minSize, int maxSize, int count)
{
    if (!sim.createGroup(name, minSize, maxSize, count))
        return false;
    sim.advance(5);
    return idsInState(sim, name, u"InService"_s).size() == count;
}
} // namespace

class TestSimStandby : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void unhealthyIsReplacedThroughTheTerminatingHooks()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 0, 4, 1));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"drain"_s, kTerminating, 600, u"CONTINUE"_s));
        const QString id = idsInState(sim, u"web"_s, u"InService"_s).first();
        SimEngine& engine = sim.engine();

        // Just in service: inside the 300 s grace period a report that respects it is ignored.
        QVERIFY(engine.setInstanceHealth(id, u"Unhealthy"_s, true));
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);
        QCOMPARE(engine.instance(id)->healthStatus, u"Healthy"_s);
        QCOMPARE(sim.instances(u"web"_s).size(), 1);

        // Not respecting it: terminated through its terminating hook, and a replacement launched at once.
        QVERIFY(engine.setInstanceHealth(id, u"Unhealthy"_s, false));
        QCOMPARE(engine.instance(id)->healthStatus, u"Unhealthy"_s);
        QCOMPARE(sim.lifecycleState(id), u"Terminating"_s);
        QCOMPARE(engine.group(u"web"_s)->desiredCapacity, 1);
        QCOMPARE(idsInState(sim, u"web"_s, u"Pending"_s).size(), 1);
        const SimActivity* termination = engine.activity(engine.instance(id)->activityId);
        QCOMPARE(termination->description, u"Terminating EC2 instance: "_s + id);
        QVERIFY2(
            termination->cause.endsWith(u"an instance was taken out of service in response to a user health-check."_s),
            qPrintable(termination->cause));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Terminating:Wait"_s);
        const QList<SimPendingAction> waits = sim.pendingActions(u"web"_s);
        QCOMPARE(waits.size(), 1);
        QCOMPARE(waits.first().hookName, u"drain"_s);
        QCOMPARE(waits.first().instanceId, id);
        QCOMPARE(idsInState(sim, u"web"_s, u"InService"_s).size(), 1); // the replacement
    }

    void afterTheGracePeriodARespectfulReportReplaces()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 0, 4, 1));
        const QString id = idsInState(sim, u"web"_s, u"InService"_s).first();
        sim.advance(301);
        QVERIFY(sim.engine().setInstanceHealth(id, u"Unhealthy"_s, true));
        QCOMPARE(sim.lifecycleState(id), u"Terminating"_s);
        QCOMPARE(sim.instances(u"web"_s).size(), 2);
    }

    void healthErrorsAsTheService()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 0, 4, 1));
        const QString id = idsInState(sim, u"web"_s, u"InService"_s).first();
        QCOMPARE(errorOf(sim.engine().setInstanceHealth(id, u"unhealthy"_s, false)),
            u"ValidationError: Invalid HealthStatus: unhealthy. Valid values are Healthy and Unhealthy."_s);
        QCOMPARE(errorOf(sim.engine().setInstanceHealth(u"i-0123456789abcdef0"_s, u"Unhealthy"_s, false)),
            u"ValidationError: Instance Id not found - No managed instance found for instance ID: i-0123456789abcdef0"_s);
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);
        QCOMPARE(sim.instances(u"web"_s).size(), 1);
        QVERIFY(sim.engine().setInstanceHealth(id, u"Healthy"_s, false)); // no change, still accepted
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);
    }

    void enterStandbyWithoutDecrementLaunchesAReplacement()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 1, 4, 2));
        const QString id = idsInState(sim, u"web"_s, u"InService"_s).first();
        SimEngine& engine = sim.engine();
        const SimResult<QStringList> moved = engine.enterStandby(u"web"_s, { id }, false);
        QVERIFY2(moved, qPrintable(errorOf(moved)));
        QCOMPARE(moved->size(), 1);
        QCOMPARE(sim.lifecycleState(id), u"EnteringStandby"_s);
        QCOMPARE(engine.group(u"web"_s)->desiredCapacity, 2);
        QCOMPARE(idsInState(sim, u"web"_s, u"Pending"_s).size(), 1); // the replacement
        const SimActivity* activity = engine.activity(moved->first());
        QCOMPARE(activity->description, u"Moving EC2 instance to Standby: "_s + id);
        QVERIFY2(activity->cause.endsWith(u"instance %1 was moved to standby in response to a user request."_s.arg(id)),
            qPrintable(activity->cause));
        QCOMPARE(activity->statusCode, u"InProgress"_s);
        QCOMPARE(activity->progress, 50);
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Standby"_s);
        QCOMPARE(engine.activity(moved->first())->statusCode, u"Successful"_s); // read again: the list may grow
        QCOMPARE(idsInState(sim, u"web"_s, u"InService"_s).size(), 2); // one kept, one replacement
        // Scale-in never picks an instance on standby.
        QVERIFY(sim.setDesiredCapacity(u"web"_s, 1));
        sim.advance(10);
        QCOMPARE(sim.lifecycleState(id), u"Standby"_s);
    }

    void terminateWaitsForTheRunningActivity()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 0, 4, 2));
        const QString id = idsInState(sim, u"web"_s, u"InService"_s).first();
        SimEngine& engine = sim.engine();
        const SimResult<QStringList> moved = engine.enterStandby(u"web"_s, { id }, true);
        QVERIFY2(moved, qPrintable(errorOf(moved)));
        // Moving into Standby: the activity owns the instance, nothing is terminated or changed.
        const SimResult<QString> early = engine.terminateInstance(id, true);
        QVERIFY(!early);
        QCOMPARE(early.error().code, u"ScalingActivityInProgress"_s);
        QCOMPARE(
            early.error().message, u"Scaling activity %1 is in progress and blocks this action"_s.arg(moved->first()));
        QCOMPARE(early.error().httpStatus, 400);
        QCOMPARE(sim.lifecycleState(id), u"EnteringStandby"_s);
        QCOMPARE(engine.group(u"web"_s)->desiredCapacity, 1);
        // Once on Standby it can be terminated.
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Standby"_s);
        QVERIFY(engine.terminateInstance(id, false));
        QVERIFY(sim.lifecycleState(id).startsWith(u"Terminating"_s));

        // Leaving Standby goes through Pending: blocked again until the launch reaches its hooks or service.
        const QString other = idsInState(sim, u"web"_s, u"InService"_s).first();
        QVERIFY(engine.enterStandby(u"web"_s, { other }, true));
        sim.advance(3);
        QVERIFY(engine.exitStandby(u"web"_s, { other }));
        QCOMPARE(sim.lifecycleState(other), u"Pending"_s);
        QCOMPARE(engine.terminateInstance(other, false).error().code, u"ScalingActivityInProgress"_s);
        QCOMPARE(sim.lifecycleState(other), u"Pending"_s);
    }

    void enterStandbyWithDecrementRespectsMinSize()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 1, 4, 2));
        const QStringList ids = idsInState(sim, u"web"_s, u"InService"_s);
        SimEngine& engine = sim.engine();
        // Both at once would leave 0 < min size 1: refused, nothing moves.
        const SimResult<QStringList> both = engine.enterStandby(u"web"_s, ids, true);
        QVERIFY(errorOf(both).startsWith(u"ValidationError: "_s));
        QVERIFY2(errorOf(both).contains(u"min size"_s), qPrintable(errorOf(both)));
        QCOMPARE(engine.group(u"web"_s)->desiredCapacity, 2);
        QCOMPARE(idsInState(sim, u"web"_s, u"InService"_s), ids);

        const SimResult<QStringList> one = engine.enterStandby(u"web"_s, { ids.first() }, true);
        QVERIFY2(one, qPrintable(errorOf(one)));
        QCOMPARE(engine.group(u"web"_s)->desiredCapacity, 1);
        QCOMPARE(sim.instances(u"web"_s).size(), 2); // no replacement
        QVERIFY(engine.activity(one->first())
                    ->cause.endsWith(u"was moved to standby in response to a user request, shrinking the capacity "
                                     u"from 2 to 1."_s));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(ids.first()), u"Standby"_s);
        QVERIFY(errorOf(engine.enterStandby(u"web"_s, { ids.last() }, true)).contains(u"min size"_s));
        QCOMPARE(sim.lifecycleState(ids.last()), u"InService"_s);
    }

    void standbyRefusesWrongTargets()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 0, 4, 1));
        QVERIFY(inServiceGroup(sim, u"api"_s, 0, 4, 1));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, kLaunching, 600, u"ABANDON"_s));
        QVERIFY(sim.setDesiredCapacity(u"web"_s, 2));
        sim.advance(3);
        const QString good = idsInState(sim, u"web"_s, u"InService"_s).first();
        const QString waiting = idsInState(sim, u"web"_s, u"Pending:Wait"_s).first();
        const QString stranger = idsInState(sim, u"api"_s, u"InService"_s).first();
        SimEngine& engine = sim.engine();
        QCOMPARE(errorOf(engine.enterStandby(u"web"_s, { good, waiting }, false)),
            u"ValidationError: The instance %1 is not in InService."_s.arg(waiting));
        QCOMPARE(errorOf(engine.enterStandby(u"web"_s, { good, stranger }, false)),
            u"ValidationError: The instance %1 is not part of Auto Scaling group web."_s.arg(stranger));
        QCOMPARE(errorOf(engine.enterStandby(u"nosuch"_s, { good }, false)),
            u"ValidationError: AutoScalingGroup name not found - AutoScalingGroup 'nosuch' not found"_s);
        QCOMPARE(errorOf(engine.exitStandby(u"web"_s, { good })),
            u"ValidationError: The instance %1 is not in Standby."_s.arg(good));
        // One wrong ID fails the whole call: the good instance did not move, nothing launched.
        QCOMPARE(sim.lifecycleState(good), u"InService"_s);
        QCOMPARE(sim.instances(u"web"_s).size(), 2);
        QCOMPARE(engine.group(u"web"_s)->desiredCapacity, 2);
    }

    void exitStandbyRunsTheLaunchHooksAgain()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 0, 2, 2));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, kLaunching, 600, u"ABANDON"_s));
        const QString id = idsInState(sim, u"web"_s, u"InService"_s).first();
        SimEngine& engine = sim.engine();
        QVERIFY(engine.enterStandby(u"web"_s, { id }, true));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Standby"_s);

        const SimResult<QStringList> back = engine.exitStandby(u"web"_s, { id });
        QVERIFY2(back, qPrintable(errorOf(back)));
        QCOMPARE(engine.group(u"web"_s)->desiredCapacity, 2);
        QCOMPARE(sim.lifecycleState(id), u"Pending"_s);
        const SimActivity* activity = engine.activity(back->first());
        QCOMPARE(activity->description, u"Moving EC2 instance out of Standby: "_s + id);
        QVERIFY2(activity->cause.endsWith(u"instance %1 was moved out of standby in response to a user request, "
                                          u"increasing the capacity from 1 to 2."_s.arg(id)),
            qPrintable(activity->cause));
        QCOMPARE(activity->statusCode, u"PreInService"_s);
        QCOMPARE(activity->progress, 30);
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Pending:Wait"_s);
        QCOMPARE(sim.pendingTokens(id).size(), 1);
        QVERIFY(engine.completeAction(u"web"_s, u"warm-up"_s, {}, id, u"CONTINUE"_s));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);
        QCOMPARE(engine.activity(back->first())->statusCode, u"Successful"_s);
        QCOMPARE(sim.instances(u"web"_s).size(), 2);
    }

    void exitStandbyAboveMaxSizeIsRefused()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 0, 2, 2));
        const QString id = idsInState(sim, u"web"_s, u"InService"_s).first();
        QVERIFY(sim.engine().enterStandby(u"web"_s, { id }, false)); // replaced: desired stays 2 = max
        sim.advance(10);
        QCOMPARE(sim.lifecycleState(id), u"Standby"_s);
        const QString error = errorOf(sim.engine().exitStandby(u"web"_s, { id }));
        QVERIFY2(error.startsWith(u"ValidationError: "_s) && error.contains(u"max size"_s), qPrintable(error));
        QCOMPARE(sim.lifecycleState(id), u"Standby"_s);
        QCOMPARE(sim.engine().group(u"web"_s)->desiredCapacity, 2);
    }

    void unhealthyOnStandbyIsReplacedWhenBackInService()
    {
        Simulator sim(stoppedClock());
        QVERIFY(inServiceGroup(sim, u"web"_s, 0, 4, 2));
        const QString id = idsInState(sim, u"web"_s, u"InService"_s).first();
        SimEngine& engine = sim.engine();
        QVERIFY(engine.enterStandby(u"web"_s, { id }, true));
        sim.advance(3);
        QVERIFY(engine.setInstanceHealth(id, u"Unhealthy"_s, false));
        QCOMPARE(sim.lifecycleState(id), u"Standby"_s); // the service does not replace an instance on standby
        QVERIFY(engine.exitStandby(u"web"_s, { id }));
        sim.advance(10);
        QVERIFY2(sim.lifecycleState(id).startsWith(u"Terminat"_s) || sim.lifecycleState(id).isEmpty(),
            qPrintable(sim.lifecycleState(id)));
        QCOMPARE(idsInState(sim, u"web"_s, u"InService"_s).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSimStandby)
#include "tst_sim_standby.moc"
