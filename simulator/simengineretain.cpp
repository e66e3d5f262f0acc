// Instance retention: a group's InstanceLifecyclePolicy (RetentionTriggers.TerminateHookAbandon). With "retain",
// an ABANDON on a terminating hook (sent, or applied by a timeout) leaves the instance in Terminating:Retained
// instead of terminating it; it no longer counts towards the desired capacity (the group launches a replacement,
// as for any terminating instance) and stays until TerminateInstanceInAutoScalingGroup is called for it.
#include "simengine.h"

#include <QUuid>

using namespace Qt::StringLiterals;

using Lifecycle::State;

SimResult<void> SimEngine::checkLifecyclePolicy(const GroupSpec& spec)
{
    if (!spec.terminateHookAbandon || *spec.terminateHookAbandon == u"retain"
        || *spec.terminateHookAbandon == u"terminate")
        return {};
    return SimError::validation(
        u"1 validation error detected: Value '%1' at 'instanceLifecyclePolicy.retentionTriggers.terminateHookAbandon' failed to satisfy constraint: Member must satisfy enum value set: [retain, terminate]"_s
            .arg(*spec.terminateHookAbandon));
}

bool SimEngine::retainsOnAbandon(const SimInstance& instance) const
{
    const SimGroup* owner = group(instance.groupName);
    return owner && owner->terminateHookAbandon == u"retain" && instance.state == State::TerminatingWait;
}

void SimEngine::retainInstance(SimInstance& instance)
{
    instance.state = State::TerminatingRetained;
    // The termination is over without terminating: its activity ends, saying why the instance is still there.
    finishActivity(instance.activityId, u"Cancelled"_s,
        instance.retainMessage
            + u". The instance is retained by the group's instance lifecycle policy (TerminateHookAbandon: retain) until TerminateInstanceInAutoScalingGroup is called for it."_s);
    instance.retainMessage.clear();
    changed();
}

void SimEngine::releaseRetained(SimInstance& instance, const QString& cause)
{
    // Its terminating hooks already ran once: the instance goes straight to Terminating:Proceed, then Terminated.
    instance.actions.clear();
    instance.skipHooks = true;
    instance.state = State::TerminatingProceed;
    instance.phaseEnds = m_now.addSecs(m_options.proceedSeconds);
    if (const SimGroup* owner = group(instance.groupName)) {
        instance.activityId = startActivity(*owner, u"Terminating EC2 instance: %1"_s.arg(instance.id), cause,
            instance.availabilityZone, u"InProgress"_s);
    }
    changed();
}

void SimEngine::seedRetainedActivity(SimInstance& instance, const SimGroup& group, int elapsedSeconds)
{
    // A scenario's retained instance was abandoned `elapsed` seconds ago: its termination activity says so.
    const QDateTime saved = m_now;
    m_now = m_now.addSecs(-qMax(0, elapsedSeconds));
    instance.activityId = startActivity(group, u"Terminating EC2 instance: %1"_s.arg(instance.id),
        u"At %1 an instance was taken out of service in response to a difference between desired and actual capacity."_s
            .arg(SimTime::iso(m_now)),
        instance.availabilityZone, u"InProgress"_s);
    instance.retainMessage
        = u"Instance failed to complete user's Lifecycle Action: Lifecycle Action with token %1 was abandoned: Lifecycle Action Timed Out with ABANDON Result"_s
              .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    retainInstance(instance);
    m_now = saved;
}
