#include "notificationwaitcheck.h"

#include "deadlineestimator.h"
#include "inventorystore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("NotificationWaitStatus", text);
}

NotificationWaitStatus status(NotificationWaitStatus::State state, const QString& text)
{
    return { state, text };
}
} // namespace

NotificationWaitStatus NotificationWaitStatus::evaluate(const InventoryStore* store, const QString& groupName,
    const QString& hookName, const QString& instanceId, bool checking)
{
    if (!store || groupName.isEmpty() || instanceId.isEmpty())
        return status(State::Unknown, tr("unknown: the notification names no group or instance"));
    if (checking)
        return status(State::Checking, tr("checking…"));
    const GroupSnapshot* group = store->group(groupName);
    if (!group) {
        // A group that could not be read is not a group that does not exist: say which.
        if (const AwsError error = store->groupError(groupName); error.isError())
            return status(State::Unknown, tr("unknown: the group could not be read (%1)").arg(error.toString()));
        return status(
            State::NotWaiting, tr("not waiting: there is no group %1 in this account and region").arg(groupName));
    }
    if (!group->instance(instanceId))
        return status(State::NotWaiting, tr("not waiting: %1 is no longer in group %2").arg(instanceId, groupName));
    const PendingAction* action = store->pendingAction(groupName, instanceId);
    if (!action || !action->actionable) {
        const QString state = group->instance(instanceId)->lifecycleState;
        return status(State::NotWaiting, tr("not waiting: %1 is %2 now").arg(instanceId, state));
    }
    if (!action->hooksKnown)
        return status(State::Checking, tr("checking…"));
    if (!hookName.isEmpty() && !action->hookNames().contains(hookName))
        return status(State::NotWaiting,
            tr("not waiting on %1: it was completed or timed out; %2 still waits on %3")
                .arg(hookName, instanceId, action->hookNames().join(u", "_s)));
    const QDateTime now = store->estimator() ? store->estimator()->now() : QDateTime::currentDateTimeUtc();
    return status(State::Waiting, tr("waiting — %1 left, then %2").arg(action->leftText(now), action->firstResult()));
}
