#include "pendingaction.h"

#include "warmpoolhook.h"

#include <QCoreApplication>
#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 AmberSeconds = qint64(10) * 60;
constexpr qint64 RedSeconds = qint64(2) * 60;

QString tr(const char* text)
{
    return QCoreApplication::translate("PendingAction", text);
}

} // namespace

QStringList PendingAction::hookNames() const
{
    QStringList names;
    names.reserve(waits.size());
    for (const PendingHookWait& wait : waits)
        names.append(wait.hook.name);
    return names;
}

const LifecycleHook* PendingAction::decidingHook() const
{
    return waits.isEmpty() ? nullptr : &waits.constFirst().hook;
}

Urgency PendingAction::urgency(const QDateTime& now) const
{
    if (!actionable || !estimate.isValid())
        return Urgency::None;
    const qint64 left = estimate.secondsLeft(now);
    if (left < RedSeconds)
        return Urgency::Red;
    const qint64 window = estimate.windowSeconds();
    if (left < AmberSeconds || (window > 0 && left * 5 < window))
        return Urgency::Amber;
    return Urgency::Normal;
}

bool PendingAction::waitsOnLaunchHooks() const
{
    return Lifecycle::parseHookTransition(hookTransition) == Lifecycle::HookTransition::Launching;
}

// What a result does to this instance. A warm-pool instance returning on scale in goes back to the pool whatever the
// terminate hooks answer; the others follow their transition.
static QString effectOf(const PendingAction& action, const QString& result)
{
    if (action.transition == LifecycleState::Transition::WarmPoolLaunch && !action.waitsOnLaunchHooks())
        return tr("instance returns to the warm pool");
    return LifecycleState::resultEffect(result, action.transition, action.retainsOnAbandon);
}

QString PendingAction::firstResult() const
{
    return waits.isEmpty() ? defaultResult : waits.constFirst().hook.defaultResult;
}

QString PendingAction::explanation() const
{
    if (!actionable) {
        if (LifecycleState::isRetained(lifecycleState))
            return LifecycleState::retainedNote() + u" "_s
                + tr("(the group's instance lifecycle policy keeps it running, and billed, until then)");
        return tr("lifecycle actions completed; the instance is moving on by itself");
    }
    if (!hooksKnown)
        return tr("hooks not loaded yet: the default result is not known");
    if (hookTransition.isEmpty()) {
        return tr("which hooks it waits on is %1; Hookdesk does not guess: name the hook to complete it")
            .arg(warmPoolReason);
    }
    if (defaultResult.isEmpty())
        return tr("no hook of this transition is known to be waiting");
    QString text = tr("if nothing is done: %1 → %2").arg(defaultResult, effectOf(*this, defaultResult));
    // The first timeout applies CONTINUE to its hook only; a later ABANDON hook still ends the whole transition.
    const auto abandon = std::find_if(waits.cbegin(), waits.cend(),
        [](const PendingHookWait& wait) { return wait.hook.defaultResult == "ABANDON"_L1; });
    if (firstResult() == "CONTINUE"_L1 && abandon != waits.cend()) {
        text = tr("if nothing is done: CONTINUE for %1 first, then %2 times out with ABANDON → %3")
                   .arg(waits.constFirst().hook.name, abandon->hook.name, effectOf(*this, u"ABANDON"_s));
    }
    if (!timedOut.isEmpty()) {
        QStringList names;
        for (const PendingHookWait& wait : timedOut)
            names.append(wait.hook.name);
        text += tr(" (%1 timed out: CONTINUE applied, no longer waited on)").arg(names.join(u", "_s));
    }
    if (!warmPoolReason.isEmpty())
        text += tr(" (warm pool: %1)").arg(warmPoolReason);
    return text;
}

QString PendingAction::leftText(const QDateTime& now) const
{
    if (LifecycleState::isRetained(lifecycleState))
        return tr("until terminated"); // no timeout ends a retained instance: only a termination does
    if (!actionable || !estimate.isValid())
        return u"—"_s;
    const qint64 left = estimate.secondsLeft(now);
    if (left < 0)
        return tr("overdue");
    // A bound is not an estimate: the true time left is this or less (DeadlineEstimator::estimate()).
    if (estimate.isUpperBound())
        return tr("unknown — at most %1").arg(PendingActions::formatDuration(left));
    return u"≈ "_s + PendingActions::formatDuration(left);
}

static bool sameWait(const PendingHookWait& a, const PendingHookWait& b)
{
    return a.hook == b.hook && a.estimate.waitStart == b.estimate.waitStart
        && a.estimate.startSource == b.estimate.startSource && a.estimate.lastHeartbeat == b.estimate.lastHeartbeat
        && a.estimate.deadline == b.estimate.deadline;
}

bool operator==(const PendingAction& a, const PendingAction& b)
{
    return a.groupName == b.groupName && a.instanceId == b.instanceId && a.lifecycleState == b.lifecycleState
        && a.transition == b.transition && a.actionable == b.actionable && a.hooksKnown == b.hooksKnown
        && a.retainsOnAbandon == b.retainsOnAbandon && a.hookTransition == b.hookTransition
        && a.warmPoolReason == b.warmPoolReason && a.defaultResult == b.defaultResult
        && a.estimate.deadline == b.estimate.deadline && a.estimate.waitStart == b.estimate.waitStart
        && std::equal(a.waits.cbegin(), a.waits.cend(), b.waits.cbegin(), b.waits.cend(), sameWait)
        && std::equal(a.timedOut.cbegin(), a.timedOut.cend(), b.timedOut.cbegin(), b.timedOut.cend(), sameWait);
}

namespace PendingActions {

QString formatDuration(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    const qint64 secs = seconds % 60;
    if (hours > 0)
        return u"%1:%2:%3"_s.arg(hours).arg(minutes, 2, 10, QLatin1Char('0')).arg(secs, 2, 10, QLatin1Char('0'));
    return u"%1:%2"_s.arg(minutes, 2, 10, QLatin1Char('0')).arg(secs, 2, 10, QLatin1Char('0'));
}

static bool timesOutWithContinue(const PendingHookWait& wait, const QDateTime& now)
{
    return wait.hook.defaultResult == "CONTINUE"_L1 && wait.estimate.isValid() && wait.estimate.secondsLeft(now) < 0;
}

QDateTime nextTimeoutChange(const QList<PendingAction>& actions, const QDateTime& now)
{
    QDateTime next;
    for (const PendingAction& action : actions) {
        if (action.waits.size() < 2 && action.timedOut.isEmpty())
            continue; // a lone hook timing out changes nothing: it stays, overdue
        for (const PendingHookWait& wait : action.waits) {
            // Same rule as timesOutWithContinue(): a wait times out once its countdown would read "overdue", a whole
            // second past the deadline. Testing `deadline < now` instead lost waits in that last second for good
            // whenever a timer fired a little early, and the row then turned overdue instead of moving on.
            if (wait.hook.defaultResult != "CONTINUE"_L1 || !wait.estimate.isValid() || timesOutWithContinue(wait, now))
                continue;
            const QDateTime change = wait.estimate.deadline.addSecs(1);
            if (!next.isValid() || change < next)
                next = change;
        }
    }
    return next;
}

static PendingAction build(const GroupInput& input, const GroupInstance& instance, const DeadlineEstimator& estimator,
    const QSet<QString>& completedHooks)
{
    PendingAction action;
    action.groupName = input.group.name;
    action.instanceId = instance.instanceId;
    action.lifecycleState = instance.lifecycleState;
    action.transition = LifecycleState::transitionOf(instance.lifecycleState);
    action.actionable = LifecycleState::isWait(instance.lifecycleState);
    action.hooksKnown = input.hooksLoaded;
    action.retainsOnAbandon = input.group.retainsOnTerminateAbandon();
    action.hookTransition = LifecycleState::hookTransitionOf(instance.lifecycleState);
    if (action.transition == LifecycleState::Transition::WarmPoolLaunch) {
        const WarmPoolHook::Decision decision
            = WarmPoolHook::decide(instance.instanceId, input.hooks, input.hooksLoaded, input.activities);
        action.hookTransition = decision.hookTransition;
        action.warmPoolReason = decision.reason;
    }
    if (!action.actionable || !input.hooksLoaded || action.hookTransition.isEmpty())
        return action;

    const QString& hookTransition = action.hookTransition;
    const QDateTime now = estimator.now();
    for (const LifecycleHook& hook : input.hooks) {
        if (hook.transition != hookTransition)
            continue;
        if (completedHooks.contains(instance.instanceId + QLatin1Char('/') + hook.name))
            continue;
        PendingHookWait wait { hook,
            estimator.estimate(instance.instanceId, instance.lifecycleState, hook, input.activities) };
        // A CONTINUE hook past its deadline is done (the instance only waits until every action completes); an
        // ABANDON hook past its deadline stays: it ends the whole wait, so the row is rightly overdue.
        if (timesOutWithContinue(wait, now))
            action.timedOut.append(wait);
        else
            action.waits.append(wait);
    }
    if (action.waits.isEmpty()) {
        // Every hook timed out with CONTINUE yet the instance still waits: the estimates were early. Keep waiting
        // on all of them (overdue) rather than claim nothing holds the instance.
        action.waits = std::exchange(action.timedOut, {});
    }
    const auto earliestFirst = [](const PendingHookWait& a, const PendingHookWait& b) {
        if (a.estimate.deadline.isValid() != b.estimate.deadline.isValid())
            return a.estimate.deadline.isValid();
        return a.estimate.deadline < b.estimate.deadline;
    };
    std::stable_sort(action.waits.begin(), action.waits.end(), earliestFirst);
    std::stable_sort(action.timedOut.begin(), action.timedOut.end(), earliestFirst);
    const bool anyAbandon = std::any_of(action.waits.cbegin(), action.waits.cend(),
        [](const PendingHookWait& wait) { return wait.hook.defaultResult == "ABANDON"_L1; });
    if (!action.waits.isEmpty()) {
        // ABANDON from any hook ends the whole transition, so it is what "nothing done" leads to (scripts read it
        // so in `pending` JSON); the row shows firstResult() beside the first deadline instead.
        action.defaultResult = anyAbandon ? u"ABANDON"_s : u"CONTINUE"_s;
        action.estimate = action.waits.constFirst().estimate;
    }
    return action;
}

bool moreUrgent(const PendingAction& a, const PendingAction& b)
{
    if (a.actionable != b.actionable)
        return a.actionable;
    const bool aKnown = a.estimate.isValid();
    const bool bKnown = b.estimate.isValid();
    if (aKnown != bKnown)
        return aKnown;
    if (aKnown && a.estimate.deadline != b.estimate.deadline)
        return a.estimate.deadline < b.estimate.deadline;
    if (a.groupName != b.groupName)
        return a.groupName < b.groupName;
    return a.instanceId < b.instanceId;
}

QList<PendingAction> compute(
    const QList<GroupInput>& groups, const DeadlineEstimator& estimator, const QSet<QString>& completedHooks)
{
    QList<PendingAction> result;
    for (const GroupInput& input : groups) {
        for (const GroupInstance& instance : input.group.instances) {
            if (LifecycleState::isPendingState(instance.lifecycleState))
                result.append(build(input, instance, estimator, completedHooks));
        }
    }
    std::stable_sort(result.begin(), result.end(), moreUrgent);
    return result;
}

} // namespace PendingActions
