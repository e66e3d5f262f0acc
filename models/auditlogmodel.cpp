#include "auditlogmodel.h"

#include "enumrolenames.h"

#include <QLocale>
#include <array>

namespace {
constexpr std::array<const char*, AuditLogModel::ColumnCount> columnTitles = {
    QT_TRANSLATE_NOOP("AuditLogModel", "Time"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Phase"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Action"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Group"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Hook"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Instance"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Result"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Outcome"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Request ID"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Error"),
};
} // namespace

AuditLogModel::AuditLogModel(AuditLog* log, QObject* parent)
    : RowSyncModel(columnTitles, parent)
    , m_log(log)
{
    // The file is the one source of rows, whoever appended to it: this process (recordAppended, emitted once the
    // record is on disk) or another one (reload() after each refresh).
    connect(m_log, &AuditLog::recordAppended, this, &AuditLogModel::reload);
    reload();
}

void AuditLogModel::reload()
{
    // The file only grows, so only the tail past what was read is parsed: a long-lived log does not cost a full
    // parse on every refresh. A rotated or truncated file is read from its start and replaces the rows.
    bool restarted = false;
    int skipped = 0;
    const QList<AuditRecord> records = m_log->readFrom(&m_cursor, &skipped, &restarted);
    if (restarted) {
        resetRows(records);
        m_skipped = 0;
    } else {
        appendRows(records);
    }
    if (skipped > 0) {
        m_skipped += skipped;
        Q_EMIT skippedLinesChanged(m_skipped);
    }
}

QVariant AuditLogModel::cell(const AuditRecord& record, const QModelIndex& index, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(record.time.toLocalTime(), QLocale::ShortFormat);
        case PhaseColumn:
            return record.phase;
        case ActionColumn:
            return record.action;
        case GroupColumn:
            return record.group;
        case HookColumn:
            return record.hook;
        case InstanceColumn:
            return record.instance;
        case ResultColumn:
            return record.result;
        case OutcomeColumn:
            return record.outcome;
        case ErrorColumn:
            return record.error;
        case RequestIdColumn:
            return record.requestId;
        }
        return {};
    case Qt::ToolTipRole:
        if (!record.error.isEmpty())
            return record.error;
        return {};
    case SortRole:
        if (index.column() == TimeColumn)
            return record.time;
        return data(index, Qt::DisplayRole);
    case TimeRole:
        return record.time;
    case PhaseRole:
        return record.phase;
    case ActionRole:
        return record.action;
    case OutcomeRole:
        return record.outcome;
    case ErrorRole:
        return record.error;
    case RecordRole:
        return QVariant::fromValue(record);
    }
    return {};
}

QHash<int, QByteArray> AuditLogModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}
