#pragma once

#include "auditlog.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>

class InventoryStore;

// Heartbeats that another Hookdesk process sent (a hookdesk-cli run, a second window), or this one before a
// restart, reach the deadline estimate through the shared audit log: AWS publishes no "last heartbeat" field, so
// without this a countdown would run out on an instance somebody kept alive from a terminal.
//
// Reads only what was appended since the last poll. A heartbeat counts from its intent record (written just
// before the request went out), never later than AWS could have received it, so the estimate errs early; only an
// outcome of "done" in the store's region (and account, when both are known) counts.
class AuditHeartbeatFeed : public QObject {
    Q_OBJECT
public:
    // Polls after every refresh of `store` (the instances it observed are the ones heartbeats can apply to).
    AuditHeartbeatFeed(AuditLog* log, InventoryStore* store, QObject* parent = nullptr);

    // Reads the new tail of the log now; returns how many heartbeats it passed on.
    int poll();

private:
    bool matchesStore(const QString& account, const QString& region) const;

    AuditLog* m_log;
    InventoryStore* m_store;
    AuditLog::Cursor m_cursor;
    bool m_started = false;
    QHash<QString, QDateTime> m_intents; // "instance/hook" → time of the last heartbeat intent not yet answered
};
