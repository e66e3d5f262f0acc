// InventoryStore fed by hand (tests, benchmarks): the answers of a refresh applied without a network, through the
// same code the network answers take. Apart from inventorystore.cpp so that file keeps to the network path.
#include "inventorystore.h"

void InventoryStore::beginRefreshForTesting()
{
    if (m_fullRefreshRunning)
        return;
    m_fullRefreshRunning = true;
    m_refreshOk = true;
    m_refreshThrottled = false;
    m_errors.clear();
    m_fallbackDone = true; // answers fed by hand: nothing to look up
    ++m_inFlight; // a call that stays open until endRefreshForTesting(): answers arrive "during" the refresh
    Q_EMIT refreshStarted();
}

void InventoryStore::applyGroupsForTesting(const QList<AutoScalingGroup>& groups, const QStringList& requested)
{
    applyGroups(groups, false, requested);
}

void InventoryStore::applyDetailsForTesting(
    const QString& groupName, const QList<LifecycleHook>& hooks, const QList<ScalingActivity>& activities)
{
    setHooks(groupName, hooks);
    setActivities(groupName, activities);
}

void InventoryStore::endRefreshForTesting()
{
    if (!m_fullRefreshRunning)
        return;
    callDone({}); // closes the open call: flushes the pending list, then refreshFinished
}
