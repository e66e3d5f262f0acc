#pragma once

#include "groupblockmodel.h"

#include <QString>

// One group's line (and the totals of the "All groups" line).
struct GroupListRow {
    QString name;
    int instances = 0;
    int waiting = 0;
    int minSize = 0;
    int desired = 0;
    int maxSize = 0;
    QString status;
    bool retainsOnAbandon = false; // InstanceLifecyclePolicy: an abandoned terminating hook retains the instance
    int retained = 0; // instances in a :Retained state
    QString warmPool; // WarmPoolText::summary(); empty without a pool
    friend bool operator==(const GroupListRow&, const GroupListRow&) = default;
};

// Groups of the inventory with instance and waiting counts, and an "All groups" row first (row 0) whose counts
// are the totals. Columns: Name, Instances, Waiting. Each group is a block of one row (GroupBlockModel).
class GroupListModel : public GroupBlockModel<GroupListRow> {
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
        WarmPoolRole, // QString: the warm pool in words (min size, max prepared capacity, pool state, reuse); empty:
                      // none
        SortRole, // value to sort by for the column; keeps "All groups" first in ascending order
        RetainsOnAbandonRole, // bool: ABANDON on a terminating hook leaves the instance retained, not terminated
        RetainedCountRole, // int: instances retained, waiting for someone to terminate them
    };
    Q_ENUM(Role)

    explicit GroupListModel(InventoryStore* store, QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    // Row of a group (0 for the empty name = "All groups"), -1 when absent.
    int rowOf(const QString& groupName) const;

protected:
    QList<GroupListRow> rowsOf(const GroupSnapshot& snapshot) const override;
    QString keyOf(const GroupListRow& row) const override { return row.name; }
    void rowsApplied() override;
    QVariant cell(const GroupListRow& row, const QModelIndex& index, int role) const override;
};
