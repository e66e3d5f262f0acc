#pragma once

#include <QString>

// What a lifecycle state string means for the operator (design.md §3). AWS reports states as strings; these
// helpers keep the knowledge of which ones wait, which are transitional and which transition they belong to in one
// place, shared by the pending computation, the models and the CLI.
namespace LifecycleState {

enum class Transition {
    None, // not in a lifecycle transition (InService, Standby, …)
    Launch, // Pending:Wait / Pending:Proceed
    Terminate, // Terminating:Wait / Terminating:Proceed / Terminating:Retained
    WarmPoolLaunch, // Warmed:Pending:Wait / Warmed:Pending:Proceed
    WarmPoolTerminate, // Warmed:Terminating:Wait / Warmed:Terminating:Proceed
    RootVolumeReplacement, // ReplacingRootVolume:Wait / ReplacingRootVolume:Proceed
};

// "…:Wait": a lifecycle action is active, an operator can CONTINUE, ABANDON or send a heartbeat.
bool isWait(const QString& state);
// "…:Proceed" and "Terminating:Retained": moving on by itself (or held by a retention policy); shown, not actionable.
bool isTransitional(const QString& state);
// isWait() || isTransitional(): the states the pending view lists.
bool isPendingState(const QString& state);

Transition transitionOf(const QString& state);
// The hook transition whose hooks apply to the state: LifecycleTransition::Launching or ::Terminating, or empty.
QString hookTransitionOf(const QString& state);
// Transition::Launch, WarmPoolLaunch and RootVolumeReplacement use launch hooks.
bool isLaunchLike(Transition transition);

// Short, translated words for a transition: "launch", "terminate", "warm pool launch", …
QString transitionLabel(Transition transition);
// Stable identifier for JSON output: "launch", "terminate", "warm-pool-launch", "warm-pool-terminate",
// "root-volume-replacement", "" for None. Not translated.
QString transitionId(Transition transition);

// What a result does for a transition, in plain words, translated:
// ("ABANDON", Launch) → "instance terminated and replaced". Used by confirmations and the pending explanation.
QString resultEffect(const QString& result, Transition transition);

} // namespace LifecycleState
