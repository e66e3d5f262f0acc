#include "grouplistmodel.h"

#include "enumrolenames.h"
#include "inventorystore.h"
#include "lifecyclestate.h"
#include "warmpooltext.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace {
// Only a group that retains says so: the policy is rare, and "terminated" is what every other group does.
QString retentionToolTip(const GroupListRow& row)
{
    if (!row.retainsOnAbandon && row.retained == 0)
        return {};
    QString text = u"\n"_s + LifecycleState::retentionPolicyText(row.retainsOnAbandon);
    if (row.retained > 0)
        text += u"\n"_s
            + QCoreApplication::translate("GroupListModel",
                "%n instance(s) retained, waiting for someone to terminate them", nullptr, row.retained);
    return text;
}

constexpr std::array<const char*, GroupListModel::ColumnCount> columnTitles = {
    QT_TRANSLATE_NOOP("GroupListModel", "Group"),
    QT_TRANSLATE_NOOP("GroupListModel", "Instances"),
    QT_TRANSLATE_NOOP("GroupListModel", "Waiting"),
};
} // namespace

GroupListModel::GroupListModel(InventoryStore* store, QObject* parent)
    : GroupBlockModel(store, columnTitles, parent)
{
    setPinnedRows({ GroupListRow() }); // "All groups"
    watch({ &InventoryStore::groupAdded, &InventoryStore::groupRemoved, &InventoryStore::groupChanged });
    resetBlocks();
}

int GroupListModel::rowOf(const QString& groupName) const
{
    if (groupName.isEmpty())
        return 0;
    for (int row = 0; row < rows().size(); ++row) {
        if (rows().at(row).name == groupName)
            return row + pinnedCount();
    }
    return -1;
}

QVariant GroupListModel::cell(const GroupListRow& row, const QModelIndex& index, int role) const
{
    const bool all = index.row() < pinnedCount(); // the "All groups" row
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
        {
            QString tip = tr("%1: min %2, desired %3, max %4; %n instance(s) waiting", nullptr, row.waiting)
                              .arg(row.name)
                              .arg(row.minSize)
                              .arg(row.desired)
                              .arg(row.maxSize);
            if (!row.warmPool.isEmpty())
                tip += u"\n"_s + row.warmPool;
            return QString(tip + retentionToolTip(row));
        }
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
    case RetainsOnAbandonRole:
        return row.retainsOnAbandon;
    case RetainedCountRole:
        return row.retained;
    case WarmPoolRole:
        return row.warmPool;
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

QHash<int, QByteArray> GroupListModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}

QList<GroupListRow> GroupListModel::rowsOf(const GroupSnapshot& snapshot) const
{
    const auto& instances = snapshot.group.instances;
    const int retained = int(std::count_if(instances.cbegin(), instances.cend(),
        [](const GroupInstance& instance) { return LifecycleState::isRetained(instance.lifecycleState); }));
    return { { snapshot.group.name, snapshot.instanceCount(), snapshot.waitingCount(), snapshot.group.minSize,
        snapshot.group.desiredCapacity, snapshot.group.maxSize, snapshot.group.status,
        snapshot.group.retainsOnTerminateAbandon(), retained, WarmPoolText::summary(snapshot.group) } };
}

void GroupListModel::rowsApplied()
{
    // The totals: a sum of two integers per group once per batch, not a walk over the instances.
    GroupListRow all;
    for (const GroupListRow& row : rows()) {
        all.instances += row.instances;
        all.waiting += row.waiting;
    }
    setPinnedRows({ all });
}
