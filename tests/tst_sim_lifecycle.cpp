#include "simengine.h"
#include "simulator.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// Lifecycle semantics of design.md §3 on the simulator's own clock (stopped; advance() moves it). Each test
// drives the engine the way the API does and asserts what an operator would see in DescribeAutoScalingGroups.
namespace {
const QString kLaunching = u"autoscaling:EC2_INSTANCE_LAUNCHING"_s;
const QString kTerminating = u"autoscaling:EC2_INSTANCE_TERMINATING"_s;

SimulatorOptions stoppedClock()
{
    SimulatorOptions options;
    options.clockRunning = false;
    options.verifySignatures = false;
    options.pendingSeconds = 2;
    options.proceedSeconds = 2;
    options.terminatedLingerSeconds = 2;
    return options;
}

QStringList idsInState(Simulator& sim, const QString& group, const QString& state)
{
    QStringList ids;
    for (const SimInstanceInfo& info : sim.instances(group)) {
        if (info.lifecycleState == state)
            ids.append(info.instanceId);
    }
    return ids;
}

QString errorMessage(const SimResult<void>& result)
{
    return result ? QString() : result.error().code + u": "_s + result.error().message;
}
} // namespace

class TestSimLifecycle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void launchWithTwoHooksWaitsForBoth()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 0));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, kLaunching, 600, u"ABANDON"_s));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"register"_s, kLaunching, 600, u"ABANDON"_s));
        QVERIFY(sim.setDesiredCapacity(u"web"_s, 1));
        QCOMPARE(idsInState(sim, u"web"_s, u"Pending"_s).size(), 1);
        sim.advance(3);
        const QStringList waiting = idsInState(sim, u"web"_s, u"Pending:Wait"_s);
        QCOMPARE(waiting.size(), 1);
        const QString id = waiting.first();
        QVERIFY(QRegularExpression(u"^i-[0-9a-f]{17}$"_s).match(id).hasMatch());
        const QStringList tokens = sim.pendingTokens(id);
        QCOMPARE(tokens.size(), 2);
        QCOMPARE(tokens.at(0).size(), 36);
        QVERIFY(tokens.at(0) != tokens.at(1));
        const SimActivity* launch = sim.engine().activities(u"web"_s).first();
        QCOMPARE(launch->statusCode, u"MidLifecycleAction"_s);

        QVERIFY(sim.engine().completeAction(u"web"_s, u"warm-up"_s, {}, id, u"CONTINUE"_s));
        sim.advance(60);
        QCOMPARE(sim.lifecycleState(id), u"Pending:Wait"_s); // still waiting on "register"
        QCOMPARE(sim.pendingTokens(id).size(), 1);
        QVERIFY(sim.engine().completeAction(u"web"_s, u"register"_s, {}, id, u"CONTINUE"_s));
        QCOMPARE(sim.lifecycleState(id), u"Pending:Proceed"_s);
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);
        QCOMPARE(sim.engine().activities(u"web"_s).first()->statusCode, u"Successful"_s);
    }

    void heartbeatRestartsTheTimer()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 1));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, kLaunching, 3600, u"ABANDON"_s));
        sim.advance(3);
        const QString id = idsInState(sim, u"web"_s, u"Pending:Wait"_s).value(0);
        QVERIFY(!id.isEmpty());
        const QDateTime waitStart = sim.pendingActions().first().waitStart;
        QCOMPARE(sim.pendingActions().first().deadline, waitStart.addSecs(3600));

        sim.advance(1800); // 1 h timeout, heartbeat at 30 min -> 90 min in all
        const QDateTime beatAt = sim.now();
        QVERIFY(waitStart.secsTo(beatAt) >= 1800);
        QVERIFY(sim.engine().recordHeartbeat(u"web"_s, u"warm-up"_s, {}, id));
        QCOMPARE(sim.pendingActions().first().deadline, beatAt.addSecs(3600)); // the full timeout again, from now
        sim.advance(3600 - 10); // past the original deadline, before the new one
        QCOMPARE(sim.lifecycleState(id), u"Pending:Wait"_s);
        sim.advance(11); // one second past the new deadline: the ABANDON default has applied
        QVERIFY2(sim.lifecycleState(id).startsWith(u"Terminat"_s), qPrintable(sim.lifecycleState(id)));
    }

    void globalTimeoutCapsHeartbeats()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 1));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"short"_s, kLaunching, 30, u"CONTINUE"_s)); // global = 3000 s
        sim.advance(3);
        const QString id = idsInState(sim, u"web"_s, u"Pending:Wait"_s).value(0);
        QVERIFY(!id.isEmpty());
        const SimPendingAction first = sim.pendingActions().first();
        QCOMPARE(first.globalDeadline, first.waitStart.addSecs(3000));
        // Keep heart-beating every 20 s: the wait must still end at the global timeout.
        int beats = 0;
        while (sim.now().addSecs(20) < first.globalDeadline) {
            sim.advance(20);
            QVERIFY2(sim.engine().recordHeartbeat(u"web"_s, u"short"_s, {}, id), "heartbeat refused before the cap");
            ++beats;
        }
        QVERIFY(beats > 100);
        QCOMPARE(sim.pendingActions().first().deadline, first.globalDeadline); // capped, not now + 30
        sim.advance(first.waitStart.secsTo(first.globalDeadline) - first.waitStart.secsTo(sim.now()) + 1);
        QVERIFY2(sim.lifecycleState(id) != u"Pending:Wait"_s, "still waiting after the global timeout");
        const SimResult<void> late = sim.engine().recordHeartbeat(u"web"_s, u"short"_s, {}, id);
        QCOMPARE(errorMessage(late), u"ValidationError: No active Lifecycle Action found with instance ID "_s + id);
    }

    void defaultResultAppliesOnTimeout()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"cont"_s, 0, 4, 1));
        QVERIFY(sim.putLifecycleHook(u"cont"_s, u"warm"_s, kLaunching, 60, u"CONTINUE"_s));
        QVERIFY(sim.putLifecycleHook(u"cont"_s, u"drain"_s, kTerminating, 120, u"ABANDON"_s));
        sim.advance(3);
        const QString id = idsInState(sim, u"cont"_s, u"Pending:Wait"_s).value(0);
        QVERIFY(!id.isEmpty());
        const QDateTime deadline = sim.pendingActions().first().deadline;
        QCOMPARE(sim.pendingActions().first().waitStart.secsTo(deadline), 60);
        sim.advance(sim.now().secsTo(deadline) - 1);
        QCOMPARE(sim.lifecycleState(id), u"Pending:Wait"_s);
        sim.advance(2 + 2); // timeout -> CONTINUE -> Pending:Proceed -> InService
        QCOMPARE(sim.lifecycleState(id), u"InService"_s);

        // On terminate, the ABANDON default still ends in termination.
        QVERIFY(sim.setDesiredCapacity(u"cont"_s, 0));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Terminating:Wait"_s);
        sim.advance(121);
        QVERIFY2(sim.lifecycleState(id) == u"Terminating:Proceed" || sim.lifecycleState(id) == u"Terminated",
            qPrintable(sim.lifecycleState(id)));
        sim.advance(10);
        QVERIFY(sim.lifecycleState(id).isEmpty()); // gone from the group
        QVERIFY(sim.instances(u"cont"_s).isEmpty());
    }

    void abandonOnLaunchTerminatesAndReplaces()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 0));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, kLaunching, 600, u"CONTINUE"_s));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"drain"_s, kTerminating, 600, u"CONTINUE"_s));
        QVERIFY(sim.setDesiredCapacity(u"web"_s, 1));
        sim.advance(3);
        const QString id = idsInState(sim, u"web"_s, u"Pending:Wait"_s).value(0);
        const QString token = sim.pendingTokens(id).value(0);
        QVERIFY(!token.isEmpty());
        QVERIFY(sim.engine().completeAction(u"web"_s, u"warm-up"_s, token, {}, u"ABANDON"_s));
        QCOMPARE(sim.lifecycleState(id), u"Terminating"_s);
        // A replacement is launched at once, so the group returns to its desired capacity.
        const QList<SimInstanceInfo> now = sim.instances(u"web"_s);
        QCOMPARE(now.size(), 2);
        QCOMPARE(sim.engine().group(u"web"_s)->desiredCapacity, 1);
        sim.advance(3);
        // The abandoned instance does not wait on the terminate hook: it was never in service.
        QVERIFY(sim.lifecycleState(id) != u"Terminating:Wait"_s);
        sim.advance(10);
        QVERIFY(sim.lifecycleState(id).isEmpty());
        const QStringList waiting = idsInState(sim, u"web"_s, u"Pending:Wait"_s);
        QCOMPARE(waiting.size(), 1);
        QVERIFY(waiting.first() != id);
        bool cancelled = false;
        for (const SimActivity* activity : sim.engine().activities(u"web"_s)) {
            if (activity->description.endsWith(id) && activity->statusCode == u"Cancelled") {
                cancelled = activity->statusMessage.contains(token);
            }
        }
        QVERIFY2(cancelled, "the abandoned launch's activity is Cancelled and names the token");
    }

    void completeByTokenAndByInstanceId()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 2));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, kLaunching, 600, u"ABANDON"_s));
        sim.advance(3);
        const QStringList waiting = idsInState(sim, u"web"_s, u"Pending:Wait"_s);
        QCOMPARE(waiting.size(), 2);
        const QString byToken = waiting.at(0);
        const QString byId = waiting.at(1);
        const QString token = sim.pendingTokens(byToken).value(0);

        const QString wrongToken = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(errorMessage(sim.engine().completeAction(u"web"_s, u"warm-up"_s, wrongToken, {}, u"CONTINUE"_s)),
            u"ValidationError: No active Lifecycle Action found with token "_s + wrongToken);
        QVERIFY(sim.engine().completeAction(u"web"_s, u"warm-up"_s, token, {}, u"CONTINUE"_s));
        QVERIFY(sim.engine().completeAction(u"web"_s, u"warm-up"_s, {}, byId, u"CONTINUE"_s));
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(byToken), u"InService"_s);
        QCOMPARE(sim.lifecycleState(byId), u"InService"_s);
        QVERIFY(sim.pendingActions().isEmpty());
    }

    void completingTwiceIsNoActiveLifecycleAction()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 1));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, kLaunching, 600, u"ABANDON"_s));
        sim.advance(3);
        const QString id = idsInState(sim, u"web"_s, u"Pending:Wait"_s).value(0);
        const QString token = sim.pendingTokens(id).value(0);
        QVERIFY(sim.engine().completeAction(u"web"_s, u"warm-up"_s, {}, id, u"CONTINUE"_s));
        QCOMPARE(errorMessage(sim.engine().completeAction(u"web"_s, u"warm-up"_s, {}, id, u"CONTINUE"_s)),
            u"ValidationError: No active Lifecycle Action found with instance ID "_s + id);
        QCOMPARE(errorMessage(sim.engine().completeAction(u"web"_s, u"warm-up"_s, token, {}, u"ABANDON"_s)),
            u"ValidationError: No active Lifecycle Action found with token "_s + token);
        QCOMPARE(errorMessage(sim.engine().recordHeartbeat(u"web"_s, u"warm-up"_s, {}, id)),
            u"ValidationError: No active Lifecycle Action found with instance ID "_s + id);
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"InService"_s); // the second (ABANDON) attempt changed nothing
    }

    void deleteHookCompletesOutstandingActions()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 1));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"drain"_s, kTerminating, 600, u"ABANDON"_s));
        sim.advance(3);
        const QString old = idsInState(sim, u"web"_s, u"InService"_s).value(0);
        QVERIFY(!old.isEmpty());
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, kLaunching, 600, u"CONTINUE"_s));
        QVERIFY(sim.engine().terminateInstance(old, false)); // replaced: a new launch waits
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(old), u"Terminating:Wait"_s);
        const QString fresh = idsInState(sim, u"web"_s, u"Pending:Wait"_s).value(0);
        QVERIFY(!fresh.isEmpty());

        // Launch hook deleted: its action ends as ABANDON, so the new instance is terminated (and replaced).
        QVERIFY(sim.engine().deleteHook(u"web"_s, u"warm-up"_s));
        QVERIFY2(sim.lifecycleState(fresh).startsWith(u"Terminating"_s), qPrintable(sim.lifecycleState(fresh)));
        // Terminate hook deleted: its action ends as CONTINUE, the old instance proceeds to termination.
        QVERIFY(sim.engine().deleteHook(u"web"_s, u"drain"_s));
        QCOMPARE(sim.lifecycleState(old), u"Terminating:Proceed"_s);
        QVERIFY(sim.pendingActions().isEmpty());
        sim.advance(10);
        QVERIFY(sim.lifecycleState(old).isEmpty());
        QCOMPARE(idsInState(sim, u"web"_s, u"InService"_s).size(), 1); // the replacement, with no hooks left
        QCOMPARE(errorMessage(sim.engine().deleteHook(u"web"_s, u"drain"_s)).left(16), u"ValidationError:"_s);
    }

    void abandonOnTerminateSkipsRemainingHooks()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"batch"_s, 0, 4, 1));
        sim.advance(3);
        QVERIFY(sim.putLifecycleHook(u"batch"_s, u"drain"_s, kTerminating, 600, u"CONTINUE"_s));
        QVERIFY(sim.putLifecycleHook(u"batch"_s, u"backup"_s, kTerminating, 600, u"CONTINUE"_s));
        const QString id = idsInState(sim, u"batch"_s, u"InService"_s).value(0);
        QVERIFY(sim.engine().terminateInstance(id, true));
        QCOMPARE(sim.engine().group(u"batch"_s)->desiredCapacity, 0);
        sim.advance(3);
        QCOMPARE(sim.lifecycleState(id), u"Terminating:Wait"_s);
        QCOMPARE(sim.pendingTokens(id).size(), 2);
        QVERIFY(sim.engine().completeAction(u"batch"_s, u"drain"_s, {}, id, u"ABANDON"_s));
        QCOMPARE(sim.pendingTokens(id).size(), 0);
        QCOMPARE(sim.lifecycleState(id), u"Terminating:Proceed"_s);
        QCOMPARE(sim.instances(u"batch"_s).size(), 1); // decremented: no replacement
    }

    void validationMatchesTheService()
    {
        Simulator sim(stoppedClock());
        QVERIFY(sim.createGroup(u"web"_s, 0, 4, 0));
        const SimResult<void> duplicate = sim.createGroup(u"web"_s, 0, 4, 0);
        QVERIFY(!duplicate);
        QCOMPARE(duplicate.errorMessage(),
            u"AutoScalingGroup by this name already exists - A group with the name web already exists"_s);
        const QString error
            = sim.putLifecycleHook(u"web"_s, u"bad name"_s, kLaunching, 600, u"ABANDON"_s).errorMessage();
        QVERIFY2(error.contains(u"Member must satisfy regular expression pattern: [A-Za-z0-9\\-_\\/]+"_s),
            qPrintable(error));
        QVERIFY(!sim.putLifecycleHook(u"web"_s, u"ok"_s, kLaunching, 29, u"ABANDON"_s));
        QVERIFY(!sim.putLifecycleHook(u"web"_s, u"ok"_s, kLaunching, 7201, u"ABANDON"_s));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"ok"_s, kLaunching, 7200, u"ABANDON"_s));
        for (int i = 1; i < 50; ++i)
            QVERIFY(sim.putLifecycleHook(u"web"_s, u"h%1"_s.arg(i), kTerminating, 30, u"ABANDON"_s));
        SimEngine::HookSpec extra;
        extra.groupName = u"web"_s;
        extra.name = u"one-too-many"_s;
        extra.transition = kLaunching;
        QCOMPARE(sim.engine().putHook(extra).error().code, u"LimitExceeded"_s);
        const SimResult<void> aboveMax = sim.setDesiredCapacity(u"web"_s, 5);
        QVERIFY(!aboveMax);
        QCOMPARE(aboveMax.errorMessage(),
            u"New SetDesiredCapacity value 5 is above max value 4 for the AutoScalingGroup."_s);
        const SimResult<void> noGroup = sim.setDesiredCapacity(u"nope"_s, 1);
        QVERIFY(!noGroup);
        QCOMPARE(noGroup.errorMessage(), u"AutoScalingGroup name not found - AutoScalingGroup 'nope' not found"_s);
    }

    void scenariosLoadAndTheDemoStaysAlive()
    {
        Simulator sim(stoppedClock());
        const SimResult<void> generated = sim.generate(u"groups=3,instances=4,hooks=2,waiting=0.5"_s);
        QVERIFY2(generated, qPrintable(generated.errorMessage()));
        QCOMPARE(sim.groupNames().size(), 3);
        QCOMPARE(sim.instances().size(), 12);
        QCOMPARE(sim.pendingActions().size(), 6);
        QVERIFY(!sim.generate(u"groups=x"_s));

        Simulator demo(stoppedClock());
        const SimResult<void> loaded = demo.loadDemoScenario();
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        for (const QString& name : { u"web-blue"_s, u"web-green"_s, u"batch"_s, u"api"_s })
            QVERIFY2(demo.groupNames().contains(name), qPrintable(name));
        QVERIFY(!demo.pendingActions().isEmpty());
        // Some waits start close to their timeout so the UI has amber and red rows from the first second.
        bool urgent = false;
        for (const SimPendingAction& action : demo.pendingActions())
            urgent = urgent || demo.now().secsTo(action.deadline) < 120;
        QVERIFY(urgent);
        // Over two simulated hours instances keep entering and leaving wait states.
        const qsizetype activitiesBefore = demo.engine().activities({}).size();
        int sawWaiting = 0;
        for (int minute = 0; minute < 120; ++minute) {
            demo.advance(60);
            sawWaiting += demo.pendingActions().isEmpty() ? 0 : 1;
        }
        QVERIFY(demo.engine().activities({}).size() > activitiesBefore + 10);
        QVERIFY2(sawWaiting > 60, qPrintable(QString::number(sawWaiting)));
    }
};

QTEST_GUILESS_MAIN(TestSimLifecycle)
#include "tst_sim_lifecycle.moc"
