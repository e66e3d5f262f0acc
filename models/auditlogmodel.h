#pragma once

#include "auditlog.h"
#include "rowsyncmodel.h"

// The audit log for the audit view, oldest first; new records are appended as they are written (insert, no
// reset). Columns: Time, Phase, Action, Group, Hook, Instance, Result, Outcome, Request ID.
class AuditLogModel : public RowSyncModel<AuditRecord> {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        PhaseColumn,
        ActionColumn,
        GroupColumn,
        HookColumn,
        InstanceColumn,
        ResultColumn,
        OutcomeColumn,
        RequestIdColumn,
        ColumnCount
    };
    enum Role {
        TimeRole = Qt::UserRole + 1, // QDateTime UTC
        PhaseRole,
        ActionRole,
        OutcomeRole,
        ErrorRole,
        RecordRole, // QVariant::fromValue(AuditRecord)
        SortRole,
    };
    Q_ENUM(Role)

    // Reads the file now and follows `log`'s appends.
    explicit AuditLogModel(AuditLog* log, QObject* parent = nullptr);

    // Reads what was appended to the file since the last read (records another process wrote) and appends it in
    // place; a rotated file resets the model.
    void reload();

    QHash<int, QByteArray> roleNames() const override;

    AuditRecord recordAt(int row) const { return rowValue(row); }

protected:
    QVariant cell(const AuditRecord& record, const QModelIndex& index, int role) const override;

private:
    AuditLog* m_log;
    qint64 m_offset = 0; // bytes of the file already read into the rows
};
