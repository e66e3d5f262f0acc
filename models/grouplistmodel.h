#pragma once

#include "rowsyncmodel.h"

#include <QString>

class InventoryStore;

// Groups of the inventory with instance and waiting counts, and an "All groups" row first (row 0) whose counts
// are the totals. Columns: Name, Instances, Waiting.
class GroupListModel : public RowSyncModel {
    Q_OBJECT
public:
    enum Column { NameColumn, InstancesColumn, WaitingColumn, ColumnCount };
    enum Role {
        GroupNameRole = Qt::UserRole + 1, // QString; empty for the "All groups" row
        IsAllGroupsRole, // bool
        InstanceCountRole, // int
        WaitingCountRole, // int: instances in *:Wait
        MinSizeRole,
        DesiredCapacityRole,
        MaxSizeRole,
        StatusRole, // QString, e.g. "Delete in progress"
        SortRole, // value to sort by for the column; keeps "All groups" first in ascending order
    };
    Q_ENUM(Role)

    explicit GroupListModel(InventoryStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Row of a group (0 for the empty name = "All groups"), -1 when absent.
    int rowOf(const QString& groupName) const;

public:
    struct Row {
        QString name;
        int instances = 0;
        int waiting = 0;
        int minSize = 0;
        int desired = 0;
        int maxSize = 0;
        QString status;
        friend bool operator==(const Row&, const Row&) = default;
    };

private:
    void sync();

    InventoryStore* m_store;
    Row m_all;
    QList<Row> m_rows; // after the "All groups" row
};
