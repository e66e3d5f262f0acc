#include "lifecyclestate.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace LifecycleState {

namespace {
using Lifecycle::Phase;

constexpr EnumLabel<Transition> kTransitionLabels[] = {
    { Transition::Launch, QT_TRANSLATE_NOOP("LifecycleState", "launch") },
    { Transition::Terminate, QT_TRANSLATE_NOOP("LifecycleState", "terminate") },
    { Transition::WarmPoolLaunch, QT_TRANSLATE_NOOP("LifecycleState", "warm pool launch") },
    { Transition::WarmPoolTerminate, QT_TRANSLATE_NOOP("LifecycleState", "warm pool terminate") },
    { Transition::RootVolumeReplacement, QT_TRANSLATE_NOOP("LifecycleState", "root volume replacement") },
};
} // namespace

bool isWait(const QString& state)
{
    return Lifecycle::phaseOf(Lifecycle::parseState(state)) == Phase::Wait;
}

bool isTransitional(const QString& state)
{
    // Of the retained states only Terminating:Retained is listed: a warm-pool instance held by a retention
    // policy stays out of the pending view.
    const Lifecycle::StateValue value = Lifecycle::parseState(state);
    return Lifecycle::phaseOf(value) == Phase::Proceed || value == Lifecycle::State::TerminatingRetained;
}

bool isPendingState(const QString& state)
{
    return isWait(state) || isTransitional(state);
}

Transition transitionOf(const QString& state)
{
    const Lifecycle::StateValue value = Lifecycle::parseState(state);
    const Phase phase = Lifecycle::phaseOf(value);
    // A known state outside the hook phases is in no hook's transition yet (Pending) or any more (Terminated);
    // an unknown one is read from its name.
    if (value.isKnown() && phase != Phase::Wait && phase != Phase::Proceed && phase != Phase::Retained)
        return Transition::None;
    return Lifecycle::transitionOf(value);
}

bool isLaunchLike(Transition transition)
{
    return Lifecycle::isLaunchLike(transition);
}

QString hookTransitionOf(const QString& state)
{
    return nameOf(Lifecycle::hookTransitionOf(transitionOf(state)));
}

QString transitionLabel(Transition transition)
{
    return labelOf(kTransitionLabels, "LifecycleState", transition);
}

QString transitionId(Transition transition)
{
    return nameOf(transition);
}

QString resultEffect(const QString& result, Transition transition, bool retains)
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
        // On terminate both results end in termination; ABANDON only skips the remaining hooks, unless the group
        // retains: then ABANDON keeps the instance, running, until someone terminates it.
        if (abandon && retains)
            return QCoreApplication::translate(
                "LifecycleState", "remaining hooks skipped, instance retained, not terminated");
        return abandon ? QCoreApplication::translate("LifecycleState", "remaining hooks skipped, instance terminated")
                       : QCoreApplication::translate("LifecycleState", "instance terminated");
    }
    return {};
}

bool isRetained(const QString& state)
{
    return Lifecycle::phaseOf(Lifecycle::parseState(state)) == Phase::Retained;
}

QString retainedNote()
{
    return QCoreApplication::translate(
        "LifecycleState", "retained, not terminated: waiting for someone to terminate it");
}

QString retentionPolicyText(bool retains)
{
    return retains ? QCoreApplication::translate("LifecycleState", "ABANDON on termination: retained, not terminated")
                   : QCoreApplication::translate("LifecycleState", "ABANDON on termination: terminated");
}

} // namespace LifecycleState
