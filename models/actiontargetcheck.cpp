#include "actiontargetcheck.h"

#include "awssession.h"
#include "inventorystore.h"
#include "lifecyclestate.h"
#include "pendingaction.h"
#include "warmpoolhook.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;
using ItemState = BulkActionJob::ItemState;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ActionTargetCheck", text);
}

QString hookWord(const QString& transition)
{
    return Lifecycle::parseHookTransition(transition) == Lifecycle::HookTransition::Terminating ? tr("terminating")
                                                                                                : tr("launching");
}

ActionTargetCheck refuse(ItemState state, const QString& problem, const QString& lifecycleState = {})
{
    ActionTargetCheck check;
    check.state = state;
    check.problem = problem;
    check.lifecycleState = lifecycleState;
    return check;
}

const LifecycleHook* findHook(const GroupSnapshot& snapshot, const QString& name)
{
    const auto it = std::find_if(snapshot.hooks.cbegin(), snapshot.hooks.cend(),
        [&name](const LifecycleHook& candidate) { return candidate.name == name; });
    return it == snapshot.hooks.cend() ? nullptr : &*it;
}

// The hooks the instance still waits on in this wait, as far as this process knows.
QStringList hooksWaitedOn(const InventoryStore& store, const LifecycleActionTarget& target)
{
    QStringList waitedOn;
    if (const PendingAction* action = store.pendingAction(target.groupName, target.instanceId)) {
        for (const PendingHookWait& wait : action->waits)
            waitedOn.append(wait.hook.name);
    }
    return waitedOn;
}

} // namespace

QString ActionTargetCheck::describeHooks(const QList<LifecycleHook>& hooks)
{
    QStringList parts;
    for (const LifecycleHook& hook : hooks)
        parts.append(u"%1 (%2)"_s.arg(hook.name, hookWord(hook.transition)));
    return parts.join(u", "_s);
}

// The group is not in the inventory: it could not be read, or there is none of that name.
ActionTargetCheck ActionTargetCheck::refuseMissingGroup(
    const InventoryStore& store, const LifecycleActionTarget& target)
{
    const AwsError error = store.groupError(target.groupName);
    if (error.isError()) {
        ActionTargetCheck check = refuse(ItemState::Failed,
            tr("Group %1 could not be read, so the target was not checked and nothing was sent: %2")
                .arg(target.groupName, error.toString()));
        check.error = error;
        return check;
    }
    const QString region = store.session() ? store.session()->region() : QString();
    return refuse(ItemState::Refused,
        region.isEmpty() ? tr("There is no Auto Scaling group named %1.").arg(target.groupName)
                         : tr("There is no Auto Scaling group named %1 in %2.").arg(target.groupName, region));
}

ActionTargetCheck ActionTargetCheck::refuseUnknownHook(
    const GroupSnapshot& snapshot, const LifecycleActionTarget& target)
{
    return refuse(ItemState::Refused,
        snapshot.hooks.isEmpty()
            ? tr("Group %1 has no lifecycle hooks, so it has no hook named %2.").arg(target.groupName, target.hookName)
            : tr("Group %1 has no lifecycle hook named %2. Its hooks: %3.")
                  .arg(target.groupName, target.hookName, ActionTargetCheck::describeHooks(snapshot.hooks)));
}

ActionTargetCheck ActionTargetCheck::refuseMissingInstance(
    const LifecycleActionTarget& target, const QString& stateBefore)
{
    if (LifecycleState::isWait(stateBefore)) {
        return refuse(ItemState::AlreadyCompleted,
            tr("No longer waiting: instance %1 has left group %2 since it was listed (its action ended).")
                .arg(target.instanceId, target.groupName));
    }
    return refuse(ItemState::Refused, tr("Instance %1 is not in group %2.").arg(target.instanceId, target.groupName));
}

ActionTargetCheck ActionTargetCheck::refuseNotWaiting(
    const LifecycleActionTarget& target, const QString& stateBefore, const QString& state, const LifecycleHook* hook)
{
    // Waiting when the operator chose it and not now: someone else, a timeout or an earlier attempt ended it.
    if (LifecycleState::isWait(stateBefore)) {
        return refuse(ItemState::AlreadyCompleted,
            tr("No longer waiting: instance %1 is now %2 (its action ended since it was listed).")
                .arg(target.instanceId, state),
            state);
    }
    // On its way out of a wait of the hook's transition (Pending:Proceed after a launch wait): that wait is
    // over, whoever ended it.
    const QString stateTransition = LifecycleState::hookTransitionOf(state);
    if (LifecycleState::isTransitional(state) && !stateTransition.isEmpty()
        && (!hook || hook->transition == stateTransition)) {
        return refuse(ItemState::AlreadyCompleted,
            tr("Already completed: instance %1 is past its wait (%2).").arg(target.instanceId, state), state);
    }
    ActionTargetCheck check = refuse(ItemState::Refused,
        tr("Instance %1 is not waiting on a lifecycle hook: it is %2.").arg(target.instanceId, state), state);
    check.notWaiting = true;
    return check;
}

ActionTargetCheck ActionTargetCheck::checkNamedHook(const InventoryStore& store, const LifecycleActionTarget& target,
    const LifecycleHook& hook, const QString& state, const QString& transition, const QStringList& waitedOn)
{
    const QString waitingOn = waitedOn.isEmpty() ? tr("no hook Hookdesk knows of") : waitedOn.join(u", "_s);
    if (!transition.isEmpty() && hook.transition != transition) {
        return refuse(ItemState::Refused,
            tr("Hook %1 is a %2 hook, but instance %3 is in %4, waiting on %5.")
                .arg(hook.name, hookWord(hook.transition), target.instanceId, state, waitingOn),
            state);
    }
    if (store.isHookCompleted(target.instanceId, hook.name)) {
        return refuse(ItemState::AlreadyCompleted,
            tr("Hook %1 of instance %2 was already completed by Hookdesk in this wait; it still waits on %3.")
                .arg(hook.name, target.instanceId, waitingOn),
            state);
    }
    ActionTargetCheck check;
    check.targets = { target };
    check.lifecycleState = state;
    return check;
}

ActionTargetCheck ActionTargetCheck::checkWaitedOnHooks(const GroupSnapshot& snapshot,
    const LifecycleActionTarget& target, const QString& state, const QString& transition, const QStringList& waitedOn,
    bool firstHookOnly)
{
    if (transition.isEmpty()) {
        return refuse(ItemState::Refused,
            tr("Instance %1 is in %2, and whether it waits on group %3's launch or terminate hooks is unknown (it may "
               "be launching into the warm pool or returning to it on scale in); name the hook to complete it.")
                .arg(target.instanceId, state, target.groupName),
            state);
    }
    const bool hasTransitionHook = std::any_of(snapshot.hooks.cbegin(), snapshot.hooks.cend(),
        [&transition](const LifecycleHook& candidate) { return candidate.transition == transition; });
    if (!hasTransitionHook) {
        return refuse(ItemState::Refused,
            tr("Instance %1 is in %2, but group %3 has no %4 hook: nothing Hookdesk can complete. Its hooks: %5.")
                .arg(target.instanceId, state, target.groupName, hookWord(transition),
                    snapshot.hooks.isEmpty() ? tr("none") : ActionTargetCheck::describeHooks(snapshot.hooks)),
            state);
    }
    if (waitedOn.isEmpty()) {
        // Every hook of the transition was completed by this process in this wait; AWS is moving it on.
        return refuse(ItemState::AlreadyCompleted,
            tr("Every hook of this transition was already completed by Hookdesk in this wait."), state);
    }
    ActionTargetCheck check;
    check.lifecycleState = state;
    for (const QString& name : waitedOn) {
        check.targets.append({ target.groupName, name, target.instanceId, {} });
        if (firstHookOnly)
            break;
    }
    return check;
}

ActionTargetCheck ActionTargetCheck::check(
    const InventoryStore& store, const LifecycleActionTarget& target, const QString& stateBefore, bool firstHookOnly)
{
    const GroupSnapshot* snapshot = store.group(target.groupName);
    if (!snapshot)
        return refuseMissingGroup(store, target);
    if (!snapshot->hooksLoaded) {
        return refuse(ItemState::Failed,
            tr("The lifecycle hooks of group %1 could not be read, so the target was not checked and nothing was "
               "sent.")
                .arg(target.groupName));
    }

    const LifecycleHook* hook = nullptr;
    if (!target.hookName.isEmpty()) {
        hook = findHook(*snapshot, target.hookName);
        if (!hook)
            return refuseUnknownHook(*snapshot, target);
    }

    // A token alone names no instance: the group and hook are all there is to check before AWS decides.
    if (target.instanceId.isEmpty()) {
        if (!hook)
            return refuse(ItemState::Refused, tr("A lifecycle action token needs the hook name it belongs to."));
        ActionTargetCheck check;
        check.targets = { target };
        return check;
    }

    const GroupInstance* instance = snapshot->instance(target.instanceId);
    if (!instance)
        return refuseMissingInstance(target, stateBefore);
    const QString state = instance->lifecycleState;
    if (!LifecycleState::isWait(state))
        return refuseNotWaiting(target, stateBefore, state, hook);

    const QStringList waitedOn = hooksWaitedOn(store, target);
    // The pending view decided which hooks this wait is on (for Warmed:Pending:Wait from the warm-pool activity and
    // the hooks, models/warmpoolhook.h); without a pending row, the state's own.
    const PendingAction* pending = store.pendingAction(target.groupName, target.instanceId);
    const QString transition = pending && pending->lifecycleState == state
        ? pending->hookTransition
        : WarmPoolHook::hookTransitionFor(*instance, snapshot->hooks, snapshot->hooksLoaded, snapshot->activities);
    if (hook)
        return checkNamedHook(store, target, *hook, state, transition, waitedOn);
    return checkWaitedOnHooks(*snapshot, target, state, transition, waitedOn, firstHookOnly);
}
