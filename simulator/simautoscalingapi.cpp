// Auto Scaling (2011-01-01) operations of the Query front that change state: parameters in, SimEngine calls, XML
// out. The Describe* operations are in simautoscalingdescribe.cpp. Element names and order follow the service model
// (tests/data/models/autoscaling-2011-01-01.json).
#include "simqueryapi.h"

using namespace Qt::StringLiterals;
using SimApiDetail::fail;
using SimApiDetail::writeActivity;

SimQueryApi::Answer SimApiDetail::fail(const SimError& error)
{
    return error;
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
    return SimQueryApi::Reply { {}, false };
}

SimResult<void> checkLength(const QString& member, const QString& value, int max)
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
    return {};
}

std::optional<QString> optionalValue(const SimParams& p, const QString& name)
{
    return p.has(name) ? std::optional<QString>(p.value(name)) : std::nullopt;
}

SimResult<SimEngine::HookSpec> readHook(const SimParams& p, const QString& prefix, const QString& groupName)
{
    SimEngine::HookSpec spec;
    spec.groupName = groupName;
    spec.name = p.value(prefix + u"LifecycleHookName"_s);
    spec.transition = optionalValue(p, prefix + u"LifecycleTransition"_s);
    const SimResult<std::optional<int>> heartbeat = p.integer(prefix + u"HeartbeatTimeout"_s);
    if (!heartbeat)
        return heartbeat.error();
    spec.heartbeatTimeout = *heartbeat;
    spec.defaultResult = optionalValue(p, prefix + u"DefaultResult"_s);
    spec.notificationTargetArn = optionalValue(p, prefix + u"NotificationTargetARN"_s);
    spec.roleArn = optionalValue(p, prefix + u"RoleARN"_s);
    // RoleARN is an XmlStringMaxLen255 (1 to 255); NotificationTargetARN may be empty (0 to 255).
    if (spec.roleArn) {
        if (auto checked = checkLength(u"roleARN"_s, *spec.roleArn, 255); !checked)
            return checked.error();
    }
    spec.notificationMetadata = optionalValue(p, prefix + u"NotificationMetadata"_s);
    if (spec.notificationMetadata) {
        if (auto checked = checkLength(u"notificationMetadata"_s, *spec.notificationMetadata, 4000); !checked)
            return checked.error();
    }
    return spec;
}

template <typename T> SimResult<void> readInto(const SimResult<std::optional<T>>& value, std::optional<T>& field)
{
    if (!value)
        return value.error();
    field = *value;
    return {};
}

SimResult<SimEngine::GroupSpec> readGroupSpec(const SimParams& p)
{
    SimEngine::GroupSpec spec;
    spec.name = p.value(u"AutoScalingGroupName"_s);
    if (auto checked = checkLength(u"autoScalingGroupName"_s, spec.name, 255); !checked)
        return checked.error();
    // Every number and flag is read; the first malformed one fails the request.
    const SimResult<void> reads[] = {
        readInto(p.integer(u"MinSize"_s), spec.minSize),
        readInto(p.integer(u"MaxSize"_s), spec.maxSize),
        readInto(p.integer(u"DesiredCapacity"_s), spec.desiredCapacity),
        readInto(p.integer(u"DefaultCooldown"_s), spec.defaultCooldown),
        readInto(p.integer(u"HealthCheckGracePeriod"_s), spec.healthCheckGracePeriod),
        readInto(p.boolean(u"NewInstancesProtectedFromScaleIn"_s), spec.newInstancesProtectedFromScaleIn),
        readInto(p.boolean(u"CapacityRebalance"_s), spec.capacityRebalance),
    };
    for (const SimResult<void>& read : reads) {
        if (!read)
            return read.error();
    }
    spec.healthCheckType = p.value(u"HealthCheckType"_s);
    spec.launchTemplateName = p.value(u"LaunchTemplate.LaunchTemplateName"_s);
    spec.launchTemplateId = p.value(u"LaunchTemplate.LaunchTemplateId"_s);
    if (spec.launchTemplateName.isEmpty())
        spec.launchTemplateName
            = p.value(u"MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateName"_s);
    if (spec.launchTemplateId.isEmpty())
        spec.launchTemplateId
            = p.value(u"MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId"_s);
    spec.launchConfigurationName = p.value(u"LaunchConfigurationName"_s);
    spec.vpcZoneIdentifier = p.value(u"VPCZoneIdentifier"_s);
    spec.hasInstanceId = p.has(u"InstanceId"_s);
    if (p.has(u"AvailabilityZones.member.1"_s))
        spec.availabilityZones = p.list(u"AvailabilityZones"_s);
    if (p.has(u"TerminationPolicies.member.1"_s))
        spec.terminationPolicies = p.list(u"TerminationPolicies"_s);
    spec.terminateHookAbandon = optionalValue(p, u"InstanceLifecyclePolicy.RetentionTriggers.TerminateHookAbandon"_s);
    for (int i = 1; p.has(u"Tags.member.%1.Key"_s.arg(i)); ++i) {
        SimTag tag;
        tag.key = p.value(u"Tags.member.%1.Key"_s.arg(i));
        tag.value = p.value(u"Tags.member.%1.Value"_s.arg(i));
        tag.propagateAtLaunch = p.value(u"Tags.member.%1.PropagateAtLaunch"_s.arg(i)).toLower() == u"true";
        spec.tags.append(tag);
    }
    return spec;
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
    if (action == u"SetInstanceProtection")
        return setInstanceProtection(p);
    if (action == u"SetInstanceHealth")
        return setInstanceHealth(p);
    if (action == u"EnterStandby")
        return enterStandby(p);
    if (action == u"ExitStandby")
        return exitStandby(p);
    if (action == u"PutWarmPool")
        return putWarmPool(p);
    if (action == u"DescribeWarmPool")
        return describeWarmPool(p);
    if (action == u"DeleteWarmPool")
        return deleteWarmPool(p);
    if (action == u"StartInstanceRefresh")
        return startInstanceRefresh(p);
    if (action == u"DescribeInstanceRefreshes")
        return describeInstanceRefreshes(p);
    if (action == u"CancelInstanceRefresh")
        return cancelInstanceRefresh(p);
    if (action == u"RollbackInstanceRefresh")
        return rollbackInstanceRefresh(p);
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
    if (auto required = p.require({ u"AutoScalingGroupName"_s, u"MinSize"_s, u"MaxSize"_s }); !required)
        return required.error();
    const SimResult<SimEngine::GroupSpec> spec = readGroupSpec(p);
    if (!spec)
        return spec.error();
    // Hooks given at creation must exist before the first instance launches, so check them all first.
    QList<SimEngine::HookSpec> hooks;
    for (int i = 1; p.has(u"LifecycleHookSpecificationList.member.%1.LifecycleHookName"_s.arg(i)); ++i) {
        const SimResult<SimEngine::HookSpec> hook
            = readHook(p, u"LifecycleHookSpecificationList.member.%1."_s.arg(i), spec->name);
        if (!hook)
            return hook.error();
        hooks.append(*hook);
    }
    if (auto created = m_engine.createGroup(*spec); !created)
        return created.error();
    for (const SimEngine::HookSpec& hook : std::as_const(hooks)) {
        if (auto put = m_engine.putHook(hook); !put) {
            (void)m_engine.deleteGroup(spec->name, true);
            return put.error();
        }
    }
    return noResult();
}

SimQueryApi::Answer SimQueryApi::updateGroup(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    const SimResult<SimEngine::GroupSpec> spec = readGroupSpec(p);
    if (!spec)
        return spec.error();
    if (auto updated = m_engine.updateGroup(*spec); !updated)
        return updated.error();
    return noResult();
}

SimQueryApi::Answer SimQueryApi::deleteGroup(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    const SimResult<std::optional<bool>> force = p.boolean(u"ForceDelete"_s);
    if (!force)
        return force.error();
    if (auto deleted = m_engine.deleteGroup(p.value(u"AutoScalingGroupName"_s), force->value_or(false)); !deleted)
        return deleted.error();
    return noResult();
}

SimQueryApi::Answer SimQueryApi::setDesiredCapacity(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s, u"DesiredCapacity"_s }); !required)
        return required.error();
    const SimResult<std::optional<int>> desired = p.integer(u"DesiredCapacity"_s);
    const SimResult<std::optional<bool>> honorCooldown = p.boolean(u"HonorCooldown"_s);
    // When both are malformed, HonorCooldown is the one reported (as the simulator always did).
    if (!honorCooldown)
        return honorCooldown.error();
    if (!desired)
        return desired.error();
    if (auto set = m_engine.setDesiredCapacity(p.value(u"AutoScalingGroupName"_s), **desired); !set)
        return set.error();
    return noResult();
}

SimQueryApi::Answer SimQueryApi::terminateInstance(const SimParams& p)
{
    if (auto required = p.require({ u"InstanceId"_s, u"ShouldDecrementDesiredCapacity"_s }); !required)
        return required.error();
    const SimResult<std::optional<bool>> decrement = p.boolean(u"ShouldDecrementDesiredCapacity"_s);
    if (!decrement)
        return decrement.error();
    const SimResult<QString> activityId
        = m_engine.terminateInstance(p.value(u"InstanceId"_s), decrement->value_or(false));
    if (!activityId)
        return activityId.error();
    Reply answer;
    const SimActivity* activity = m_engine.activity(*activityId);
    const SimActivity copy = activity ? *activity : SimActivity {};
    answer.result = [copy](QXmlStreamWriter& w) { writeActivity(w, copy, u"Activity"_s); };
    return answer;
}

SimQueryApi::Answer SimQueryApi::putHook(const SimParams& p)
{
    if (auto required = p.require({ u"LifecycleHookName"_s, u"AutoScalingGroupName"_s }); !required)
        return required.error();
    const SimResult<SimEngine::HookSpec> hook = readHook(p, QString(), p.value(u"AutoScalingGroupName"_s));
    if (!hook)
        return hook.error();
    if (auto put = m_engine.putHook(*hook); !put)
        return put.error();
    return Reply {};
}

SimQueryApi::Answer SimQueryApi::deleteHook(const SimParams& p)
{
    if (auto required = p.require({ u"LifecycleHookName"_s, u"AutoScalingGroupName"_s }); !required)
        return required.error();
    if (auto deleted = m_engine.deleteHook(p.value(u"AutoScalingGroupName"_s), p.value(u"LifecycleHookName"_s));
        !deleted)
        return deleted.error();
    return Reply {};
}

SimQueryApi::Answer SimQueryApi::completeAction(const SimParams& p, bool heartbeat)
{
    QStringList required { u"LifecycleHookName"_s, u"AutoScalingGroupName"_s };
    if (!heartbeat)
        required.append(u"LifecycleActionResult"_s);
    if (auto present = p.require(required); !present)
        return present.error();
    const QString token = p.value(u"LifecycleActionToken"_s);
    if (p.has(u"LifecycleActionToken"_s) && token.size() != 36) {
        return fail(SimError::validation(
            u"1 validation error detected: Value '%1' at 'lifecycleActionToken' failed to satisfy constraint: Member must have length %2 than or equal to 36"_s
                .arg(token, token.size() < 36 ? u"greater"_s : u"less"_s)));
    }
    const QString instanceId = p.value(u"InstanceId"_s);
    if (p.has(u"InstanceId"_s)) {
        if (auto checked = checkLength(u"instanceId"_s, instanceId, 19); !checked)
            return checked.error();
    }
    const QString group = p.value(u"AutoScalingGroupName"_s);
    const QString hook = p.value(u"LifecycleHookName"_s);
    const SimResult<void> done = heartbeat
        ? m_engine.recordHeartbeat(group, hook, token, instanceId)
        : m_engine.completeAction(group, hook, token, instanceId, p.value(u"LifecycleActionResult"_s));
    if (!done)
        return done.error();
    return Reply {};
}
