#include "activitymodel.h"

#include "enumrolenames.h"
#include "inventorystore.h"

#include <QLocale>
#include <array>

using namespace Qt::StringLiterals;

namespace {
constexpr std::array<const char*, ActivityModel::ColumnCount> columnTitles = {
    QT_TRANSLATE_NOOP("ActivityModel", "Start"),
    QT_TRANSLATE_NOOP("ActivityModel", "Group"),
    QT_TRANSLATE_NOOP("ActivityModel", "Status"),
    QT_TRANSLATE_NOOP("ActivityModel", "Description"),
    QT_TRANSLATE_NOOP("ActivityModel", "Cause"),
};
} // namespace

ActivityModel::ActivityModel(InventoryStore* store, QObject* parent)
    : GroupRowsModel(store, Details::OnDemand, columnTitles, parent)
{
    watch({ &InventoryStore::activitiesChanged, &InventoryStore::groupRemoved, &InventoryStore::groupAdded });
    resetBlocks();
}

QList<ScalingActivity> ActivityModel::rowsOf(const GroupSnapshot& snapshot) const
{
    const auto notes = m_notes.constFind(snapshot.group.name);
    return notes == m_notes.cend() ? snapshot.activities : *notes + snapshot.activities;
}

void ActivityModel::addNote(const ScalingActivity& note)
{
    m_notes[note.groupName].append(note);
    if (showsGroup(note.groupName))
        resyncGroup(note.groupName);
}

QVariant ActivityModel::cell(const ScalingActivity& activity, const QModelIndex& index, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StartColumn:
            return QLocale().toString(activity.startTime.toLocalTime(), QLocale::ShortFormat);
        case GroupColumn:
            return activity.groupName;
        case StatusColumn:
            return activity.statusCode;
        case DescriptionColumn:
            return activity.description;
        case CauseColumn:
            return activity.cause;
        }
        return {};
    case SortRole:
        if (index.column() == StartColumn)
            return activity.startTime;
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && !activity.statusMessage.isEmpty())
            return activity.statusMessage;
        if (index.column() == CauseColumn || index.column() == DescriptionColumn)
            return data(index, Qt::DisplayRole);
        return {};
    case ActivityIdRole:
        return activity.activityId;
    case GroupNameRole:
        return activity.groupName;
    case StartTimeRole:
        return activity.startTime;
    case EndTimeRole:
        return activity.endTime;
    case StatusCodeRole:
        return activity.statusCode;
    case StatusMessageRole:
        return activity.statusMessage;
    case ProgressRole:
        return activity.progress;
    }
    return {};
}

QHash<int, QByteArray> ActivityModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}
