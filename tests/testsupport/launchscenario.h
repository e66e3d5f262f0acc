#pragma once

// The scenario the action tests (models/ ActionController and hookdesk-cli) share, with its helper: two groups
// with launch hooks, so that one instance waits on two hooks and bulk actions have several instances to act on.
#include "simulator.h"

#include <QByteArray>
#include <QStringList>

namespace LaunchScenario {

// web: two launch hooks (an instance waits on both); api: one launch hook; three instances waiting in each.
inline const QByteArray Json = R"({ "groups": [
  { "name": "web", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 600, "defaultResult": "ABANDON" },
               { "name": "register", "transition": "launching", "heartbeatTimeout": 300, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "InService", "count": 1 }, { "state": "Pending:Wait", "elapsed": 60 } ] },
  { "name": "api", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "bootstrap", "transition": "launching", "heartbeatTimeout": 1800, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "Pending:Wait", "count": 3, "elapsed": 100 } ] }
] })";

// IDs of the group's instances in a :Wait state, sorted.
inline QStringList waitingInstances(Simulator& sim, const QString& group)
{
    QStringList ids;
    for (const SimInstanceInfo& info : sim.instances(group)) {
        if (info.lifecycleState.endsWith(QLatin1String(":Wait")))
            ids << info.instanceId;
    }
    ids.sort();
    return ids;
}

// The ID of the group's first InService instance; empty when it has none.
inline QString inServiceInstance(Simulator& sim, const QString& group)
{
    for (const SimInstanceInfo& info : sim.instances(group)) {
        if (info.lifecycleState == QLatin1String("InService"))
            return info.instanceId;
    }
    return {};
}

} // namespace LaunchScenario
