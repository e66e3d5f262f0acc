#pragma once

// Audit records as Hookdesk processes write them, for tests that seed a log (header-only: it needs models/).
#include "auditlog.h"

#include <QDateTime>

namespace AuditRecords {

// The pid of a run that was killed: no process has it.
constexpr qint64 GonePid = 999999999;

// An intent written `secondsAgo` before now by process `pid`, with a fresh id.
inline AuditRecord intent(const QString& region, const QString& group, const QString& hook, const QString& instance,
    const QString& result, qint64 pid = GonePid, int secondsAgo = 30)
{
    AuditRecord record;
    record.time = QDateTime::currentDateTimeUtc().addSecs(-secondsAgo);
    record.phase = QStringLiteral("intent");
    record.region = region;
    record.action = result.isEmpty() ? QStringLiteral("RecordLifecycleActionHeartbeat")
                                     : QStringLiteral("CompleteLifecycleAction");
    record.group = group;
    record.hook = hook;
    record.instance = instance;
    record.result = result;
    record.id = AuditLog::newId();
    record.pid = pid;
    return record;
}

// The records of the log at `path` for one AWS operation ("EnterStandby", …), oldest first.
inline QList<AuditRecord> ofAction(const QString& path, const QString& action)
{
    QList<AuditRecord> records;
    const QList<AuditRecord> all = AuditLog(path).readAll();
    for (const AuditRecord& record : all) {
        if (record.action == action)
            records.append(record);
    }
    return records;
}

} // namespace AuditRecords
