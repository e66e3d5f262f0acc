// What a refresh of an InventoryStore reads, and in which order (see InventoryStore::RefreshKind). Apart from
// inventorystore.cpp, which holds the store's state and applies the answers.
//
// Two chains of dependent round trips run side by side: the account-wide activity feed and, for Full and Sweep
// refreshes, the group listing. Both are pages (NextToken), so their next page always goes to the front of the
// queue; everything else (hooks, groups read by name) fills the other slots of the store's bounded concurrency.
#include "autoscalingclient.h"
#include "deadlineestimator.h"
#include "inventorystore.h"
#include "jobhelpers.h"
#include "lifecyclestate.h"
#include "modelslogging.h"

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr int GroupsPerPage = 100; // the largest MaxRecords; also the number of names a by-name read takes
// Later feed reads start this far before the newest activity seen: activities do not appear strictly in start
// order (two started in the same second, a slow writer), so the reads overlap and the IDs seen drop repeats.
constexpr int FeedOverlapSeconds = 120;
// The first feed read goes back as far as a lifecycle action can wait (GlobalTimeout is at most 48 h).
constexpr int FirstFeedSeconds = 48 * 3600;
// Feed activities kept per group (most recent first), beside the ones a per-group read loads.
constexpr int FeedActivitiesPerGroup = 100;

} // namespace

bool InventoryStore::refresh(RefreshKind kind)
{
    if (m_fullRefreshRunning || !client())
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Without a healthy feed a change-driven refresh cannot know what changed: read everything.
    if (!hasLoaded() || !m_feedHealthy)
        kind = RefreshKind::Full;
    else if (kind == RefreshKind::Auto
        && (!m_lastSweep.isValid() || m_lastSweep.secsTo(now) >= qint64(m_sweepIntervalSeconds)))
        kind = RefreshKind::Sweep;

    m_fullRefreshRunning = true;
    m_runningKind = kind;
    m_refreshOk = true;
    m_refreshThrottled = false;
    m_errors.clear();
    m_feedFailed = false;
    m_feedOverflowed = false;
    m_fallbackDone = false;
    m_feedNamed.clear();
    m_feedStash.clear();
    m_listed.clear();
    m_listingTokens = {};
    m_listingFailed = false;
    m_unknownListed.clear();
    m_pagesRead = 0;
    Q_EMIT refreshStarted();

    if (kind != RefreshKind::Auto) {
        m_listingRunning = true;
        m_listingWithInstances = kind == RefreshKind::Full;
        queueListingPage({});
    }
    m_feedRunning = true;
    queueFeedPage(
        m_feedNewest.isValid() ? m_feedNewest.addSecs(-FeedOverlapSeconds) : now.addSecs(-FirstFeedSeconds), {}, 1);
    return true;
}

void InventoryStore::queueListingPage(const QString& nextToken)
{
    ++m_listingPagesOutstanding;
    // What the quick look at this page's answer found: the next page's token (empty on the last page), or why
    // the listing must stop there.
    struct Early {
        std::optional<QString> token;
        AwsError failure;
    };
    auto early = std::make_shared<Early>();
    enqueue(
        [this, nextToken, early] {
            DescribeGroupsRequest request;
            request.maxRecords = GroupsPerPage;
            request.includeInstances = m_listingWithInstances;
            // The next page is asked for as soon as this answer is in, while this page is read on a worker thread:
            // the listing is a chain of round trips, and reading a large page takes about as long as one.
            const auto askNext = [this, early](const QString& token) {
                early->token = token;
                if (token.isEmpty())
                    return;
                early->failure = m_listingTokens.check(u"DescribeAutoScalingGroups"_s, token);
                if (!early->failure.isError())
                    queueListingPage(token);
            };
            whenFinished(client()->describeAutoScalingGroupsPage(request, nextToken, askNext), this,
                [this, early](const AwsError& error, const AutoScalingGroupsPage& page, const QString&) {
                    --m_listingPagesOutstanding;
                    AwsError failure = error.isError() ? error : early->failure;
                    if (!failure.isError() && page.nextToken != early->token.value_or(QString())) {
                        if (!early->token.value_or(QString()).isEmpty()) {
                            // The page asked for is not the one the whole answer names.
                            failure.kind = AwsError::Kind::UnreadableBody;
                            failure.httpStatus = 200;
                            failure.code = u"InconsistentNextToken"_s;
                            failure.message = tr("DescribeAutoScalingGroups: the quick look at a page and the whole "
                                                 "page gave different NextTokens; the listing was stopped.");
                        } else {
                            failure = m_listingTokens.check(u"DescribeAutoScalingGroups"_s, page.nextToken);
                            if (!failure.isError())
                                queueListingPage(page.nextToken); // the quick look missed it: ask now
                        }
                    }
                    // An incomplete listing removes nothing: a group it did not reach is not gone.
                    if (failure.isError())
                        m_listingFailed = true;
                    else
                        listingPageRead(page);
                    if (m_listingPagesOutstanding == 0)
                        listingEnded();
                    callDone(failure);
                });
        },
        true);
}

void InventoryStore::listingPageRead(const AutoScalingGroupsPage& page)
{
    ++m_pagesRead;
    QList<AutoScalingGroup> known;
    known.reserve(page.groups.size());
    for (AutoScalingGroup group : page.groups) {
        m_listed.insert(group.name);
        if (!m_listingWithInstances) {
            // Listed without instances: keep the instances known, read the others' by name afterwards.
            const auto it = m_groups.constFind(group.name);
            if (it == m_groups.cend()) {
                m_unknownListed.append(group.name);
                continue;
            }
            group.instances = it->group.instances;
        }
        known.append(std::move(group));
    }
    applyGroups(known, false, {});
    if (m_listingWithInstances) {
        // Used as soon as the page is read: the hooks of its waiting groups go out while the next page loads.
        for (const AutoScalingGroup& group : page.groups) {
            const GroupSnapshot* snapshot = this->group(group.name);
            if (snapshot && (snapshot->hasPendingInstances() || m_detailsWanted.contains(group.name)))
                queueHooks(group.name);
            if (snapshot && m_detailsWanted.contains(group.name))
                queueRecentActivities(group.name);
        }
    }
    Q_EMIT loadProgress(m_pagesRead, int(m_listed.size()));
}

void InventoryStore::listingEnded()
{
    m_listingRunning = false;
    if (!m_listingFailed) {
        // The listing is complete: a group it did not name is gone.
        QStringList gone;
        for (const QString& name : std::as_const(m_order)) {
            if (!m_listed.contains(name))
                gone.append(name);
        }
        if (!gone.isEmpty())
            applyGroups({}, false, gone);
        if (m_listingWithInstances) {
            QSet<QString> present;
            for (const GroupSnapshot& snapshot : std::as_const(m_groups)) {
                for (const GroupInstance& instance : snapshot.group.instances)
                    present.insert(instance.instanceId);
            }
            m_estimator->retainOnly(present);
        }
    }
    chainEnded();
}

void InventoryStore::queueFeedPage(const QDateTime& lowerBound, const QString& nextToken, int page)
{
    enqueue(
        [this, lowerBound, nextToken, page] {
            DescribeActivitiesRequest request;
            request.startTimeLowerBound = lowerBound;
            request.maxRecords = m_feedPageSize;
            request.nextToken = nextToken;
            whenFinished(client()->describeScalingActivities(request), this,
                [this, lowerBound, page](const AwsError& error, const ScalingActivitiesPage& answer, const QString&) {
                    if (error.isError()) {
                        // Not the refresh's failure: the listing and per-group reads stand in for the feed. AWS
                        // warns the account-wide call can be slow or time out on large accounts.
                        qCInfo(lcModels) << "activity feed failed; per-group reads instead:" << error.toString();
                        m_feedFailed = true;
                        m_refreshThrottled = m_refreshThrottled || error.isThrottling();
                    } else {
                        mergeFeed(answer.activities);
                        if (!answer.nextToken.isEmpty() && page < m_feedMaxPages) {
                            queueFeedPage(lowerBound, answer.nextToken, page + 1);
                            callDone({});
                            return;
                        }
                        m_feedOverflowed = !answer.nextToken.isEmpty();
                    }
                    m_feedRunning = false;
                    // What the next read cannot return again need not be remembered.
                    const QDateTime oldest = m_feedNewest.addSecs(-FeedOverlapSeconds);
                    for (auto it = m_feedSeen.begin(); it != m_feedSeen.end();)
                        it = it->second < oldest ? m_feedSeen.erase(it) : std::next(it);
                    chainEnded();
                    callDone({});
                });
        },
        true);
}

void InventoryStore::mergeFeed(const QList<ScalingActivity>& activities)
{
    QHash<QString, QList<ScalingActivity>> fresh;
    for (const ScalingActivity& activity : activities) {
        if (!m_feedNewest.isValid() || activity.startTime > m_feedNewest)
            m_feedNewest = activity.startTime;
        const auto seen = m_feedSeen.constFind(activity.activityId);
        if (seen != m_feedSeen.cend() && seen->first == activity.statusCode)
            continue; // read before, unchanged
        m_feedSeen.insert(activity.activityId, { activity.statusCode, activity.startTime });
        fresh[activity.groupName].append(activity);
    }
    for (auto it = fresh.cbegin(); it != fresh.cend(); ++it) {
        m_feedNamed.insert(it.key());
        if (m_groups.contains(it.key()))
            applyFeedActivities(it.key(), it.value());
        else
            m_feedStash[it.key()] += it.value();
    }
    if (!fresh.isEmpty())
        Q_EMIT changesApplied(isRefreshing());
}

void InventoryStore::applyFeedActivities(const QString& groupName, const QList<ScalingActivity>& activities)
{
    const auto it = m_groups.find(groupName);
    if (it == m_groups.end())
        return;
    QSet<QString> ids;
    for (const ScalingActivity& activity : activities)
        ids.insert(activity.activityId);
    QList<ScalingActivity> merged = activities;
    for (const ScalingActivity& activity : std::as_const(it->activities)) {
        if (!ids.contains(activity.activityId))
            merged.append(activity);
    }
    std::stable_sort(merged.begin(), merged.end(),
        [](const ScalingActivity& a, const ScalingActivity& b) { return a.startTime > b.startTime; });
    if (merged.size() > FeedActivitiesPerGroup)
        merged.resize(FeedActivitiesPerGroup);
    if (merged == it->activities)
        return;
    it->activities = std::move(merged);
    Q_EMIT activitiesChanged(groupName);
    pendingInputsChanged();
}

void InventoryStore::chainEnded()
{
    if (m_listingRunning || m_feedRunning)
        return;
    if (m_runningKind == RefreshKind::Full)
        return; // every group was read with its instances, the waiting ones' hooks queued page by page
    if (m_feedFailed || m_feedOverflowed) {
        // The feed cannot say what changed (it failed, or more changed than it reads at once): read everything.
        m_runningKind = RefreshKind::Full;
        m_listingRunning = true;
        m_listingWithInstances = true;
        m_listed.clear();
        m_listingTokens = {};
        m_listingFailed = false;
        m_pagesRead = 0;
        queueListingPage({});
        return;
    }
    // Groups to read with their instances: those the feed named, those with a waiting instance (their
    // deadlines move), those whose details are open, and the ones a sweep listed that were not known.
    QStringList names = m_unknownListed;
    QSet<QString> wanted(names.cbegin(), names.cend());
    const auto want = [&names, &wanted](const QString& name) {
        if (!wanted.contains(name)) {
            wanted.insert(name);
            names.append(name);
        }
    };
    for (const QString& name : std::as_const(m_order)) {
        if (m_feedNamed.contains(name) || m_detailsWanted.contains(name) || m_groups[name].hasPendingInstances())
            want(name);
    }
    for (const QString& name : std::as_const(m_feedNamed))
        want(name); // a group created since the last read
    queueGroupsByName(names);
}

void InventoryStore::queueGroupsByName(const QStringList& names)
{
    // Chunks of 100 names (with MaxRecords 100 each is one page), side by side.
    for (qsizetype i = 0; i < names.size(); i += GroupsPerPage) {
        const QStringList chunk = names.mid(i, GroupsPerPage);
        enqueue([this, chunk] {
            DescribeGroupsRequest request;
            request.groupNames = chunk;
            request.maxRecords = GroupsPerPage;
            // One page: 100 names with MaxRecords 100 always fit, and a page is read off the GUI thread.
            whenFinished(client()->describeAutoScalingGroupsPage(request), this,
                [this, chunk](const AwsError& error, const AutoScalingGroupsPage& page, const QString&) {
                    const QList<AutoScalingGroup>& groups = page.groups;
                    if (!error.isError()) {
                        applyGroups(groups, false, chunk); // a name the answer lacks is a deleted group
                        const bool sweep = m_runningKind == RefreshKind::Sweep;
                        for (const AutoScalingGroup& group : groups) {
                            const GroupSnapshot* snapshot = this->group(group.name);
                            const bool named = m_feedNamed.contains(group.name);
                            const bool open = m_detailsWanted.contains(group.name);
                            // Hooks are cached: read again only where the feed saw something happen, on a sweep
                            // (a hook edited elsewhere leaves no activity), or when never read.
                            if (snapshot
                                && ((snapshot->hasPendingInstances() && (sweep || named || !snapshot->hooksLoaded))
                                    || (open && (sweep || named || !snapshot->hooksLoaded))))
                                queueHooks(group.name);
                            if (snapshot && open && (sweep || named || !snapshot->activitiesLoaded))
                                queueRecentActivities(group.name);
                        }
                    }
                    callDone(error);
                });
        });
    }
}

void InventoryStore::queueHooks(const QString& groupName)
{
    enqueue([this, groupName] {
        whenFinished(client()->describeLifecycleHooks(groupName), this,
            [this, groupName](const AwsError& error, const QList<LifecycleHook>& hooks, const QString&) {
                if (!error.isError())
                    setHooks(groupName, hooks);
                callDone(error);
            });
    });
}

void InventoryStore::queueRecentActivities(const QString& groupName)
{
    enqueue([this, groupName] {
        whenFinished(client()->describeScalingActivities(groupName, m_activityPageSize), this,
            [this, groupName](const AwsError& error, const ScalingActivitiesPage& page, const QString&) {
                if (!error.isError())
                    setActivities(groupName, page.activities);
                callDone(error);
            });
    });
}

bool InventoryStore::queueWaitStartFallback()
{
    if (m_fallbackDone || !client())
        return false;
    m_fallbackDone = true;
    bool queued = false;
    for (const QString& name : std::as_const(m_order)) {
        if (!m_detailsInFlight.contains(name) && queueWaitActivities(name, {}, 1, {}, [] {}))
            queued = true;
    }
    return queued;
}
