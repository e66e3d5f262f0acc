// The operations of SimEngine that the API calls: validation as the service does it, then state changes.
#include "simengine.h"

#include <QRegularExpression>
#include <QUuid>
#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

using Lifecycle::HookTransition;
using Lifecycle::State;

namespace {
constexpr int kMaxHooksPerGroup = 50;

QString groupNotFound(const QString& name)
{
    return u"AutoScalingGroup name not found - AutoScalingGroup '%1' not found"_s.arg(name);
}

SimResult<void> checkSizes(int minSize, int maxSize, int desired)
{
    if (minSize < 0 || maxSize < 0)
        return SimError::validation(u"MinSize and MaxSize must not be negative"_s);
    if (minSize > maxSize)
        return SimError::validation(
            u"Max bound, %1, must be greater than or equal to min bound, %2"_s.arg(maxSize).arg(minSize));
    if (desired < minSize || desired > maxSize) {
        return SimError::validation(
            u"Desired capacity:%1 must be between the specified min size:%2 and max size:%3"_s.arg(desired)
                .arg(minSize)
                .arg(maxSize));
    }
    return {};
}
} // namespace

SimResult<void> SimEngine::createGroup(const GroupSpec& spec)
{
    if (m_groups.contains(spec.name)) {
        return SimError { u"AlreadyExists"_s,
            u"AutoScalingGroup by this name already exists - A group with the name %1 already exists"_s.arg(
                spec.name) };
    }
    if (spec.launchTemplateName.isEmpty() && spec.launchTemplateId.isEmpty() && spec.launchConfigurationName.isEmpty()
        && !spec.hasInstanceId) {
        return SimError::validation(
            u"Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter."_s);
    }
    if ((!spec.availabilityZones || spec.availabilityZones->isEmpty()) && spec.vpcZoneIdentifier.isEmpty())
        return SimError::validation(u"At least one Availability Zone or VPC Subnet is required."_s);
    const int minSize = spec.minSize.value_or(0);
    const int maxSize = spec.maxSize.value_or(0);
    const int desired = spec.desiredCapacity.value_or(minSize);
    if (auto sizes = checkSizes(minSize, maxSize, desired); !sizes)
        return sizes;
    if (auto policy = checkLifecyclePolicy(spec); !policy)
        return policy;

    SimGroup group;
    group.name = spec.name;
    group.arn = u"arn:aws:autoscaling:%1:%2:autoScalingGroup:%3:autoScalingGroupName/%4"_s.arg(
        m_options.region, m_options.accountId, QUuid::createUuid().toString(QUuid::WithoutBraces), spec.name);
    group.minSize = minSize;
    group.maxSize = maxSize;
    group.desiredCapacity = desired;
    group.defaultCooldown = spec.defaultCooldown.value_or(300);
    group.healthCheckGracePeriod = spec.healthCheckGracePeriod.value_or(300);
    if (!spec.healthCheckType.isEmpty())
        group.healthCheckType = spec.healthCheckType;
    group.launchTemplateName = spec.launchTemplateName;
    group.launchTemplateId = spec.launchTemplateId;
    if (!group.launchTemplateName.isEmpty() && group.launchTemplateId.isEmpty())
        group.launchTemplateId
            = u"lt-%1"_s.arg(QString::number(qHash(group.launchTemplateName), 16).rightJustified(17, u'0').left(17));
    group.launchConfigurationName = spec.launchConfigurationName;
    group.vpcZoneIdentifier = spec.vpcZoneIdentifier;
    if (spec.availabilityZones && !spec.availabilityZones->isEmpty()) {
        group.availabilityZones = *spec.availabilityZones;
    } else {
        // One zone per subnet, the way a VPC usually spreads them.
        const QStringList subnets = spec.vpcZoneIdentifier.split(u',', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < subnets.size() && i < 6; ++i)
            group.availabilityZones.append(m_options.region + QChar(u'a' + char16_t(i)));
    }
    if (spec.terminationPolicies && !spec.terminationPolicies->isEmpty())
        group.terminationPolicies = *spec.terminationPolicies;
    group.newInstancesProtectedFromScaleIn = spec.newInstancesProtectedFromScaleIn.value_or(false);
    group.capacityRebalance = spec.capacityRebalance.value_or(false);
    group.terminateHookAbandon = spec.terminateHookAbandon.value_or(QString());
    group.tags = spec.tags;
    group.createdTime = m_now;
    m_groups.insert(group.name, group);
    SimGroup& stored = m_groups[spec.name];
    if (desired > 0) {
        reconcileWithCause(stored,
            u"At %1 a user request created an AutoScalingGroup changing the desired capacity from 0 to %2."_s
                .arg(SimTime::iso(m_now))
                .arg(desired));
    }
    changed();
    return {};
}

SimResult<void> SimEngine::updateGroup(const GroupSpec& spec)
{
    SimGroup* group = mutableGroup(spec.name);
    if (!group)
        return SimError::validation(groupNotFound(spec.name));
    const int minSize = spec.minSize.value_or(group->minSize);
    const int maxSize = spec.maxSize.value_or(group->maxSize);
    int desired = spec.desiredCapacity.value_or(group->desiredCapacity);
    if (!spec.desiredCapacity) {
        // A new bound without a new desired capacity pulls the desired capacity along, as the service does.
        desired = qBound(minSize, desired, qMax(minSize, maxSize));
    }
    if (auto sizes = checkSizes(minSize, maxSize, desired); !sizes)
        return sizes;
    if (auto policy = checkLifecyclePolicy(spec); !policy)
        return policy;
    const int from = group->desiredCapacity;
    group->minSize = minSize;
    group->maxSize = maxSize;
    group->desiredCapacity = desired;
    if (spec.defaultCooldown)
        group->defaultCooldown = *spec.defaultCooldown;
    if (spec.healthCheckGracePeriod)
        group->healthCheckGracePeriod = *spec.healthCheckGracePeriod;
    if (!spec.healthCheckType.isEmpty())
        group->healthCheckType = spec.healthCheckType;
    if (!spec.launchTemplateName.isEmpty())
        group->launchTemplateName = spec.launchTemplateName;
    if (!spec.launchConfigurationName.isEmpty())
        group->launchConfigurationName = spec.launchConfigurationName;
    if (!spec.vpcZoneIdentifier.isEmpty())
        group->vpcZoneIdentifier = spec.vpcZoneIdentifier;
    if (spec.availabilityZones && !spec.availabilityZones->isEmpty())
        group->availabilityZones = *spec.availabilityZones;
    if (spec.terminationPolicies && !spec.terminationPolicies->isEmpty())
        group->terminationPolicies = *spec.terminationPolicies;
    if (spec.newInstancesProtectedFromScaleIn)
        group->newInstancesProtectedFromScaleIn = *spec.newInstancesProtectedFromScaleIn;
    if (spec.capacityRebalance)
        group->capacityRebalance = *spec.capacityRebalance;
    if (spec.terminateHookAbandon)
        group->terminateHookAbandon = *spec.terminateHookAbandon;
    reconcileWithCause(*group,
        from == desired
            ? QString()
            : capacityCause(*group, from, desired,
                u"a user request update of AutoScalingGroup constraints to min: %1, max: %2, desired: %3"_s.arg(minSize)
                    .arg(maxSize)
                    .arg(desired)));
    changed();
    return {};
}

SimResult<void> SimEngine::deleteGroup(const QString& name, bool forceDelete)
{
    SimGroup* group = mutableGroup(name);
    if (!group)
        return SimError::validation(groupNotFound(name));
    if ((!group->instanceIds.isEmpty() || !group->warmPoolIds.isEmpty()) && !forceDelete) {
        return SimError {
            u"ResourceInUse"_s,
            u"You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group."_s
        };
    }
    // Force delete terminates every instance without running hooks; the simulator drops them at once.
    const QStringList ids = group->instanceIds + group->warmPoolIds;
    for (const QString& id : ids)
        m_instances.remove(id);
    m_groups.remove(name);
    changed();
    return {};
}

SimResult<void> SimEngine::setDesiredCapacity(const QString& name, int desired)
{
    SimGroup* group = mutableGroup(name);
    if (!group)
        return SimError::validation(groupNotFound(name));
    if (desired > group->maxSize) {
        return SimError::validation(
            u"New SetDesiredCapacity value %1 is above max value %2 for the AutoScalingGroup."_s.arg(desired).arg(
                group->maxSize));
    }
    if (desired < group->minSize) {
        return SimError::validation(
            u"New SetDesiredCapacity value %1 is below min value %2 for the AutoScalingGroup."_s.arg(desired).arg(
                group->minSize));
    }
    const int from = group->desiredCapacity;
    group->desiredCapacity = desired;
    if (from != desired)
        reconcileWithCause(
            *group, capacityCause(*group, from, desired, u"a user request explicitly set group desired capacity"_s));
    changed();
    return {};
}

SimResult<QString> SimEngine::terminateInstance(const QString& instanceId, bool decrement)
{
    SimInstance* instance = mutableInstance(instanceId);
    if (!instance || instance->state == State::Terminated) {
        return SimError::validation(
            u"Instance Id not found - No managed instance found for instance ID: %1"_s.arg(instanceId));
    }
    if (instance->state == State::EnteringStandby || instance->state == State::Pending) {
        // Moving into Standby, or launching (or leaving Standby) before any hook holds it: the running activity
        // owns the instance until it ends (an instance held in Pending:Wait can be terminated).
        return SimError { u"ScalingActivityInProgress"_s,
            u"Scaling activity %1 is in progress and blocks this action"_s.arg(instance->activityId) };
    }
    SimGroup* group = mutableGroup(instance->groupName);
    if (group->warmPoolIds.contains(instanceId)) {
        return SimError::validation(
            u"The instance %1 is in the warm pool of Auto Scaling group %2. TerminateInstanceInAutoScalingGroup cannot be called on instances in a warm pool."_s
                .arg(instanceId, instance->groupName));
    }
    const bool retained = instance->state == State::TerminatingRetained;
    if (!retained && Lifecycle::transitionOf(instance->state) == Lifecycle::Transition::Terminate) {
        // Already on its way out: the service answers with the running termination activity.
        return instance->activityId;
    }
    const int from = group->desiredCapacity;
    if (decrement) {
        if (group->desiredCapacity <= group->minSize) {
            return SimError::validation(
                u"Currently, desiredSize equals minSize (%1). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size."_s
                    .arg(group->minSize));
        }
        group->desiredCapacity -= 1;
    }
    const QString cause = decrement
        ? u"At %1 instance %2 was taken out of service in response to a user request, shrinking the capacity from %3 to %4."_s
              .arg(SimTime::iso(m_now), instanceId)
              .arg(from)
              .arg(group->desiredCapacity)
        : u"At %1 instance %2 was taken out of service in response to a user request."_s.arg(
            SimTime::iso(m_now), instanceId);
    if (retained)
        releaseRetained(*instance, cause);
    else
        beginTermination(*instance, cause, false);
    const QString activityId = instance->activityId;
    reconcileWithCause(*group, {});
    changed();
    return activityId;
}

// ---- hooks ----------------------------------------------------------------------------------------------

SimResult<void> SimEngine::putHook(const HookSpec& spec)
{
    static const QRegularExpression namePattern(u"^[A-Za-z0-9\\-_\\/]+$"_s);
    if (spec.name.isEmpty() || spec.name.size() > 255 || !namePattern.match(spec.name).hasMatch()) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at 'lifecycleHookName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9\\-_\\/]+"_s
                .arg(spec.name));
    }
    SimGroup* group = mutableGroup(spec.groupName);
    if (!group)
        return SimError::validation(u"Group %1 not found"_s.arg(spec.groupName));
    std::optional<HookTransition> transition;
    if (spec.transition) {
        transition = Lifecycle::parseHookTransition(*spec.transition).value();
        if (transition == HookTransition::Unknown) {
            return SimError::validation(u"Invalid Lifecycle Transition: %1. Valid values are %2 and %3."_s.arg(
                *spec.transition, nameOf(HookTransition::Launching), nameOf(HookTransition::Terminating)));
        }
    }
    if (spec.heartbeatTimeout && (*spec.heartbeatTimeout < 30 || *spec.heartbeatTimeout > 7200))
        return SimError::validation(
            u"Heartbeat timeout must be between 30 and 7200 seconds (got %1)"_s.arg(*spec.heartbeatTimeout));
    if (spec.defaultResult && *spec.defaultResult != u"CONTINUE" && *spec.defaultResult != u"ABANDON")
        return SimError::validation(
            u"Invalid DefaultResult: %1. Valid values are CONTINUE and ABANDON."_s.arg(*spec.defaultResult));

    auto existing = std::find_if(
        group->hooks.begin(), group->hooks.end(), [&spec](const SimHook& h) { return h.name == spec.name; });
    if (existing == group->hooks.end()) {
        if (!transition)
            return SimError::validation(u"Lifecycle transition must be specified when creating a lifecycle hook"_s);
        if (group->hooks.size() >= kMaxHooksPerGroup) {
            return SimError { u"LimitExceeded"_s,
                u"Exceeded the maximum of %1 lifecycle hooks for Auto Scaling group %2."_s.arg(kMaxHooksPerGroup)
                    .arg(group->name) };
        }
        // A new hook starts from SimHook's defaults (3600 s, ABANDON); the given fields apply below.
        SimHook created;
        created.name = spec.name;
        created.groupName = spec.groupName;
        group->hooks.append(created);
        existing = std::prev(group->hooks.end());
    }
    // On an update only the given fields change; outstanding actions keep the timeout they started with.
    SimHook& hook = *existing;
    hook.transition = transition.value_or(hook.transition);
    hook.heartbeatTimeout = spec.heartbeatTimeout.value_or(hook.heartbeatTimeout);
    hook.defaultResult = spec.defaultResult.value_or(hook.defaultResult);
    hook.notificationTargetArn = spec.notificationTargetArn.value_or(hook.notificationTargetArn);
    // An empty NotificationTargetARN removes the target; the role that published to it goes with it.
    if (spec.notificationTargetArn && spec.notificationTargetArn->isEmpty() && !spec.roleArn)
        hook.roleArn.clear();
    hook.roleArn = spec.roleArn.value_or(hook.roleArn);
    hook.notificationMetadata = spec.notificationMetadata.value_or(hook.notificationMetadata);
    changed();
    return {};
}

SimResult<void> SimEngine::deleteHook(const QString& groupName, const QString& hookName)
{
    SimGroup* group = mutableGroup(groupName);
    if (!group)
        return SimError::validation(u"Group %1 not found"_s.arg(groupName));
    const SimHook* hook = group->hook(hookName);
    if (!hook)
        return SimError::validation(u"No Lifecycle Hook found with name %1 for group %2"_s.arg(hookName, groupName));
    // Outstanding actions end now: ABANDON on launch, CONTINUE on terminate (design.md §3).
    const QString result = hook->isLaunching() ? u"ABANDON"_s : u"CONTINUE"_s;
    const QStringList ids = group->instanceIds + group->warmPoolIds;
    for (const QString& id : ids) {
        SimInstance* instance = mutableInstance(id);
        if (!instance)
            continue;
        for (SimAction& action : instance->actions) {
            if (action.hookName == hookName && action.active()) {
                applyResult(*instance, action, result, u"completed"_s);
                break;
            }
        }
    }
    group = mutableGroup(groupName);
    group->hooks.removeIf([&hookName](const SimHook& h) { return h.name == hookName; });
    processDue();
    changed();
    return {};
}

SimAction* SimEngine::findAction(
    SimGroup& group, const QString& hookName, const QString& token, const QString& instanceId, SimInstance** owner)
{
    // Warm-pool instances wait on the same hooks and are completed the same way (only their lifecycle differs).
    for (const QString& id : group.instanceIds + group.warmPoolIds) {
        SimInstance* instance = mutableInstance(id);
        if (!instance || (!token.isEmpty() ? false : instance->id != instanceId))
            continue;
        for (SimAction& action : instance->actions) {
            if (action.hookName != hookName || !action.active())
                continue;
            if (!token.isEmpty() && action.token != token)
                continue;
            *owner = instance;
            return &action;
        }
    }
    return nullptr;
}

SimResult<void> SimEngine::completeAction(const QString& groupName, const QString& hookName, const QString& token,
    const QString& instanceId, const QString& result)
{
    if (!result.isEmpty() && result != u"CONTINUE" && result != u"ABANDON")
        return SimError::validation(
            u"Invalid LifecycleActionResult: %1. Valid values are CONTINUE and ABANDON."_s.arg(result));
    if (token.isEmpty() && instanceId.isEmpty())
        return SimError::validation(u"Either LifecycleActionToken or InstanceId must be specified."_s);
    SimGroup* group = mutableGroup(groupName);
    const auto notFound = [&] {
        return SimError::validation(token.isEmpty()
                ? u"No active Lifecycle Action found with instance ID %1"_s.arg(instanceId)
                : u"No active Lifecycle Action found with token %1"_s.arg(token));
    };
    if (!group || !group->hook(hookName))
        return notFound();
    SimInstance* instance = nullptr;
    SimAction* action = findAction(*group, hookName, token, instanceId, &instance);
    if (!action || (!instanceId.isEmpty() && instance->id != instanceId))
        return notFound();
    const SimHook* hook = group->hook(hookName);
    if (result.isEmpty()) {
        // Heartbeat: the full heartbeat timeout again from now, never past the global timeout of this wait.
        action->deadline
            = qMin(m_now.addSecs(hook->heartbeatTimeout), action->waitStart.addSecs(hook->globalTimeout()));
        changed();
        return {};
    }
    applyResult(*instance, *action, result, u"completed"_s);
    processDue();
    return {};
}

SimResult<void> SimEngine::recordHeartbeat(
    const QString& groupName, const QString& hookName, const QString& token, const QString& instanceId)
{
    return completeAction(groupName, hookName, token, instanceId, {});
}

// ---- scenarios ------------------------------------------------------------------------------------------

SimResult<QString> SimEngine::seedInstance(
    const QString& groupName, const Lifecycle::StateValue& state, int elapsedSeconds)
{
    SimGroup* group = mutableGroup(groupName);
    if (!group)
        return SimError::validation(u"Group %1 not found"_s.arg(groupName));
    SimInstance instance;
    instance.id = newInstanceId();
    instance.groupName = groupName;
    instance.availabilityZone = zoneFor(*group);
    instance.launchTime = m_now.addSecs(-qMax(0, elapsedSeconds) - m_options.pendingSeconds - 600);
    instance.protectedFromScaleIn = group->newInstancesProtectedFromScaleIn;
    group->instanceIds.append(instance.id);
    // The simulator runs hooks for launches and terminations; any other state is placed as it is.
    const bool launching = state == State::PendingWait;
    const bool terminating = state == State::TerminatingWait;
    if (launching || terminating) {
        const QDateTime saved = m_now;
        m_now = m_now.addSecs(-qMax(0, elapsedSeconds));
        instance.activityId = startActivity(*group,
            launching ? u"Launching a new EC2 instance: %1"_s.arg(instance.id)
                      : u"Terminating EC2 instance: %1"_s.arg(instance.id),
            launching
                ? u"At %1 an instance was started in response to a difference between desired and actual capacity."_s
                      .arg(SimTime::iso(m_now))
                : u"At %1 an instance was taken out of service in response to a difference between desired and actual capacity."_s
                      .arg(SimTime::iso(m_now)),
            instance.availabilityZone, u"InProgress"_s);
        m_instances.insert(instance.id, instance);
        startWait(m_instances[instance.id], Lifecycle::transitionOf(state));
        m_now = saved;
        // A seeded wait is one nobody is working on: it runs towards its timeout (the demo's amber and red rows).
        for (SimAction& action : m_instances[instance.id].actions)
            action.autoCompleteAt = QDateTime();
    } else if (state == State::TerminatingRetained) {
        instance.state = state;
        m_instances.insert(instance.id, instance);
        seedRetainedActivity(m_instances[instance.id], *group, elapsedSeconds);
    } else {
        instance.state = state.toString().isEmpty() ? State::InService : state;
        if (instance.state == State::Pending)
            instance.phaseEnds = m_now.addSecs(m_options.pendingSeconds);
        m_instances.insert(instance.id, instance);
    }
    changed();
    return instance.id;
}

void SimEngine::setChurn(const QString& groupName, int everySeconds, int minDesired, int maxDesired)
{
    if (SimGroup* group = mutableGroup(groupName)) {
        group->churnSeconds = everySeconds;
        group->churnMin = minDesired;
        group->churnMax = maxDesired;
        group->nextChurn = everySeconds > 0 ? m_now.addSecs(everySeconds) : QDateTime();
    }
}

void SimEngine::setHookAutopilot(const QString& groupName, const QString& hookName, double share, int minSeconds,
    int maxSeconds, const QString& result)
{
    SimGroup* group = mutableGroup(groupName);
    if (!group)
        return;
    for (SimHook& hook : group->hooks) {
        if (hook.name == hookName) {
            hook.autoCompleteShare = share;
            hook.autoCompleteMinSeconds = minSeconds;
            hook.autoCompleteMaxSeconds = maxSeconds;
            hook.autoCompleteResult = result;
        }
    }
}
