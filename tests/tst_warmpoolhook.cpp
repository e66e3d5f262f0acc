// Which hooks a Warmed:Pending:Wait instance waits on (models/warmpoolhook.h), through PendingActions::compute():
// launched into the pool (launch hooks), leaving it for the group (Pending:Wait, launch hooks again), returning to it
// on scale in (terminate hooks), and "unknown" when neither the activities nor the hooks tell, or they disagree.
#include "pendingaction.h"
#include "warmpoolhook.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime T0(QDate(2026, 3, 1), QTime(3, 0), Qt::UTC);

GroupInstance instance(const QString& id, const QString& state)
{
    GroupInstance i;
    i.instanceId = id;
    i.groupName = u"pool"_s;
    i.lifecycleState = state;
    i.inWarmPool = state.startsWith(u"Warmed:"_s);
    return i;
}

LifecycleHook hook(const QString& name, bool launching, const QString& defaultResult = u"ABANDON"_s)
{
    LifecycleHook h;
    h.name = name;
    h.groupName = u"pool"_s;
    h.transition = QLatin1String(launching ? LifecycleTransition::Launching : LifecycleTransition::Terminating);
    h.heartbeatTimeout = 600;
    h.globalTimeout = 60000;
    h.defaultResult = defaultResult;
    return h;
}

ScalingActivity activity(const QString& description, int minutesAgo)
{
    ScalingActivity a;
    a.activityId = description;
    a.groupName = u"pool"_s;
    a.description = description;
    a.statusCode = u"MidLifecycleAction"_s;
    a.startTime = T0.addSecs(qint64(-60) * minutesAgo);
    return a;
}

} // namespace

class TestWarmPoolHook : public QObject {
    Q_OBJECT

private:
    QDateTime m_now;
    DeadlineEstimator m_estimator;
    PendingActions::GroupInput m_pool;

    PendingAction only(const QString& instanceId)
    {
        for (const GroupInstance& i : std::as_const(m_pool.group.instances))
            m_estimator.observe(i.instanceId, i.lifecycleState);
        for (const PendingAction& a : PendingActions::compute({ m_pool }, m_estimator)) {
            if (a.instanceId == instanceId)
                return a;
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_now = T0;
        m_estimator.setClock([this] { return m_now; });
        m_estimator.retainOnly({});
        m_pool = {};
        m_pool.group.name = u"pool"_s;
        m_pool.hooks = { hook(u"boot"_s, true), hook(u"drain"_s, false, u"CONTINUE"_s) };
        m_pool.hooksLoaded = true;
    }

    void launchedIntoThePoolWaitsOnLaunchHooks()
    {
        m_pool.group.instances = { instance(u"i-in"_s, u"Warmed:Pending:Wait"_s) };
        m_pool.activities = { activity(u"Launching a new EC2 instance into warm pool: i-in"_s, 5) };
        const PendingAction a = only(u"i-in"_s);
        QVERIFY(a.actionable);
        QCOMPARE(a.hookTransition, QString::fromLatin1(LifecycleTransition::Launching));
        QCOMPARE(a.hookNames(), QStringList { u"boot"_s });
        QCOMPARE(a.defaultResult, u"ABANDON"_s);
        // The wait started with that activity: a real estimate, not a bound.
        QCOMPARE(a.estimate.waitStart, T0.addSecs(-300));
        QVERIFY2(a.explanation().contains(u"instance terminated and replaced"_s), qPrintable(a.explanation()));
        QVERIFY2(a.explanation().contains(u"launched into the warm pool"_s), qPrintable(a.explanation()));
    }

    void leavingThePoolWaitsOnLaunchHooksAgain()
    {
        // Scale out took it from the pool: an ordinary Pending:Wait in the group, on the launch hooks.
        m_pool.group.instances = { instance(u"i-out"_s, u"Pending:Wait"_s) };
        m_pool.activities = { activity(u"Launching a new EC2 instance into warm pool: i-out"_s, 60),
            activity(u"Launching a new EC2 instance from warm pool: i-out"_s, 2) };
        const PendingAction a = only(u"i-out"_s);
        QCOMPARE(a.transition, LifecycleState::Transition::Launch);
        QCOMPARE(a.hookNames(), QStringList { u"boot"_s });
        QCOMPARE(a.estimate.waitStart, T0.addSecs(-120)); // from the activity that took it out, not the older one
        QVERIFY(a.warmPoolReason.isEmpty());
    }

    void returningOnScaleInWaitsOnTerminateHooks()
    {
        m_pool.group.instances = { instance(u"i-back"_s, u"Warmed:Pending:Wait"_s) };
        m_pool.activities = { activity(u"Launching a new EC2 instance into warm pool: i-back"_s, 600),
            activity(u"Launching a new EC2 instance from warm pool: i-back"_s, 500),
            activity(u"Returning EC2 instance to warm pool: i-back"_s, 3) };
        const PendingAction a = only(u"i-back"_s);
        QCOMPARE(a.hookTransition, QString::fromLatin1(LifecycleTransition::Terminating));
        QCOMPARE(a.hookNames(), QStringList { u"drain"_s });
        QCOMPARE(a.defaultResult, u"CONTINUE"_s);
        QCOMPARE(a.estimate.waitStart, T0.addSecs(-180));
        QVERIFY2(a.explanation().contains(u"returns to the warm pool"_s), qPrintable(a.explanation()));
        QVERIFY(!a.explanation().contains(u"terminated"_s));
    }

    void theHooksAloneDecideWhenOfOneKind()
    {
        m_pool.group.instances = { instance(u"i-a"_s, u"Warmed:Pending:Wait"_s) };
        m_pool.hooks = { hook(u"boot"_s, true) };
        QCOMPARE(only(u"i-a"_s).hookNames(), QStringList { u"boot"_s });
        m_pool.hooks = { hook(u"drain"_s, false) };
        const PendingAction a = only(u"i-a"_s);
        QCOMPARE(a.hookNames(), QStringList { u"drain"_s });
        QVERIFY2(a.warmPoolReason.contains(u"only terminate hooks"_s), qPrintable(a.warmPoolReason));
    }

    void unknownWhenNothingTellsOrTheyDisagree()
    {
        m_pool.group.instances = { instance(u"i-x"_s, u"Warmed:Pending:Wait"_s) };
        // Both kinds of hook, and the only activity is another instance's or says nothing about this wait.
        m_pool.activities = { activity(u"Launching a new EC2 instance into warm pool: i-other"_s, 5),
            activity(u"Launching a new EC2 instance from warm pool: i-x"_s, 4) };
        PendingAction a = only(u"i-x"_s);
        QVERIFY(a.actionable);
        QVERIFY(a.hookTransition.isEmpty());
        QVERIFY(a.hookNames().isEmpty());
        QVERIFY(a.defaultResult.isEmpty());
        QVERIFY(!a.estimate.isValid());
        QVERIFY2(a.explanation().contains(u"unknown"_s), qPrintable(a.explanation()));
        // The activity says "returning", the hooks say only launch hooks exist: not guessed either way.
        m_pool.hooks = { hook(u"boot"_s, true) };
        m_pool.activities = { activity(u"Returning EC2 instance to warm pool: i-x"_s, 1) };
        a = only(u"i-x"_s);
        QVERIFY(a.hookTransition.isEmpty());
        QVERIFY2(a.warmPoolReason.contains(u"disagree"_s), qPrintable(a.warmPoolReason));
        // Hooks not loaded: nothing is decided from them.
        m_pool.hooksLoaded = false;
        m_pool.activities = {};
        QCOMPARE(WarmPoolHook::decide(u"i-x"_s, m_pool.hooks, false, {}).path, WarmPoolHook::Path::Unknown);
    }

    void warmedStatesAreNotWaits()
    {
        m_pool.group.instances = { instance(u"i-s"_s, u"Warmed:Stopped"_s), instance(u"i-h"_s, u"Warmed:Hibernated"_s),
            instance(u"i-p"_s, u"Warmed:Pending:Proceed"_s) };
        m_pool.activities = { activity(u"Launching a new EC2 instance into warm pool: i-p"_s, 1) };
        for (const GroupInstance& i : std::as_const(m_pool.group.instances))
            m_estimator.observe(i.instanceId, i.lifecycleState);
        const QList<PendingAction> actions = PendingActions::compute({ m_pool }, m_estimator);
        QCOMPARE(actions.size(), 1); // the Proceed one, shown as moving on
        QCOMPARE(actions.first().instanceId, u"i-p"_s);
        QVERIFY(!actions.first().actionable);
        QCOMPARE(WarmPoolHook::pathId(WarmPoolHook::Path::ReturningOnScaleIn), u"returning-on-scale-in"_s);
    }
};

QTEST_GUILESS_MAIN(TestWarmPoolHook)
#include "tst_warmpoolhook.moc"
