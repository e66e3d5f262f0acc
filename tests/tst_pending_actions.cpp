// PendingActions::compute(): which instances are listed, the hooks they still wait on, the default result, the
// explanation and the urgency the countdown is coloured by.
#include "pendingaction.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime T0(QDate(2026, 3, 1), QTime(3, 0), Qt::UTC);

GroupInstance instance(const QString& id, const QString& state)
{
    GroupInstance i;
    i.instanceId = id;
    i.lifecycleState = state;
    i.healthStatus = u"Healthy"_s;
    return i;
}

LifecycleHook hook(const QString& name, bool launching, int heartbeat, const QString& defaultResult)
{
    LifecycleHook h;
    h.name = name;
    h.groupName = u"web-blue"_s;
    h.transition = QLatin1String(launching ? LifecycleTransition::Launching : LifecycleTransition::Terminating);
    h.heartbeatTimeout = heartbeat;
    h.globalTimeout = std::min(100 * heartbeat, 172800);
    h.defaultResult = defaultResult;
    return h;
}

} // namespace

class TestPendingActions : public QObject {
    Q_OBJECT

private:
    QDateTime m_now;
    DeadlineEstimator m_estimator;
    PendingActions::GroupInput m_web;

private Q_SLOTS:
    void init()
    {
        m_now = T0;
        m_estimator.setClock([this] { return m_now; });
        m_estimator.retainOnly({});
        m_web = {};
        m_web.group.name = u"web-blue"_s;
        m_web.group.instances = {
            instance(u"i-wait"_s, u"Pending:Wait"_s),
            instance(u"i-term"_s, u"Terminating:Wait"_s),
            instance(u"i-ok"_s, u"InService"_s),
            instance(u"i-proceed"_s, u"Pending:Proceed"_s),
            instance(u"i-retained"_s, u"Terminating:Retained"_s),
        };
        m_web.hooks = {
            hook(u"warm-up"_s, true, 3600, u"ABANDON"_s),
            hook(u"register"_s, true, 600, u"CONTINUE"_s),
            hook(u"drain"_s, false, 7200, u"CONTINUE"_s),
        };
        m_web.hooksLoaded = true;
        for (const GroupInstance& i : std::as_const(m_web.group.instances))
            m_estimator.observe(i.instanceId, i.lifecycleState);
    }

    void listsWaitingAndTransitionalInstances()
    {
        const QList<PendingAction> actions = PendingActions::compute({ m_web }, m_estimator);
        QStringList ids;
        for (const PendingAction& a : actions)
            ids << a.instanceId;
        // Actionable first, earliest deadline first (register: 10 min < drain: 2 h); transitional last.
        QCOMPARE(ids, (QStringList { u"i-wait"_s, u"i-term"_s, u"i-proceed"_s, u"i-retained"_s }));
        QVERIFY(actions.at(0).actionable);
        QVERIFY(actions.at(1).actionable);
        QVERIFY(!actions.at(2).actionable);
        QVERIFY(!actions.at(3).actionable);
        QCOMPARE(actions.at(2).urgency(m_now), Urgency::None);
        QCOMPARE(actions.at(2).leftText(m_now), u"—"_s);
        // Retained: no timeout ends it, only a termination (issue 12 item 2).
        QCOMPARE(actions.at(3).leftText(m_now), u"until terminated"_s);
        QVERIFY(actions.at(3).explanation().startsWith(u"retained, not terminated"_s));
    }

    void hooksOfTheTransitionAndEarliestDeadline()
    {
        const QList<PendingAction> actions = PendingActions::compute({ m_web }, m_estimator);
        const PendingAction& launch = actions.at(0);
        QCOMPARE(launch.transition, LifecycleState::Transition::Launch);
        // Earliest deadline first: register (10 min) before warm-up (1 h).
        QCOMPARE(launch.hookNames(), (QStringList { u"register"_s, u"warm-up"_s }));
        QCOMPARE(launch.decidingHook()->name, u"register"_s);
        QCOMPARE(launch.estimate.deadline, T0.addSecs(600));
        // The row's result belongs to the hook its time does (issue 18): register's CONTINUE at 10 min, not warm-up's
        // ABANDON at 1 h; the explanation says that warm-up's ABANDON still ends the launch after it.
        QCOMPARE(launch.firstResult(), u"CONTINUE"_s);
        // What doing nothing leads to, as `pending` JSON reports it: ABANDON from any waiting hook ends the launch.
        QCOMPARE(launch.defaultResult, u"ABANDON"_s);
        QCOMPARE(launch.explanation(),
            u"if nothing is done: CONTINUE for register first, then warm-up times out with ABANDON → instance "
            "terminated and replaced"_s);

        const PendingAction& term = actions.at(1);
        QCOMPARE(term.hookNames(), QStringList { u"drain"_s });
        QCOMPARE(term.defaultResult, u"CONTINUE"_s);
        QCOMPARE(term.explanation(), u"if nothing is done: CONTINUE → instance terminated"_s);
    }

    void completedHooksAreNoLongerWaitedOn()
    {
        const QList<PendingAction> actions
            = PendingActions::compute({ m_web }, m_estimator, { u"i-wait/register"_s, u"i-term/drain"_s });
        QCOMPARE(actions.at(0).instanceId, u"i-wait"_s);
        QCOMPARE(actions.at(0).hookNames(), QStringList { u"warm-up"_s });
        QCOMPARE(actions.at(0).estimate.deadline, T0.addSecs(3600));
        const auto term = std::find_if(
            actions.cbegin(), actions.cend(), [](const PendingAction& a) { return a.instanceId == u"i-term"_s; });
        QVERIFY(term != actions.cend());
        QVERIFY(term->waits.isEmpty());
        QVERIFY(term->defaultResult.isEmpty());
        QCOMPARE(term->leftText(m_now), u"—"_s);
    }

    // An instance waits until every hook's action completes; a CONTINUE hook whose timeout passed is completed by
    // that timeout, so the row goes on counting down to the hook that still holds the instance.
    void continueHookTimedOutIsNoLongerWaitedOn()
    {
        m_now = T0.addSecs(601); // register (CONTINUE, 10 min) timed out; warm-up (ABANDON, 1 h) has 49:59 left
        const QList<PendingAction> actions = PendingActions::compute({ m_web }, m_estimator);
        const PendingAction& launch = actions.at(0);
        QCOMPARE(launch.instanceId, u"i-wait"_s);
        QCOMPARE(launch.hookNames(), QStringList { u"warm-up"_s });
        QCOMPARE(launch.timedOut.size(), 1);
        QCOMPARE(launch.timedOut.constFirst().hook.name, u"register"_s);
        QCOMPARE(launch.decidingHook()->name, u"warm-up"_s);
        QCOMPARE(launch.estimate.deadline, T0.addSecs(3600));
        QCOMPARE(launch.leftText(m_now), u"unknown — at most 49:59"_s);
        QCOMPARE(launch.urgency(m_now), Urgency::Normal);
        QCOMPARE(launch.defaultResult, u"ABANDON"_s);
        QCOMPARE(launch.explanation(),
            u"if nothing is done: ABANDON → instance terminated and replaced (register timed out: CONTINUE applied, "
            u"no longer waited on)"_s);

        // One second earlier register still counts (its countdown reads ≈ 00:00, not yet overdue).
        m_now = T0.addSecs(600);
        const PendingAction before = PendingActions::compute({ m_web }, m_estimator).at(0);
        QCOMPARE(before.hookNames(), (QStringList { u"register"_s, u"warm-up"_s }));
        QVERIFY(before.timedOut.isEmpty());
        QCOMPARE(before.urgency(m_now), Urgency::Red);
    }

    void defaultAndLeftComeFromTheHooksStillWaitedOn()
    {
        // Two CONTINUE hooks: after the first times out the row is the second's, CONTINUE, not overdue.
        m_web.hooks = { hook(u"register"_s, true, 600, u"CONTINUE"_s), hook(u"notify"_s, true, 1200, u"CONTINUE"_s) };
        m_web.group.instances = { instance(u"i-wait"_s, u"Pending:Wait"_s) };
        m_now = T0.addSecs(700);
        PendingAction a = PendingActions::compute({ m_web }, m_estimator).constFirst();
        QCOMPARE(a.hookNames(), QStringList { u"notify"_s });
        QCOMPARE(a.defaultResult, u"CONTINUE"_s);
        QCOMPARE(a.leftText(m_now), u"unknown — at most 08:20"_s);
        QCOMPARE(a.urgency(m_now), Urgency::Amber);
        QVERIFY(a.explanation().startsWith(u"if nothing is done: CONTINUE → instance goes InService"_s));
        QVERIFY(a.explanation().contains(u"register timed out"_s));

        // Every hook past its deadline yet still waiting: only now is the row overdue (the estimate was early).
        m_now = T0.addSecs(1300);
        a = PendingActions::compute({ m_web }, m_estimator).constFirst();
        QCOMPARE(a.leftText(m_now), u"overdue"_s);
        QCOMPARE(a.urgency(m_now), Urgency::Red);
        QCOMPARE(a.hookNames(), (QStringList { u"register"_s, u"notify"_s }));
        QVERIFY(a.timedOut.isEmpty());
        QCOMPARE(a.defaultResult, u"CONTINUE"_s);

        // An ABANDON hook past its deadline ends the whole wait: overdue even though a CONTINUE hook has time left.
        m_web.hooks = { hook(u"warm-up"_s, true, 600, u"ABANDON"_s), hook(u"notify"_s, true, 1200, u"CONTINUE"_s) };
        m_now = T0.addSecs(700);
        a = PendingActions::compute({ m_web }, m_estimator).constFirst();
        QCOMPARE(a.hookNames(), (QStringList { u"warm-up"_s, u"notify"_s }));
        QCOMPARE(a.leftText(m_now), u"overdue"_s);
        QCOMPARE(a.defaultResult, u"ABANDON"_s);
    }

    void nextTimeoutChange()
    {
        // The store recomputes when register (CONTINUE, 10 min) times out: warm-up still waits after it.
        QList<PendingAction> actions = PendingActions::compute({ m_web }, m_estimator);
        QCOMPARE(PendingActions::nextTimeoutChange(actions, m_now), T0.addSecs(601));
        // Past the deadline but inside its last second, register has not timed out yet: still the next change.
        // (A timer firing a few milliseconds early lands here; it must be scheduled again, not forgotten.)
        m_now = T0.addMSecs(600'500);
        actions = PendingActions::compute({ m_web }, m_estimator);
        QCOMPARE(actions.constFirst().hookNames(), (QStringList { u"register"_s, u"warm-up"_s }));
        QCOMPARE(PendingActions::nextTimeoutChange(actions, m_now), T0.addSecs(601));
        // Once it has, the change is behind us and warm-up (ABANDON) changes nothing by timing out.
        m_now = T0.addSecs(601);
        actions = PendingActions::compute({ m_web }, m_estimator);
        QCOMPARE(actions.constFirst().hookNames(), QStringList { u"warm-up"_s });
        QVERIFY(!PendingActions::nextTimeoutChange(actions, m_now).isValid());
        // A lone hook timing out changes nothing: it stays, overdue.
        m_web.hooks = { hook(u"drain"_s, false, 7200, u"CONTINUE"_s) };
        actions = PendingActions::compute({ m_web }, m_estimator);
        QVERIFY(!PendingActions::nextTimeoutChange(actions, m_now).isValid());
    }

    void unknownHooksAreNotEmptyHooks()
    {
        m_web.hooksLoaded = false;
        m_web.hooks.clear();
        const QList<PendingAction> actions = PendingActions::compute({ m_web }, m_estimator);
        QCOMPARE(actions.size(), 4);
        QVERIFY(!actions.at(0).hooksKnown);
        QVERIFY(actions.at(0).explanation().contains(u"not loaded"_s));
    }

    void countdownTextAndUrgency()
    {
        m_web.hooks = { hook(u"warm-up"_s, true, 3600, u"ABANDON"_s) };
        m_web.group.instances = { instance(u"i-wait"_s, u"Pending:Wait"_s) };
        PendingAction a = PendingActions::compute({ m_web }, m_estimator).constFirst();

        m_now = T0.addSecs(3600 - (41 * 60 + 12));
        QCOMPARE(a.leftText(m_now), u"unknown — at most 41:12"_s);
        QCOMPARE(a.urgency(m_now), Urgency::Normal);

        m_now = T0.addSecs(3600 - (9 * 60 + 59)); // < 10 min
        QCOMPARE(a.urgency(m_now), Urgency::Amber);
        m_now = T0.addSecs(3600 - 119); // < 2 min
        QCOMPARE(a.urgency(m_now), Urgency::Red);
        QCOMPARE(a.leftText(m_now), u"unknown — at most 01:59"_s);
        m_now = T0.addSecs(3601);
        QCOMPARE(a.leftText(m_now), u"overdue"_s);
        QCOMPARE(a.urgency(m_now), Urgency::Red);

        // < 20 % of a long window is amber even with more than 10 minutes left.
        m_web.hooks = { hook(u"slow"_s, true, 7200, u"CONTINUE"_s) };
        a = PendingActions::compute({ m_web }, m_estimator).constFirst();
        m_now = T0.addSecs(7200 - 1400); // 1400 s < 20 % of 7200 s
        QCOMPARE(a.urgency(m_now), Urgency::Amber);
        m_now = T0.addSecs(7200 - 1500);
        QCOMPARE(a.urgency(m_now), Urgency::Normal);
        m_now = T0.addSecs(7200 - (1 * 3600 + 52 * 60 + 40) + 0);
        QCOMPARE(a.leftText(m_now), u"unknown — at most 1:52:40"_s);
    }

    void warmPoolAndRootVolumeStates()
    {
        m_web.group.instances = {
            instance(u"i-warm"_s, u"Warmed:Pending:Wait"_s),
            instance(u"i-warmterm"_s, u"Warmed:Terminating:Wait"_s),
            instance(u"i-root"_s, u"ReplacingRootVolume:Wait"_s),
        };
        for (const GroupInstance& i : std::as_const(m_web.group.instances))
            m_estimator.observe(i.instanceId, i.lifecycleState);
        const QList<PendingAction> actions = PendingActions::compute({ m_web }, m_estimator);
        QCOMPARE(actions.size(), 3);
        for (const PendingAction& a : actions) {
            QVERIFY(a.actionable);
            if (a.instanceId == u"i-warm"_s) {
                // Launch and terminate hooks and no activity: launching into the pool or returning to it on scale
                // in cannot be told apart, so no hook is named (tst_warmpoolhook covers the decided paths).
                QCOMPARE(a.transition, LifecycleState::Transition::WarmPoolLaunch);
                QVERIFY(a.hookNames().isEmpty());
                QVERIFY(a.hookTransition.isEmpty());
                QVERIFY(a.defaultResult.isEmpty());
                QVERIFY2(a.explanation().contains(u"unknown"_s), qPrintable(a.explanation()));
            } else if (a.instanceId == u"i-warmterm"_s) {
                QCOMPARE(a.transition, LifecycleState::Transition::WarmPoolTerminate);
                QCOMPARE(a.hookNames(), QStringList { u"drain"_s });
            } else {
                QCOMPARE(a.transition, LifecycleState::Transition::RootVolumeReplacement);
            }
        }
    }

    void formatDuration()
    {
        QCOMPARE(PendingActions::formatDuration(0), u"00:00"_s);
        QCOMPARE(PendingActions::formatDuration(48), u"00:48"_s);
        QCOMPARE(PendingActions::formatDuration(3599), u"59:59"_s);
        QCOMPARE(PendingActions::formatDuration(3600), u"1:00:00"_s);
        QCOMPARE(PendingActions::formatDuration(172800), u"48:00:00"_s);
    }
};

QTEST_GUILESS_MAIN(TestPendingActions)
#include "tst_pending_actions.moc"
