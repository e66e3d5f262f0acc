#include "warmpoolhook.h"

#include "lifecyclestate.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace WarmPoolHook {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("WarmPoolHook", text);
}

QString transitionOfPath(Path path)
{
    switch (path) {
    case Path::IntoPool:
        return QString::fromLatin1(Lifecycle::Names::Launching);
    case Path::ReturningOnScaleIn:
        return QString::fromLatin1(Lifecycle::Names::Terminating);
    case Path::Unknown:
        break;
    }
    return {};
}

// What the newest warm-pool activity naming the instance says: launched into the pool, or returned to it. AWS words
// the first "Launching a new EC2 instance into warm pool: i-…"; a return on scale in names the warm pool and a
// return. Leaving the pool ("… from warm pool") or being terminated from it says nothing about a Warmed:Pending wait.
Path pathFromActivities(const QString& instanceId, const QList<ScalingActivity>& activities)
{
    const ScalingActivity* newest = nullptr;
    Path path = Path::Unknown;
    for (const ScalingActivity& activity : activities) {
        if (!activity.description.contains(instanceId)
            || !activity.description.contains("warm pool"_L1, Qt::CaseInsensitive))
            continue;
        Path candidate = Path::Unknown;
        if (activity.description.contains("into warm pool"_L1, Qt::CaseInsensitive))
            candidate = Path::IntoPool;
        else if (activity.description.contains("return"_L1, Qt::CaseInsensitive))
            candidate = Path::ReturningOnScaleIn;
        if (candidate == Path::Unknown)
            continue;
        if (!newest || activity.startTime > newest->startTime) {
            newest = &activity;
            path = candidate;
        }
    }
    return path;
}

Path pathFromHooks(const QList<LifecycleHook>& hooks, bool hooksLoaded)
{
    if (!hooksLoaded || hooks.isEmpty())
        return Path::Unknown;
    const bool anyLaunch
        = std::any_of(hooks.cbegin(), hooks.cend(), [](const LifecycleHook& h) { return h.isLaunching(); });
    const bool anyTerminate
        = std::any_of(hooks.cbegin(), hooks.cend(), [](const LifecycleHook& h) { return !h.isLaunching(); });
    if (anyLaunch == anyTerminate)
        return Path::Unknown;
    return anyLaunch ? Path::IntoPool : Path::ReturningOnScaleIn;
}

} // namespace

Decision decide(const QString& instanceId, const QList<LifecycleHook>& hooks, bool hooksLoaded,
    const QList<ScalingActivity>& activities)
{
    const Path byActivity = pathFromActivities(instanceId, activities);
    const Path byHooks = pathFromHooks(hooks, hooksLoaded);
    Decision decision;
    if (byActivity != Path::Unknown && byHooks != Path::Unknown && byActivity != byHooks) {
        decision.reason = tr("unknown: the scaling activity and the group's hooks disagree");
        return decision;
    }
    decision.path = byActivity != Path::Unknown ? byActivity : byHooks;
    decision.hookTransition = transitionOfPath(decision.path);
    if (byActivity == Path::IntoPool)
        decision.reason = tr("launched into the warm pool (scaling activity): its launch hooks");
    else if (byActivity == Path::ReturningOnScaleIn)
        decision.reason = tr("returning to the warm pool on scale in (scaling activity): its terminate hooks");
    else if (byHooks == Path::IntoPool)
        decision.reason = tr("the group has only launch hooks");
    else if (byHooks == Path::ReturningOnScaleIn)
        decision.reason = tr("the group has only terminate hooks");
    else
        decision.reason = tr("unknown: neither the scaling activities nor the group's hooks tell whether it is "
                             "launching into the warm pool or returning to it on scale in");
    return decision;
}

QString hookTransitionFor(const GroupInstance& instance, const QList<LifecycleHook>& hooks, bool hooksLoaded,
    const QList<ScalingActivity>& activities)
{
    if (LifecycleState::transitionOf(instance.lifecycleState) == Lifecycle::Transition::WarmPoolLaunch)
        return decide(instance.instanceId, hooks, hooksLoaded, activities).hookTransition;
    return LifecycleState::hookTransitionOf(instance.lifecycleState);
}

QString pathId(Path path)
{
    switch (path) {
    case Path::IntoPool:
        return u"into-pool"_s;
    case Path::ReturningOnScaleIn:
        return u"returning-on-scale-in"_s;
    case Path::Unknown:
        break;
    }
    return u"unknown"_s;
}

} // namespace WarmPoolHook
