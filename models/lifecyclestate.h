#pragma once

#include "lifecycle.h"

#include <QString>

// What a lifecycle state means for the operator (design.md §3): which states wait, which are transitional and
// which transition's hooks they are in, shared by the pending computation, the models and the CLI. The names and
// their structure are aws/lifecycle.h; this is the reading of them that the pending view needs.
namespace LifecycleState {

// The transition whose hooks a state is in: None outside the hook phases (InService, Pending before the hooks
// start, Terminated, …); Launch for Pending:Wait / Pending:Proceed, Terminate for Terminating:Wait / :Proceed /
// :Retained, and likewise for the warm-pool and root-volume transitions.
using Transition = Lifecycle::Transition;

// "…:Wait": a lifecycle action is active, an operator can CONTINUE, ABANDON or send a heartbeat.
bool isWait(const QString& state);
// "…:Proceed" and "Terminating:Retained": moving on by itself (or held by a retention policy); shown, not actionable.
bool isTransitional(const QString& state);
// isWait() || isTransitional(): the states the pending view lists.
bool isPendingState(const QString& state);

Transition transitionOf(const QString& state);
// The hook transition whose hooks apply to the state: LifecycleTransition::Launching or ::Terminating, or empty —
// also for Warmed:Pending:*, whose hooks the state does not tell (WarmPoolHook::hookTransitionFor() decides them).
QString hookTransitionOf(const QString& state);
// Transition::Launch and RootVolumeReplacement use launch hooks (WarmPoolLaunch: see hookTransitionOf()).
bool isLaunchLike(Transition transition);

// Short, translated words for a transition: "launch", "terminate", "warm pool launch", …
QString transitionLabel(Transition transition);
// Stable identifier for JSON output: "launch", "terminate", "warm-pool-launch", "warm-pool-terminate",
// "root-volume-replacement", "" for None. Not translated.
QString transitionId(Transition transition);

// What a result does for a transition, in plain words, translated:
// ("ABANDON", Launch) → "instance terminated and replaced". Used by confirmations and the pending explanation.
// `retains`: the instance's group has an instance lifecycle policy that retains on an abandoned terminating hook
// (AutoScalingGroup::retainsOnTerminateAbandon()), so ABANDON on a termination ends in Terminating:Retained:
// ("ABANDON", Terminate, true) → "remaining hooks skipped, instance retained, not terminated".
QString resultEffect(const QString& result, Transition transition, bool retains = false);

// Instance retention, said the same way in the window and the CLI.
// Whether a state is a retained one (Terminating:Retained, Warmed:*:Retained): held until someone terminates it.
bool isRetained(const QString& state);
// "retained, not terminated: waiting for someone to terminate it" — beside a retained instance's state.
QString retainedNote();
// The policy of a group in a few words: "ABANDON on termination: retained, not terminated" / "…: terminated".
QString retentionPolicyText(bool retains);

} // namespace LifecycleState
