#include "instancelistmodel.h"

#include "enumrolenames.h"
#include "inventorystore.h"
#include "lifecyclestate.h"

using namespace Qt::StringLiterals;

InstanceListModel::InstanceListModel(InventoryStore* store, QObject* parent)
    : RowSyncModel(parent)
    , m_store(store)
{
    for (auto signal : { &InventoryStore::groupAdded, &InventoryStore::groupRemoved, &InventoryStore::groupChanged })
        connect(m_store, signal, this, &InstanceListModel::sync);
    sync();
}

void InstanceListModel::setGroupName(const QString& groupName)
{
    if (groupName == m_groupName)
        return;
    m_groupName = groupName;
    resetRows(m_rows, collect());
}

QList<GroupInstance> InstanceListModel::collect() const
{
    QList<GroupInstance> result;
    for (const GroupSnapshot* snapshot : m_store->groups()) {
        if (m_groupName.isEmpty() || snapshot->group.name == m_groupName)
            result.append(snapshot->group.instances);
    }
    return result;
}

void InstanceListModel::sync()
{
    syncRows(m_rows, collect(), [](const GroupInstance& instance) { return instance.instanceId; });
}

int InstanceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InstanceListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InstanceListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GroupInstance& instance = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case InstanceColumn:
            return instance.instanceId;
        case GroupColumn:
            return instance.groupName;
        case StateColumn:
            return instance.lifecycleState;
        case HealthColumn:
            return instance.healthStatus;
        case TypeColumn:
            return instance.instanceType;
        case ZoneColumn:
            return instance.availabilityZone;
        case ProtectedColumn:
            if (role == SortRole)
                return instance.protectedFromScaleIn;
            return instance.protectedFromScaleIn ? tr("protected") : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ProtectedColumn && instance.protectedFromScaleIn)
            return tr("Protected from scale in");
        return {};
    case InstanceIdRole:
        return instance.instanceId;
    case GroupNameRole:
        return instance.groupName;
    case LifecycleStateRole:
        return instance.lifecycleState;
    case IsWaitingRole:
        return LifecycleState::isWait(instance.lifecycleState);
    case IsTransitionalRole:
        return LifecycleState::isTransitional(instance.lifecycleState);
    case HealthStatusRole:
        return instance.healthStatus;
    }
    return {};
}

QVariant InstanceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case InstanceColumn:
        return tr("Instance");
    case GroupColumn:
        return tr("Group");
    case StateColumn:
        return tr("State");
    case HealthColumn:
        return tr("Health");
    case TypeColumn:
        return tr("Type");
    case ZoneColumn:
        return tr("Zone");
    case ProtectedColumn:
        return tr("Scale-in");
    }
    return {};
}

QHash<int, QByteArray> InstanceListModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}
