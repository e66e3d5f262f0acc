#include "auditlogmodel.h"

#include "enumrolenames.h"

#include <QLocale>

AuditLogModel::AuditLogModel(AuditLog* log, QObject* parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    connect(m_log, &AuditLog::recordAppended, this, [this](const AuditRecord& record) { append({ record }); });
    append(m_log->readAll());
}

void AuditLogModel::reload()
{
    // The file only grows: what another process appended is the tail past the rows we hold.
    const QList<AuditRecord> all = m_log->readAll();
    if (all.size() < m_rows.size() || !std::equal(m_rows.cbegin(), m_rows.cend(), all.cbegin())) {
        beginResetModel(); // rotated or edited by hand
        m_rows = all;
        endResetModel();
        return;
    }
    append(all.mid(m_rows.size()));
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
