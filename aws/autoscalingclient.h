#pragma once

#include "autoscalingtypes.h"
#include "awsjob.h"
#include "instancerefresh.h"
#include "queryclient.h"

#include <QObject>
#include <functional>

// Typed Auto Scaling operations over a QueryClient. Every call validates its input against the service model
// first (a Validation error, nothing sent), then returns a job that finishes exactly once.
class AutoScalingClient : public QObject {
    Q_OBJECT
public:
    explicit AutoScalingClient(QueryClient* query, QObject* parent = nullptr);

    // Follows NextToken to the end and splits name lists into calls of ≤ max(50, maxRecords) names.
    ResultJob<QList<AutoScalingGroup>>* describeAutoScalingGroups(const DescribeGroupsRequest& request = {});
    // One page: pass the previous page's nextToken to continue. At most max(50, maxRecords) names.
    // `earlyNextToken`, when given, is called with the page's NextToken (empty on the last page) as soon as the
    // answer is in, before the page is read (which for a large page happens on a worker thread): the next page can
    // be asked for while this one is read. The token the job then gives is the one read from the whole page.
    ResultJob<AutoScalingGroupsPage>* describeAutoScalingGroupsPage(const DescribeGroupsRequest& request,
        const QString& nextToken = {}, const std::function<void(const QString&)>& earlyNextToken = {});
    // ≤ 50 IDs a call; more are split.
    ResultJob<QList<GroupInstance>>* describeAutoScalingInstances(const QStringList& instanceIds);
    ResultJob<QList<LifecycleHook>>* describeLifecycleHooks(
        const QString& groupName, const QStringList& hookNames = {});
    ResultJob<QStringList>* describeLifecycleHookTypes();
    // One page; pass the previous page's nextToken to continue. maxRecords ≤ 100.
    ResultJob<ScalingActivitiesPage>* describeScalingActivities(
        const QString& groupName, int maxRecords = 100, const QString& nextToken = {});
    // One page with filters (see DescribeActivitiesRequest); a Status filter without a group name is refused here.
    ResultJob<ScalingActivitiesPage>* describeScalingActivities(const DescribeActivitiesRequest& request);
    ResultJob<NoResult>* putLifecycleHook(const PutLifecycleHookRequest& request);
    ResultJob<NoResult>* deleteLifecycleHook(const QString& groupName, const QString& hookName);
    // Every page of the group's warm pool (autoscalingwarmpool.cpp): its configuration, none when the group has
    // no pool, and its instances, each with the group's name filled in.
    ResultJob<WarmPool>* describeWarmPool(const QString& groupName);
    // result: "CONTINUE" | "ABANDON"
    ResultJob<NoResult>* completeLifecycleAction(const LifecycleActionTarget& target, const QString& result);
    ResultJob<NoResult>* recordLifecycleActionHeartbeat(const LifecycleActionTarget& target);

    // Remediation (autoscalingremedy.cpp). TerminateInstanceInAutoScalingGroup answers the termination activity;
    // `decrementDesiredCapacity` false makes the group launch a replacement.
    ResultJob<ScalingActivity>* terminateInstanceInAutoScalingGroup(
        const QString& instanceId, bool decrementDesiredCapacity);
    // 1 to 50 instance IDs of one group (the service model's limit).
    ResultJob<NoResult>* setInstanceProtection(
        const QString& groupName, const QStringList& instanceIds, bool protectedFromScaleIn);
    // healthStatus: "Healthy" | "Unhealthy". `respectGracePeriod` is the service's ShouldRespectGracePeriod.
    ResultJob<NoResult>* setInstanceHealth(
        const QString& instanceId, const QString& healthStatus, bool respectGracePeriod = false);
    // 1 to 20 instance IDs of one group; each answers one activity per instance. ExitStandby puts the instances
    // back through Pending, so their launch lifecycle hooks run again.
    ResultJob<QList<ScalingActivity>>* enterStandby(
        const QString& groupName, const QStringList& instanceIds, bool decrementDesiredCapacity);
    ResultJob<QList<ScalingActivity>>* exitStandby(const QString& groupName, const QStringList& instanceIds);

    // Instance refreshes (autoscalingrefresh.cpp). Every page of the group's refreshes, newest first (all of them
    // when `refreshIds` is empty). Cancel and rollback act on the group's active refresh and answer its ID; AWS
    // answers ActiveInstanceRefreshNotFound when there is none.
    ResultJob<QList<InstanceRefresh>>* describeInstanceRefreshes(
        const QString& groupName, const QStringList& refreshIds = {});
    ResultJob<QString>* cancelInstanceRefresh(const QString& groupName);
    ResultJob<QString>* rollbackInstanceRefresh(const QString& groupName);

    QueryClient* queryClient() const { return m_query; }

private:
    static AwsError groupsCommonParameters(const DescribeGroupsRequest& request, QueryParameters* common);

    QueryClient* m_query;
};
