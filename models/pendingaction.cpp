#include "pendingaction.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 AmberSeconds = 10 * 60;
constexpr qint64 RedSeconds = 2 * 60;

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

QString PendingAction::explanation() const
{
    if (!actionable) {
        if (lifecycleState == "Terminating:Retained"_L1)
            return tr("held by the group's instance retention policy; terminate or return it outside Hookdesk");
        return tr("lifecycle actions completed; the instance is moving on by itself");
    }
    if (!hooksKnown)
        return tr("hooks not loaded yet: the default result is not known");
    if (defaultResult.isEmpty())
        return tr("no hook of this transition is known to be waiting");
    return tr("if nothing is done: %1 → %2")
        .arg(defaultResult, LifecycleState::resultEffect(defaultResult, transition));
}

QString PendingAction::leftText(const QDateTime& now) const
{
    if (!actionable || !estimate.isValid())
        return u"—"_s;
    const qint64 left = estimate.secondsLeft(now);
    if (left < 0)
        return tr("overdue");
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
        && a.defaultResult == b.defaultResult && a.estimate.deadline == b.estimate.deadline
        && a.estimate.waitStart == b.estimate.waitStart
        && std::equal(a.waits.cbegin(), a.waits.cend(), b.waits.cbegin(), b.waits.cend(), sameWait);
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
    if (!action.actionable || !input.hooksLoaded)
        return action;

    const QString hookTransition = LifecycleState::hookTransitionOf(instance.lifecycleState);
    bool anyAbandon = false;
    for (const LifecycleHook& hook : input.hooks) {
        if (hook.transition != hookTransition)
            continue;
        if (completedHooks.contains(instance.instanceId + QLatin1Char('/') + hook.name))
            continue;
        PendingHookWait wait { hook,
            estimator.estimate(instance.instanceId, instance.lifecycleState, hook, input.activities) };
        anyAbandon = anyAbandon || hook.defaultResult == "ABANDON"_L1;
        action.waits.append(wait);
    }
    std::stable_sort(action.waits.begin(), action.waits.end(), [](const auto& a, const auto& b) {
        if (a.estimate.deadline.isValid() != b.estimate.deadline.isValid())
            return a.estimate.deadline.isValid();
        return a.estimate.deadline < b.estimate.deadline;
    });
    if (!action.waits.isEmpty()) {
        // ABANDON from any hook ends the whole transition, so it is what "nothing done" leads to.
        action.defaultResult = anyAbandon ? u"ABANDON"_s : u"CONTINUE"_s;
        action.estimate = action.waits.constFirst().estimate;
    }
    return action;
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
    std::stable_sort(result.begin(), result.end(), [](const PendingAction& a, const PendingAction& b) {
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
    });
    return result;
}

} // namespace PendingActions
