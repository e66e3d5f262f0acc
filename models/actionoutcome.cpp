#include "actionoutcome.h"

#include "lifecyclestate.h"

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
    if (!stillInSameWait(item, reading)) {
        const QString lost = item.uncertainEarlierAttempts > 0
            ? tr(" An earlier attempt of this request got no answer and may have done it.")
            : QString();
        return make(ItemState::AlreadyCompleted, true,
            tr("Already completed: the instance has left the wait (%1).").arg(whereNow(reading)) + lost);
    }
    // Still in the same wait. With other hooks left, this hook's action may really be over: completed by this
    // process before, or by an earlier attempt of this very request whose answer was lost.
    if (!context.otherHooks.isEmpty() && (context.completedEarlier || item.uncertainEarlierAttempts > 0)) {
        return make(ItemState::AlreadyCompleted, false,
            tr("Already completed: hook %1 has no active action (an earlier attempt whose answer was lost, or "
               "Hookdesk before); the instance still waits on %2.")
                .arg(hook, context.otherHooks.join(u", "_s)));
    }
    return make(ItemState::Failed, false,
        tr("AWS has no active lifecycle action for hook %1 of %2, yet the instance is still in %3: the hook, "
           "token or instance does not name its action. Nothing was completed.")
            .arg(hook, item.target.instanceId, reading.lifecycleState));
}

} // namespace ActionOutcome
