#pragma once

#include "autoscalingtypes.h"
#include "grouprowsmodel.h"

#include <QString>

// Instances of one group (or of every group when the group name is empty). Columns: Instance, Group, State,
// Health, Type, Zone, Protected.
class InstanceListModel : public GroupRowsModel<GroupInstance> {
    Q_OBJECT
public:
    enum Column {
        InstanceColumn,
        GroupColumn,
        StateColumn,
        HealthColumn,
        TypeColumn,
        ZoneColumn,
        ProtectedColumn,
        ColumnCount
    };
    enum Role {
        InstanceIdRole = Qt::UserRole + 1,
        GroupNameRole,
        LifecycleStateRole,
        IsWaitingRole, // bool: *:Wait
        IsTransitionalRole, // bool: *:Proceed, Terminating:Retained
        HealthStatusRole,
        SortRole,
        IsRetainedRole, // bool: Terminating:Retained (or a warm pool's :Retained), waiting for a termination
    };
    Q_ENUM(Role)

    explicit InstanceListModel(InventoryStore* store, QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    GroupInstance instanceAt(int row) const { return rowValue(row); }

protected:
    QList<GroupInstance> rowsOf(const GroupSnapshot& snapshot) const override;
    QString keyOf(const GroupInstance& instance) const override { return instance.instanceId; }
    QVariant cell(const GroupInstance& instance, const QModelIndex& index, int role) const override;
};
