#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"
#include "bulkactionjob.h"

#include <QList>
#include <QString>

class InventoryStore;
struct GroupSnapshot;

// What the inventory says about one CompleteLifecycleAction / RecordLifecycleActionHeartbeat target before anything
// is sent. AWS answers "No active Lifecycle Action found" alike for a wrong group, a wrong hook, a wrong instance
// and an action that is over (design.md §3), so a target that does not match what the inventory shows is refused
// here, with the part that is wrong and what the instance actually waits on, instead of being sent and guessed at.
struct ActionTargetCheck {
    // Requests to send, one per hook (the hook filled in); empty when the target is not sent.
    QList<LifecycleActionTarget> targets;
    // When `targets` is empty: Refused (the target is wrong), AlreadyCompleted (the instance visibly moved on since
    // the operator picked it, or this process completed that hook in this wait) or Failed (the group could not be
    // read), with a translated `problem`.
    BulkActionJob::ItemState state = BulkActionJob::ItemState::Queued;
    QString problem;
    AwsError error;
    // The lifecycle state the instance is in now; empty for a token without an instance.
    QString lifecycleState;
    // Refused because the instance is in the group but not waiting (InService, Standby…): an earlier completion
    // recorded in the audit log can still show it was a real double completion.
    bool notWaiting = false;

    // `stateBefore`: the instance's state as the inventory showed it when the operator chose it (before the refresh
    // the check runs on), empty when unknown (the CLI). An instance that was waiting then and is not now has moved
    // on; one that was never seen waiting is a wrong target. `firstHookOnly`: ABANDON ends the whole transition, so
    // one request per instance is enough.
    static ActionTargetCheck check(const InventoryStore& store, const LifecycleActionTarget& target,
        const QString& stateBefore, bool firstHookOnly);

    // "a (launch), b (terminate)" — the group's hooks with their transitions, for messages.
    static QString describeHooks(const QList<LifecycleHook>& hooks);

private:
    // The steps of check(), one kind of refusal each. Members, not file-local functions, so that lupdate files
    // their tr() strings under this context.
    static ActionTargetCheck refuseMissingGroup(const InventoryStore& store, const LifecycleActionTarget& target);
    static ActionTargetCheck refuseUnknownHook(const GroupSnapshot& snapshot, const LifecycleActionTarget& target);
    static ActionTargetCheck refuseMissingInstance(const LifecycleActionTarget& target, const QString& stateBefore);
    // The instance is in the group but in `state`, which is not a wait; `hook` is the one the target names, if any.
    static ActionTargetCheck refuseNotWaiting(const LifecycleActionTarget& target, const QString& stateBefore,
        const QString& state, const LifecycleHook* hook);
    // The target names `hook` and the instance waits in `state` on the hooks of `transition` (empty: unknown, a
    // Warmed:Pending:Wait that WarmPoolHook cannot decide; the named hook is then sent and AWS decides).
    static ActionTargetCheck checkNamedHook(const InventoryStore& store, const LifecycleActionTarget& target,
        const LifecycleHook& hook, const QString& state, const QString& transition, const QStringList& waitedOn);
    // The target names no hook and the instance waits in `state`: one request per hook it still waits on; refused
    // when `transition` is unknown (nothing is guessed).
    static ActionTargetCheck checkWaitedOnHooks(const GroupSnapshot& snapshot, const LifecycleActionTarget& target,
        const QString& state, const QString& transition, const QStringList& waitedOn, bool firstHookOnly);
};
