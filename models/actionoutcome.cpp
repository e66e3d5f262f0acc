#include "actionoutcome.h"

#include "lifecyclestate.h"
#include "retrypolicy.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;
using ItemState = BulkActionJob::ItemState;
using Kind = BulkActionJob::Kind;

namespace ActionOutcome {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ActionOutcome", text);
}

// Still in the wait the request was about. A different state — Proceed, InService, Terminating:Wait after an
// ABANDON on launch, Pending:Wait after Warmed:Pending:Wait — means that wait is over.
bool stillInSameWait(const BulkActionJob::Item& item, const Reading& reading)
{
    return reading.found && LifecycleState::isWait(reading.lifecycleState)
        && reading.lifecycleState == item.stateBefore;
}

QString whereNow(const Reading& reading)
{
    return reading.found ? tr("now %1").arg(reading.lifecycleState) : tr("no longer in any group");
}

Decision make(ItemState state, bool verified, const QString& message)
{
    return Decision { state, verified, true, message };
}

} // namespace

Decision afterAccepted(const BulkActionJob::Item& item, const Reading& reading, const Context& context)
{
    if (item.target.instanceId.isEmpty()) {
        return make(
            ItemState::Done, false, tr("Accepted by AWS; sent by token alone, so there is no instance to read back."));
    }
    const bool still = stillInSameWait(item, reading);
    if (context.kind == Kind::Heartbeat) {
        if (still)
            return make(ItemState::Done, true, tr("Heartbeat recorded; still in %1.").arg(reading.lifecycleState));
        return make(ItemState::Done, false,
            tr("Heartbeat accepted, but the instance has left the wait since (%1).").arg(whereNow(reading)));
    }
    if (!still)
        return make(ItemState::Done, true, tr("%1 applied: %2.").arg(context.result, whereNow(reading)));
    if (!context.expectLeave) {
        return make(ItemState::Done, true,
            tr("%1 applied to this hook; still in %2, waiting on %3.")
                .arg(context.result, reading.lifecycleState, context.otherHooks.join(u", "_s)));
    }
    if (!context.lastRound)
        return Decision { ItemState::Running, false, false, tr("Accepted; waiting for the instance to move on…") };
    // Accepted and not in effect within the bound: say so, never hide it.
    return make(ItemState::Done, false,
        QCoreApplication::translate("ActionOutcome", "AWS accepted %1, but %n s later the instance is still in %2.",
            nullptr, context.waitedSeconds)
            .arg(context.result, reading.lifecycleState));
}

Decision afterNoActiveAction(const BulkActionJob::Item& item, const Reading& reading, const Context& context)
{
    const QString hook = item.target.hookName;
    if (item.target.instanceId.isEmpty()) {
        return make(ItemState::Failed, false,
            tr("AWS has no active lifecycle action with this token for hook %1: the token is wrong, or its action "
               "is over. Nothing was completed by this request; check the instance's state.")
                .arg(hook));
    }
    // An earlier attempt of this very request got no answer and may have reached AWS: then "no active action" is
    // that attempt's doing — done by this command, not by someone else — when the instance left the wait or still
    // waits on other hooks.
    const bool lostEarlier = item.uncertainEarlierAttempts > 0;
    if (!stillInSameWait(item, reading)) {
        if (lostEarlier) {
            return make(ItemState::Done, true,
                tr("%1 applied by the earlier attempt whose answer was lost: the instance has left the wait (%2).")
                    .arg(context.result.isEmpty() ? tr("Heartbeat") : context.result, whereNow(reading)));
        }
        return make(ItemState::AlreadyCompleted, true,
            tr("Already completed: the instance has left the wait (%1).").arg(whereNow(reading)));
    }
    if (!context.otherHooks.isEmpty() && lostEarlier) {
        return make(ItemState::Done, false,
            tr("Applied by the earlier attempt whose answer was lost: hook %1 has no active action any more; the "
               "instance still waits on %2.")
                .arg(hook, context.otherHooks.join(u", "_s)));
    }
    // Still in the same wait, with other hooks left: this hook's action may really be over if Hookdesk completed it
    // before (this process or an earlier run, from the audit log).
    if (!context.otherHooks.isEmpty() && context.completedEarlier) {
        return make(ItemState::AlreadyCompleted, false,
            tr("Already completed by Hookdesk before: hook %1 has no active action; the instance still waits on %2.")
                .arg(hook, context.otherHooks.join(u", "_s)));
    }
    return make(ItemState::Failed, false,
        tr("AWS has no active lifecycle action for hook %1 of %2, yet the instance is still in %3: the hook, "
           "token or instance does not name its action. Nothing was completed.")
            .arg(hook, item.target.instanceId, reading.lifecycleState));
}

Decision afterLostAnswer(
    const BulkActionJob::Item& item, const Reading& reading, const Context& context, const QString& why)
{
    if (context.kind == Kind::Heartbeat) {
        // A heartbeat leaves nothing to read back, and a second one would count twice.
        return make(ItemState::Unknown, false,
            tr("The answer was lost (%1): AWS may or may not have recorded this heartbeat. It was not sent again (a "
               "second heartbeat would count twice); the countdown assumes it was not recorded.")
                .arg(why));
    }
    if (item.target.instanceId.isEmpty()) {
        return make(ItemState::Unknown, false,
            tr("The answer was lost (%1), and a token alone names no instance to read back: whether %2 was applied "
               "is unknown.")
                .arg(why, context.result));
    }
    if (!stillInSameWait(item, reading)) {
        return make(ItemState::Done, true,
            tr("%1 applied; its answer was lost (%2), and the instance has left the wait (%3).")
                .arg(context.result, why, whereNow(reading)));
    }
    // Still waiting: not applied — or, with other hooks left, maybe applied to this one. Sending again is safe
    // either way: AWS completes a lifecycle action once, and answers "no active lifecycle action" to a second try.
    if (item.uncertainEarlierAttempts < MaxResends) {
        Decision decision = make(ItemState::Queued, false,
            tr("The answer was lost (%1) and the instance still waits: sending again.").arg(why));
        decision.resend = true;
        return decision;
    }
    return make(ItemState::Failed, false,
        tr("The answer was lost twice (%1), and the instance is still in %2: not applied.")
            .arg(why, reading.lifecycleState));
}

namespace {

bool matches(const PutLifecycleHookRequest& request, const LifecycleHook& hook)
{
    return (request.transition.isEmpty() || request.transition == hook.transition)
        && (!request.heartbeatTimeout || *request.heartbeatTimeout == hook.heartbeatTimeout)
        && (request.defaultResult.isEmpty() || request.defaultResult == hook.defaultResult)
        && (request.notificationMetadata.isEmpty() || request.notificationMetadata == hook.notificationMetadata)
        && (!request.notificationTargetArn || *request.notificationTargetArn == hook.notificationTargetArn)
        && (!request.roleArn || request.roleArn->isEmpty() || *request.roleArn == hook.roleArn);
}

} // namespace

Decision afterHookChange(BulkActionJob::Kind kind, const BulkActionJob::Item& item,
    const PutLifecycleHookRequest& request, const LifecycleHook* found, const AwsError& answer, bool lastRound)
{
    const bool accepted = !answer.isError();
    const bool lost = RetryPolicy::mayHaveBeenApplied(answer);
    const bool lostEarlier = item.uncertainEarlierAttempts > 0;
    const bool inEffect = kind == Kind::DeleteHook ? found == nullptr : found && matches(request, *found);
    const QString lostNote = lost ? tr(" Its answer was lost (%1).").arg(answer.toString())
        : lostEarlier && !accepted
        ? tr(" An earlier attempt whose answer was lost did it; this one was answered: %1").arg(answer.toString())
        : QString();
    if (inEffect && (accepted || lost || lostEarlier)) {
        return make(ItemState::Done, true,
            (kind == Kind::DeleteHook ? tr("Hook %1 is gone.").arg(item.target.hookName)
                                      : tr("Hook %1 reads back as saved.").arg(item.target.hookName))
                + lostNote);
    }
    if (accepted) {
        if (!lastRound)
            return Decision { ItemState::Running, false, false, tr("Accepted; reading the hooks back…"), false };
        return make(ItemState::Done, false,
            kind == Kind::DeleteHook
                ? tr("AWS accepted the deletion, but hook %1 still reads back.").arg(item.target.hookName)
                : tr("AWS accepted the change, but hook %1 does not read back as sent.").arg(item.target.hookName));
    }
    if (lost && item.uncertainEarlierAttempts < MaxResends) {
        Decision decision = make(ItemState::Queued, false,
            tr("The answer was lost (%1) and the hooks show no change: sending again.").arg(answer.toString()));
        decision.resend = true;
        return decision;
    }
    return make(ItemState::Failed, false,
        lost ? tr("The answer was lost twice (%1) and the hooks show no change: not applied.").arg(answer.toString())
             : answer.toString());
}

} // namespace ActionOutcome
