#pragma once

#include "lifecycle.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// Plain value types for the Auto Scaling API (2011-01-01), named after the service model's shapes. Only the
// fields Hookdesk uses are kept; readers skip every other element.

struct Tag {
    QString key;
    QString value;
    bool propagateAtLaunch = false;
    friend bool operator==(const Tag&, const Tag&) = default;
};

// Instance as listed inside a group (shape Instance) or by DescribeAutoScalingInstances (AutoScalingInstanceDetails).
struct GroupInstance {
    QString instanceId;
    QString groupName; // filled from the enclosing group when read from DescribeAutoScalingGroups
    QString instanceType;
    QString availabilityZone;
    QString lifecycleState; // as AWS spells it; Lifecycle::parseState() reads it
    QString healthStatus; // "Healthy" | "Unhealthy"
    QString launchTemplateName;
    bool protectedFromScaleIn = false;
    bool inWarmPool = false; // listed by DescribeWarmPool (AutoScalingClient::describeWarmPool() sets it)
    friend bool operator==(const GroupInstance&, const GroupInstance&) = default;
};

// A group's warm pool (shape WarmPoolConfiguration): read from DescribeAutoScalingGroups and DescribeWarmPool.
struct WarmPoolConfiguration {
    int maxGroupPreparedCapacity = -1; // -1: not set, the group's MaxSize stands in
    int minSize = 0;
    QString poolState; // "Stopped" | "Running" | "Hibernated"
    QString status; // "PendingDelete" while DeleteWarmPool runs; empty otherwise
    bool reuseOnScaleIn = false; // InstanceReusePolicy.ReuseOnScaleIn
    friend bool operator==(const WarmPoolConfiguration&, const WarmPoolConfiguration&) = default;
};

// DescribeWarmPool, every page: the configuration (none when the group has no pool) and the pool's instances,
// which the group's own Instances never list.
struct WarmPool {
    std::optional<WarmPoolConfiguration> configuration;
    QList<GroupInstance> instances;
    friend bool operator==(const WarmPool&, const WarmPool&) = default;
};

struct AutoScalingGroup {
    QString name;
    QString arn;
    int minSize = 0;
    int maxSize = 0;
    int desiredCapacity = 0;
    QStringList availabilityZones;
    QString healthCheckType;
    QDateTime createdTime;
    QString status; // e.g. "Delete in progress"; empty normally
    QList<Tag> tags;
    QList<GroupInstance> instances;
    // InstanceLifecyclePolicy.RetentionTriggers.TerminateHookAbandon: "retain" | "terminate"; empty when the group
    // has no policy (AWS then terminates).
    QString terminateHookAbandon;
    // An ABANDON on a terminating hook (sent, or applied by a timeout) leaves the instance in Terminating:Retained
    // until someone terminates it, instead of terminating it.
    bool retainsOnTerminateAbandon() const { return terminateHookAbandon == QLatin1String("retain"); }
    std::optional<WarmPoolConfiguration> warmPool; // WarmPoolConfiguration; none: the group has no warm pool
    int warmPoolSize = 0; // WarmPoolSize: instances in the pool now
    friend bool operator==(const AutoScalingGroup&, const AutoScalingGroup&) = default;
};

struct LifecycleHook {
    QString name;
    QString groupName;
    QString transition; // LifecycleTransition::Launching | Terminating
    QString notificationTargetArn;
    QString roleArn;
    QString notificationMetadata;
    int heartbeatTimeout = 3600; // seconds, 30–7200
    int globalTimeout = 172800; // seconds, read-only: min(100 × heartbeat, 172800)
    QString defaultResult = QStringLiteral("ABANDON"); // "CONTINUE" | "ABANDON"

    bool isLaunching() const
    {
        return Lifecycle::parseHookTransition(transition) == Lifecycle::HookTransition::Launching;
    }
    friend bool operator==(const LifecycleHook&, const LifecycleHook&) = default;
};

struct ScalingActivity {
    QString activityId;
    QString groupName;
    QString description;
    QString cause;
    QDateTime startTime;
    QDateTime endTime; // invalid while in progress
    QString statusCode; // "InProgress", "MidLifecycleAction", "Successful", "Failed", …
    QString statusMessage;
    int progress = 0;
    QString details;
    friend bool operator==(const ScalingActivity&, const ScalingActivity&) = default;
};

// Tag / name filters for DescribeAutoScalingGroups ("tag:Env" = ["prod"], "tag-key", "tag-value").
struct GroupFilter {
    QString name;
    QStringList values;
};

struct DescribeGroupsRequest {
    // Split by the client into calls of at most max(50, maxRecords) names: AWS takes 50 names a call, or up to
    // MaxRecords when that is larger.
    QStringList groupNames;
    QList<GroupFilter> filters;
    int maxRecords = 100; // per page, ≤ 100; the client follows NextToken to the end
    // false: the groups without their instances (IncludeInstances=false), for small pages when only the groups'
    // own fields are wanted.
    bool includeInstances = true;
};

// One page of DescribeAutoScalingGroups, for callers that use each page as it arrives.
struct AutoScalingGroupsPage {
    QList<AutoScalingGroup> groups;
    QString nextToken;
};

// DescribeScalingActivities input, one page. Filters follow the service model: `statuses` (the Status filter,
// e.g. "MidLifecycleAction") is only accepted together with a group name; the start-time bounds (inclusive, sent
// as ISO 8601 UTC) work account-wide too. An empty group name lists every group, which AWS warns may be slow.
struct DescribeActivitiesRequest {
    QString groupName;
    QStringList statuses;
    QDateTime startTimeLowerBound; // invalid: unset
    QDateTime startTimeUpperBound; // invalid: unset
    int maxRecords = 100; // ≤ 100
    QString nextToken;
};

struct ScalingActivitiesPage {
    QList<ScalingActivity> activities;
    QString nextToken;
};

// PutLifecycleHook input. Optional fields are left out of the request when unset.
struct PutLifecycleHookRequest {
    QString groupName;
    QString hookName;
    QString transition; // required when creating
    std::optional<int> heartbeatTimeout;
    QString defaultResult; // empty: unset
    QString notificationMetadata;
    // Unset: left as it is. Empty: sent as NotificationTargetARN= (the model allows it), which removes the target,
    // and with it the role, from an existing hook.
    std::optional<QString> notificationTargetArn;
    // The model gives RoleARN a minimum length of 1, so an empty role is never sent: it is accepted only together
    // with an empty target, which removes both.
    std::optional<QString> roleArn;
};

// CompleteLifecycleAction / RecordLifecycleActionHeartbeat target: instanceId or token (exactly one is needed).
struct LifecycleActionTarget {
    QString groupName;
    QString hookName;
    QString instanceId;
    QString token;
    // Not sent. The lifecycle state the operator saw when confirming (empty: none was shown): the action is refused
    // if the instance is in another wait by the time it is sent, so a confirmed "ABANDON on launch" can never become
    // an ABANDON on termination.
    QString confirmedState {};
};

// STS
struct CallerIdentity {
    QString account;
    QString arn;
    QString userId;
};

struct AssumeRoleRequest {
    QString roleArn;
    QString roleSessionName;
    int durationSeconds = 3600;
    QString externalId;
    QString serialNumber; // MFA device; with tokenCode
    QString tokenCode;
};
