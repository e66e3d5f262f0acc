#include "auditlog.h"

#include "modelslogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

// Field names are part of the file format (the CLI's users grep it): keep them stable.
void put(QJsonObject& object, QLatin1StringView key, const QString& value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

bool syncToDisk(QFile& file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_WIN
    return _commit(file.handle()) == 0;
#else
    return ::fsync(file.handle()) == 0;
#endif
}

} // namespace

QJsonObject AuditRecord::toJson() const
{
    QJsonObject object;
    object.insert("time"_L1, time.toUTC().toString(Qt::ISODateWithMs));
    put(object, "phase"_L1, phase);
    put(object, "profile"_L1, profile);
    put(object, "account"_L1, account);
    put(object, "region"_L1, region);
    put(object, "action"_L1, action);
    put(object, "group"_L1, group);
    put(object, "hook"_L1, hook);
    put(object, "instance"_L1, instance);
    put(object, "token"_L1, token);
    put(object, "result"_L1, result);
    put(object, "requestId"_L1, requestId);
    put(object, "outcome"_L1, outcome);
    put(object, "error"_L1, error);
    if (verified)
        object.insert("verified"_L1, *verified);
    put(object, "note"_L1, note);
    if (attempt > 0)
        object.insert("attempt"_L1, attempt);
    return object;
}

AuditRecord AuditRecord::fromJson(const QJsonObject& object)
{
    AuditRecord record;
    record.time = QDateTime::fromString(object.value("time"_L1).toString(), Qt::ISODateWithMs).toUTC();
    record.phase = object.value("phase"_L1).toString();
    record.profile = object.value("profile"_L1).toString();
    record.account = object.value("account"_L1).toString();
    record.region = object.value("region"_L1).toString();
    record.action = object.value("action"_L1).toString();
    record.group = object.value("group"_L1).toString();
    record.hook = object.value("hook"_L1).toString();
    record.instance = object.value("instance"_L1).toString();
    record.token = object.value("token"_L1).toString();
    record.result = object.value("result"_L1).toString();
    record.requestId = object.value("requestId"_L1).toString();
    record.outcome = object.value("outcome"_L1).toString();
    record.error = object.value("error"_L1).toString();
    if (object.value("verified"_L1).isBool())
        record.verified = object.value("verified"_L1).toBool();
    record.note = object.value("note"_L1).toString();
    record.attempt = object.value("attempt"_L1).toInt();
    return record;
}

AuditLog::AuditLog(QObject* parent)
    : AuditLog(defaultPath(), parent)
{
}

AuditLog::AuditLog(const QString& path, QObject* parent)
    : QObject(parent)
    , m_path(path)
{
}

QString AuditLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/audit.jsonl"_s;
}

bool AuditLog::append(const AuditRecord& record, QString* errorMessage)
{
    AuditRecord stamped = record;
    if (!stamped.time.isValid())
        stamped.time = QDateTime::currentDateTimeUtc();

    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    // One write of one complete line to a file opened for appending: concurrent writers (the GUI and a CLI run)
    // cannot interleave inside a record.
    QByteArray line = QJsonDocument(stamped.toJson()).toJson(QJsonDocument::Compact);
    line.append('\n');
    const bool ok
        = file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write(line) == line.size() && syncToDisk(file);
    if (!ok) {
        const QString message = QCoreApplication::translate("AuditLog", "Cannot write the audit log %1: %2")
                                    .arg(QDir::toNativeSeparators(m_path), file.errorString());
        qCWarning(lcModels) << message;
        if (errorMessage)
            *errorMessage = message;
        return false;
    }
    file.close();
    Q_EMIT recordAppended(stamped);
    return true;
}

QList<AuditRecord> AuditLog::readAll(int* skippedLines) const
{
    qint64 offset = 0;
    return readFrom(&offset, skippedLines);
}

QList<AuditRecord> AuditLog::readFrom(qint64* offset, int* skippedLines, bool* restarted) const
{
    QList<AuditRecord> records;
    int skipped = 0;
    QFile file(m_path);
    // A missing file (not written yet, or removed by rotation) reads as empty.
    const qint64 size = file.open(QIODevice::ReadOnly) ? file.size() : 0;
    const bool rotated = size < *offset;
    if (restarted)
        *restarted = rotated;
    if (rotated)
        *offset = 0;
    if (file.isOpen()) {
        file.seek(*offset);
        const QByteArray tail = file.readAll();
        // Only up to the last newline: another process may be in the middle of appending the next record.
        const qsizetype end = tail.lastIndexOf('\n') + 1;
        *offset += end;
        for (qsizetype start = 0; start < end;) {
            const qsizetype newline = tail.indexOf('\n', start);
            const QByteArray line = tail.sliced(start, newline - start).trimmed();
            start = newline + 1;
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !document.isObject()) {
                ++skipped; // a line cut short by a crash must not hide the rest
                continue;
            }
            records.append(AuditRecord::fromJson(document.object()));
        }
    }
    if (skippedLines)
        *skippedLines = skipped;
    return records;
}
