#pragma once

#include "autoscalingtypes.h"

#include <QList>
#include <QString>

// Which hooks a warm-pool instance in Warmed:Pending:* waits on. The state name does not say (design.md §3): a new
// instance on its way into the pool waits there on the group's launch hooks, but with InstanceReusePolicy
// ReuseOnScaleIn an instance returning to the pool on scale in waits in the same state on its terminate hooks.
// Decided from what the inventory knows, never guessed: the scaling activity that moved the instance ("Launching a
// new EC2 instance into warm pool: i-…" or one returning it to the pool), and the group's hooks (when they are all
// launch hooks, or all terminate hooks, only one kind can be waited on). When neither tells, or they disagree, the
// answer is "unknown" and actions that need a hook name are not offered.
namespace WarmPoolHook {

enum class Path {
    Unknown,
    IntoPool, // launched into the pool: the launch hooks
    ReturningOnScaleIn, // back from the group on scale in (ReuseOnScaleIn): the terminate hooks
};

struct Decision {
    Path path = Path::Unknown;
    QString hookTransition; // Lifecycle::Names::Launching / ::Terminating; empty when unknown
    QString reason; // translated: what decided it, or why nothing could
};

// For an instance in Warmed:Pending, Warmed:Pending:Wait or Warmed:Pending:Proceed; `activities` newest first or in
// any order (the newest one naming the instance and the warm pool counts). `hooksLoaded` false: the hooks say nothing.
Decision decide(const QString& instanceId, const QList<LifecycleHook>& hooks, bool hooksLoaded,
    const QList<ScalingActivity>& activities);

// The hook transition an instance's current state waits on: the decision above for Warmed:Pending:*, the state's own
// otherwise (LifecycleState::hookTransitionOf()); empty when none or unknown.
QString hookTransitionFor(const GroupInstance& instance, const QList<LifecycleHook>& hooks, bool hooksLoaded,
    const QList<ScalingActivity>& activities);

// Stable identifiers for JSON output: "into-pool", "returning-on-scale-in", "unknown".
QString pathId(Path path);

} // namespace WarmPoolHook
