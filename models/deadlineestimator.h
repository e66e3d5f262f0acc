#pragma once

#include "autoscalingtypes.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <functional>

// What Hookdesk believes about one lifecycle action's deadline. AWS publishes no "wait started at" field, so every
// value here is an estimate (design.md §3) and the UI labels it as such.
struct DeadlineEstimate {
    enum class StartSource {
        Unknown,
        Activity, // StartTime of the scaling activity in MidLifecycleAction for this instance
        FirstSeen, // the first refresh in which Hookdesk saw the instance in this state
    };

    QDateTime waitStart; // estimated start of the wait (UTC)
    StartSource startSource = StartSource::Unknown;
    QDateTime lastHeartbeat; // last heartbeat a Hookdesk process sent for this hook in this wait, or invalid
    QDateTime heartbeatDeadline; // (lastHeartbeat or waitStart) + HeartbeatTimeout
    QDateTime globalDeadline; // waitStart + GlobalTimeout
    QDateTime deadline; // min(heartbeatDeadline, globalDeadline): when the default result applies
    bool cappedByGlobalTimeout = false; // deadline == globalDeadline < heartbeatDeadline

    bool isValid() const { return deadline.isValid(); }
    // True when `deadline` is only an upper bound: the wait start is unknown (no activity, no heartbeat of ours
    // after the first sighting), so the true deadline is at or before it and the UI says "at most". Otherwise
    // `deadline` is an estimate that is early, never late (see DeadlineEstimator::estimate()).
    bool isUpperBound() const;
    // Seconds until the deadline at `now`; negative once it has passed (the timeout is due any moment).
    qint64 secondsLeft(const QDateTime& now) const;
    // Length of the current heartbeat window (from its start to the deadline), for the "< 20 % left" urgency rule.
    qint64 windowSeconds() const;
};

// Keeps the observations the estimate needs — when an instance's state was first seen, which heartbeats this
// process sent or read from the shared audit log — and turns them into DeadlineEstimates. The clock is injectable so
// tests are deterministic; in production it is QDateTime::currentDateTimeUtc.
class DeadlineEstimator : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    explicit DeadlineEstimator(QObject* parent = nullptr);

    void setClock(Clock clock);
    QDateTime now() const;

    // Record that `instanceId` is in `state` as of now. The first observation of a (instance, state) pair is the
    // fallback wait start; a change of state forgets the earlier observation and the heartbeats of the old wait.
    void observe(const QString& instanceId, const QString& state);
    // Forget instances that are no longer seen anywhere (keeps the tables from growing across long sessions).
    void retainOnly(const QSet<QString>& instanceIds);
    // A heartbeat AWS accepted: the hook's heartbeat timeout restarts from `at`, the moment the request left (its
    // intent), never its answer: AWS restarted the timeout in between. An older one than the heartbeat already
    // known for the hook changes nothing.
    void recordHeartbeat(const QString& instanceId, const QString& hookName, const QDateTime& at);
    struct Heartbeat {
        QString instanceId;
        QString hookName;
        QDateTime at;
    };
    // Many at once (read back from the audit log): one estimatesChanged() at most. Heartbeats of instances not
    // seen are dropped; one from before the current wait began is kept but ignored by estimate().
    void recordHeartbeats(const QList<Heartbeat>& heartbeats);
    QDateTime firstSeen(const QString& instanceId) const;

    // Estimate for one hook of an instance in `state`, using `activities` of its group (MidLifecycleAction
    // activities that name the instance give the wait start when they are not later than the first sighting).
    DeadlineEstimate estimate(const QString& instanceId, const QString& state, const LifecycleHook& hook,
        const QList<ScalingActivity>& activities) const;

    // The start time of the MidLifecycleAction (or in-progress) activity for this instance and state, if any.
    static QDateTime activityStart(
        const QString& instanceId, const QString& state, const QList<ScalingActivity>& activities);

Q_SIGNALS:
    // A heartbeat moved a deadline: pending views recompute.
    void estimatesChanged();

private:
    bool addHeartbeat(const Heartbeat& heartbeat);

    struct Sighting {
        QString state;
        QDateTime firstSeen;
        QHash<QString, QDateTime> heartbeats; // hook name → last heartbeat sent by a Hookdesk process
    };
    Clock m_clock;
    QHash<QString, Sighting> m_sightings; // instance ID → sighting
};
