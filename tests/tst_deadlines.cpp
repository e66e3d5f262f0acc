// Deadlines that are never late, one test per source of the wait's start: the scaling activity (found even when a
// large scale-out pushed it out of the recent activities), the first sighting (only an upper bound, shown as "at
// most"), a heartbeat this process sent (counted from when it left) and one another process sent (counted from its
// audit intent). The simulator's own deadline is the truth; an estimate may be early, never later than it.
#include "auditheartbeatfeed.h"
#include "deadlineestimator.h"
#include "inventorybuilders.h"
#include "simengine.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int Timeout = 600;
// How early an estimate may be: the simulated Pending phase between the activity's start and the wait, and the
// time a heartbeat travels. Never late is checked exactly.
constexpr qint64 Slack = 5;

QDateTime simDeadline(Simulator& sim, const QString& instanceId)
{
    for (const SimPendingAction& action : sim.pendingActions()) {
        if (action.instanceId == instanceId)
            return action.deadline;
    }
    return {};
}
} // namespace

class TestDeadlines : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;

    Simulator& sim() { return m_sim->fixture.simulator(); }
    InventoryStore& store() { return *m_sim->store; }

    // Group "web" with a launch hook of Timeout seconds, scaled out by `step` instances `steps` times a minute
    // apart, so the first instances have waited longest and their activities are the oldest.
    void scaleOut(int step, int steps)
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start({}, &error), qPrintable(error));
        QVERIFY(sim().createGroup(u"web"_s, 0, 100, 0));
        QVERIFY(sim().putLifecycleHook(u"web"_s, u"warm-up"_s, QLatin1String(LifecycleTransition::Launching), Timeout));
        for (int i = 1; i <= steps; ++i) {
            QVERIFY(sim().setDesiredCapacity(u"web"_s, step * i));
            sim().advance(60);
        }
    }

    // The store's estimate for the instance is early by at most Slack and never later than the simulator's truth.
    void verifyNeverLate(const QString& instanceId, DeadlineEstimate::StartSource source)
    {
        const PendingAction* action = store().pendingAction(u"web"_s, instanceId);
        QVERIFY(action);
        const QDateTime truth = simDeadline(sim(), instanceId);
        QVERIFY(truth.isValid());
        QCOMPARE(action->estimate.startSource, source);
        QVERIFY(!action->estimate.isUpperBound());
        const qint64 early = action->estimate.deadline.secsTo(truth);
        QVERIFY2(early >= 0 && early <= Slack,
            qPrintable(u"%1: estimate %2, truth %3"_s.arg(
                instanceId, action->estimate.deadline.toString(Qt::ISODateWithMs), truth.toString(Qt::ISODateWithMs))));
        QVERIFY(action->leftText(sim().now()).startsWith(u"≈ "_s));
    }

private Q_SLOTS:
    void cleanup() { m_sim.reset(); }

    // 12 instances launched 4 a minute: the first four's activities are the last of three pages of
    // MidLifecycleAction activities (4 a page) and not among the 3 recent ones. They still get their true deadline
    // and come first, instead of counting from now and sorting last.
    void activityOnTheThirdPageGivesTheDeadline()
    {
        scaleOut(4, 3);
        QCOMPARE(sim().engine().activities(u"web"_s).size(), 12);
        store().setFeedLimits(3, 1); // the feed gives the 3 newest, as a busy account would
        store().setWaitActivityPageSize(4);
        QVERIFY(m_sim->refresh());
        const QList<PendingAction>& pending = store().pendingActions();
        QCOMPARE(pending.size(), 12);
        for (const PendingAction& action : pending)
            verifyNeverLate(action.instanceId, DeadlineEstimate::StartSource::Activity);
        QCOMPARE(store().group(u"web"_s)->activities.size(), 3); // the Activity tab keeps the recent ones
        // groups, the feed, hooks, then three pages of the ones held by hooks
        QCOMPARE(store().requestCount(), 6);
        // Most urgent first: the oldest launches.
        const QDateTime oldest = simDeadline(sim(), pending.constFirst().instanceId);
        for (const SimPendingAction& action : sim().pendingActions())
            QVERIFY(oldest <= action.deadline);
    }

    // Within a bound: a refresh reads at most ten pages of held activities for one group. Instances whose activity
    // lies beyond keep an "at most" bound, which still holds.
    void pagingIsBounded()
    {
        scaleOut(4, 3);
        store().setFeedLimits(1, 1);
        store().setWaitActivityPageSize(1);
        QVERIFY(m_sim->refresh());
        // groups, the feed's newest activity, hooks, then ten pages of one: the two oldest launches stay unknown
        QCOMPARE(store().requestCount(), 13);
        int bounded = 0;
        for (const PendingAction& action : store().pendingActions()) {
            if (!action.estimate.isUpperBound()) {
                verifyNeverLate(action.instanceId, DeadlineEstimate::StartSource::Activity);
                continue;
            }
            ++bounded;
            QVERIFY(simDeadline(sim(), action.instanceId) <= action.estimate.deadline);
            QVERIFY(action.leftText(sim().now()).startsWith(u"unknown — at most "_s));
        }
        QCOMPARE(bounded, 2);
    }

    // No activity: the wait started at or before the first sighting F, so the true deadline lies in
    // (F, F + HeartbeatTimeout]. The row says "unknown — at most" that bound, never an estimate, and sorts by it.
    void firstSeenIsOnlyAnUpperBound()
    {
        using namespace TestSupport;
        const QDateTime t0(QDate(2026, 3, 1), QTime(3, 0), Qt::UTC);
        QDateTime now = t0;
        InventoryStore local(nullptr);
        local.estimator()->setClock([&now] { return now; });
        // i-1 has waited 400 s already when first seen (truth: t0 + 200 s); i-2's start is known from its activity.
        GroupSnapshot web = group(u"web"_s,
            { instance(u"web"_s, u"i-1"_s, u"Pending:Wait"_s), instance(u"web"_s, u"i-2"_s, u"Pending:Wait"_s) },
            { hook(u"web"_s, u"warm-up"_s, true, Timeout, u"ABANDON"_s) });
        ScalingActivity launch;
        launch.activityId = u"a-2"_s;
        launch.statusCode = u"MidLifecycleAction"_s;
        launch.description = u"Launching a new EC2 instance: i-2"_s;
        launch.startTime = t0.addSecs(-300);
        web.activities = { launch };
        web.activitiesLoaded = true;
        local.setSnapshotForTesting({ web });
        now = t0.addSecs(100);

        const PendingAction* unknown = local.pendingAction(u"web"_s, u"i-1"_s);
        QVERIFY(unknown);
        const QDateTime truth = t0.addSecs(Timeout - 400);
        QVERIFY(unknown->estimate.isUpperBound());
        QCOMPARE(unknown->estimate.deadline, t0.addSecs(Timeout));
        QVERIFY(truth <= unknown->estimate.deadline); // the bound holds: the true time left is never more
        QCOMPARE(unknown->leftText(now), u"unknown — at most 08:20"_s);

        // Sorted by the bound: i-2's estimate (t0 + 300 s) comes before i-1's bound (t0 + 600 s) …
        QCOMPARE(local.pendingActions().constFirst().instanceId, u"i-2"_s);
        QCOMPARE(local.pendingActions().constFirst().leftText(now), u"≈ 03:20"_s);
        // … and a heartbeat of ours after the sighting makes i-1's deadline an estimate again (from the heartbeat).
        local.recordHeartbeat(u"i-1"_s, u"warm-up"_s, t0.addSecs(50));
        QVERIFY(!local.pendingAction(u"web"_s, u"i-1"_s)->estimate.isUpperBound());
        QCOMPARE(local.pendingAction(u"web"_s, u"i-1"_s)->leftText(now), u"≈ 09:10"_s);
    }

    // A heartbeat of ours counts from when its request left, not from its answer: AWS restarted the timeout in
    // between.
    void ownHeartbeatCountsFromItsSending()
    {
        scaleOut(1, 1);
        QVERIFY(m_sim->refresh());
        const QString id = store().pendingActions().constFirst().instanceId;
        sim().advance(200);
        const QDateTime sentAt = sim().now();
        sim().advance(2); // on its way
        QVERIFY(sim().engine().recordHeartbeat(u"web"_s, u"warm-up"_s, {}, id));
        sim().advance(2); // the answer on its way back
        store().recordHeartbeat(id, u"warm-up"_s, sentAt);
        verifyNeverLate(id, DeadlineEstimate::StartSource::Activity);
        QCOMPARE(store().pendingAction(u"web"_s, id)->estimate.lastHeartbeat, sentAt);

        // Without a send time it counts from now (the answer): kept for callers that do not know better.
        store().recordHeartbeat(id, u"warm-up"_s);
        QCOMPARE(store().pendingAction(u"web"_s, id)->estimate.lastHeartbeat, sim().now());
    }

    // A heartbeat another Hookdesk process sent reaches the estimate through the shared audit log, counted from its
    // intent record, written before the request left.
    void anotherProcessHeartbeatCountsFromItsIntent()
    {
        scaleOut(1, 1);
        AuditHeartbeatFeed feed(m_sim->audit.get(), m_sim->store.get());
        QVERIFY(m_sim->refresh());
        const QString id = store().pendingActions().constFirst().instanceId;
        sim().advance(200);
        AuditRecord record;
        record.action = u"RecordLifecycleActionHeartbeat"_s;
        record.region = sim().options().region;
        record.group = u"web"_s;
        record.hook = u"warm-up"_s;
        record.instance = id;
        record.phase = u"intent"_s;
        record.time = sim().now();
        QVERIFY(m_sim->audit->append(record));
        const QDateTime intent = record.time;
        sim().advance(2);
        QVERIFY(sim().engine().recordHeartbeat(u"web"_s, u"warm-up"_s, {}, id));
        sim().advance(2);
        record.phase = u"outcome"_s;
        record.outcome = u"done"_s;
        record.time = sim().now();
        QVERIFY(m_sim->audit->append(record));

        QVERIFY(m_sim->refresh()); // the feed reads the log after every refresh
        verifyNeverLate(id, DeadlineEstimate::StartSource::Activity);
        QCOMPARE(store().pendingAction(u"web"_s, id)->estimate.lastHeartbeat, intent);
    }
};

QTEST_GUILESS_MAIN(TestDeadlines)
#include "tst_deadlines.moc"
