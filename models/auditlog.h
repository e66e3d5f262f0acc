#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <optional>

// One line of the audit log. Every mutating call writes an "intent" record before the request goes out and an
// "outcome" record after. Lifecycle action tokens are not secrets and are kept; credentials never appear here.
struct AuditRecord {
    QDateTime time; // UTC; written as ISO 8601 with milliseconds and "Z"
    QString phase; // "intent" | "outcome"
    QString profile;
    QString account;
    QString region;
    QString action; // "CompleteLifecycleAction", "RecordLifecycleActionHeartbeat", "PutLifecycleHook", …
    QString group;
    QString hook;
    QString instance;
    QString token;
    QString result; // CONTINUE | ABANDON for complete; empty otherwise
    QString requestId;
    QString outcome; // outcome records: "done" | "already-completed" | "failed"
    QString error; // outcome records on failure: AwsError::toString()
    // Lifecycle outcome records: whether reading the instance back confirmed the outcome, and what it showed.
    std::optional<bool> verified;
    QString note;
    // Intent: which send of this item it is (2 = sent again after a lost answer); outcome: how many requests the
    // item took, retries included. 0: not recorded (older records).
    int attempt = 0;

    QJsonObject toJson() const;
    static AuditRecord fromJson(const QJsonObject& object);
    friend bool operator==(const AuditRecord&, const AuditRecord&) = default;
};

Q_DECLARE_METATYPE(AuditRecord)

// Append-only JSON Lines file shared by the GUI and the CLI (default: <AppDataLocation>/audit.jsonl). Each record
// is one write() of one line on a file opened for appending, flushed and fsync'ed before append() returns, so an
// intent is on disk before its request is sent and concurrent processes do not interleave lines.
class AuditLog : public QObject {
    Q_OBJECT
public:
    // Uses defaultPath().
    explicit AuditLog(QObject* parent = nullptr);
    // Explicit file, for tests and --audit-log style overrides.
    explicit AuditLog(const QString& path, QObject* parent = nullptr);

    static QString defaultPath();
    QString path() const { return m_path; }

    // Writes the record durably. False with `errorMessage` set when the file cannot be written; callers that
    // are about to send a mutating request must not send it then.
    bool append(const AuditRecord& record, QString* errorMessage = nullptr);
    // Every readable record, oldest first; unreadable lines are skipped (and counted in skippedLines).
    QList<AuditRecord> readAll(int* skippedLines = nullptr) const;
    // The complete lines appended since byte `*offset` (0: the whole file), and `*offset` moved past them. A line
    // still being written (no newline yet) is left for the next call; a file shorter than `*offset` was rotated
    // or truncated and is read again from the start, which `restarted` reports (records read before are gone).
    QList<AuditRecord> readFrom(qint64* offset, int* skippedLines = nullptr, bool* restarted = nullptr) const;

Q_SIGNALS:
    void recordAppended(const AuditRecord& record);

private:
    QString m_path;
};
