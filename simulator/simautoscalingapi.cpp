// Auto Scaling (2011-01-01) operations of the Query front that change state: parameters in, SimEngine calls, XML
// out. The Describe* operations are in simautoscalingdescribe.cpp. Element names and order follow the service model
// (tests/data/models/autoscaling-2011-01-01.json).
#include "simqueryapi.h"

using namespace Qt::StringLiterals;
using SimApiDetail::fail;
using SimApiDetail::writeActivity;

SimQueryApi::Answer SimApiDetail::fail(const SimError& error)
{
    SimQueryApi::Answer answer;
    answer.error = error;
    return answer;
}

void SimApiDetail::writeActivity(QXmlStreamWriter& w, const SimActivity& a, const QString& element)
{
    w.writeStartElement(element);
    w.writeTextElement(u"ActivityId"_s, a.id);
    w.writeTextElement(u"AutoScalingGroupName"_s, a.groupName);
    w.writeTextElement(u"Description"_s, a.description);
    w.writeTextElement(u"Cause"_s, a.cause);
    SimXml::time(w, u"StartTime"_s, a.startTime);
    SimXml::time(w, u"EndTime"_s, a.endTime);
    w.writeTextElement(u"StatusCode"_s, a.statusCode);
    if (!a.statusMessage.isEmpty())
        w.writeTextElement(u"StatusMessage"_s, a.statusMessage);
    SimXml::number(w, u"Progress"_s, a.progress);
    w.writeTextElement(u"Details"_s, a.details);
    SimXml::text(w, u"AutoScalingGroupARN"_s, a.groupArn);
    w.writeEndElement();
}

// Tag filters of DescribeAutoScalingGroups: tag-key, tag-value, tag:<key>. Every filter must match.

namespace {
using Answer = SimQueryApi::Answer;

Answer noResult()
{
    Answer answer;
    answer.hasResult = false;
    return answer;
}

std::optional<SimError> checkLength(const QString& member, const QString& value, int max)
{
    if (value.size() > max) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: Member must have length less than or equal to %3"_s
                .arg(value, member)
                .arg(max));
    }
    if (value.isEmpty()) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: Member must have length greater than or equal to 1"_s
                .arg(value, member));
    }
    return std::nullopt;
}

std::optional<SimError> readHook(const SimParams& p, const QString& prefix, SimHook* hook, bool given[6])
{
    std::optional<SimError> error;
    hook->name = p.value(prefix + u"LifecycleHookName"_s);
    hook->transition = p.value(prefix + u"LifecycleTransition"_s);
    given[0] = p.has(prefix + u"LifecycleTransition"_s);
    const std::optional<int> heartbeat = p.integer(prefix + u"HeartbeatTimeout"_s, &error);
    if (error)
        return error;
    given[1] = heartbeat.has_value();
    hook->heartbeatTimeout = heartbeat.value_or(3600);
    given[2] = p.has(prefix + u"DefaultResult"_s);
    hook->defaultResult = p.value(prefix + u"DefaultResult"_s);
    given[3] = p.has(prefix + u"NotificationTargetARN"_s);
    hook->notificationTargetArn = p.value(prefix + u"NotificationTargetARN"_s);
    given[4] = p.has(prefix + u"RoleARN"_s);
    hook->roleArn = p.value(prefix + u"RoleARN"_s);
    // RoleARN is an XmlStringMaxLen255 (1 to 255); NotificationTargetARN may be empty (0 to 255).
    if (given[4]) {
        if (auto e = checkLength(u"roleARN"_s, hook->roleArn, 255))
            return e;
    }
    given[5] = p.has(prefix + u"NotificationMetadata"_s);
    hook->notificationMetadata = p.value(prefix + u"NotificationMetadata"_s);
    if (given[5]) {
        if (auto e = checkLength(u"notificationMetadata"_s, hook->notificationMetadata, 4000))
            return e;
    }
    return std::nullopt;
}

std::optional<SimError> readGroupSpec(const SimParams& p, SimEngine::GroupSpec* spec)
{
    std::optional<SimError> error;
    spec->name = p.value(u"AutoScalingGroupName"_s);
    if (auto e = checkLength(u"autoScalingGroupName"_s, spec->name, 255))
        return e;
    spec->minSize = p.integer(u"MinSize"_s, &error);
    spec->maxSize = p.integer(u"MaxSize"_s, &error);
    spec->desiredCapacity = p.integer(u"DesiredCapacity"_s, &error);
    spec->defaultCooldown = p.integer(u"DefaultCooldown"_s, &error);
    spec->healthCheckGracePeriod = p.integer(u"HealthCheckGracePeriod"_s, &error);
    spec->newInstancesProtectedFromScaleIn = p.boolean(u"NewInstancesProtectedFromScaleIn"_s, &error);
    spec->capacityRebalance = p.boolean(u"CapacityRebalance"_s, &error);
    if (error)
        return error;
    spec->healthCheckType = p.value(u"HealthCheckType"_s);
    spec->launchTemplateName = p.value(u"LaunchTemplate.LaunchTemplateName"_s);
    spec->launchTemplateId = p.value(u"LaunchTemplate.LaunchTemplateId"_s);
    if (spec->launchTemplateName.isEmpty())
        spec->launchTemplateName
            = p.value(u"MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateName"_s);
    if (spec->launchTemplateId.isEmpty())
        spec->launchTemplateId
            = p.value(u"MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId"_s);
    spec->launchConfigurationName = p.value(u"LaunchConfigurationName"_s);
    spec->vpcZoneIdentifier = p.value(u"VPCZoneIdentifier"_s);
    spec->hasInstanceId = p.has(u"InstanceId"_s);
    if (p.has(u"AvailabilityZones.member.1"_s))
        spec->availabilityZones = p.list(u"AvailabilityZones"_s);
    if (p.has(u"TerminationPolicies.member.1"_s))
        spec->terminationPolicies = p.list(u"TerminationPolicies"_s);
    for (int i = 1; p.has(u"Tags.member.%1.Key"_s.arg(i)); ++i) {
        SimTag tag;
        tag.key = p.value(u"Tags.member.%1.Key"_s.arg(i));
        tag.value = p.value(u"Tags.member.%1.Value"_s.arg(i));
        tag.propagateAtLaunch = p.value(u"Tags.member.%1.PropagateAtLaunch"_s.arg(i)).toLower() == u"true";
        spec->tags.append(tag);
    }
    return std::nullopt;
}
} // namespace

SimQueryApi::Answer SimQueryApi::dispatchAutoScaling(const QString& action, const SimParams& p)
{
    if (action == u"CreateAutoScalingGroup")
        return createGroup(p);
    if (action == u"UpdateAutoScalingGroup")
        return updateGroup(p);
    if (action == u"DeleteAutoScalingGroup")
        return deleteGroup(p);
    if (action == u"SetDesiredCapacity")
        return setDesiredCapacity(p);
    if (action == u"TerminateInstanceInAutoScalingGroup")
        return terminateInstance(p);
    if (action == u"DescribeAutoScalingGroups")
        return describeGroups(p);
    if (action == u"DescribeAutoScalingInstances")
        return describeInstances(p);
    if (action == u"DescribeScalingActivities")
        return describeActivities(p);
    if (action == u"DescribeLifecycleHookTypes")
        return describeHookTypes(p);
    if (action == u"PutLifecycleHook")
        return putHook(p);
    if (action == u"DescribeLifecycleHooks")
        return describeHooks(p);
    if (action == u"DeleteLifecycleHook")
        return deleteHook(p);
    if (action == u"CompleteLifecycleAction")
        return completeAction(p, false);
    if (action == u"RecordLifecycleActionHeartbeat")
        return completeAction(p, true);
    return fail({ u"InvalidAction"_s, u"Could not find operation %1 for version 2011-01-01"_s.arg(action) });
}

SimQueryApi::Answer SimQueryApi::createGroup(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s, u"MinSize"_s, u"MaxSize"_s }))
        return fail(*e);
    SimEngine::GroupSpec spec;
    if (auto e = readGroupSpec(p, &spec))
        return fail(*e);
    // Hooks given at creation must exist before the first instance launches, so check them all first.
    QList<std::pair<SimHook, std::array<bool, 6>>> hooks;
    for (int i = 1; p.has(u"LifecycleHookSpecificationList.member.%1.LifecycleHookName"_s.arg(i)); ++i) {
        SimHook hook;
        hook.groupName = spec.name;
        std::array<bool, 6> given {};
        if (auto e = readHook(p, u"LifecycleHookSpecificationList.member.%1."_s.arg(i), &hook, given.data()))
            return fail(*e);
        hooks.append({ hook, given });
    }
    if (auto e = m_engine.createGroup(spec))
        return fail(*e);
    for (const auto& [hook, given] : std::as_const(hooks)) {
        if (auto e = m_engine.putHook(hook, given[0], given[1], given[2], given[3], given[4], given[5])) {
            m_engine.deleteGroup(spec.name, true);
            return fail(*e);
        }
    }
    return noResult();
}

SimQueryApi::Answer SimQueryApi::updateGroup(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s }))
        return fail(*e);
    SimEngine::GroupSpec spec;
    if (auto e = readGroupSpec(p, &spec))
        return fail(*e);
    if (auto e = m_engine.updateGroup(spec))
        return fail(*e);
    return noResult();
}

SimQueryApi::Answer SimQueryApi::deleteGroup(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s }))
        return fail(*e);
    std::optional<SimError> error;
    const bool force = p.boolean(u"ForceDelete"_s, &error).value_or(false);
    if (error)
        return fail(*error);
    if (auto e = m_engine.deleteGroup(p.value(u"AutoScalingGroupName"_s), force))
        return fail(*e);
    return noResult();
}

SimQueryApi::Answer SimQueryApi::setDesiredCapacity(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s, u"DesiredCapacity"_s }))
        return fail(*e);
    std::optional<SimError> error;
    const std::optional<int> desired = p.integer(u"DesiredCapacity"_s, &error);
    p.boolean(u"HonorCooldown"_s, &error);
    if (error)
        return fail(*error);
    if (auto e = m_engine.setDesiredCapacity(p.value(u"AutoScalingGroupName"_s), *desired))
        return fail(*e);
    return noResult();
}

SimQueryApi::Answer SimQueryApi::terminateInstance(const SimParams& p)
{
    if (auto e = p.require({ u"InstanceId"_s, u"ShouldDecrementDesiredCapacity"_s }))
        return fail(*e);
    std::optional<SimError> error;
    const bool decrement = p.boolean(u"ShouldDecrementDesiredCapacity"_s, &error).value_or(false);
    if (error)
        return fail(*error);
    QString activityId;
    if (auto e = m_engine.terminateInstance(p.value(u"InstanceId"_s), decrement, &activityId))
        return fail(*e);
    Answer answer;
    const SimActivity* activity = m_engine.activity(activityId);
    const SimActivity copy = activity ? *activity : SimActivity {};
    answer.result = [copy](QXmlStreamWriter& w) { writeActivity(w, copy, u"Activity"_s); };
    return answer;
}

SimQueryApi::Answer SimQueryApi::putHook(const SimParams& p)
{
    if (auto e = p.require({ u"LifecycleHookName"_s, u"AutoScalingGroupName"_s }))
        return fail(*e);
    SimHook hook;
    hook.groupName = p.value(u"AutoScalingGroupName"_s);
    bool given[6] = {};
    if (auto e = readHook(p, QString(), &hook, given))
        return fail(*e);
    if (auto e = m_engine.putHook(hook, given[0], given[1], given[2], given[3], given[4], given[5]))
        return fail(*e);
    return {};
}

SimQueryApi::Answer SimQueryApi::deleteHook(const SimParams& p)
{
    if (auto e = p.require({ u"LifecycleHookName"_s, u"AutoScalingGroupName"_s }))
        return fail(*e);
    if (auto e = m_engine.deleteHook(p.value(u"AutoScalingGroupName"_s), p.value(u"LifecycleHookName"_s)))
        return fail(*e);
    return {};
}

SimQueryApi::Answer SimQueryApi::completeAction(const SimParams& p, bool heartbeat)
{
    QStringList required { u"LifecycleHookName"_s, u"AutoScalingGroupName"_s };
    if (!heartbeat)
        required.append(u"LifecycleActionResult"_s);
    if (auto e = p.require(required))
        return fail(*e);
    const QString token = p.value(u"LifecycleActionToken"_s);
    if (p.has(u"LifecycleActionToken"_s) && token.size() != 36) {
        return fail(SimError::validation(
            u"1 validation error detected: Value '%1' at 'lifecycleActionToken' failed to satisfy constraint: Member must have length %2 than or equal to 36"_s
                .arg(token, token.size() < 36 ? u"greater"_s : u"less"_s)));
    }
    const QString instanceId = p.value(u"InstanceId"_s);
    if (p.has(u"InstanceId"_s)) {
        if (auto e = checkLength(u"instanceId"_s, instanceId, 19))
            return fail(*e);
    }
    const QString group = p.value(u"AutoScalingGroupName"_s);
    const QString hook = p.value(u"LifecycleHookName"_s);
    const std::optional<SimError> e = heartbeat
        ? m_engine.recordHeartbeat(group, hook, token, instanceId)
        : m_engine.completeAction(group, hook, token, instanceId, p.value(u"LifecycleActionResult"_s));
    if (e)
        return fail(*e);
    return {};
}
