#include "hooklistmodel.h"

#include "enumrolenames.h"
#include "inventorystore.h"

#include <array>

using namespace Qt::StringLiterals;

namespace {
constexpr std::array<const char*, HookListModel::ColumnCount> columnTitles = {
    QT_TRANSLATE_NOOP("HookListModel", "Hook"),
    QT_TRANSLATE_NOOP("HookListModel", "Group"),
    QT_TRANSLATE_NOOP("HookListModel", "Transition"),
    QT_TRANSLATE_NOOP("HookListModel", "Heartbeat timeout"),
    QT_TRANSLATE_NOOP("HookListModel", "Global timeout"),
    QT_TRANSLATE_NOOP("HookListModel", "Default"),
    QT_TRANSLATE_NOOP("HookListModel", "Notification target"),
};
} // namespace

HookListModel::HookListModel(InventoryStore* store, QObject* parent)
    : GroupRowsModel(store, Details::OnDemand, columnTitles, parent)
{
    watch({ &InventoryStore::hooksChanged, &InventoryStore::groupRemoved, &InventoryStore::groupAdded });
    resetBlocks();
}

bool HookListModel::isLoaded() const
{
    if (groupName().isEmpty())
        return store()->hasLoaded();
    const GroupSnapshot* snapshot = store()->group(groupName());
    return snapshot && snapshot->hooksLoaded;
}

QString HookListModel::formatTimeout(int seconds)
{
    // Written the way the window writes durations everywhere else (the details pane, the hook editor): "8 h 20 min",
    // never "500 min" in one place and "8 h 20 min" in another.
    const int hours = seconds / 3600;
    const int minutes = (seconds % 3600) / 60;
    if (seconds >= 3600)
        return minutes == 0 ? tr("%1 h").arg(hours) : tr("%1 h %2 min").arg(hours).arg(minutes);
    if (seconds >= 60)
        return seconds % 60 == 0 ? tr("%1 min").arg(minutes) : tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
    return tr("%1 s").arg(seconds);
}

QList<LifecycleHook> HookListModel::rowsOf(const GroupSnapshot& snapshot) const
{
    return snapshot.hooks;
}

QVariant HookListModel::cell(const LifecycleHook& hook, const QModelIndex& index, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return hook.name;
        case GroupColumn:
            return hook.groupName;
        case TransitionColumn:
            return hook.isLaunching() ? tr("launch") : tr("terminate");
        case HeartbeatTimeoutColumn:
            return formatTimeout(hook.heartbeatTimeout);
        case GlobalTimeoutColumn:
            return formatTimeout(hook.globalTimeout);
        case DefaultResultColumn:
            return hook.defaultResult;
        case TargetColumn:
            return hook.notificationTargetArn;
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case HeartbeatTimeoutColumn:
            return hook.heartbeatTimeout;
        case GlobalTimeoutColumn:
            return hook.globalTimeout;
        case TransitionColumn:
            return hook.transition;
        }
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == TransitionColumn)
            return hook.transition;
        if (index.column() == TargetColumn && !hook.roleArn.isEmpty())
            return tr("Role: %1").arg(hook.roleArn);
        return {};
    case HookNameRole:
        return hook.name;
    case GroupNameRole:
        return hook.groupName;
    case TransitionRole:
        return hook.transition;
    case HeartbeatTimeoutRole:
        return hook.heartbeatTimeout;
    case GlobalTimeoutRole:
        return hook.globalTimeout;
    case DefaultResultRole:
        return hook.defaultResult;
    case NotificationTargetRole:
        return hook.notificationTargetArn;
    case RoleArnRole:
        return hook.roleArn;
    case MetadataRole:
        return hook.notificationMetadata;
    case HookRole:
        return QVariant::fromValue(hook);
    }
    return {};
}

QHash<int, QByteArray> HookListModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}
