#pragma once

#include "autoscalingtypes.h"
#include "grouprowsmodel.h"

#include <QHash>
#include <QString>

// Recent scaling activities of one group (all loaded groups when empty). Columns: Start, Group, Status,
// Description, Cause.
class ActivityModel : public GroupRowsModel<ScalingActivity> {
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

    QHash<int, QByteArray> roleNames() const override;

    // A line of Hookdesk's own among the group's activities (a timeout it noticed, issue 18 item 6). It stays for
    // the life of the model; its activityId must be unique.
    void addNote(const ScalingActivity& note);

protected:
    QList<ScalingActivity> rowsOf(const GroupSnapshot& snapshot) const override;
    QString keyOf(const ScalingActivity& activity) const override { return activity.activityId; }
    QVariant cell(const ScalingActivity& activity, const QModelIndex& index, int role) const override;

private:
    QHash<QString, QList<ScalingActivity>> m_notes; // group → notes, newest last
};
