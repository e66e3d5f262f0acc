#include "deadlineestimator.h"

#include "lifecyclestate.h"

#include <QSet>

using namespace Qt::StringLiterals;

qint64 DeadlineEstimate::secondsLeft(const QDateTime& now) const
{
    if (!deadline.isValid())
        return 0;
    return now.secsTo(deadline);
}

bool DeadlineEstimate::isUpperBound() const
{
    return isValid() && startSource == StartSource::FirstSeen && (!lastHeartbeat.isValid() || cappedByGlobalTimeout);
}

qint64 DeadlineEstimate::windowSeconds() const
{
    if (!deadline.isValid())
        return 0;
    const QDateTime windowStart = lastHeartbeat.isValid() ? lastHeartbeat : waitStart;
    return windowStart.secsTo(deadline);
}

DeadlineEstimator::DeadlineEstimator(QObject* parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

void DeadlineEstimator::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QDateTime DeadlineEstimator::now() const
{
    return m_clock();
}

void DeadlineEstimator::observe(const QString& instanceId, const QString& state)
{
    auto it = m_sightings.find(instanceId);
    if (it != m_sightings.end() && it->state == state)
        return;
    // A new state is a new wait: heartbeats of the old one no longer apply.
    m_sightings.insert(instanceId, Sighting { state, now(), {} });
}

void DeadlineEstimator::retainOnly(const QSet<QString>& instanceIds)
{
    for (auto it = m_sightings.begin(); it != m_sightings.end();) {
        if (instanceIds.contains(it.key()))
            ++it;
        else
            it = m_sightings.erase(it);
    }
}

void DeadlineEstimator::recordHeartbeat(const QString& instanceId, const QString& hookName, const QDateTime& at)
{
    if (addHeartbeat({ instanceId, hookName, at }))
        Q_EMIT estimatesChanged();
}

void DeadlineEstimator::recordHeartbeats(const QList<Heartbeat>& heartbeats)
{
    bool changed = false;
    for (const Heartbeat& heartbeat : heartbeats)
        changed = addHeartbeat(heartbeat) || changed;
    if (changed)
        Q_EMIT estimatesChanged();
}

bool DeadlineEstimator::addHeartbeat(const Heartbeat& heartbeat)
{
    auto it = m_sightings.find(heartbeat.instanceId);
    if (it == m_sightings.end() || !heartbeat.at.isValid())
        return false; // never seen waiting: nothing to estimate anyway
    QDateTime& known = it->heartbeats[heartbeat.hookName];
    if (known.isValid() && known >= heartbeat.at)
        return false;
    known = heartbeat.at;
    return true;
}

QDateTime DeadlineEstimator::firstSeen(const QString& instanceId) const
{
    return m_sightings.value(instanceId).firstSeen;
}

QDateTime DeadlineEstimator::activityStart(
    const QString& instanceId, const QString& state, const QList<ScalingActivity>& activities)
{
    // Activities read "Launching a new EC2 instance: i-…" / "Terminating EC2 instance: i-…". Only an activity of
    // the same direction counts: the launch activity of an instance now terminating says nothing about this wait.
    const LifecycleState::Transition transition = LifecycleState::transitionOf(state);
    const bool launching = LifecycleState::isLaunchLike(transition);
    // A Warmed:Pending wait starts with the activity that moved the instance into the pool, or back into it on scale
    // in: either names the warm pool (models/warmpoolhook.h).
    const bool warmPool = transition == LifecycleState::Transition::WarmPoolLaunch;
    QDateTime best;
    for (const ScalingActivity& activity : activities) {
        if (activity.statusCode != "MidLifecycleAction"_L1 && activity.statusCode != "InProgress"_L1)
            continue;
        if (!activity.description.contains(instanceId) || !activity.startTime.isValid())
            continue;
        // Activity descriptions, not states: "Launching a new EC2 instance: i-…", "Terminating EC2 instance: i-…".
        const bool activityLaunching = !activity.description.startsWith("Terminating "_L1);
        if (warmPool) {
            if (!activity.description.contains("warm pool"_L1, Qt::CaseInsensitive)
                || activity.description.contains("from warm pool"_L1, Qt::CaseInsensitive))
                continue;
        } else if (activityLaunching != launching) {
            continue;
        }
        if (!best.isValid() || activity.startTime > best)
            best = activity.startTime;
    }
    return best;
}

DeadlineEstimate DeadlineEstimator::estimate(const QString& instanceId, const QString& state, const LifecycleHook& hook,
    const QList<ScalingActivity>& activities) const
{
    DeadlineEstimate result;
    const auto sighting = m_sightings.constFind(instanceId);
    const bool seenInState = sighting != m_sightings.cend() && sighting->state == state;
    const QDateTime seen = seenInState ? sighting->firstSeen : QDateTime();
    const QDateTime fromActivity = activityStart(instanceId, state, activities);

    // Every source must give a moment at or before the true one, so that a deadline counted from it is early,
    // never late — the one error an operator cannot afford:
    // - the scaling activity starts a moment before the wait (the instance launches or begins terminating first);
    // - a heartbeat counts from when its request left (AWS restarted the timeout later, when it got it).
    // The first sighting F is not such a moment: the wait started at or before F, how long before is unknown. All
    // we know is that the true deadline D satisfies F < D <= F + HeartbeatTimeout (the instance still waited at
    // F, and it cannot have waited longer than one timeout from F on; the GlobalTimeout is never shorter). So
    // F + HeartbeatTimeout is an upper bound, not an estimate: isUpperBound() marks it and the views say
    // "unknown — at most …". The activity wins unless it started after we already saw the instance waiting
    // (then it belongs to something else).
    if (fromActivity.isValid() && (!seen.isValid() || fromActivity <= seen)) {
        result.waitStart = fromActivity;
        result.startSource = DeadlineEstimate::StartSource::Activity;
    } else if (seen.isValid()) {
        result.waitStart = seen;
        result.startSource = DeadlineEstimate::StartSource::FirstSeen;
    } else {
        return result;
    }
    result.waitStart = result.waitStart.toUTC();

    if (seenInState) {
        const QDateTime heartbeat = sighting->heartbeats.value(hook.name);
        if (heartbeat.isValid() && heartbeat > result.waitStart)
            result.lastHeartbeat = heartbeat.toUTC();
    }
    const QDateTime windowStart = result.lastHeartbeat.isValid() ? result.lastHeartbeat : result.waitStart;
    result.heartbeatDeadline = windowStart.addSecs(hook.heartbeatTimeout);
    result.globalDeadline = result.waitStart.addSecs(hook.globalTimeout);
    result.cappedByGlobalTimeout = result.globalDeadline < result.heartbeatDeadline;
    result.deadline = result.cappedByGlobalTimeout ? result.globalDeadline : result.heartbeatDeadline;
    return result;
}
