#include "lifecycle.h"

using namespace Qt::StringLiterals;

namespace Lifecycle {

namespace {
using enum State;
using T = Transition;
using P = Phase;

// Service model autoscaling-2011-01-01, shape LifecycleState, in its order.
constexpr StateInfo kStates[] = {
    { Pending, "Pending"_L1, T::Launch, P::Entering },
    { PendingWait, "Pending:Wait"_L1, T::Launch, P::Wait },
    { PendingProceed, "Pending:Proceed"_L1, T::Launch, P::Proceed },
    { Quarantined, "Quarantined"_L1, T::None, P::Steady },
    { InService, "InService"_L1, T::None, P::Steady },
    { Terminating, "Terminating"_L1, T::Terminate, P::Entering },
    { TerminatingWait, "Terminating:Wait"_L1, T::Terminate, P::Wait },
    { TerminatingProceed, "Terminating:Proceed"_L1, T::Terminate, P::Proceed },
    { TerminatingRetained, "Terminating:Retained"_L1, T::Terminate, P::Retained },
    { Terminated, "Terminated"_L1, T::Terminate, P::Ended },
    { Detaching, "Detaching"_L1, T::None, P::Entering },
    { Detached, "Detached"_L1, T::None, P::Ended },
    { EnteringStandby, "EnteringStandby"_L1, T::None, P::Entering },
    { Standby, "Standby"_L1, T::None, P::Steady },
    { ReplacingRootVolume, "ReplacingRootVolume"_L1, T::RootVolumeReplacement, P::Entering },
    { ReplacingRootVolumeWait, "ReplacingRootVolume:Wait"_L1, T::RootVolumeReplacement, P::Wait },
    { ReplacingRootVolumeProceed, "ReplacingRootVolume:Proceed"_L1, T::RootVolumeReplacement, P::Proceed },
    { RootVolumeReplaced, "RootVolumeReplaced"_L1, T::RootVolumeReplacement, P::Ended },
    { WarmedPending, "Warmed:Pending"_L1, T::WarmPoolLaunch, P::Entering },
    { WarmedPendingWait, "Warmed:Pending:Wait"_L1, T::WarmPoolLaunch, P::Wait },
    { WarmedPendingProceed, "Warmed:Pending:Proceed"_L1, T::WarmPoolLaunch, P::Proceed },
    { WarmedPendingRetained, "Warmed:Pending:Retained"_L1, T::WarmPoolLaunch, P::Retained },
    { WarmedTerminating, "Warmed:Terminating"_L1, T::WarmPoolTerminate, P::Entering },
    { WarmedTerminatingWait, "Warmed:Terminating:Wait"_L1, T::WarmPoolTerminate, P::Wait },
    { WarmedTerminatingProceed, "Warmed:Terminating:Proceed"_L1, T::WarmPoolTerminate, P::Proceed },
    { WarmedTerminatingRetained, "Warmed:Terminating:Retained"_L1, T::WarmPoolTerminate, P::Retained },
    { WarmedTerminated, "Warmed:Terminated"_L1, T::WarmPoolTerminate, P::Ended },
    { WarmedStopped, "Warmed:Stopped"_L1, T::None, P::Steady },
    { WarmedRunning, "Warmed:Running"_L1, T::None, P::Steady },
    { WarmedHibernated, "Warmed:Hibernated"_L1, T::None, P::Steady },
};

constexpr EnumName<HookTransition> kHookTransitions[] = {
    { HookTransition::Launching, QLatin1StringView(Names::Launching, sizeof(Names::Launching) - 1) },
    { HookTransition::Terminating, QLatin1StringView(Names::Terminating, sizeof(Names::Terminating) - 1) },
};

constexpr EnumName<Transition> kTransitions[] = {
    { T::Launch, "launch"_L1 },
    { T::Terminate, "terminate"_L1 },
    { T::WarmPoolLaunch, "warm-pool-launch"_L1 },
    { T::WarmPoolTerminate, "warm-pool-terminate"_L1 },
    { T::RootVolumeReplacement, "root-volume-replacement"_L1 },
};

// How AWS composes a phase into a state name: "<transition prefix>:<phase>".
constexpr EnumName<Phase> kPhaseSuffixes[] = {
    { P::Wait, ":Wait"_L1 },
    { P::Proceed, ":Proceed"_L1 },
    { P::Retained, ":Retained"_L1 },
};

const StateInfo* infoOf(State state)
{
    for (const StateInfo& info : kStates) {
        if (info.value == state)
            return &info;
    }
    return nullptr;
}

// The transition prefixes are the names of the states that enter a transition ("Pending", "Warmed:Pending", …);
// the longest match wins, since "Warmed:Pending:…" must not read as a warm-pool anything else.
Transition inferTransition(QStringView text)
{
    const StateInfo* best = nullptr;
    for (const StateInfo& info : kStates) {
        if (info.phase != P::Entering || info.transition == T::None)
            continue;
        if (text.size() > info.name.size() && text.startsWith(info.name) && text.at(info.name.size()) == u':'
            && (!best || info.name.size() > best->name.size()))
            best = &info;
    }
    return best ? best->transition : T::None;
}

Phase inferPhase(QStringView text)
{
    for (const EnumName<Phase>& suffix : kPhaseSuffixes) {
        if (text.endsWith(suffix.name))
            return suffix.value;
    }
    return P::Steady;
}
} // namespace

std::span<const StateInfo> enumNames(State /*tag*/)
{
    return kStates;
}

std::span<const EnumName<HookTransition>> enumNames(HookTransition /*tag*/)
{
    return kHookTransitions;
}

std::span<const EnumName<Transition>> enumNames(Transition /*tag*/)
{
    return kTransitions;
}

Transition transitionOf(State state)
{
    const StateInfo* info = infoOf(state);
    return info ? info->transition : T::None;
}

Phase phaseOf(State state)
{
    const StateInfo* info = infoOf(state);
    return info ? info->phase : P::Steady;
}

Transition transitionOf(const StateValue& state)
{
    return state.isKnown() ? transitionOf(state.value()) : inferTransition(state.toString());
}

Phase phaseOf(const StateValue& state)
{
    return state.isKnown() ? phaseOf(state.value()) : inferPhase(state.toString());
}

bool isLaunchLike(Transition transition)
{
    return transition == T::Launch || transition == T::RootVolumeReplacement;
}

HookTransition hookTransitionOf(Transition transition)
{
    // Warmed:Pending:* is launch or terminate depending on how the instance got there (lifecycle.h).
    if (transition == T::None || transition == T::WarmPoolLaunch)
        return HookTransition::Unknown;
    return isLaunchLike(transition) ? HookTransition::Launching : HookTransition::Terminating;
}

State waitStateOf(Transition transition)
{
    for (const StateInfo& info : kStates) {
        if (info.transition == transition && info.phase == P::Wait)
            return info.value;
    }
    return Unknown;
}

State proceedStateOf(Transition transition)
{
    for (const StateInfo& info : kStates) {
        if (info.transition == transition && info.phase == P::Proceed)
            return info.value;
    }
    return Unknown;
}

} // namespace Lifecycle
