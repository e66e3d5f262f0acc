#pragma once

#include "autoscalingtypes.h"
#include "deadlineestimator.h"
#include "lifecyclestate.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>
#include <QStringList>

// How close a pending action is to its timeout; the view picks colours from it.
enum class Urgency {
    None, // transitional (not actionable) or no estimate
    Normal,
    Amber, // less than 10 minutes or less than 20 % of the current heartbeat window left
    Red, // less than 2 minutes left (or overdue)
};

// One hook of the transition an instance still waits on, with its own deadline estimate.
struct PendingHookWait {
    LifecycleHook hook;
    DeadlineEstimate estimate;
};

// One instance in a pending lifecycle state (design.md §3), across all groups: what it waits on, what happens if
// nobody acts, and roughly when. Computed from the inventory by PendingActions::compute(); a plain value.
struct PendingAction {
    QString groupName;
    QString instanceId;
    QString lifecycleState; // "Pending:Wait", "Terminating:Retained", …
    LifecycleState::Transition transition = LifecycleState::Transition::None;
    bool actionable = false; // a *:Wait state; *:Proceed and Terminating:Retained are transitional
    bool hooksKnown = false; // the group's hooks were loaded; false: hook columns are unknown, not empty
    // The group's instance lifecycle policy retains on an abandoned terminating hook: ABANDON (sent or by timeout)
    // on this instance's termination leaves it in Terminating:Retained instead of terminating it.
    bool retainsOnAbandon = false;
    // The hooks this wait is on (Lifecycle::Names::Launching / ::Terminating). For Warmed:Pending:* decided by
    // WarmPoolHook (launched into the pool, or returning to it on scale in) and empty when that is unknown: then
    // `waits` is empty and nothing that needs a hook name is offered. `warmPoolReason` says what decided it
    // (translated; empty outside warm pools).
    QString hookTransition;
    QString warmPoolReason;
    bool waitsOnLaunchHooks() const;
    // Hooks of this transition still waited on, earliest deadline first: not completed by this process and not
    // timed out with CONTINUE. When every hook's estimated deadline has passed (the estimate was off) they all stay
    // here, so the row reads "overdue" instead of "nothing waits".
    QList<PendingHookWait> waits;
    // Hooks whose estimated deadline passed with DefaultResult CONTINUE while others still wait: the timeout
    // completed their action, so they no longer hold the instance (shown in the explanation only).
    QList<PendingHookWait> timedOut;

    // The result that applies if nobody acts: ABANDON when any hook still waited on defaults to ABANDON (it ends
    // the transition for all of them), else CONTINUE. Empty when the hooks are unknown or nothing waits.
    QString defaultResult;
    // The result of the hook whose timeout comes first (the one `estimate` is for): what the row shows beside its
    // countdown, so "CONTINUE ≈ 04:22" names the result that applies at 04:22 (issue 18).
    QString firstResult() const;
    // Earliest estimated deadline over the hooks still waited on: when the next timeout applies its default.
    DeadlineEstimate estimate;

    // Stable identity across refreshes: group + instance.
    QString key() const { return groupName + QLatin1Char('/') + instanceId; }
    QStringList hookNames() const;
    // The hook whose timeout comes first (the one `estimate` belongs to); nullptr when none.
    const LifecycleHook* decidingHook() const;
    qint64 secondsLeft(const QDateTime& now) const { return estimate.secondsLeft(now); }
    Urgency urgency(const QDateTime& now) const;
    // "if nothing is done: ABANDON → instance terminated and replaced" (translated), or for transitional states
    // what the instance is doing.
    QString explanation() const;
    // "≈ 41:12", "≈ 1:52:40", "overdue" (translated); "unknown — at most 41:12" when the wait start is unknown and
    // the deadline only a bound (DeadlineEstimate::isUpperBound()); "until terminated" for a retained instance; "—"
    // when there is no estimate.
    QString leftText(const QDateTime& now) const;

    friend bool operator==(const PendingAction& a, const PendingAction& b);
};

Q_DECLARE_METATYPE(PendingAction)

namespace PendingActions {

struct GroupInput {
    AutoScalingGroup group;
    QList<LifecycleHook> hooks;
    bool hooksLoaded = false;
    QList<ScalingActivity> activities;
};

// Every instance in a pending state across `groups`, as of estimator.now(). `completedHooks` holds
// "instanceId/hookName" pairs this process completed (with CONTINUE) during the instance's current wait: AWS does
// not say which hooks of a transition are done, so those are left out of `waits`; so are hooks whose estimated
// deadline has passed with DefaultResult CONTINUE (see PendingAction::timedOut). Sorted most urgent first (actionable
// before transitional, then earliest deadline, then group and instance). A row whose start is unknown sorts by its
// bound, the latest its shortest hook can time out: the same value its countdown shows after "at most".
QList<PendingAction> compute(
    const QList<GroupInput>& groups, const DeadlineEstimator& estimator, const QSet<QString>& completedHooks = {});

// The order of compute(): true when `a` comes before `b`. Lists merged from several connections use it too.
bool moreUrgent(const PendingAction& a, const PendingAction& b);

// The next moment after `now` at which a hook still waited on times out with CONTINUE while another hook keeps
// waiting, i.e. when compute() would give a different answer by the clock alone: one second past that hook's
// deadline, when its countdown turns "overdue". Invalid when there is none.
QDateTime nextTimeoutChange(const QList<PendingAction>& actions, const QDateTime& now);

// Formats a duration in seconds as the countdown text: "41:12", "1:52:40" (no "≈").
QString formatDuration(qint64 seconds);

} // namespace PendingActions
