// The Auto Scaling readers as they were before issue 15 (item 5) made them stream: each answer parsed into an
// XmlNode tree first, then read from it. Kept for the tests only, as the reference the streaming readers
// (aws/autoscalingxml.cpp) must equal field by field on every fixture, the fuzz corpus and whatever the fuzzer makes.
#include "treereaders.h"

#include "xmlnode.h"

using namespace Qt::StringLiterals;

namespace {

template <typename T, typename Read>
ParsedResponse<T> readResult(const QByteArray& body, int httpStatus, QLatin1StringView action, Read read)
{
    ParsedResponse<T> response;
    const AwsXml::ActionResult parsed = AwsXml::parseActionResult(body, httpStatus, action);
    response.requestId = parsed.requestId;
    if (parsed.error.isError()) {
        response.error = parsed.error;
        return response;
    }
    read(parsed.result, response);
    return response;
}

GroupInstance readInstance(const XmlNode& node)
{
    GroupInstance instance;
    instance.instanceId = node.childText("InstanceId"_L1);
    instance.groupName = node.childText("AutoScalingGroupName"_L1);
    instance.instanceType = node.childText("InstanceType"_L1);
    instance.availabilityZone = node.childText("AvailabilityZone"_L1);
    instance.lifecycleState = node.childText("LifecycleState"_L1);
    instance.healthStatus = node.childText("HealthStatus"_L1);
    if (const XmlNode* launchTemplate = node.child("LaunchTemplate"_L1))
        instance.launchTemplateName = launchTemplate->childText("LaunchTemplateName"_L1);
    instance.protectedFromScaleIn = node.childBool("ProtectedFromScaleIn"_L1);
    return instance;
}

AutoScalingGroup readGroup(const XmlNode& node)
{
    AutoScalingGroup group;
    group.name = node.childText("AutoScalingGroupName"_L1);
    group.arn = node.childText("AutoScalingGroupARN"_L1);
    group.minSize = node.childInt("MinSize"_L1);
    group.maxSize = node.childInt("MaxSize"_L1);
    group.desiredCapacity = node.childInt("DesiredCapacity"_L1);
    group.availabilityZones = node.memberTexts("AvailabilityZones"_L1);
    group.healthCheckType = node.childText("HealthCheckType"_L1);
    group.createdTime = node.childDateTime("CreatedTime"_L1);
    group.status = node.childText("Status"_L1);
    if (const XmlNode* policy = node.child("InstanceLifecyclePolicy"_L1)) {
        if (const XmlNode* triggers = policy->child("RetentionTriggers"_L1))
            group.terminateHookAbandon = triggers->childText("TerminateHookAbandon"_L1);
    }
    for (const XmlNode* member : node.members("Tags"_L1)) {
        Tag tag;
        tag.key = member->childText("Key"_L1);
        tag.value = member->childText("Value"_L1);
        tag.propagateAtLaunch = member->childBool("PropagateAtLaunch"_L1);
        group.tags.append(tag);
    }
    for (const XmlNode* member : node.members("Instances"_L1)) {
        GroupInstance instance = readInstance(*member);
        if (instance.groupName.isEmpty())
            instance.groupName = group.name;
        group.instances.append(instance);
    }
    if (const XmlNode* pool = node.child("WarmPoolConfiguration"_L1)) {
        WarmPoolConfiguration config;
        config.maxGroupPreparedCapacity = pool->childInt("MaxGroupPreparedCapacity"_L1, -1);
        config.minSize = pool->childInt("MinSize"_L1);
        config.poolState = pool->childText("PoolState"_L1);
        config.status = pool->childText("Status"_L1);
        if (const XmlNode* reuse = pool->child("InstanceReusePolicy"_L1))
            config.reuseOnScaleIn = reuse->childBool("ReuseOnScaleIn"_L1);
        group.warmPool = config;
    }
    group.warmPoolSize = node.childInt("WarmPoolSize"_L1);
    return group;
}

LifecycleHook readHook(const XmlNode& node)
{
    LifecycleHook hook;
    hook.name = node.childText("LifecycleHookName"_L1);
    hook.groupName = node.childText("AutoScalingGroupName"_L1);
    hook.transition = node.childText("LifecycleTransition"_L1);
    hook.notificationTargetArn = node.childText("NotificationTargetARN"_L1);
    hook.roleArn = node.childText("RoleARN"_L1);
    hook.notificationMetadata = node.childText("NotificationMetadata"_L1);
    hook.heartbeatTimeout = node.childInt("HeartbeatTimeout"_L1, hook.heartbeatTimeout);
    hook.globalTimeout = node.childInt("GlobalTimeout"_L1, hook.globalTimeout);
    const QString defaultResult = node.childText("DefaultResult"_L1);
    if (!defaultResult.isEmpty())
        hook.defaultResult = defaultResult;
    return hook;
}

ScalingActivity readActivity(const XmlNode& node)
{
    ScalingActivity activity;
    activity.activityId = node.childText("ActivityId"_L1);
    activity.groupName = node.childText("AutoScalingGroupName"_L1);
    activity.description = node.childText("Description"_L1);
    activity.cause = node.childText("Cause"_L1);
    activity.startTime = node.childDateTime("StartTime"_L1);
    activity.endTime = node.childDateTime("EndTime"_L1);
    activity.statusCode = node.childText("StatusCode"_L1);
    activity.statusMessage = node.childText("StatusMessage"_L1);
    activity.progress = node.childInt("Progress"_L1);
    activity.details = node.childText("Details"_L1);
    return activity;
}

// A result holding one <member> list (and, for paginated operations, a NextToken).
template <typename Item>
ParsedResponse<QList<Item>> readMemberList(const QByteArray& body, int httpStatus, QLatin1StringView action,
    QLatin1StringView listName, Item (*readItem)(const XmlNode&))
{
    return readResult<QList<Item>>(body, httpStatus, action, [&](const XmlNode& result, auto& response) {
        for (const XmlNode* member : result.members(listName))
            response.value.append(readItem(*member));
        response.nextToken = result.childText("NextToken"_L1);
    });
}

} // namespace

namespace TreeReaders {

ParsedResponse<QList<AutoScalingGroup>> describeAutoScalingGroups(const QByteArray& body, int httpStatus)
{
    return readMemberList<AutoScalingGroup>(
        body, httpStatus, "DescribeAutoScalingGroups"_L1, "AutoScalingGroups"_L1, readGroup);
}

ParsedResponse<QList<GroupInstance>> describeAutoScalingInstances(const QByteArray& body, int httpStatus)
{
    return readMemberList<GroupInstance>(
        body, httpStatus, "DescribeAutoScalingInstances"_L1, "AutoScalingInstances"_L1, readInstance);
}

ParsedResponse<QList<LifecycleHook>> describeLifecycleHooks(const QByteArray& body, int httpStatus)
{
    return readMemberList<LifecycleHook>(body, httpStatus, "DescribeLifecycleHooks"_L1, "LifecycleHooks"_L1, readHook);
}

ParsedResponse<QStringList> describeLifecycleHookTypes(const QByteArray& body, int httpStatus)
{
    return readResult<QStringList>(body, httpStatus, "DescribeLifecycleHookTypes"_L1,
        [](const XmlNode& result, auto& response) { response.value = result.memberTexts("LifecycleHookTypes"_L1); });
}

ParsedResponse<QList<ScalingActivity>> describeScalingActivities(const QByteArray& body, int httpStatus)
{
    return readMemberList<ScalingActivity>(
        body, httpStatus, "DescribeScalingActivities"_L1, "Activities"_L1, readActivity);
}

ParsedResponse<NoResult> emptyResult(const QByteArray& body, QLatin1StringView action, int httpStatus)
{
    return readResult<NoResult>(body, httpStatus, action, [](const XmlNode&, auto&) {});
}

QString differences(const AwsError& a, const AwsError& b)
{
    if (a.kind != b.kind)
        return u"error.kind"_s;
    if (a.httpStatus != b.httpStatus)
        return u"error.httpStatus"_s;
    if (a.code != b.code)
        return u"error.code"_s;
    if (a.message != b.message)
        return u"error.message"_s;
    if (a.type != b.type)
        return u"error.type"_s;
    if (a.requestId != b.requestId)
        return u"error.requestId"_s;
    if (a.bodyStart != b.bodyStart)
        return u"error.bodyStart"_s;
    return {};
}

} // namespace TreeReaders
