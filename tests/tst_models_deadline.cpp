// DeadlineEstimator: where the wait start comes from, heartbeat resets, the global cap (design.md §3).
#include "deadlineestimator.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDeadline : public QObject {
    Q_OBJECT

private:
    QDateTime m_now = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
    DeadlineEstimator m_estimator;

    static LifecycleHook hook(const QString& name, int heartbeat, int global = 0)
    {
        LifecycleHook h;
        h.name = name;
        h.groupName = u"web"_s;
        h.transition = QLatin1String(LifecycleTransition::Launching);
        h.heartbeatTimeout = heartbeat;
        h.globalTimeout = global > 0 ? global : std::min(100 * heartbeat, 172800);
        return h;
    }
    static ScalingActivity activity(
        const QString& description, const QDateTime& start, const QString& status = u"MidLifecycleAction"_s)
    {
        ScalingActivity a;
        a.activityId = QString::number(start.toSecsSinceEpoch());
        a.description = description;
        a.startTime = start;
        a.statusCode = status;
        return a;
    }

private Q_SLOTS:
    void init()
    {
        m_now = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
        m_estimator.setClock([this] { return m_now; });
        m_estimator.retainOnly({});
    }

    void firstSeenIsTheFallbackStart()
    {
        m_estimator.observe(u"i-1"_s, u"Pending:Wait"_s);
        const QDateTime seen = m_now;
        m_now = m_now.addSecs(600);
        m_estimator.observe(u"i-1"_s, u"Pending:Wait"_s); // a later sighting does not move the start
        const DeadlineEstimate e = m_estimator.estimate(u"i-1"_s, u"Pending:Wait"_s, hook(u"warm-up"_s, 3600), {});
        QCOMPARE(e.startSource, DeadlineEstimate::StartSource::FirstSeen);
        QCOMPARE(e.waitStart, seen);
        QCOMPARE(e.deadline, seen.addSecs(3600));
        QCOMPARE(e.secondsLeft(m_now), 3000);
        QVERIFY(!e.cappedByGlobalTimeout);
    }

    void activityStartWinsWhenEarlier()
    {
        m_estimator.observe(u"i-1"_s, u"Pending:Wait"_s);
        const QDateTime started = m_now.addSecs(-56 * 60);
        const QList<ScalingActivity> activities {
            activity(u"Launching a new EC2 instance: i-1"_s, started),
            activity(u"Launching a new EC2 instance: i-2"_s, m_now.addSecs(-5000)),
        };
        const DeadlineEstimate e
            = m_estimator.estimate(u"i-1"_s, u"Pending:Wait"_s, hook(u"warm-up"_s, 3600), activities);
        QCOMPARE(e.startSource, DeadlineEstimate::StartSource::Activity);
        QCOMPARE(e.waitStart, started);
        QCOMPARE(e.secondsLeft(m_now), 4 * 60);
    }

    void activityAfterFirstSightingIsIgnored()
    {
        m_estimator.observe(u"i-1"_s, u"Pending:Wait"_s);
        const QDateTime seen = m_now;
        const QList<ScalingActivity> activities { activity(u"Launching a new EC2 instance: i-1"_s, m_now.addSecs(30)) };
        const DeadlineEstimate e = m_estimator.estimate(u"i-1"_s, u"Pending:Wait"_s, hook(u"h"_s, 600), activities);
        QCOMPARE(e.startSource, DeadlineEstimate::StartSource::FirstSeen);
        QCOMPARE(e.waitStart, seen);
    }

    void activityOfTheOtherDirectionIsIgnored()
    {
        m_estimator.observe(u"i-1"_s, u"Terminating:Wait"_s);
        const QList<ScalingActivity> activities {
            activity(u"Launching a new EC2 instance: i-1"_s, m_now.addSecs(-7200), u"Successful"_s),
            activity(u"Launching a new EC2 instance: i-1"_s, m_now.addSecs(-3000)),
        };
        LifecycleHook drain = hook(u"drain"_s, 3600);
        drain.transition = QLatin1String(LifecycleTransition::Terminating);
        DeadlineEstimate e = m_estimator.estimate(u"i-1"_s, u"Terminating:Wait"_s, drain, activities);
        QCOMPARE(e.startSource, DeadlineEstimate::StartSource::FirstSeen);

        const QList<ScalingActivity> withTerminate
            = activities + QList<ScalingActivity> { activity(u"Terminating EC2 instance: i-1"_s, m_now.addSecs(-100)) };
        e = m_estimator.estimate(u"i-1"_s, u"Terminating:Wait"_s, drain, withTerminate);
        QCOMPARE(e.startSource, DeadlineEstimate::StartSource::Activity);
        QCOMPARE(e.waitStart, m_now.addSecs(-100));
    }

    void heartbeatRestartsTheTimeout()
    {
        // 1 h timeout, heartbeat at 30 min → 90 min in all.
        m_estimator.observe(u"i-1"_s, u"Pending:Wait"_s);
        const QDateTime start = m_now;
        const LifecycleHook h = hook(u"warm-up"_s, 3600);
        QSignalSpy changed(&m_estimator, &DeadlineEstimator::estimatesChanged);
        m_now = m_now.addSecs(30 * 60);
        m_estimator.recordHeartbeat(u"i-1"_s, u"warm-up"_s, m_now);
        QCOMPARE(changed.count(), 1);
        const DeadlineEstimate e = m_estimator.estimate(u"i-1"_s, u"Pending:Wait"_s, h, {});
        QCOMPARE(e.waitStart, start);
        QCOMPARE(e.lastHeartbeat, m_now);
        QCOMPARE(e.deadline, start.addSecs(90 * 60));
        QCOMPARE(e.windowSeconds(), 3600);

        // Another hook of the same instance keeps its own timeout.
        const DeadlineEstimate other = m_estimator.estimate(u"i-1"_s, u"Pending:Wait"_s, hook(u"register"_s, 3600), {});
        QCOMPARE(other.deadline, start.addSecs(3600));
    }

    void globalTimeoutCapsHeartbeats()
    {
        m_estimator.observe(u"i-1"_s, u"Pending:Wait"_s);
        const QDateTime start = m_now;
        const LifecycleHook h = hook(u"long"_s, 7200); // global: min(100 × 7200, 172800) = 48 h
        QCOMPARE(h.globalTimeout, 172800);
        m_now = start.addSecs(47 * 3600);
        m_estimator.recordHeartbeat(u"i-1"_s, u"long"_s, m_now);
        const DeadlineEstimate e = m_estimator.estimate(u"i-1"_s, u"Pending:Wait"_s, h, {});
        QCOMPARE(e.heartbeatDeadline, start.addSecs(49 * 3600));
        QCOMPARE(e.globalDeadline, start.addSecs(48 * 3600));
        QCOMPARE(e.deadline, e.globalDeadline);
        QVERIFY(e.cappedByGlobalTimeout);
        QCOMPARE(e.secondsLeft(m_now), 3600);
    }

    void newStateIsANewWait()
    {
        m_estimator.observe(u"i-1"_s, u"Pending:Wait"_s);
        m_estimator.recordHeartbeat(u"i-1"_s, u"warm-up"_s, m_now.addSecs(10));
        m_now = m_now.addSecs(3000);
        m_estimator.observe(u"i-1"_s, u"Terminating:Wait"_s);
        QCOMPARE(m_estimator.firstSeen(u"i-1"_s), m_now);
        LifecycleHook h = hook(u"warm-up"_s, 3600);
        const DeadlineEstimate e = m_estimator.estimate(u"i-1"_s, u"Terminating:Wait"_s, h, {});
        QVERIFY(!e.lastHeartbeat.isValid());
        QCOMPARE(e.deadline, m_now.addSecs(3600));
        // Asking about a state we did not see gives no estimate rather than a wrong one.
        QVERIFY(!m_estimator.estimate(u"i-1"_s, u"Pending:Wait"_s, h, {}).isValid());
    }

    void heartbeatForUnseenInstanceIsIgnored()
    {
        QSignalSpy changed(&m_estimator, &DeadlineEstimator::estimatesChanged);
        m_estimator.recordHeartbeat(u"i-unknown"_s, u"h"_s, m_now);
        QCOMPARE(changed.count(), 0);
        QVERIFY(!m_estimator.estimate(u"i-unknown"_s, u"Pending:Wait"_s, hook(u"h"_s, 60), {}).isValid());
    }

    void retainOnlyForgetsVanishedInstances()
    {
        m_estimator.observe(u"i-1"_s, u"Pending:Wait"_s);
        m_estimator.observe(u"i-2"_s, u"Pending:Wait"_s);
        m_estimator.retainOnly({ u"i-2"_s });
        QVERIFY(!m_estimator.firstSeen(u"i-1"_s).isValid());
        QVERIFY(m_estimator.firstSeen(u"i-2"_s).isValid());
    }
};

QTEST_GUILESS_MAIN(TestDeadline)
#include "tst_models_deadline.moc"
