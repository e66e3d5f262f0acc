// The remediation operations of SimEngine that move an instance through its lifecycle: SetInstanceHealth (an
// Unhealthy instance is replaced), EnterStandby and ExitStandby. Activity texts follow the service's own answers
// (tests/data/xml/enter-standby.xml, exit-standby.xml); the state checks answer with the messages AWS sends
// ("The instance i-… is not in InService.", "… is not in Standby.").
#include "simengine.h"

using namespace Qt::StringLiterals;

using Lifecycle::State;

namespace {
const QString kHealthy = u"Healthy"_s;
const QString kUnhealthy = u"Unhealthy"_s;
} // namespace

SimResult<void> SimEngine::setInstanceHealth(
    const QString& instanceId, const QString& healthStatus, bool respectGracePeriod)
{
    if (healthStatus != kHealthy && healthStatus != kUnhealthy) {
        return SimError::validation(
            u"Invalid HealthStatus: %1. Valid values are Healthy and Unhealthy."_s.arg(healthStatus));
    }
    SimInstance* instance = mutableInstance(instanceId);
    if (!instance || instance->state == State::Terminated) {
        return SimError::validation(
            u"Instance Id not found - No managed instance found for instance ID: %1"_s.arg(instanceId));
    }
    const SimGroup* owner = group(instance->groupName);
    if (healthStatus == kUnhealthy && respectGracePeriod && owner) {
        // The grace period starts when the instance reaches InService (after its launch hooks); an instance still
        // launching has not begun it. Inside it the service ignores the report, as it ignores its own checks.
        const bool launching = Lifecycle::transitionOf(instance->state) == Lifecycle::Transition::Launch;
        const bool inGrace = instance->inServiceTime.isValid()
            && m_now < instance->inServiceTime.addSecs(owner->healthCheckGracePeriod);
        if (launching || inGrace)
            return {};
    }
    instance->healthStatus = healthStatus;
    changed();
    // Only an InService instance is replaced at once; one in Standby or still launching is replaced when it
    // reaches InService (enteredService), one already terminating just carries the status.
    if (healthStatus == kUnhealthy && instance->state == State::InService)
        replaceUnhealthy(*instance);
    return {};
}

void SimEngine::replaceUnhealthy(SimInstance& instance)
{
    const QString groupName = instance.groupName;
    const QString cause
        = u"At %1 an instance was taken out of service in response to a user health-check."_s.arg(SimTime::iso(m_now));
    beginTermination(instance, cause, false);
    // The replacement launch inserts into m_instances, which may move `instance`: touch it no more.
    if (SimGroup* owner = mutableGroup(groupName))
        reconcileWithCause(*owner, {});
}

void SimEngine::enteredService(SimInstance& instance)
{
    instance.inServiceTime = m_now;
    if (instance.healthStatus == kUnhealthy)
        replaceUnhealthy(instance);
}

SimResult<QList<SimInstance*>> SimEngine::standbyTargets(
    const QString& groupName, const QStringList& instanceIds, State required)
{
    if (!group(groupName))
        return SimError::validation(
            u"AutoScalingGroup name not found - AutoScalingGroup '%1' not found"_s.arg(groupName));
    // Every ID is checked before anything changes: one wrong instance fails the whole call.
    QList<SimInstance*> targets;
    for (const QString& id : instanceIds) {
        SimInstance* instance = mutableInstance(id);
        if (!instance || instance->groupName != groupName || instance->state == State::Terminated)
            return SimError::validation(u"The instance %1 is not part of Auto Scaling group %2."_s.arg(id, groupName));
        if (instance->state != required) {
            return SimError::validation(u"The instance %1 is not in %2."_s.arg(id, nameOf(required)));
        }
        if (!targets.contains(instance))
            targets.append(instance);
    }
    return targets;
}

SimResult<QStringList> SimEngine::enterStandby(const QString& groupName, const QStringList& instanceIds, bool decrement)
{
    const SimResult<QList<SimInstance*>> targets = standbyTargets(groupName, instanceIds, State::InService);
    if (!targets)
        return targets.error();
    SimGroup* owner = mutableGroup(groupName);
    const int count = int(targets->size());
    if (decrement && owner->desiredCapacity - count < owner->minSize) {
        return SimError::validation(
            u"Currently, desiredSize is %1 and minSize is %2. Moving %3 instance(s) to Standby without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size."_s
                .arg(owner->desiredCapacity)
                .arg(owner->minSize)
                .arg(count));
    }
    QStringList activityIds;
    for (SimInstance* instance : *targets) {
        const int from = owner->desiredCapacity;
        QString cause = u"At %1 instance %2 was moved to standby in response to a user request"_s.arg(
            SimTime::iso(m_now).left(19) + u"Z"_s, instance->id);
        if (decrement) {
            owner->desiredCapacity -= 1;
            cause += u", shrinking the capacity from %1 to %2"_s.arg(from).arg(owner->desiredCapacity);
        }
        instance->state = State::EnteringStandby;
        instance->phaseEnds = m_now.addSecs(m_options.pendingSeconds);
        instance->activityId = startActivity(*owner, u"Moving EC2 instance to Standby: %1"_s.arg(instance->id),
            cause + u"."_s, instance->availabilityZone, u"InProgress"_s);
        setActivityStatus(instance->activityId, u"InProgress"_s, 50);
        activityIds.append(instance->activityId);
    }
    // Without the decrement the instances on standby no longer count: the group launches their replacements.
    reconcileWithCause(*owner, {});
    changed();
    return activityIds;
}

SimResult<QStringList> SimEngine::exitStandby(const QString& groupName, const QStringList& instanceIds)
{
    const SimResult<QList<SimInstance*>> targets = standbyTargets(groupName, instanceIds, State::Standby);
    if (!targets)
        return targets.error();
    SimGroup* owner = mutableGroup(groupName);
    const int count = int(targets->size());
    if (owner->desiredCapacity + count > owner->maxSize) {
        return SimError::validation(
            u"Moving %1 instance(s) out of Standby would increase the desired capacity from %2 to %3, above the group's max size (%4). Raise the group's max size first."_s
                .arg(count)
                .arg(owner->desiredCapacity)
                .arg(owner->desiredCapacity + count)
                .arg(owner->maxSize));
    }
    QStringList activityIds;
    for (SimInstance* instance : *targets) {
        const int from = owner->desiredCapacity;
        owner->desiredCapacity += 1;
        const QString cause
            = u"At %1 instance %2 was moved out of standby in response to a user request, increasing the capacity from %3 to %4."_s
                  .arg(SimTime::iso(m_now).left(19) + u"Z"_s, instance->id)
                  .arg(from)
                  .arg(owner->desiredCapacity);
        // Back through Pending: the launch hooks run again (Pending:Wait) before the instance is InService.
        instance->state = State::Pending;
        instance->abandoned = false;
        instance->phaseEnds = m_now.addSecs(m_options.pendingSeconds);
        instance->activityId = startActivity(*owner, u"Moving EC2 instance out of Standby: %1"_s.arg(instance->id),
            cause, instance->availabilityZone, u"PreInService"_s);
        activityIds.append(instance->activityId);
    }
    changed();
    return activityIds;
}
