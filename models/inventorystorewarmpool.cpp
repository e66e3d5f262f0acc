// Warm pools in the InventoryStore: DescribeWarmPool for the groups that have one, and their instances kept in the
// group's instance list (marked inWarmPool) between reads. Apart from inventorystore.cpp and
// inventorystorerefresh.cpp, which know groups, hooks and activities only.
#include "autoscalingclient.h"
#include "deadlineestimator.h"
#include "inventorystore.h"
#include "jobhelpers.h"
#include "lifecyclestate.h"

using namespace Qt::StringLiterals;

void InventoryStore::queueWarmPool(const QString& groupName, const std::function<void()>& done)
{
    if (!client()) {
        if (done)
            QMetaObject::invokeMethod(this, done, Qt::QueuedConnection);
        return;
    }
    enqueue([this, groupName, done] {
        whenFinished(client()->describeWarmPool(groupName), this,
            [this, groupName, done](const AwsError& error, const WarmPool& pool, const QString&) {
                if (!error.isError())
                    setWarmPool(groupName, pool);
                callDone(error);
                if (done)
                    done();
            });
    });
}

void InventoryStore::setWarmPool(const QString& groupName, const WarmPool& pool)
{
    const auto it = m_groups.find(groupName);
    if (it == m_groups.end())
        return;
    QList<GroupInstance> warm = pool.instances;
    for (GroupInstance& instance : warm) {
        instance.inWarmPool = true;
        if (instance.groupName.isEmpty())
            instance.groupName = groupName;
        m_estimator->observe(instance.instanceId, instance.lifecycleState);
    }
    it->warmPoolLoaded = true;
    it->warmPoolInstances = warm;
    QList<GroupInstance> instances;
    for (const GroupInstance& instance : std::as_const(it->group.instances)) {
        if (!instance.inWarmPool)
            instances.append(instance);
    }
    instances += warm;
    // DescribeWarmPool's configuration is as fresh as the group's (a PendingDelete shows here first).
    const std::optional<WarmPoolConfiguration> configuration
        = pool.configuration ? pool.configuration : it->group.warmPool;
    if (instances == it->group.instances && configuration == it->group.warmPool)
        return;
    it->group.instances = instances;
    it->group.warmPool = configuration;
    // A wait in the pool needs the group's hooks to say what it waits on.
    if (!it->hooksLoaded && it->hasPendingInstances())
        queueHooks(groupName);
    Q_EMIT groupChanged(groupName);
    Q_EMIT changesApplied(isRefreshing());
    pendingInputsChanged();
}

void InventoryStore::carryWarmPool(AutoScalingGroup& group) const
{
    // A listing without instances reuses the known ones, pool instances included: never twice.
    group.instances.removeIf([](const GroupInstance& instance) { return instance.inWarmPool; });
    const auto it = m_groups.constFind(group.name);
    if (!group.warmPool || it == m_groups.cend())
        return; // no pool (any more): its instances go with it
    group.instances += it->warmPoolInstances;
}

void InventoryStore::queueWarmPoolReads(const QSet<QString>& seen, const QStringList& addedOrChanged)
{
    // Only while a refresh runs: refreshGroup() reads the pool with the group's details.
    if (!m_fullRefreshRunning || !client())
        return;
    for (const QString& name : seen) {
        const auto it = m_groups.constFind(name);
        if (it == m_groups.cend() || !it->group.warmPool)
            continue;
        const bool waiting = std::any_of(it->warmPoolInstances.cbegin(), it->warmPoolInstances.cend(),
            [](const GroupInstance& instance) { return LifecycleState::isPendingState(instance.lifecycleState); });
        if (m_runningKind == RefreshKind::Full || addedOrChanged.contains(name) || m_feedNamed.contains(name) || waiting
            || !it->warmPoolLoaded)
            queueWarmPool(name);
    }
}
