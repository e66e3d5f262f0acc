#include "simengine.h"
#include "simstate.h"
#include "simulator.h"

#include <QTest>

using namespace Qt::StringLiterals;

// Instance retention in the simulator (InstanceLifecyclePolicy, issue 12 item 2): which ABANDONs leave an instance
// in Terminating:Retained, how long it stays, how TerminateInstanceInAutoScalingGroup ends it, and what is refused.
// Every outcome is read back from the simulator's state, the way DescribeAutoScalingGroups would show it.
namespace {
const QString kLaunching = u"autoscaling:EC2_INSTANCE_LAUNCHING"_s;
const QString kTerminating = u"autoscaling:EC2_INSTANCE_TERMINATING"_s;
const QString kRetained = u"Terminating:Retained"_s;

using SimState::idsInState;

SimulatorOptions stoppedClock()
{
    return SimState::stoppedClock();
}

SimResult<void> setPolicy(Simulator& sim, const QString& group, const QString& value)
{
    SimEngine::GroupSpec spec;
    spec.name = group;
    spec.terminateHookAbandon = value;
    return sim.engine().updateGroup(spec);
}

// A group "db" of two in service with a terminating hook, scaled in to one: returns the instance that waits.
QString oneTerminatingWait(Simulator& sim, const QString& policy, const QString& defaultResult = u"ABANDON"_s)
{
    if (!sim.createGroup(u"db"_s, 0, 4, 2))
        return {};
    sim.advance(3);
    if (!sim.putLifecycleHook(u"db"_s, u"flush"_s, kTerminating, 600, defaultResult))
        return {};
    if (!policy.isEmpty() && !setPolicy(sim, u"db"_s, policy))
        return {};
    if (!sim.setDesiredCapacity(u"db"_s, 1))
        return {};
    sim.advance(3);
    return idsInState(sim, u"db"_s, u"Terminating:Wait"_s).value(0);
}
} // namespace

class TestSimRetention : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void abandonOnATerminatingHookRetainsUntilTerminated()
    {
        Simulator sim(stoppedClock());
        const QString id = oneTerminatingWait(sim, u"retain"_s);
        QVERIFY(!id.isEmpty());
        QCOMPARE(sim.engine().group(u"db"_s)->terminateHookAbandon, u"retain"_s);
        QVERIFY(sim.engine().completeAction(u"db"_s, u"flush"_s, {}, id, u"ABANDON"_s));
        QCOMPARE(sim.lifecycleState(id), u"Terminating:Proceed"_s);
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), kRetained);
        // Retained for good: a day later it is still there, listed in its group, and waits on no hook.
        sim.advance(86400);
        QCOMPARE(sim.lifecycleState(id), kRetained);
        QVERIFY(sim.pendingTokens(id).isEmpty());
        QCOMPARE(idsInState(sim, u"db"_s, kRetained), QStringList { id });
        // It does not count towards the desired capacity: the one in service is the group's one.
        QCOMPARE(idsInState(sim, u"db"_s, u"InService"_s).size(), 1);
        const SimActivity* termination = sim.engine().activity(sim.engine().instance(id)->activityId);
        QCOMPARE(termination->statusCode, u"Cancelled"_s);
        QVERIFY(termination->statusMessage.contains(u"Lifecycle Action Completed with ABANDON Result"_s));
        QVERIFY(termination->statusMessage.contains(u"retained"_s));

        // A completion for it finds no action: the wait is over.
        const SimResult<void> late = sim.engine().completeAction(u"db"_s, u"flush"_s, {}, id, u"CONTINUE"_s);
        QVERIFY(!late);
        QCOMPARE(late.error().code, u"ValidationError"_s);
        QCOMPARE(late.error().message, u"No active Lifecycle Action found with instance ID %1"_s.arg(id));

        const SimResult<QString> terminated = sim.engine().terminateInstance(id, false);
        QVERIFY(terminated);
        QVERIFY(*terminated != termination->id);
        const SimActivity* ending = sim.engine().activity(*terminated);
        QCOMPARE(ending->description, u"Terminating EC2 instance: %1"_s.arg(id));
        QVERIFY(ending->cause.contains(u"in response to a user request"_s));
        // Its hooks do not run again: straight to Terminating:Proceed, then Terminated, then gone.
        QCOMPARE(sim.lifecycleState(id), u"Terminating:Proceed"_s);
        QVERIFY(sim.pendingActions(u"db"_s).isEmpty());
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Terminated"_s);
        QCOMPARE(sim.engine().activity(*terminated)->statusCode, u"Successful"_s);
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), QString());
        QCOMPARE(sim.engine().group(u"db"_s)->desiredCapacity, 1);
        QCOMPARE(idsInState(sim, u"db"_s, u"InService"_s).size(), 1);
    }

    void timeoutWithDefaultAbandonRetainsToo()
    {
        Simulator sim(stoppedClock());
        const QString id = oneTerminatingWait(sim, u"retain"_s);
        QVERIFY(!id.isEmpty());
        sim.advance(590); // the wait began a second into the earlier advance(3)
        QCOMPARE(sim.lifecycleState(id), u"Terminating:Wait"_s);
        sim.advance(15);
        QCOMPARE(sim.lifecycleState(id), kRetained);
        QVERIFY(sim.engine()
                    .activity(sim.engine().instance(id)->activityId)
                    ->statusMessage.contains(u"Lifecycle Action Timed Out with ABANDON Result"_s));
    }

    void continueAndTimeoutWithContinueStillTerminate()
    {
        Simulator sim(stoppedClock());
        const QString sent = oneTerminatingWait(sim, u"retain"_s);
        QVERIFY(sim.engine().completeAction(u"db"_s, u"flush"_s, {}, sent, u"CONTINUE"_s));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(sent), u"Terminated"_s);

        Simulator timedOut(stoppedClock());
        const QString id = oneTerminatingWait(timedOut, u"retain"_s, u"CONTINUE"_s);
        timedOut.advance(600);
        QCOMPARE(timedOut.lifecycleState(id), u"Terminating:Proceed"_s);
        timedOut.advance(2);
        QCOMPARE(timedOut.lifecycleState(id), u"Terminated"_s);
    }

    void terminatePolicyOrNoPolicyTerminates_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::newRow("terminate") << u"terminate"_s;
        QTest::newRow("never set") << QString();
    }

    void terminatePolicyOrNoPolicyTerminates()
    {
        QFETCH(QString, policy);
        Simulator sim(stoppedClock());
        const QString id = oneTerminatingWait(sim, policy);
        QVERIFY(!id.isEmpty());
        QCOMPARE(sim.engine().group(u"db"_s)->terminateHookAbandon, policy);
        QVERIFY(sim.engine().completeAction(u"db"_s, u"flush"_s, {}, id, u"ABANDON"_s));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Terminated"_s);
        QVERIFY(idsInState(sim, u"db"_s, kRetained).isEmpty());
    }

    void launchAbandonIsNotRetained()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"db"_s, 0, 4, 0));
        QVERIFY(setPolicy(sim, u"db"_s, u"retain"_s));
        QVERIFY(sim.putLifecycleHook(u"db"_s, u"warm-up"_s, kLaunching, 600, u"ABANDON"_s));
        QVERIFY(sim.setDesiredCapacity(u"db"_s, 1));
        sim.advance(3);
        const QString id = idsInState(sim, u"db"_s, u"Pending:Wait"_s).value(0);
        QVERIFY(!id.isEmpty());
        QVERIFY(sim.engine().completeAction(u"db"_s, u"warm-up"_s, {}, id, u"ABANDON"_s));
        sim.advance(5);
        QVERIFY(sim.lifecycleState(id) == u"Terminated"_s || sim.lifecycleState(id).isEmpty());
        QVERIFY(idsInState(sim, u"db"_s, kRetained).isEmpty());
    }

    void retainedInstanceIsReplacedWhenTheCapacityStays()
    {
        // Terminated on request without decrement: the group launches a replacement at once; when the hook is
        // abandoned the old instance stays retained beside it (desired 2: two in service plus the retained one).
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"db"_s, 0, 4, 2));
        sim.advance(3);
        QVERIFY(sim.putLifecycleHook(u"db"_s, u"flush"_s, kTerminating, 600, u"ABANDON"_s));
        QVERIFY(setPolicy(sim, u"db"_s, u"retain"_s));
        const QString id = idsInState(sim, u"db"_s, u"InService"_s).value(0);
        QVERIFY(sim.engine().terminateInstance(id, false));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Terminating:Wait"_s);
        sim.advance(610);
        QCOMPARE(sim.lifecycleState(id), kRetained);
        QCOMPARE(idsInState(sim, u"db"_s, u"InService"_s).size(), 2);
        QCOMPARE(sim.engine().group(u"db"_s)->desiredCapacity, 2);
        QCOMPARE(sim.instances(u"db"_s).size(), 3);
    }

    void terminatingARetainedInstanceWithDecrementChecksTheMinimum()
    {
        Simulator sim(stoppedClock());
        const QString id = oneTerminatingWait(sim, u"retain"_s);
        QVERIFY(sim.engine().updateGroup([] {
            SimEngine::GroupSpec spec;
            spec.name = u"db"_s;
            spec.minSize = 1;
            return spec;
        }()));
        QVERIFY(sim.engine().completeAction(u"db"_s, u"flush"_s, {}, id, u"ABANDON"_s));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), kRetained);
        const SimResult<QString> refused = sim.engine().terminateInstance(id, true);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, u"ValidationError"_s);
        QVERIFY(refused.error().message.startsWith(u"Currently, desiredSize equals minSize (1)."_s));
        QCOMPARE(sim.lifecycleState(id), kRetained); // refused: nothing changed
        QVERIFY(sim.engine().terminateInstance(id, false));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Terminated"_s);
    }

    void aPolicyOtherThanRetainOrTerminateIsRefused()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"db"_s, 0, 4, 0));
        const SimResult<void> refused = setPolicy(sim, u"db"_s, u"Retain"_s);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, u"ValidationError"_s);
        QCOMPARE(refused.error().message,
            u"1 validation error detected: Value 'Retain' at 'instanceLifecyclePolicy.retentionTriggers.terminateHookAbandon' failed to satisfy constraint: Member must satisfy enum value set: [retain, terminate]"_s);
        QCOMPARE(sim.engine().group(u"db"_s)->terminateHookAbandon, QString());
        SimEngine::GroupSpec create;
        create.name = u"other"_s;
        create.maxSize = 1;
        create.launchTemplateName = u"lt"_s;
        create.availabilityZones = QStringList { u"us-east-1a"_s };
        create.terminateHookAbandon = u"keep"_s;
        QVERIFY(!sim.engine().createGroup(create));
        QVERIFY(!sim.engine().group(u"other"_s));
        // An update without the policy leaves it as it was.
        QVERIFY(setPolicy(sim, u"db"_s, u"retain"_s));
        QVERIFY(sim.setDesiredCapacity(u"db"_s, 1));
        QCOMPARE(sim.engine().group(u"db"_s)->terminateHookAbandon, u"retain"_s);
    }

    void scenarioSeedsAPolicyAndARetainedInstance()
    {
        Simulator sim(stoppedClock());
        const SimResult<void> loaded = sim.loadScenario(R"({ "groups": [ { "name": "ledger", "minSize": 1,
            "instanceLifecyclePolicy": { "retentionTriggers": { "terminateHookAbandon": "retain" } },
            "hooks": [ { "name": "flush", "transition": "terminating", "defaultResult": "ABANDON" } ],
            "instances": [ { "state": "InService", "count": 2 }, { "state": "Terminating:Retained", "elapsed": 600 } ] } ] })");
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        QCOMPARE(sim.engine().group(u"ledger"_s)->terminateHookAbandon, u"retain"_s);
        const QStringList retained = idsInState(sim, u"ledger"_s, kRetained);
        QCOMPARE(retained.size(), 1);
        QCOMPARE(sim.engine().group(u"ledger"_s)->desiredCapacity, 2); // the retained one is not counted
        const SimActivity* activity = sim.engine().activity(sim.engine().instance(retained.first())->activityId);
        QVERIFY(activity);
        QCOMPARE(activity->statusCode, u"Cancelled"_s);
        QCOMPARE(activity->startTime.secsTo(sim.now()), 600);
        sim.advance(3600);
        QCOMPARE(sim.lifecycleState(retained.first()), kRetained);

        Simulator demo(stoppedClock());
        QVERIFY(demo.loadDemoScenario());
        QCOMPARE(demo.engine().group(u"ledger"_s)->terminateHookAbandon, u"retain"_s);
        QCOMPARE(idsInState(demo, u"ledger"_s, kRetained).size(), 1);
        const QString waiting = idsInState(demo, u"ledger"_s, u"Terminating:Wait"_s).value(0);
        QVERIFY(!waiting.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSimRetention)
#include "tst_sim_retention.moc"
