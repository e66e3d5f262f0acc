#pragma once

#include "auditlog.h"
#include "rowsyncmodel.h"

// The audit log for the audit view, oldest first; new records are appended as they are written (insert, no
// reset). Columns: Time, Phase, Action, Group, Hook, Instance, Result, Outcome, Request ID, Error.
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
        ErrorColumn, // what went wrong, in words: shown in the view, not only in a tooltip (issue 18.1)
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
    // Lines of the file that could not be read (torn by a crash or a full disk), for the audit view to show.
    int skippedLines() const { return m_skipped; }

Q_SIGNALS:
    void skippedLinesChanged(int count);

protected:
    QVariant cell(const AuditRecord& record, const QModelIndex& index, int role) const override;

private:
    AuditLog* m_log;
    AuditLog::Cursor m_cursor; // how far the file was read into the rows
    int m_skipped = 0;
};
