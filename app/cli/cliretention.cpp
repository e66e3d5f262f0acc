#include "cliretention.h"

#include "lifecyclestate.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {
QString retainedLine(const QString& instanceId, const QString& groupName)
{
    return QCoreApplication::translate(
        "CliCommands", "%1 in %2 is %3 (hookdesk-cli terminate --group %2 --instance %1)")
        .arg(instanceId, groupName, LifecycleState::retainedNote());
}
} // namespace

QString CliRetention::onAbandon(const AutoScalingGroup& group)
{
    return group.retainsOnTerminateAbandon() ? QCoreApplication::translate("CliCommands", "retained, not terminated")
                                             : QCoreApplication::translate("CliCommands", "terminated");
}

QString CliRetention::leftText(const PendingAction& action, const QDateTime& now)
{
    return LifecycleState::isRetained(action.lifecycleState) ? u"-"_s : action.leftText(now);
}

void CliRetention::printPendingNotes(const CliContext& context, const QList<PendingAction>& actions)
{
    if (context.json())
        return;
    for (const PendingAction& action : actions) {
        if (LifecycleState::isRetained(action.lifecycleState)) {
            context.printNote(retainedLine(action.instanceId, action.groupName));
        } else if (action.actionable && action.retainsOnAbandon && !LifecycleState::isLaunchLike(action.transition)) {
            context.printNote(QCoreApplication::translate("CliCommands",
                "%1 in %2: ABANDON, sent or applied by a timeout, leaves it %3 (the group's instance lifecycle "
                "policy)")
                                  .arg(action.instanceId, action.groupName,
                                      QCoreApplication::translate("CliCommands", "retained, not terminated")));
        }
    }
}

void CliRetention::printInstanceNotes(const CliContext& context, const QList<GroupInstance>& instances)
{
    if (context.json())
        return;
    for (const GroupInstance& instance : instances) {
        if (LifecycleState::isRetained(instance.lifecycleState))
            context.printNote(retainedLine(instance.instanceId, instance.groupName));
    }
}
