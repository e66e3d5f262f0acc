#pragma once

#include "autoscalingtypes.h"
#include "inventorystore.h"

#include <QList>
#include <QString>
#include <algorithm>

// Small inventories for model and view tests that feed InventoryStore::setSnapshotForTesting(): one instance, one
// hook, one group whose hooks and activities count as loaded. Defaults are plain (healthy t3.micro in eu-west-1a;
// global timeout 100 × the heartbeat timeout, capped at 48 h as AWS does).
namespace TestSupport {

inline GroupInstance instance(const QString& group, const QString& id, const QString& state)
{
    GroupInstance i;
    i.instanceId = id;
    i.groupName = group;
    i.lifecycleState = state;
    i.healthStatus = QStringLiteral("Healthy");
    i.availabilityZone = QStringLiteral("eu-west-1a");
    i.instanceType = QStringLiteral("t3.micro");
    return i;
}

inline LifecycleHook hook(
    const QString& group, const QString& name, bool launching, int heartbeat, const QString& defaultResult)
{
    LifecycleHook h;
    h.name = name;
    h.groupName = group;
    h.transition = QLatin1String(launching ? LifecycleTransition::Launching : LifecycleTransition::Terminating);
    h.heartbeatTimeout = heartbeat;
    h.globalTimeout = std::min(100 * heartbeat, 172800);
    h.defaultResult = defaultResult;
    return h;
}

inline GroupSnapshot group(
    const QString& name, const QList<GroupInstance>& instances, const QList<LifecycleHook>& hooks)
{
    GroupSnapshot s;
    s.group.name = name;
    s.group.minSize = 1;
    s.group.maxSize = 10;
    s.group.desiredCapacity = int(instances.size());
    s.group.instances = instances;
    s.hooks = hooks;
    s.hooksLoaded = true;
    s.activitiesLoaded = true;
    return s;
}

} // namespace TestSupport
