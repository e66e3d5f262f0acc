#include "auditlogmodel.h"

#include "enumrolenames.h"

#include <QLocale>

AuditLogModel::AuditLogModel(AuditLog* log, QObject* parent)
    : QAbstractTableModel(parent)
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
    const QList<AuditRecord> records = m_log->readFrom(&m_offset, nullptr, &restarted);
    if (restarted) {
        beginResetModel();
        m_rows = records;
        endResetModel();
        return;
    }
    append(records);
}

void AuditLogModel::append(const QList<AuditRecord>& records)
{
    if (records.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(records.size()) - 1);
    m_rows.append(records);
    endInsertRows();
}

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRecord& record = m_rows.at(index.row());
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

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case PhaseColumn:
        return tr("Phase");
    case ActionColumn:
        return tr("Action");
    case GroupColumn:
        return tr("Group");
    case HookColumn:
        return tr("Hook");
    case InstanceColumn:
        return tr("Instance");
    case ResultColumn:
        return tr("Result");
    case OutcomeColumn:
        return tr("Outcome");
    case RequestIdColumn:
        return tr("Request ID");
    }
    return {};
}

QHash<int, QByteArray> AuditLogModel::roleNames() const
{
    return withEnumRoleNames<Role>(QAbstractTableModel::roleNames());
}
