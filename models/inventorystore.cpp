#include "inventorystore.h"

#include "autoscalingclient.h"
#include "awssession.h"
#include "deadlineestimator.h"
#include "jobhelpers.h"
#include "lifecyclestate.h"
#include "modelslogging.h"

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

int GroupSnapshot::instanceCount() const
{
    return int(std::count_if(group.instances.cbegin(), group.instances.cend(),
        [](const GroupInstance& instance) { return !instance.inWarmPool; }));
}

int GroupSnapshot::waitingCount() const
{
    return int(std::count_if(group.instances.cbegin(), group.instances.cend(),
        [](const GroupInstance& instance) { return LifecycleState::isWait(instance.lifecycleState); }));
}

const GroupInstance* GroupSnapshot::instance(const QString& instanceId) const
{
    const auto it = std::find_if(group.instances.cbegin(), group.instances.cend(),
        [&instanceId](const GroupInstance& candidate) { return candidate.instanceId == instanceId; });
    return it == group.instances.cend() ? nullptr : &*it;
}

bool GroupSnapshot::hasPendingInstances() const
{
    return std::any_of(group.instances.cbegin(), group.instances.cend(),
        [](const GroupInstance& instance) { return LifecycleState::isPendingState(instance.lifecycleState); });
}

InventoryStore::InventoryStore(AwsSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_estimator(new DeadlineEstimator(this))
{
    connect(m_estimator, &DeadlineEstimator::estimatesChanged, this, &InventoryStore::recomputePending);
    m_timeoutTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &InventoryStore::recomputePending);
    m_coalesceTimer.setSingleShot(true);
    m_coalesceTimer.setInterval(250);
    connect(&m_coalesceTimer, &QTimer::timeout, this, &InventoryStore::flushPendingRecompute);
    if (m_session) {
        connect(m_session, &AwsSession::throttled, this, [this] {
            if (m_fullRefreshRunning)
                m_refreshThrottled = true;
        });
    }
}

InventoryStore::~InventoryStore() = default;

AutoScalingClient* InventoryStore::client() const
{
    return m_session ? m_session->autoScaling() : nullptr;
}

void InventoryStore::setMaxConcurrentRequests(int count)
{
    m_maxConcurrent = std::max(1, count);
    pump();
}

const GroupSnapshot* InventoryStore::group(const QString& name) const
{
    const auto it = m_groups.constFind(name);
    return it == m_groups.cend() ? nullptr : &*it;
}

QList<const GroupSnapshot*> InventoryStore::groups() const
{
    QList<const GroupSnapshot*> result;
    result.reserve(m_order.size());
    for (const QString& name : m_order)
        result.append(&*m_groups.constFind(name));
    return result;
}

const PendingAction* InventoryStore::pendingAction(const QString& groupName, const QString& instanceId) const
{
    for (const PendingAction& action : m_pending) {
        if (action.instanceId == instanceId && (groupName.isEmpty() || action.groupName == groupName))
            return &action;
    }
    return nullptr;
}

void InventoryStore::refreshGroup(const QString& groupName, const std::function<void()>& done)
{
    if (!client() || groupName.isEmpty()) {
        if (done)
            QMetaObject::invokeMethod(this, done, Qt::QueuedConnection);
        return;
    }
    enqueue([this, groupName, done] {
        DescribeGroupsRequest request;
        request.groupNames = { groupName };
        whenFinished(client()->describeAutoScalingGroups(request), this,
            [this, groupName, done](const AwsError& error, const QList<AutoScalingGroup>& groups, const QString&) {
                if (error.isError())
                    m_groupErrors.insert(groupName, error);
                else
                    m_groupErrors.remove(groupName);
                if (!error.isError())
                    applyGroups(groups, false, { groupName });
                if (!error.isError() && m_groups.contains(groupName))
                    queueDetails(groupName, done);
                else if (done)
                    QMetaObject::invokeMethod(this, done, Qt::QueuedConnection);
                callDone(error);
            });
    });
}

void InventoryStore::loadDetails(const QString& groupName)
{
    m_detailsWanted.insert(groupName);
    const GroupSnapshot* snapshot = group(groupName);
    if (!snapshot || (snapshot->hooksLoaded && snapshot->activitiesLoaded) || m_detailsInFlight.contains(groupName))
        return;
    queueDetails(groupName);
}

void InventoryStore::queueDetails(const QString& groupName, const std::function<void()>& done)
{
    if (!client())
        return;
    m_detailsInFlight.insert(groupName);
    // Every call counts down (the warm pool's too, when the group has one); the last one to end runs `done`.
    const auto found = m_groups.constFind(groupName);
    const bool warmPool = found != m_groups.cend() && found->group.warmPool.has_value();
    auto remaining = std::make_shared<int>(warmPool ? 3 : 2);
    auto oneEnded = [this, remaining, done] {
        if (--*remaining == 0 && done) {
            flushPendingRecompute(); // `done` looks at this group's pending actions; other calls may still run
            done();
        }
    };
    if (warmPool)
        queueWarmPool(groupName, oneEnded);
    enqueue([this, groupName, oneEnded] {
        whenFinished(client()->describeLifecycleHooks(groupName), this,
            [this, groupName, oneEnded](const AwsError& error, const QList<LifecycleHook>& hooks, const QString&) {
                if (!error.isError())
                    setHooks(groupName, hooks);
                callDone(error);
                oneEnded();
            });
    });
    enqueue([this, groupName, oneEnded] {
        whenFinished(client()->describeScalingActivities(groupName, m_activityPageSize), this,
            [this, groupName, oneEnded](const AwsError& error, const ScalingActivitiesPage& page, const QString&) {
                bool paging = false;
                if (!error.isError()) {
                    setActivities(groupName, page.activities);
                    paging = queueWaitActivities(groupName, {}, 1, {}, [this, groupName, oneEnded] {
                        m_detailsInFlight.remove(groupName);
                        oneEnded();
                    });
                }
                if (!paging)
                    m_detailsInFlight.remove(groupName);
                callDone(error); // after queueing the next page, so the refresh does not end in between
                if (!paging)
                    oneEnded();
            });
    });
}

bool InventoryStore::queueWaitActivities(const QString& groupName, const QString& nextToken, int page,
    QList<ScalingActivity> collected, std::function<void()> ended)
{
    // Enough for a thousand instances waiting at once in one group at the default page size, while one refresh
    // never spends more than this many calls of the shared throttle bucket on one group. An instance still missing
    // then keeps its "at most" bound, which stays true.
    constexpr int MaxWaitActivityPages = 10;
    if (!client() || page > MaxWaitActivityPages || !missesWaitActivity(groupName, collected))
        return false;
    DescribeActivitiesRequest request;
    request.groupName = groupName;
    // AWS lists only the activities still held by lifecycle hooks: exactly the ones that give wait starts.
    request.statuses = { u"MidLifecycleAction"_s };
    request.maxRecords = m_waitActivityPageSize;
    request.nextToken = nextToken;
    enqueue([this, request, page, collected = std::move(collected), ended = std::move(ended)] {
        whenFinished(client()->describeScalingActivities(request), this,
            [this, request, page, collected, ended](
                const AwsError& error, const ScalingActivitiesPage& answer, const QString&) {
                const QList<ScalingActivity> all = collected + answer.activities;
                bool more = false;
                if (!error.isError()) {
                    more = !answer.nextToken.isEmpty()
                        && queueWaitActivities(request.groupName, answer.nextToken, page + 1, all, ended);
                    if (!more)
                        setWaitActivities(request.groupName, all);
                }
                callDone(error);
                if (!more)
                    ended();
            });
    });
    return true;
}

bool InventoryStore::missesWaitActivity(const QString& groupName, const QList<ScalingActivity>& extra) const
{
    const GroupSnapshot* snapshot = group(groupName);
    if (!snapshot)
        return false;
    const QList<ScalingActivity> known = snapshot->activities + snapshot->waitActivities + extra;
    return std::any_of(
        snapshot->group.instances.cbegin(), snapshot->group.instances.cend(), [&known](const GroupInstance& instance) {
            return LifecycleState::isWait(instance.lifecycleState)
                && !DeadlineEstimator::activityStart(instance.instanceId, instance.lifecycleState, known).isValid();
        });
}

void InventoryStore::enqueue(std::function<void()> start, bool first)
{
    if (first)
        m_queue.prepend(std::move(start));
    else
        m_queue.append(std::move(start));
    pump();
}

void InventoryStore::pump()
{
    // Bounded concurrency: all Auto Scaling APIs share one throttle bucket per account and region.
    while (m_inFlight < m_maxConcurrent && !m_queue.isEmpty()) {
        const auto start = m_queue.takeFirst();
        ++m_inFlight;
        m_peakInFlight = std::max(m_peakInFlight, m_inFlight);
        ++m_requestCount;
        Q_EMIT requestCountChanged(m_requestCount);
        start();
    }
}

void InventoryStore::callDone(const AwsError& error)
{
    --m_inFlight;
    if (error.isError()) {
        qCInfo(lcModels) << "inventory call failed:" << error.toString();
        m_errors.append(error);
        if (m_fullRefreshRunning) {
            m_refreshOk = false;
            m_refreshThrottled = m_refreshThrottled || error.isThrottling();
        }
        Q_EMIT errorOccurred(error);
    }
    pump();
    if (!isRefreshing()) {
        flushPendingRecompute(); // before refreshFinished: listeners see the final list
        Q_EMIT changesApplied(false); // and the final rows
    }
    maybeFinishRefresh();
}

void InventoryStore::maybeFinishRefresh()
{
    if (!m_fullRefreshRunning || isRefreshing() || queueWaitStartFallback())
        return;
    m_fullRefreshRunning = false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_refreshOk || m_lastRefresh.isValid() || !m_order.isEmpty())
        m_lastRefresh = now;
    if (m_refreshOk && m_runningKind != RefreshKind::Auto)
        m_lastSweep = now;
    m_feedHealthy = !m_feedFailed;
    m_runningKind = RefreshKind::Auto;
    Q_EMIT refreshFinished(m_refreshOk, m_refreshThrottled);
}

void InventoryStore::applyGroups(const QList<AutoScalingGroup>& groups, bool complete, const QStringList& requested)
{
    // Apply everything first and signal afterwards, so every listener sees the final state, never a half-applied one.
    QStringList added;
    QStringList changed;
    QStringList removed;
    QSet<QString> seen;
    for (AutoScalingGroup group : groups) {
        for (GroupInstance& instance : group.instances) {
            if (instance.groupName.isEmpty())
                instance.groupName = group.name;
        }
        seen.insert(group.name);
        carryWarmPool(group);
        auto it = m_groups.find(group.name);
        if (it == m_groups.end()) {
            GroupSnapshot snapshot;
            snapshot.group = group;
            m_groups.insert(group.name, snapshot);
            m_order.insert(std::lower_bound(m_order.begin(), m_order.end(), group.name), group.name);
            added.append(group.name);
        } else if (!(it->group == group)) {
            it->group = group;
            changed.append(group.name);
        }
    }

    const QStringList candidates = complete ? m_order : requested;
    for (const QString& name : candidates) {
        if (seen.contains(name) || !m_groups.contains(name))
            continue;
        m_groups.remove(name);
        m_order.removeOne(name);
        m_detailsWanted.remove(name);
        removed.append(name);
    }

    // Observe this answer's instances so first-seen times start as early as possible (the other groups' did not
    // change: walking every group per answer made a paged load quadratic); a complete answer forgets the ones gone.
    for (const QString& name : std::as_const(seen)) {
        for (const GroupInstance& instance : std::as_const(m_groups[name].group.instances))
            m_estimator->observe(instance.instanceId, instance.lifecycleState);
    }
    QSet<QString> present;
    QHash<QString, QString> states;
    if (complete || !m_completedHooks.isEmpty()) {
        for (const QString& name : std::as_const(m_order)) {
            for (const GroupInstance& instance : std::as_const(m_groups[name].group.instances)) {
                present.insert(instance.instanceId);
                states.insert(instance.instanceId, instance.lifecycleState);
            }
        }
    }
    if (complete)
        m_estimator->retainOnly(present);
    // A hook completed by us stays "done" only for the wait it was completed in.
    for (auto it = m_completedHooks.begin(); it != m_completedHooks.end();) {
        const QString instanceId = it.key().section(QLatin1Char('/'), 0, 0);
        if (states.value(instanceId) == it.value())
            ++it;
        else
            it = m_completedHooks.erase(it);
    }

    for (const QString& name : std::as_const(removed))
        Q_EMIT groupRemoved(name);
    for (const QString& name : std::as_const(added))
        Q_EMIT groupAdded(name);
    for (const QString& name : std::as_const(changed))
        Q_EMIT groupChanged(name);
    // Feed activities that arrived before the listing named their group.
    for (const QString& name : std::as_const(added)) {
        if (m_feedStash.contains(name))
            applyFeedActivities(name, m_feedStash.take(name));
    }
    Q_EMIT changesApplied(isRefreshing());
    pendingInputsChanged();
    queueWarmPoolReads(seen, added + changed);
}

template <typename Item>
void InventoryStore::setDetails(const QString& groupName, QList<Item> items, QList<Item> GroupSnapshot::*list,
    bool GroupSnapshot::*loaded, void (InventoryStore::*changed)(const QString&))
{
    auto it = m_groups.find(groupName);
    if (it == m_groups.end())
        return;
    for (Item& item : items) {
        if (item.groupName.isEmpty())
            item.groupName = groupName;
    }
    GroupSnapshot& snapshot = *it;
    if (snapshot.*loaded && snapshot.*list == items)
        return;
    snapshot.*list = std::move(items);
    snapshot.*loaded = true;
    Q_EMIT(this->*changed)(groupName);
    Q_EMIT changesApplied(isRefreshing());
    pendingInputsChanged();
}

void InventoryStore::setHooks(const QString& groupName, const QList<LifecycleHook>& hooks)
{
    QList<LifecycleHook> sorted = hooks;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    setDetails(groupName, sorted, &GroupSnapshot::hooks, &GroupSnapshot::hooksLoaded, &InventoryStore::hooksChanged);
}

void InventoryStore::setActivities(const QString& groupName, const QList<ScalingActivity>& activities)
{
    setDetails(groupName, activities, &GroupSnapshot::activities, &GroupSnapshot::activitiesLoaded,
        &InventoryStore::activitiesChanged);
}

void InventoryStore::setWaitActivities(const QString& groupName, const QList<ScalingActivity>& activities)
{
    auto it = m_groups.find(groupName);
    if (it == m_groups.end())
        return;
    // The ones read before stay while their instance still waits: later reads only look for what is missing.
    QList<ScalingActivity> kept = activities;
    for (const ScalingActivity& activity : std::as_const(it->waitActivities)) {
        if (!kept.contains(activity))
            kept.append(activity);
    }
    kept.removeIf([&it](const ScalingActivity& activity) {
        return std::none_of(
            it->group.instances.cbegin(), it->group.instances.cend(), [&activity](const GroupInstance& instance) {
                return LifecycleState::isWait(instance.lifecycleState)
                    && DeadlineEstimator::activityStart(instance.instanceId, instance.lifecycleState, { activity })
                           .isValid();
            });
    });
    if (it->waitActivities == kept)
        return;
    it->waitActivities = kept;
    pendingInputsChanged();
}

void InventoryStore::pendingInputsChanged()
{
    if (!isRefreshing()) {
        recomputePending();
        return;
    }
    m_recomputeDue = true;
    if (!m_coalesceTimer.isActive())
        m_coalesceTimer.start();
}

void InventoryStore::flushPendingRecompute()
{
    if (m_recomputeDue)
        recomputePending();
}

void InventoryStore::recomputePending()
{
    m_recomputeDue = false;
    m_coalesceTimer.stop();
    QList<PendingActions::GroupInput> inputs;
    inputs.reserve(m_order.size());
    for (const QString& name : std::as_const(m_order)) {
        const GroupSnapshot& snapshot = m_groups[name];
        inputs.append({ snapshot.group, snapshot.hooks, snapshot.hooksLoaded,
            snapshot.waitActivities.isEmpty() ? snapshot.activities : snapshot.activities + snapshot.waitActivities });
    }
    QSet<QString> completed;
    for (auto it = m_completedHooks.cbegin(); it != m_completedHooks.cend(); ++it)
        completed.insert(it.key());
    QList<PendingAction> pending = PendingActions::compute(inputs, *m_estimator, completed);
    const QDateTime now = m_estimator->now();
    const QDateTime next = PendingActions::nextTimeoutChange(pending, now);
    if (next.isValid()) {
        // A timer that fires early only finds nothing changed yet and comes back here, rescheduled for the rest.
        const qint64 ms = std::clamp<qint64>(now.msecsTo(next), 10, qint64(24) * 3600 * 1000);
        m_timeoutTimer.start(int(ms));
    } else {
        m_timeoutTimer.stop();
    }
    if (pending == m_pending)
        return;
    m_pending = std::move(pending);
    Q_EMIT pendingActionsChanged();
}

void InventoryStore::markHookCompleted(const QString& instanceId, const QString& hookName)
{
    QString state;
    for (const PendingAction& action : std::as_const(m_pending)) {
        if (action.instanceId == instanceId)
            state = action.lifecycleState;
    }
    if (state.isEmpty())
        return;
    m_completedHooks.insert(instanceId + QLatin1Char('/') + hookName, state);
    recomputePending();
}

void InventoryStore::recordHeartbeat(const QString& instanceId, const QString& hookName, const QDateTime& sentAt)
{
    m_estimator->recordHeartbeat(instanceId, hookName, sentAt.isValid() ? sentAt : m_estimator->now());
}

bool InventoryStore::isHookCompleted(const QString& instanceId, const QString& hookName) const
{
    return m_completedHooks.contains(instanceId + QLatin1Char('/') + hookName);
}

void InventoryStore::setSnapshotForTesting(const QList<GroupSnapshot>& groups)
{
    QList<AutoScalingGroup> plain;
    plain.reserve(groups.size());
    for (const GroupSnapshot& snapshot : groups)
        plain.append(snapshot.group);
    applyGroups(plain, true, {});
    for (const GroupSnapshot& snapshot : groups) {
        if (snapshot.hooksLoaded)
            setHooks(snapshot.group.name, snapshot.hooks);
        if (snapshot.activitiesLoaded)
            setActivities(snapshot.group.name, snapshot.activities);
    }
    if (!m_lastRefresh.isValid())
        m_lastRefresh = QDateTime::currentDateTimeUtc();
}
