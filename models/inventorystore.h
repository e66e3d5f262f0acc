#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"
#include "clientjobs.h"
#include "pendingaction.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <algorithm>
#include <functional>

class AutoScalingClient;
class AwsSession;
class DeadlineEstimator;

// What Hookdesk knows about one group. Hooks and activities are loaded for groups with instances in a pending
// state on every refresh, and for other groups on demand (loadDetails()).
struct GroupSnapshot {
    AutoScalingGroup group;
    QList<LifecycleHook> hooks;
    bool hooksLoaded = false;
    QList<ScalingActivity> activities; // most recent first, as DescribeScalingActivities returns them
    bool activitiesLoaded = false;
    // MidLifecycleAction activities of waiting instances whose activity is not among the recent ones (a large
    // scale-out pushes it out): they only give wait starts; the Activity tab shows `activities`.
    QList<ScalingActivity> waitActivities;
    // DescribeWarmPool's instances (inventorystorewarmpool.cpp), for groups with a WarmPoolConfiguration. They are
    // also in group.instances (marked inWarmPool), so the instance list, the pending view and the action checks see
    // them like any other; a group listing, which never has them, keeps them there until the pool is read again.
    QList<GroupInstance> warmPoolInstances;
    bool warmPoolLoaded = false;

    // The group's own instances (not those in its warm pool).
    int instanceCount() const;
    // The instance with this ID in the group, or nullptr.
    const GroupInstance* instance(const QString& instanceId) const;
    // Instances in a *:Wait state.
    int waitingCount() const;
    bool hasPendingInstances() const;
};

// The inventory of one AwsSession: groups with their instances, hooks and recent activities, and the pending
// actions computed from them. Refreshes run at most maxConcurrentRequests() calls at a time so one refresh never
// floods the account's shared throttle bucket; they never overlap (a refresh() during one is coalesced into it).
// Change signals name what changed so the item models update rows in place.
class InventoryStore : public QObject {
    Q_OBJECT
public:
    explicit InventoryStore(AwsSession* session, QObject* parent = nullptr);
    ~InventoryStore() override;

    AwsSession* session() const { return m_session; }
    DeadlineEstimator* estimator() const { return m_estimator; }

    enum class RefreshKind {
        // Change-driven once loaded: the account-wide activity feed since the newest activity seen, then only the
        // groups it names plus the groups with a waiting instance (by name, 100 a call), and hooks only for the
        // groups the feed named. A Sweep instead when one is due (sweepIntervalSeconds()) or the feed failed.
        Auto,
        // Catches what leaves no activity (a group created empty, a deleted group, a hook edited elsewhere): every
        // group listed without instances (small pages), instances read by name for groups it did not know, the
        // groups the feed names and the waiting ones, and the hooks of every waiting group.
        Sweep,
        // Everything re-read with instances, hooks of every waiting group as soon as the page naming it is read:
        // the first load, and Refresh asked for by the operator.
        Full,
    };
    static constexpr int DefaultSweepIntervalSeconds = 300;
    // The activity feed reads at most this many pages (100 activities each) per refresh: on the first load it
    // goes back at most 48 h (the longest a lifecycle action can wait); later ones from the newest activity seen.
    static constexpr int MaxFeedPages = 10;

    // Starts a refresh of `kind` (Auto: whatever is due). No-op (returns false) while one runs. Waiting instances
    // whose wait-starting activity the feed did not give are looked up per group (Status=MidLifecycleAction).
    bool refresh(RefreshKind kind = RefreshKind::Auto);
    void setSweepIntervalSeconds(int seconds) { m_sweepIntervalSeconds = std::max(1, seconds); }
    int sweepIntervalSeconds() const { return m_sweepIntervalSeconds; }
    // End of the last completed Sweep or Full refresh (UTC; invalid before the first).
    QDateTime lastSweep() const { return m_lastSweep; }
    // Progress of the listing of a Full or Sweep refresh running now (the last one's when none runs).
    int pagesRead() const { return m_pagesRead; }
    int groupsListed() const { return int(m_listed.size()); }
    // What the refresh running now is (Auto while none runs, or an incremental one).
    RefreshKind runningKind() const { return m_runningKind; }
    // Targeted refresh of one group (after an action): the group, its hooks and its activities. `done` runs once
    // all of its calls have ended (successfully or not).
    void refreshGroup(const QString& groupName, const std::function<void()>& done = {});
    // On demand: hooks and activities of a group without pending instances (the Hooks tab opened on it).
    void loadDetails(const QString& groupName);

    bool isRefreshing() const { return m_inFlight > 0 || !m_queue.isEmpty(); }
    int maxConcurrentRequests() const { return m_maxConcurrent; }
    void setMaxConcurrentRequests(int count);
    // Highest number of calls that were in flight at once (for the concurrency test and the bench).
    int peakConcurrentRequests() const { return m_peakInFlight; }
    // DescribeScalingActivities page size per group (recent activities only).
    void setActivityPageSize(int records) { m_activityPageSize = records; }
    // The account-wide activity feed's page size (≤ 100) and page bound (default 100 and MaxFeedPages).
    void setFeedLimits(int pageSize, int maxPages)
    {
        m_feedPageSize = std::clamp(pageSize, 1, 100);
        m_feedMaxPages = std::max(1, maxPages);
    }
    // Page size of the Status=MidLifecycleAction pages read for waiting instances missing from the recent ones.
    void setWaitActivityPageSize(int records) { m_waitActivityPageSize = records; }

    QDateTime lastRefresh() const { return m_lastRefresh; } // end of the last completed full refresh (UTC)
    bool hasLoaded() const { return m_lastRefresh.isValid(); }
    int requestCount() const { return m_requestCount; } // calls issued by this store
    QList<AwsError> errors() const { return m_errors; } // of the last full refresh (and later targeted ones)

    QStringList groupNames() const { return m_order; }
    const GroupSnapshot* group(const QString& name) const;
    QList<const GroupSnapshot*> groups() const;
    // Pending actions across all groups, most urgent first (see PendingActions::compute()).
    const QList<PendingAction>& pendingActions() const { return m_pending; }
    // The pending action of one instance, or nullptr.
    const PendingAction* pendingAction(const QString& groupName, const QString& instanceId) const;

    // ActionController reports what it did so the pending list is right before the next refresh confirms it.
    // A CONTINUE on one hook: that hook is no longer waited on (the instance still waits on the others).
    void markHookCompleted(const QString& instanceId, const QString& hookName);
    // A heartbeat accepted by AWS: restarts the hook's heartbeat timeout in the estimate, counted from `sentAt`
    // (when the request left; default: now). AWS restarted it somewhere between sending and the answer, so
    // counting from the send keeps the deadline early, never late.
    void recordHeartbeat(const QString& instanceId, const QString& hookName, const QDateTime& sentAt = {});
    // This process completed `hookName` for the instance during its current wait (markHookCompleted()).
    bool isHookCompleted(const QString& instanceId, const QString& hookName) const;
    // The error of the last refreshGroup() of `groupName`, or none: tells "the group does not exist" apart from
    // "the group could not be read".
    AwsError groupError(const QString& groupName) const { return m_groupErrors.value(groupName); }

    // For tests and the simulator-driven demo: replace the inventory without network calls.
    void setSnapshotForTesting(const QList<GroupSnapshot>& groups);
    // For tests and benchmarks: a full refresh fed by hand, answer by answer, through the same paths as network
    // answers (isRefreshing() holds in between, so listeners coalesce as they do during a real load).
    // beginRefreshForTesting() starts it (refreshStarted), applyGroupsForTesting() applies one page of groups (a
    // name in `requested` that the page lacks is removed, as refreshGroup() does), applyDetailsForTesting() one
    // group's hooks and activities, endRefreshForTesting() ends it (pending list, then refreshFinished).
    void beginRefreshForTesting();
    void applyGroupsForTesting(const QList<AutoScalingGroup>& groups, const QStringList& requested = {});
    void applyDetailsForTesting(
        const QString& groupName, const QList<LifecycleHook>& hooks, const QList<ScalingActivity>& activities);
    void endRefreshForTesting();

Q_SIGNALS:
    void refreshStarted();
    // A full refresh ended; `ok` false when any call failed (errors() lists them). `throttled` when AWS throttled.
    void refreshFinished(bool ok, bool throttled);
    void groupAdded(const QString& groupName);
    void groupRemoved(const QString& groupName);
    void groupChanged(const QString& groupName); // instances, sizes or status changed
    void hooksChanged(const QString& groupName);
    void activitiesChanged(const QString& groupName);
    // Follows the groupAdded/Removed/Changed, hooksChanged and activitiesChanged signals of one answer (or of
    // setSnapshotForTesting()), and is emitted again when the last call in flight ends. `more`: calls are still in
    // flight, so listeners that collect the groups named may wait for the rest of the burst (they hear `more` false
    // at the latest when the store is idle, before refreshFinished) instead of updating once per answer.
    void changesApplied(bool more);
    void pendingActionsChanged();
    void errorOccurred(const AwsError& error);
    void requestCountChanged(int count);
    // While a Full or Sweep refresh lists the groups: pages read and groups listed so far.
    void loadProgress(int pagesRead, int groupsListed);

private:
    // Queues one call: `start` issues it and arranges for callDone() when it ends. `first`: ahead of the queue,
    // for the next page of a listing (pages are a chain of round trips: they must not wait behind the rest).
    void enqueue(std::function<void()> start, bool first = false);
    // The refresh steps (inventorystorerefresh.cpp).
    void queueListingPage(const QString& nextToken);
    void listingPageRead(const AutoScalingGroupsPage& page);
    // Every page asked for has been read (or failed): removes the groups a complete listing did not name.
    void listingEnded();
    void queueFeedPage(const QDateTime& lowerBound, const QString& nextToken, int page);
    void mergeFeed(const QList<ScalingActivity>& activities);
    void applyFeedActivities(const QString& groupName, const QList<ScalingActivity>& activities);
    // The listing and the feed have both ended: reads groups by name, then hooks (what the kind of refresh asks).
    void chainEnded();
    void queueGroupsByName(const QStringList& names);
    void queueHooks(const QString& groupName);
    // Warm pools (inventorystorewarmpool.cpp): DescribeWarmPool for a group with a WarmPoolConfiguration, its answer
    // applied, the known pool instances carried into a fresh listing of the group, and which groups' pools an
    // answer makes due (added or changed groups, every group on a Full refresh, groups the feed named or whose pool
    // has a waiting instance; never a group without a pool).
    void queueWarmPool(const QString& groupName, const std::function<void()>& done = {});
    void setWarmPool(const QString& groupName, const WarmPool& pool);
    void carryWarmPool(AutoScalingGroup& group) const;
    void queueWarmPoolReads(const QSet<QString>& seen, const QStringList& addedOrChanged);
    void queueRecentActivities(const QString& groupName);
    // Before a refresh ends: per-group reads for waiting instances the feed did not give a wait start; false when
    // nothing was queued.
    bool queueWaitStartFallback();
    void pump();
    void callDone(const AwsError& error);
    void maybeFinishRefresh();
    void applyGroups(const QList<AutoScalingGroup>& groups, bool complete, const QStringList& requested);
    void setHooks(const QString& groupName, const QList<LifecycleHook>& hooks);
    void setActivities(const QString& groupName, const QList<ScalingActivity>& activities);
    // What setHooks and setActivities share: fills in the group name the per-group calls leave out, stores `items`
    // in the group's `list`, marks it `loaded` and emits `changed` — unless the same items were loaded already.
    template <typename Item>
    void setDetails(const QString& groupName, QList<Item> items, QList<Item> GroupSnapshot::*list,
        bool GroupSnapshot::*loaded, void (InventoryStore::*changed)(const QString&));
    void queueDetails(const QString& groupName, const std::function<void()>& done = {});
    // Pages through the group's MidLifecycleAction activities (after `collected`) until every waiting instance has
    // its activity; false (nothing queued) when none is missing. `ended` runs after the last page.
    bool queueWaitActivities(const QString& groupName, const QString& nextToken, int page,
        QList<ScalingActivity> collected, std::function<void()> ended);
    // Waiting instances of the group whose wait-starting activity is not known yet.
    bool missesWaitActivity(const QString& groupName, const QList<ScalingActivity>& extra) const;
    void setWaitActivities(const QString& groupName, const QList<ScalingActivity>& activities);
    void recomputePending();
    // The inputs of the pending list changed. Outside a network answer it is recomputed at once; while calls are
    // in flight recomputes are coalesced (PendingActions::compute() walks every group, so one per answer made a
    // refresh quadratic in the number of groups) and done at the latest when the last call ends.
    void pendingInputsChanged();
    void flushPendingRecompute();
    AutoScalingClient* client() const;

    AwsSession* m_session;
    DeadlineEstimator* m_estimator;
    QHash<QString, GroupSnapshot> m_groups;
    QStringList m_order;
    QSet<QString> m_detailsWanted; // groups whose details were loaded on demand: keep them fresh
    QHash<QString, QString> m_completedHooks; // "instance/hook" → the state the instance was in when completed
    QSet<QString> m_detailsInFlight;
    QHash<QString, AwsError> m_groupErrors; // last refreshGroup() failure per group
    QList<PendingAction> m_pending;
    // Fires when a CONTINUE hook of a multi-hook wait times out, so the row moves on to the next hook without
    // waiting for a refresh.
    QTimer m_timeoutTimer;
    QTimer m_coalesceTimer; // progressive display during a long refresh: a recompute every so often
    bool m_recomputeDue = false;
    QList<std::function<void()>> m_queue;
    QList<AwsError> m_errors;
    QDateTime m_lastRefresh;
    int m_inFlight = 0;
    int m_peakInFlight = 0;
    // The fleet benchmark (tests/bench/results.md): 8 in flight keep the group pages a chain with the hooks of the
    // waiting groups beside them (depth 22 against a floor of 21 round trips); 4 left a backlog of hooks (depth 32).
    int m_maxConcurrent = 8;
    int m_activityPageSize = 20;
    int m_waitActivityPageSize = 100;
    int m_requestCount = 0;
    bool m_fullRefreshRunning = false; // a refresh() (any kind) runs
    RefreshKind m_runningKind = RefreshKind::Auto;
    bool m_listingRunning = false;
    bool m_feedRunning = false;
    bool m_feedFailed = false; // this refresh's feed failed or overflowed: the next Auto one is a Sweep
    bool m_feedHealthy = false; // the last feed read ended well: change-driven refreshes can rely on it
    bool m_feedOverflowed = false; // more new activities than MaxFeedPages: this refresh reads everything
    bool m_fallbackDone = false;
    bool m_listingWithInstances = true;
    int m_pagesRead = 0;
    int m_feedPageSize = 100;
    int m_feedMaxPages = MaxFeedPages;
    int m_sweepIntervalSeconds = DefaultSweepIntervalSeconds;
    QDateTime m_lastSweep;
    QSet<QString> m_listed; // groups named by the running listing
    ClientJobs::PageTokens m_listingTokens;
    int m_listingPagesOutstanding = 0; // pages asked for and not read yet (the next is asked before one is read)
    bool m_listingFailed = false;
    QStringList m_unknownListed; // listed without instances and not known: read by name afterwards
    QSet<QString> m_feedNamed; // groups with an activity new to this refresh
    QHash<QString, QList<ScalingActivity>> m_feedStash; // feed activities of groups not listed yet
    QHash<QString, QPair<QString, QDateTime>> m_feedSeen; // activity ID → (status, start) as the feed gave it
    QDateTime m_feedNewest; // newest StartTime the feed gave (the service's clock)
    bool m_refreshOk = true;
    bool m_refreshThrottled = false;
};
