#include "grouplistmodel.h"

#include "enumrolenames.h"
#include "inventorystore.h"

using namespace Qt::StringLiterals;

GroupListModel::GroupListModel(InventoryStore* store, QObject* parent)
    : RowSyncModel(parent)
    , m_store(store)
{
    for (auto signal : { &InventoryStore::groupAdded, &InventoryStore::groupRemoved, &InventoryStore::groupChanged })
        connect(m_store, signal, this, &GroupListModel::sync);
    sync();
}

int GroupListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

int GroupListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int GroupListModel::rowOf(const QString& groupName) const
{
    if (groupName.isEmpty())
        return 0;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).name == groupName)
            return row + 1;
    }
    return -1;
}

QVariant GroupListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool all = index.row() == 0;
    const Row& row = all ? m_all : m_rows.at(index.row() - 1);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return all ? tr("All groups") : row.name;
        case InstancesColumn:
            return row.instances;
        case WaitingColumn:
            return row.waiting;
        }
        return {};
    case Qt::ToolTipRole:
        if (all)
            return tr("%n instance(s) waiting across all groups", nullptr, row.waiting);
        return tr("%1: min %2, desired %3, max %4; %n instance(s) waiting", nullptr, row.waiting)
            .arg(row.name)
            .arg(row.minSize)
            .arg(row.desired)
            .arg(row.maxSize);
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case GroupNameRole:
        return row.name;
    case IsAllGroupsRole:
        return all;
    case InstanceCountRole:
        return row.instances;
    case WaitingCountRole:
        return row.waiting;
    case MinSizeRole:
        return row.minSize;
    case DesiredCapacityRole:
        return row.desired;
    case MaxSizeRole:
        return row.maxSize;
    case StatusRole:
        return row.status;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            // "All groups" sorts before every name (ascending).
            return all ? QString() : u" "_s + row.name;
        case InstancesColumn:
            return all ? -1 : row.instances;
        case WaitingColumn:
            return all ? -1 : row.waiting;
        }
        return {};
    }
    return {};
}

QVariant GroupListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Group");
    case InstancesColumn:
        return tr("Instances");
    case WaitingColumn:
        return tr("Waiting");
    }
    return {};
}

QHash<int, QByteArray> GroupListModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}

void GroupListModel::sync()
{
    QList<Row> fresh;
    Row all;
    for (const GroupSnapshot* snapshot : m_store->groups()) {
        Row row { snapshot->group.name, snapshot->instanceCount(), snapshot->waitingCount(), snapshot->group.minSize,
            snapshot->group.desiredCapacity, snapshot->group.maxSize, snapshot->group.status };
        all.instances += row.instances;
        all.waiting += row.waiting;
        fresh.append(row);
    }
    syncRows(
        m_rows, fresh, [](const Row& row) { return row.name; }, 1);
    if (!(all == m_all)) {
        m_all = all;
        Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1));
    }
}
