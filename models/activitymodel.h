#pragma once

#include "autoscalingtypes.h"
#include "rowsyncmodel.h"

#include <QString>

class InventoryStore;

// Recent scaling activities of one group (all loaded groups when empty). Columns: Start, Group, Status,
// Description, Cause.
class ActivityModel : public RowSyncModel<ScalingActivity> {
    Q_OBJECT
public:
    enum Column { StartColumn, GroupColumn, StatusColumn, DescriptionColumn, CauseColumn, ColumnCount };
    enum Role {
        ActivityIdRole = Qt::UserRole + 1,
        GroupNameRole,
        StartTimeRole, // QDateTime UTC
        EndTimeRole,
        StatusCodeRole,
        StatusMessageRole,
        ProgressRole,
        SortRole,
    };
    Q_ENUM(Role)

    explicit ActivityModel(InventoryStore* store, QObject* parent = nullptr);

    QString groupName() const { return m_groupName; }
    void setGroupName(const QString& groupName);

    QHash<int, QByteArray> roleNames() const override;

protected:
    QVariant cell(const ScalingActivity& activity, const QModelIndex& index, int role) const override;

private:
    QList<ScalingActivity> collect() const;
    void sync();

    InventoryStore* m_store;
    QString m_groupName;
};
