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
    // Pairs an intent with its outcome across processes ("outcome" and "reconciled" records repeat the intent's
    // id). Empty in records written before ids existed.
    QString id;
    // The process that wrote the record: an intent without an outcome is only reconciled once that process is gone.
    qint64 pid = 0;

    QJsonObject toJson() const;
    static AuditRecord fromJson(const QJsonObject& object);
    friend bool operator==(const AuditRecord&, const AuditRecord&) = default;
};

Q_DECLARE_METATYPE(AuditRecord)

// Append-only JSON Lines file shared by the GUI and the CLI (default: <AppDataLocation>/audit.jsonl). Each record
// is one write() of one line on a file opened for appending, flushed and fsync'ed before append() returns, so an
// intent is on disk before its request is sent and concurrent processes do not interleave lines.
//
// The file is 0600 in a 0700 folder (tightened when found looser). A file that does not end in a newline (a crash
// or a full disk tore the last record) gets one before the next record, so the torn line is skipped on reading and
// never swallows a good one. At maxBytes() the file is rotated: audit.jsonl → audit.jsonl.1 → … → .N, the oldest
// dropped. Appending and rotating happen under an exclusive lock file (<path>.lock, QLockFile: a crashed holder's
// lock is taken over), so a second process never appends to a file that is being renamed away.
// An outcome that cannot be written is kept in memory and written before the next record (and when the log is
// destroyed): the action was sent, its record must not be lost for a full disk.
class AuditLog : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 DefaultMaxBytes = qint64(16) * 1024 * 1024;
    static constexpr int DefaultKeptFiles = 5;

    // Where a follower (the heartbeat feed, the audit view) is in the log: bytes read, and the first line of the
    // file they were read from, which tells a rotated file from one that merely grew.
    struct Cursor {
        qint64 offset = 0;
        QByteArray firstLine;
    };

    // Uses defaultPath().
    explicit AuditLog(QObject* parent = nullptr);
    // Explicit file, for tests and --audit-log style overrides.
    explicit AuditLog(QString path, QObject* parent = nullptr);
    ~AuditLog() override;

    // Rotation at `bytes` (0: never), keeping `keptFiles` rotated files besides the current one.
    void setRotation(qint64 bytes, int keptFiles);
    qint64 maxBytes() const { return m_maxBytes; }

    static QString defaultPath();
    QString path() const { return m_path; }

    // Writes the record durably. False with `errorMessage` set when the file cannot be written; callers that
    // are about to send a mutating request must not send it then.
    // An outcome that fails is kept (unwrittenCount()) and retried before the next record.
    bool append(const AuditRecord& record, QString* errorMessage = nullptr);
    // Outcome records that could not be written yet; writeUnwritten() tries again.
    int unwrittenCount() const { return int(m_unwritten.size()); }
    bool writeUnwritten(QString* errorMessage = nullptr);
    // A new id for an intent record.
    static QString newId();
    // The rotated files, newest first (path.1, path.2, …), whether they exist or not.
    QStringList rotatedPaths() const;
    // Every readable record, oldest first; unreadable lines are skipped (and counted in skippedLines).
    QList<AuditRecord> readAll(int* skippedLines = nullptr) const;
    // The complete lines appended since byte `*offset` (0: the whole file), and `*offset` moved past them. A line
    // still being written (no newline yet) is left for the next call; a file shorter than `*offset` was rotated
    // or truncated and is read again from the start, which `restarted` reports (records read before are gone).
    QList<AuditRecord> readFrom(qint64* offset, int* skippedLines = nullptr, bool* restarted = nullptr) const;
    // The same, following rotation: when the file was rotated since the cursor's read, the rest of the rotated file
    // is read first, so a follower loses nothing; `restarted` only when that file is gone too.
    QList<AuditRecord> readFrom(Cursor* cursor, int* skippedLines = nullptr, bool* restarted = nullptr) const;
    // Records written at or after `since`, oldest first: only the files that can hold them are read (the current
    // one, then rotated ones back to the first that starts before `since`).
    // `end` (optional): a cursor past what was read of the current file, for following it from there.
    QList<AuditRecord> readSince(const QDateTime& since, int* skippedLines = nullptr, Cursor* end = nullptr) const;

Q_SIGNALS:
    void recordAppended(const AuditRecord& record);
    // An outcome record could not be written (kept in memory): the window warns.
    void outcomeNotWritten(const QString& message);

private:
    bool writeLine(const AuditRecord& record, QString* errorMessage);
    void rotateLocked(qint64 incoming);

    QString m_path;
    qint64 m_maxBytes = DefaultMaxBytes;
    int m_keptFiles = DefaultKeptFiles;
    QList<AuditRecord> m_unwritten;
};
