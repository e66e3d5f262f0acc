#pragma once

#include "enumnames.h"

#include <QString>
#include <QStringView>
#include <span>

// The lifecycle vocabulary of EC2 Auto Scaling (API 2011-01-01): every value of the service model's
// LifecycleState shape, the two hook transitions, and what each state means structurally (which transition it
// belongs to, which phase of it). This file is the only place in the product that spells these names; readers,
// models, the simulator, the CLI and the GUI parse and format through it (a test greps the tree to keep it so).
// What a state means for an operator — waiting, actionable, what a result will do — is models/lifecyclestate.h.
namespace Lifecycle {

// Shape LifecycleState, in the service model's order. Unknown: a state AWS added after this build; the OpenEnum
// below keeps its text.
enum class State {
    Unknown,
    Pending,
    PendingWait,
    PendingProceed,
    Quarantined,
    InService,
    Terminating,
    TerminatingWait,
    TerminatingProceed,
    TerminatingRetained,
    Terminated,
    Detaching,
    Detached,
    EnteringStandby,
    Standby,
    ReplacingRootVolume,
    ReplacingRootVolumeWait,
    ReplacingRootVolumeProceed,
    RootVolumeReplaced,
    WarmedPending,
    WarmedPendingWait,
    WarmedPendingProceed,
    WarmedPendingRetained,
    WarmedTerminating,
    WarmedTerminatingWait,
    WarmedTerminatingProceed,
    WarmedTerminatingRetained,
    WarmedTerminated,
    WarmedStopped,
    WarmedRunning,
    WarmedHibernated,
};
using StateValue = OpenEnum<State>;

// The LifecycleTransition of a hook (PutLifecycleHook, DescribeLifecycleHooks, notifications).
enum class HookTransition {
    Unknown,
    Launching, // autoscaling:EC2_INSTANCE_LAUNCHING
    Terminating, // autoscaling:EC2_INSTANCE_TERMINATING
};
using HookTransitionValue = OpenEnum<HookTransition>;

// The way an instance is going, as its state tells it. Launch-like transitions run the launch hooks.
enum class Transition {
    None, // not on its way anywhere (InService, Standby, Detached, Warmed:Stopped, …)
    Launch, // Pending…
    Terminate, // Terminating…
    WarmPoolLaunch, // Warmed:Pending…
    WarmPoolTerminate, // Warmed:Terminating…
    RootVolumeReplacement, // ReplacingRootVolume…
};

// Where in its transition a state is.
enum class Phase {
    Steady, // no transition (InService, Standby, Warmed:Stopped, …)
    Entering, // before the hooks start (Pending, Terminating, Detaching, …)
    Wait, // "…:Wait": lifecycle actions are active and can be completed or extended
    Proceed, // "…:Proceed": every action is complete; moving on by itself
    Retained, // "…:Retained": held by an instance retention policy
    Ended, // the transition is over (Terminated, Detached, RootVolumeReplaced, …)
};

// The service's spelling of the hook transitions, for code that passes them as text (tests, request builders).
namespace Names {
inline constexpr char Launching[] = "autoscaling:EC2_INSTANCE_LAUNCHING";
inline constexpr char Terminating[] = "autoscaling:EC2_INSTANCE_TERMINATING";
} // namespace Names

// One row per known state: its name and what it means structurally.
struct StateInfo {
    State value;
    QLatin1StringView name;
    Transition transition;
    Phase phase;
};
std::span<const StateInfo> enumNames(State /*tag*/);
std::span<const EnumName<HookTransition>> enumNames(HookTransition /*tag*/);
// Stable identifiers for JSON output: "launch", "terminate", "warm-pool-launch", "warm-pool-terminate",
// "root-volume-replacement"; None has none (""). Not translated.
std::span<const EnumName<Transition>> enumNames(Transition /*tag*/);

inline StateValue parseState(QStringView text)
{
    return StateValue::parse(text);
}
inline HookTransitionValue parseHookTransition(QStringView text)
{
    return HookTransitionValue::parse(text);
}

Transition transitionOf(State state);
Phase phaseOf(State state);
// For a state this build does not know, both are read from its name the way AWS composes them
// ("<transition prefix>:<phase>", e.g. a future "Warmed:Pending:Paused" is a warm-pool launch in an unknown
// phase, Steady), so that a new "…:Wait" state is still shown as waiting.
Transition transitionOf(const StateValue& state);
Phase phaseOf(const StateValue& state);

// Launch and RootVolumeReplacement run the group's launch hooks; the terminations its terminate hooks; None runs
// no hooks (Unknown). So does WarmPoolLaunch: an instance launching into a warm pool waits in Warmed:Pending:Wait on
// the launch hooks, but one returning to the pool on scale in (ReuseOnScaleIn) waits in the same state on the
// terminate hooks, and the state alone cannot tell them apart (models/warmpoolhook.h decides it).
HookTransition hookTransitionOf(Transition transition);
bool isLaunchLike(Transition transition);

// The state an instance waits in while the hooks of `transition` run, and the one it moves on through.
State waitStateOf(Transition transition);
State proceedStateOf(Transition transition);

} // namespace Lifecycle

// The hook transitions by their AWS names, kept for code that compares or builds text (mostly tests).
namespace LifecycleTransition {
inline constexpr auto Launching = Lifecycle::Names::Launching;
inline constexpr auto Terminating = Lifecycle::Names::Terminating;
} // namespace LifecycleTransition
