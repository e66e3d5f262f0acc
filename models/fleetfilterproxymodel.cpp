#include "fleetfilterproxymodel.h"

#include "fleetpendingmodel.h"

FleetFilterProxyModel::FleetFilterProxyModel(QObject* parent)
    : PendingFilterProxyModel(parent)
{
}

void FleetFilterProxyModel::setProfile(const QString& profile)
{
    setScope(profile, m_connectionKey, groupName());
}

void FleetFilterProxyModel::setConnectionKey(const QString& key)
{
    setScope(m_profile, key, groupName());
}

void FleetFilterProxyModel::setScope(const QString& profile, const QString& connectionKey, const QString& groupName)
{
    if (profile == m_profile && connectionKey == m_connectionKey && groupName == this->groupName())
        return;
    m_profile = profile;
    m_connectionKey = connectionKey;
    // The base class re-filters when the group changes; make sure it does when only the scope did.
    setGroupName(groupName);
    invalidateFilter();
}

bool FleetFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_profile.isEmpty() && index.data(FleetPendingModel::ProfileRole).toString() != m_profile)
        return false;
    if (!m_connectionKey.isEmpty() && index.data(FleetPendingModel::ConnectionKeyRole).toString() != m_connectionKey)
        return false;
    return PendingFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}
