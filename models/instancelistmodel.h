#pragma once

#include "autoscalingtypes.h"
#include "rowsyncmodel.h"

#include <QString>

class InventoryStore;

// Instances of one group (or of every group when the group name is empty). Columns: Instance, Group, State,
// Health, Type, Zone, Protected.
class InstanceListModel : public RowSyncModel<GroupInstance> {
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
    };
    Q_ENUM(Role)

    explicit InstanceListModel(InventoryStore* store, QObject* parent = nullptr);

    QString groupName() const { return m_groupName; }
    // Switching groups resets the model (different content); refreshes of the same group update in place.
    void setGroupName(const QString& groupName);

    QHash<int, QByteArray> roleNames() const override;

    GroupInstance instanceAt(int row) const { return rowValue(row); }

protected:
    QVariant cell(const GroupInstance& instance, const QModelIndex& index, int role) const override;

private:
    QList<GroupInstance> collect() const;
    void sync();

    InventoryStore* m_store;
    QString m_groupName;
};
