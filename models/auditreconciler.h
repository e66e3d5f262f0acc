#pragma once

#include "auditlog.h"

#include <QObject>

class InventoryStore;

// Crash recovery (issue 17): an intent record without an outcome means a Hookdesk process died between sending
// and recording. On start the window and the CLI's inventory commands find such intents, read the current state
// back, write a "reconciled" record (outcome: applied | not-applied | unknown) under the intent's id and tell the
// operator once — the next run finds the intent settled.
//
// An intent is only reconciled once the process that wrote it is gone (its pid in the record; not alive, or not
// recorded and older than ten minutes): a bulk action running in another window may take minutes, and reading
// its instances mid-flight would report "not applied" for items that are about to be sent.
class AuditReconciler : public QObject {
    Q_OBJECT
public:
    struct Interrupted {
        AuditRecord intent;
        QString outcome; // "applied" | "not-applied" | "unknown"
        QString state; // what the read showed (lifecycle state, "hook present", …)
    };

    AuditReconciler(AuditLog* log, InventoryStore* store, QObject* parent = nullptr);

    // Intents of the store's region (and account) whose outcome is missing and whose process is gone.
    static QList<AuditRecord> unsettledIntents(const AuditLog& log, const QString& region, const QString& account);
    // Reads back what the unsettled intents touched, writes the reconciled records and emits finished() (always,
    // also with nothing to report).
    void run();

Q_SIGNALS:
    void finished(const QList<AuditReconciler::Interrupted>& interrupted);

private:
    Interrupted decide(const AuditRecord& intent) const;

    AuditLog* m_log;
    InventoryStore* m_store;
};
