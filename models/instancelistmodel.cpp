#include "instancelistmodel.h"

#include "enumrolenames.h"
#include "inventorystore.h"
#include "lifecyclestate.h"

#include <array>

using namespace Qt::StringLiterals;

namespace {
constexpr std::array<const char*, InstanceListModel::ColumnCount> columnTitles = {
    QT_TRANSLATE_NOOP("InstanceListModel", "Instance"),
    QT_TRANSLATE_NOOP("InstanceListModel", "Group"),
    QT_TRANSLATE_NOOP("InstanceListModel", "State"),
    QT_TRANSLATE_NOOP("InstanceListModel", "Health"),
    QT_TRANSLATE_NOOP("InstanceListModel", "Type"),
    QT_TRANSLATE_NOOP("InstanceListModel", "Zone"),
    QT_TRANSLATE_NOOP("InstanceListModel", "Scale-in"),
};
} // namespace

InstanceListModel::InstanceListModel(InventoryStore* store, QObject* parent)
    : GroupRowsModel(store, Details::ComeWithGroups, columnTitles, parent)
{
    watch({ &InventoryStore::groupAdded, &InventoryStore::groupRemoved, &InventoryStore::groupChanged });
    resetBlocks();
}

QList<GroupInstance> InstanceListModel::rowsOf(const GroupSnapshot& snapshot) const
{
    return snapshot.group.instances;
}

QVariant InstanceListModel::cell(const GroupInstance& instance, const QModelIndex& index, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case InstanceColumn:
            return instance.instanceId;
        case GroupColumn:
            return instance.groupName;
        case StateColumn:
            // Said beside the state: a retained instance runs, and is billed, until someone terminates it.
            if (role == Qt::DisplayRole && LifecycleState::isRetained(instance.lifecycleState))
                return tr("%1 — %2").arg(instance.lifecycleState, LifecycleState::retainedNote());
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
        if (index.column() == StateColumn && LifecycleState::isRetained(instance.lifecycleState))
            return tr("A terminating hook of %1 was abandoned and the group's instance lifecycle policy retains "
                      "such instances: %2 keeps running until someone terminates it.")
                .arg(instance.groupName, instance.instanceId);
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
    case IsRetainedRole:
        return LifecycleState::isRetained(instance.lifecycleState);
    case HealthStatusRole:
        return instance.healthStatus;
    }
    return {};
}

QHash<int, QByteArray> InstanceListModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}
