#include "auditlog.h"

#include "modelslogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QStandardPaths>
#include <QUuid>

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

constexpr auto Owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr auto OwnerDir = Owner | QFileDevice::ExeOwner;

// Group or world bits set: records name accounts, instances and tokens, and tell what an operator did.
bool looserThan(QFileDevice::Permissions actual)
{
    constexpr auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return (actual & others) != 0;
}

QByteArray firstLineOf(QFile& file)
{
    file.seek(0);
    const QByteArray head = file.peek(4096);
    const qsizetype newline = head.indexOf('\n');
    return newline < 0 ? QByteArray() : head.first(newline);
}

// Parses the complete lines of `file` from `*offset` on and moves `*offset` past them; a line without its newline
// (still being written) is left for later.
QList<AuditRecord> parseFrom(QFile& file, qint64* offset, int* skipped)
{
    QList<AuditRecord> records;
    file.seek(*offset);
    const QByteArray tail = file.readAll();
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
            ++*skipped; // a line cut short by a crash or a full disk must not hide the rest
            continue;
        }
        records.append(AuditRecord::fromJson(document.object()));
    }
    return records;
}

QDateTime lineTime(const QByteArray& line)
{
    const QJsonDocument document = QJsonDocument::fromJson(line);
    return QDateTime::fromString(document.object().value("time"_L1).toString(), Qt::ISODateWithMs);
}

// Where the records at or after `since` start: the file is appended in time order, so it is searched backwards
// in blocks from the end and only the window is parsed (pending needs 48 hours, not the whole history).
// `*reachesBack`: the file holds an older record too, so older files have nothing for the window.
qint64 startOfWindow(QFile& file, const QDateTime& since, bool* reachesBack)
{
    constexpr qint64 block = qint64(64) * 1024;
    *reachesBack = false;
    for (qint64 position = file.size(); position > 0;) {
        position = std::max<qint64>(0, position - block);
        file.seek(position);
        const QByteArray chunk = file.read(block);
        // At 0 the first line is whole; elsewhere the block starts inside a line.
        const qsizetype first = position == 0 ? 0 : chunk.indexOf('\n') + 1;
        const qsizetype end = first > 0 || position == 0 ? chunk.indexOf('\n', first) : -1;
        if (end < 0)
            continue;
        const QDateTime time = lineTime(chunk.sliced(first, end - first));
        if (time.isValid() && time < since) {
            *reachesBack = true;
            return position + first;
        }
    }
    return 0;
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
    put(object, "id"_L1, id);
    if (pid > 0)
        object.insert("pid"_L1, pid);
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
    record.id = object.value("id"_L1).toString();
    record.pid = object.value("pid"_L1).toInteger();
    return record;
}

AuditLog::AuditLog(QObject* parent)
    : AuditLog(defaultPath(), parent)
{
}

AuditLog::AuditLog(QString path, QObject* parent)
    : QObject(parent)
    , m_path(std::move(path))
{
}

AuditLog::~AuditLog()
{
    // At exit: the last chance for outcomes a full disk refused.
    if (!m_unwritten.isEmpty() && !writeUnwritten())
        qCWarning(lcModels) << "audit log:" << m_unwritten.size() << "outcome records were never written";
}

QString AuditLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/audit.jsonl"_s;
}

QString AuditLog::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void AuditLog::setRotation(qint64 bytes, int keptFiles)
{
    m_maxBytes = bytes;
    m_keptFiles = std::max(1, keptFiles);
}

QStringList AuditLog::rotatedPaths() const
{
    QStringList paths;
    for (int i = 1; i <= m_keptFiles; ++i)
        paths.append(m_path + u'.' + QString::number(i));
    return paths;
}

bool AuditLog::append(const AuditRecord& record, QString* errorMessage)
{
    AuditRecord stamped = record;
    if (!stamped.time.isValid())
        stamped.time = QDateTime::currentDateTimeUtc();
    if (stamped.pid == 0)
        stamped.pid = QCoreApplication::applicationPid();
    // Outcomes kept from a full disk go first, so the file stays in order; an intent is not written while they
    // cannot be (a refused intent means its action is not sent).
    if (!writeUnwritten(errorMessage) || !writeLine(stamped, errorMessage)) {
        if (stamped.phase != "intent"_L1) {
            m_unwritten.append(stamped);
            Q_EMIT outcomeNotWritten(errorMessage ? *errorMessage : QString());
        }
        return false;
    }
    return true;
}

bool AuditLog::writeUnwritten(QString* errorMessage)
{
    while (!m_unwritten.isEmpty()) {
        if (!writeLine(m_unwritten.constFirst(), errorMessage))
            return false;
        m_unwritten.removeFirst();
    }
    return true;
}

bool AuditLog::writeLine(const AuditRecord& record, QString* errorMessage)
{
    const QFileInfo info(m_path);
    const QString folder = info.absolutePath();
    if (!QFileInfo::exists(folder)) {
        QDir().mkpath(folder);
        QFile::setPermissions(folder, OwnerDir);
    } else if (folder == QFileInfo(defaultPath()).absolutePath() && looserThan(QFile::permissions(folder))) {
        // Only Hookdesk's own folder is tightened: a folder named with --audit-log belongs to the operator.
        QFile::setPermissions(folder, OwnerDir);
    }

    // Appends and rotation are serialised across processes; a crashed holder's lock is taken over. When no lock
    // file can be created at all (a full disk), the record is still tried, without rotation.
    QLockFile lock(m_path + u".lock"_s);
    const bool locked = lock.tryLock(10000);
    QByteArray line = QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact);
    line.append('\n');
    if (locked)
        rotateLocked(line.size());
    else
        qCWarning(lcModels) << "audit log: no lock" << lock.error() << "- appending without rotation";

    QFile file(m_path);
    bool ok = file.open(QIODevice::ReadWrite | QIODevice::Append, Owner);
    if (ok && looserThan(file.permissions()))
        file.setPermissions(Owner);
    if (ok && file.size() > 0) {
        // A torn last record (crash, full disk) gets its newline now: this one starts on a line of its own.
        file.seek(file.size() - 1);
        char last = '\n';
        if (file.getChar(&last) && last != '\n')
            line.prepend('\n');
    }
    ok = ok && file.write(line) == line.size() && syncToDisk(file);
    if (!ok) {
        const QString message = QCoreApplication::translate("AuditLog", "Cannot write the audit log %1: %2")
                                    .arg(QDir::toNativeSeparators(m_path), file.errorString());
        qCWarning(lcModels) << message;
        if (errorMessage)
            *errorMessage = message;
        return false;
    }
    file.close();
    Q_EMIT recordAppended(record);
    return true;
}

void AuditLog::rotateLocked(qint64 incoming)
{
    const qint64 size = QFileInfo(m_path).size();
    if (m_maxBytes <= 0 || size == 0 || size + incoming <= m_maxBytes)
        return;
    // Renames only, oldest first, under the lock: a follower still holding the old file reads it to its end and
    // finds it again as path.1 (readFrom(Cursor*)).
    const QStringList rotated = rotatedPaths();
    QFile::remove(rotated.constLast());
    for (qsizetype i = rotated.size() - 1; i > 0; --i)
        QFile::rename(rotated.at(i - 1), rotated.at(i));
    if (!QFile::rename(m_path, rotated.constFirst()))
        qCWarning(lcModels) << "audit log: cannot rotate" << m_path;
}

QList<AuditRecord> AuditLog::readAll(int* skippedLines) const
{
    qint64 offset = 0;
    return readFrom(&offset, skippedLines);
}

QList<AuditRecord> AuditLog::readFrom(qint64* offset, int* skippedLines, bool* restarted) const
{
    int skipped = 0;
    QList<AuditRecord> records;
    QFile file(m_path);
    // A missing file (not written yet, or removed by rotation) reads as empty.
    const qint64 size = file.open(QIODevice::ReadOnly) ? file.size() : 0;
    const bool rotated = size < *offset;
    if (restarted)
        *restarted = rotated;
    if (rotated)
        *offset = 0;
    if (file.isOpen())
        records = parseFrom(file, offset, &skipped);
    if (skippedLines)
        *skippedLines = skipped;
    return records;
}

QList<AuditRecord> AuditLog::readFrom(Cursor* cursor, int* skippedLines, bool* restarted) const
{
    int skipped = 0;
    QList<AuditRecord> records;
    QFile file(m_path);
    const bool open = file.open(QIODevice::ReadOnly);
    const QByteArray first = open ? firstLineOf(file) : QByteArray();
    const bool replaced = !cursor->firstLine.isEmpty() ? first != cursor->firstLine : file.size() < cursor->offset;
    bool lost = false;
    if (replaced) {
        // Rotated since the last read: the rest of the old file is path.1 now, unless rotated twice meanwhile.
        QFile previous(rotatedPaths().constFirst());
        if (!cursor->firstLine.isEmpty() && previous.open(QIODevice::ReadOnly)
            && firstLineOf(previous) == cursor->firstLine)
            records = parseFrom(previous, &cursor->offset, &skipped);
        else
            lost = true;
        cursor->offset = 0;
    }
    if (restarted)
        *restarted = lost;
    if (open) {
        records.append(parseFrom(file, &cursor->offset, &skipped));
        cursor->firstLine = first;
    } else {
        cursor->firstLine.clear();
    }
    if (skippedLines)
        *skippedLines = skipped;
    return records;
}

QList<AuditRecord> AuditLog::readSince(const QDateTime& since, int* skippedLines, Cursor* end) const
{
    int skipped = 0;
    QList<AuditRecord> records;
    QStringList files { m_path };
    files.append(rotatedPaths());
    for (const QString& path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            break;
        bool reachesBack = false;
        qint64 start = startOfWindow(file, since, &reachesBack);
        records = parseFrom(file, &start, &skipped) + records;
        if (end && path == m_path)
            *end = Cursor { start, firstLineOf(file) };
        if (reachesBack)
            break;
    }
    records.removeIf([&since](const AuditRecord& record) { return record.time.isValid() && record.time < since; });
    if (skippedLines)
        *skippedLines = skipped;
    return records;
}
