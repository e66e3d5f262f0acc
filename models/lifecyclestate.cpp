#include "lifecyclestate.h"

#include "autoscalingtypes.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace LifecycleState {

bool isWait(const QString& state)
{
    return state.endsWith(":Wait"_L1);
}

bool isTransitional(const QString& state)
{
    return state.endsWith(":Proceed"_L1) || state == "Terminating:Retained"_L1;
}

bool isPendingState(const QString& state)
{
    return isWait(state) || isTransitional(state);
}

Transition transitionOf(const QString& state)
{
    // Longest prefixes first: "Warmed:Pending:Wait" also contains "Pending:".
    if (state.startsWith("Warmed:Pending:"_L1))
        return Transition::WarmPoolLaunch;
    if (state.startsWith("Warmed:Terminating:"_L1))
        return Transition::WarmPoolTerminate;
    if (state.startsWith("ReplacingRootVolume:"_L1))
        return Transition::RootVolumeReplacement;
    if (state.startsWith("Pending:"_L1))
        return Transition::Launch;
    if (state.startsWith("Terminating:"_L1))
        return Transition::Terminate;
    return Transition::None;
}

bool isLaunchLike(Transition transition)
{
    return transition == Transition::Launch || transition == Transition::WarmPoolLaunch
        || transition == Transition::RootVolumeReplacement;
}

QString hookTransitionOf(const QString& state)
{
    const Transition transition = transitionOf(state);
    if (transition == Transition::None)
        return {};
    return QLatin1String(isLaunchLike(transition) ? LifecycleTransition::Launching : LifecycleTransition::Terminating);
}

QString transitionLabel(Transition transition)
{
    switch (transition) {
    case Transition::None:
        return {};
    case Transition::Launch:
        return QCoreApplication::translate("LifecycleState", "launch");
    case Transition::Terminate:
        return QCoreApplication::translate("LifecycleState", "terminate");
    case Transition::WarmPoolLaunch:
        return QCoreApplication::translate("LifecycleState", "warm pool launch");
    case Transition::WarmPoolTerminate:
        return QCoreApplication::translate("LifecycleState", "warm pool terminate");
    case Transition::RootVolumeReplacement:
        return QCoreApplication::translate("LifecycleState", "root volume replacement");
    }
    return {};
}

QString transitionId(Transition transition)
{
    switch (transition) {
    case Transition::None:
        return {};
    case Transition::Launch:
        return u"launch"_s;
    case Transition::Terminate:
        return u"terminate"_s;
    case Transition::WarmPoolLaunch:
        return u"warm-pool-launch"_s;
    case Transition::WarmPoolTerminate:
        return u"warm-pool-terminate"_s;
    case Transition::RootVolumeReplacement:
        return u"root-volume-replacement"_s;
    }
    return {};
}

QString resultEffect(const QString& result, Transition transition)
{
    const bool abandon = result == "ABANDON"_L1;
    switch (transition) {
    case Transition::None:
        return {};
    case Transition::Launch:
        return abandon ? QCoreApplication::translate("LifecycleState", "instance terminated and replaced")
                       : QCoreApplication::translate("LifecycleState", "instance goes InService");
    case Transition::WarmPoolLaunch:
        return abandon ? QCoreApplication::translate("LifecycleState", "instance terminated and replaced")
                       : QCoreApplication::translate("LifecycleState", "instance joins the warm pool");
    case Transition::RootVolumeReplacement:
        return abandon
            ? QCoreApplication::translate("LifecycleState", "replacement fails, instance terminated and replaced")
            : QCoreApplication::translate("LifecycleState", "root volume replaced, instance stays");
    case Transition::Terminate:
    case Transition::WarmPoolTerminate:
        // On terminate both results end in termination; ABANDON only skips the remaining hooks.
        return abandon ? QCoreApplication::translate("LifecycleState", "remaining hooks skipped, instance terminated")
                       : QCoreApplication::translate("LifecycleState", "instance terminated");
    }
    return {};
}

} // namespace LifecycleState
