#include "windowcontroller.h"

#include "actioncontroller.h"
#include "awssession.h"
#include "connection.h"
#include "inventorystore.h"
#include "pendingaction.h"

using namespace Qt::StringLiterals;

WindowController::WindowController(QObject* parent)
    : QObject(parent)
{
}

void WindowController::setConnection(Connection* connection)
{
    m_connection = connection;
    if (connection && m_readOnlyWanted)
        connection->session()->setReadOnly(true);
}

Connection* WindowController::connection() const
{
    return m_connection;
}

bool WindowController::isReadOnly() const
{
    return m_connection ? m_connection->session()->isReadOnly() : m_readOnlyWanted;
}

void WindowController::setReadOnly(bool readOnly)
{
    const bool was = isReadOnly();
    m_readOnlyWanted = readOnly;
    if (m_connection)
        m_connection->session()->setReadOnly(readOnly);
    if (was != isReadOnly())
        Q_EMIT readOnlyChanged(isReadOnly());
}

WindowController::Enabled WindowController::enabled(const View& view) const
{
    Enabled enabled;
    const bool connected = m_connection != nullptr;
    const bool writable = connected && !isReadOnly();
    enabled.refresh = connected;
    enabled.lifecycle = writable && view.pendingTab && view.haveTargets;
    enabled.keepAlive = writable && view.pendingTab;
    enabled.remedy = writable;
    enabled.newHook = writable && !m_connection->store()->groupNames().isEmpty();
    enabled.editHook = writable && view.hookTab && view.haveHook;
    enabled.deleteHook = enabled.editHook;
    enabled.notification = connected;
    if (isReadOnly())
        enabled.whyNot = tr("Read-only mode is on: turn it off to act.");
    return enabled;
}

QList<LifecycleTarget> WindowController::targetsFor(const QList<PendingAction>& rows)
{
    QList<LifecycleTarget> targets;
    for (const PendingAction& action : rows) {
        // A warm-pool wait whose hooks are unknown is not acted on: every action names the hooks it completes.
        if (!action.actionable || (action.hooksKnown && action.hookTransition.isEmpty()))
            continue;
        LifecycleTarget target;
        target.instanceId = action.instanceId;
        target.groupName = action.groupName;
        target.hookName = action.hookNames().join(u", "_s);
        target.allWaitingHooks = true;
        target.launching = action.waitsOnLaunchHooks();
        target.retainsOnAbandon = action.retainsOnAbandon;
        target.defaultResult = action.defaultResult;
        target.lifecycleState = action.lifecycleState;
        if (const LifecycleHook* hook = action.decidingHook())
            target.heartbeatTimeout = hook->heartbeatTimeout;
        target.deadline = action.estimate.deadline;
        target.deadlineIsUpperBound = action.estimate.isUpperBound();
        targets << target;
    }
    return targets;
}

LifecycleTarget WindowController::withInventory(const LifecycleTarget& notified) const
{
    LifecycleTarget filled = notified;
    const InventoryStore* store = m_connection ? m_connection->store() : nullptr;
    if (!store)
        return filled;
    if (const GroupSnapshot* group = store->group(notified.groupName)) {
        filled.retainsOnAbandon = group->group.retainsOnTerminateAbandon();
        for (const LifecycleHook& hook : group->hooks) {
            if (hook.name == notified.hookName)
                filled.heartbeatTimeout = hook.heartbeatTimeout;
        }
    }
    if (const PendingAction* action = store->pendingAction(notified.groupName, notified.instanceId)) {
        filled.deadline = action->estimate.deadline;
        filled.deadlineIsUpperBound = action->estimate.isUpperBound();
    }
    return filled;
}

int WindowController::waitingOnHook(const QString& groupName, const QString& hookName) const
{
    if (!m_connection)
        return 0;
    const QList<PendingAction>& pending = m_connection->store()->pendingActions();
    return int(std::count_if(pending.cbegin(), pending.cend(), [&](const PendingAction& action) {
        return action.groupName == groupName && action.actionable && action.hookNames().contains(hookName);
    }));
}

bool WindowController::maySend() const
{
    return m_connection && !isReadOnly();
}

BulkActionJob* WindowController::runLifecycle(LifecycleCommand command, const QList<LifecycleTarget>& targets)
{
    if (!maySend() || targets.isEmpty())
        return nullptr;
    return startLifecycle(m_connection->actions(), command, targets);
}

BulkActionJob* WindowController::startLifecycle(
    ActionController* actions, LifecycleCommand command, const QList<LifecycleTarget>& targets)
{
    QList<LifecycleActionTarget> apiTargets;
    for (const LifecycleTarget& target : targets) {
        // From the pending view the hook is left empty: the controller completes every hook the instance still
        // waits on. From a notification it is exactly one hook (and maybe a token).
        apiTargets.append({ target.groupName, target.allWaitingHooks ? QString() : target.hookName, target.instanceId,
            target.token, target.lifecycleState });
    }
    if (command == LifecycleCommand::Heartbeat)
        return actions->heartbeat(apiTargets);
    return actions->complete(apiTargets, command == LifecycleCommand::Continue ? u"CONTINUE"_s : u"ABANDON"_s);
}

BulkActionJob* WindowController::putHook(const PutLifecycleHookRequest& request)
{
    return maySend() ? m_connection->actions()->putHook(request) : nullptr;
}

BulkActionJob* WindowController::deleteHook(const LifecycleHook& hook)
{
    return maySend() ? m_connection->actions()->deleteHook(hook.groupName, hook.name) : nullptr;
}
