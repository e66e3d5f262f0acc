#pragma once

#include "autoscalingtypes.h"
#include "grouprowsmodel.h"

#include <QString>

// Lifecycle hooks of one group (every group's loaded hooks when the name is empty). Setting a group whose hooks
// are not loaded asks the store to load them (on demand). Columns: Hook, Group, Transition, Heartbeat timeout,
// Global timeout, Default result, Notification target.
class HookListModel : public GroupRowsModel<LifecycleHook> {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        GroupColumn,
        TransitionColumn,
        HeartbeatTimeoutColumn,
        GlobalTimeoutColumn,
        DefaultResultColumn,
        TargetColumn,
        ColumnCount
    };
    enum Role {
        HookNameRole = Qt::UserRole + 1,
        GroupNameRole,
        TransitionRole, // API value: autoscaling:EC2_INSTANCE_LAUNCHING
        HeartbeatTimeoutRole, // int seconds
        GlobalTimeoutRole, // int seconds
        DefaultResultRole,
        NotificationTargetRole,
        RoleArnRole,
        MetadataRole,
        HookRole, // QVariant::fromValue(LifecycleHook)
        SortRole,
    };
    Q_ENUM(Role)

    explicit HookListModel(InventoryStore* store, QObject* parent = nullptr);

    // False while the group's hooks have not been loaded yet (the view says "loading…" instead of "no hooks").
    bool isLoaded() const;

    QHash<int, QByteArray> roleNames() const override;

    LifecycleHook hookAt(int row) const { return rowValue(row); }

    // "1 h", "30 min", "48 h", "90 s" — shared by the views and the CLI.
    static QString formatTimeout(int seconds);

protected:
    QList<LifecycleHook> rowsOf(const GroupSnapshot& snapshot) const override;
    QString keyOf(const LifecycleHook& hook) const override { return hook.name; } // unique within its group
    QVariant cell(const LifecycleHook& hook, const QModelIndex& index, int role) const override;
};

Q_DECLARE_METATYPE(LifecycleHook)
