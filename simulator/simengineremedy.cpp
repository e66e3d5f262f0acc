// The remediation operations of SimEngine that change an instance's flags rather than its lifecycle
// (TerminateInstanceInAutoScalingGroup lives with the capacity operations in simengineops.cpp).
#include "simengine.h"

using namespace Qt::StringLiterals;

SimResult<void> SimEngine::setInstanceProtection(const QString& groupName, const QStringList& instanceIds, bool protect)
{
    SimGroup* group = mutableGroup(groupName);
    if (!group)
        return SimError::validation(
            u"AutoScalingGroup name not found - AutoScalingGroup '%1' not found"_s.arg(groupName));
    // The service checks every ID before it changes any: one stranger fails the whole call.
    QList<SimInstance*> instances;
    for (const QString& id : instanceIds) {
        SimInstance* instance = mutableInstance(id);
        if (!instance || instance->groupName != groupName || instance->state == Lifecycle::State::Terminated)
            return SimError::validation(u"The instance %1 is not part of Auto Scaling group %2."_s.arg(id, groupName));
        instances.append(instance);
    }
    for (SimInstance* instance : std::as_const(instances))
        instance->protectedFromScaleIn = protect;
    changed();
    return {};
}
