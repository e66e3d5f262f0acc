#include "faultsession.h"

#include "auditlog.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>
#include <csignal>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

// bulk: the bulk CONTINUE's instances wait on warm-up; spare is the hook delete-hook removes, extra the one put-hook
// creates. list: four instances wait on drain — three get an ABANDON by list, the fourth a heartbeat.
QByteArray scenario(int bulkSize)
{
    return QStringLiteral(R"({ "groups": [
  { "name": "bulk", "minSize": 0, "maxSize": 200,
    "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 1800, "defaultResult": "ABANDON" },
               { "name": "spare", "transition": "terminating", "heartbeatTimeout": 300, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "Pending:Wait", "count": %1, "elapsed": 30 }, { "state": "InService", "count": 1 } ] },
  { "name": "list", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "drain", "transition": "terminating", "heartbeatTimeout": 900, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "Terminating:Wait", "count": 4, "elapsed": 30 } ] }
] })")
        .arg(bulkSize)
        .toUtf8();
}

QStringList waiting(Simulator& sim, const QString& group)
{
    QStringList ids;
    for (const SimInstanceInfo& info : sim.instances(group)) {
        if (info.lifecycleState.endsWith(u":Wait"_s))
            ids.append(info.instanceId);
    }
    ids.sort();
    return ids;
}

QString entryKey(const SimLedgerEntry& entry)
{
    return QStringList { entry.action, entry.group, entry.hook, entry.instanceId }.join(u'|');
}

QString recordKey(const AuditRecord& record)
{
    return QStringList { record.action, record.group, record.hook, record.instance }.join(u'|');
}

// A file-size limit for the child: the audit log's disk has `room` bytes left. SIGXFSZ is ignored so that a write
// past the limit fails with EFBIG, as a write to a full disk fails with ENOSPC, instead of killing the process.
void limitFileSize(QProcess& process, qint64 limit)
{
    process.setChildProcessModifier([limit] {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit fsize {};
        ::getrlimit(RLIMIT_FSIZE, &fsize);
        fsize.rlim_cur = rlim_t(limit);
        ::setrlimit(RLIMIT_FSIZE, &fsize);
    });
}

constexpr qint64 kRoomPerCommand = 1500; // a few audit records: the disk fills in the middle of the bulk action
constexpr int kKillAfterApplied = 5;
constexpr int kCommandTimeoutMs = 120000;

} // namespace

FaultSession::FaultSession(const SimFaults& faults, Special special, int bulkSize)
    : m_faults(faults)
    , m_special(special)
    , m_bulkSize(bulkSize)
{
}

bool FaultSession::start(QString* error)
{
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    options.faults = m_faults;
    m_sim = std::make_unique<SimulatorFixture>(options);
    if (!m_sim->start(error) || !succeeded((*m_sim)->loadScenario(scenario(m_bulkSize)), error))
        return false;
    m_bulkWaiting = waiting(m_sim->simulator(), u"bulk"_s);
    m_listWaiting = waiting(m_sim->simulator(), u"list"_s);
    if (m_bulkWaiting.size() != m_bulkSize || m_listWaiting.size() != 4) {
        *error = u"the scenario did not seed the waiting instances (%1 and %2)"_s.arg(m_bulkWaiting.size())
                     .arg(m_listWaiting.size());
        return false;
    }
    prepareAuditLog();
    planCommands();
    return true;
}

void FaultSession::planCommands()
{
    const QStringList global { u"--output"_s, u"json"_s, u"--timeout"_s, u"30"_s };
    Command pending = Command::make(u"pending"_s, global + QStringList { u"pending"_s });

    Command bulk = Command::make(u"bulk CONTINUE"_s,
        global
            + QStringList {
                u"complete"_s, u"--group"_s, u"bulk"_s, u"--all-pending"_s, u"--result"_s, u"CONTINUE"_s, u"--yes"_s });
    for (const QString& id : std::as_const(m_bulkWaiting))
        bulk.chosen.append({ u"CompleteLifecycleAction"_s, u"bulk"_s, u"warm-up"_s, id, u"CONTINUE"_s });

    const QStringList abandoned = m_listWaiting.mid(0, 3);
    Command list = Command::make(u"ABANDON by list"_s,
        global + QStringList { u"complete"_s, u"--group"_s, u"list"_s, u"--instance"_s } + abandoned
            + QStringList { u"--result"_s, u"ABANDON"_s, u"--yes"_s });
    for (const QString& id : abandoned)
        list.chosen.append({ u"CompleteLifecycleAction"_s, u"list"_s, u"drain"_s, id, u"ABANDON"_s });

    const QString beating = m_listWaiting.at(3);
    Command heartbeat = Command::make(u"heartbeat"_s,
        global + QStringList { u"heartbeat"_s, u"--group"_s, u"list"_s, u"--instance"_s, beating, u"--yes"_s },
        { { u"RecordLifecycleActionHeartbeat"_s, u"list"_s, u"drain"_s, beating, {} } });

    Command putHook = Command::make(u"put-hook"_s,
        global
            + QStringList { u"put-hook"_s, u"--group"_s, u"bulk"_s, u"--hook"_s, u"extra"_s, u"--transition"_s,
                u"launch"_s, u"--heartbeat-timeout"_s, u"600"_s },
        { { u"PutLifecycleHook"_s, u"bulk"_s, u"extra"_s, {}, {} } });
    Command deleteHook = Command::make(u"delete-hook"_s,
        global + QStringList { u"delete-hook"_s, u"--group"_s, u"bulk"_s, u"--hook"_s, u"spare"_s, u"--yes"_s },
        { { u"DeleteLifecycleHook"_s, u"bulk"_s, u"spare"_s, {}, {} } });

    Command last = pending;
    last.name = u"pending (after)"_s;
    m_commands = { pending, bulk, list, heartbeat, putHook, deleteHook, last };
}

QString FaultSession::auditPath() const
{
    return m_home.filePath(u"data/Hookdesk/hookdesk/audit.jsonl"_s);
}

qint64 FaultSession::auditSize() const
{
    return QFileInfo(auditPath()).size();
}

void FaultSession::prepareAuditLog()
{
    if (m_special != Special::TornLog)
        return;
    QDir().mkpath(QFileInfo(auditPath()).absolutePath());
    QFile file(auditPath());
    if (file.open(QIODevice::WriteOnly))
        file.write(R"({"time":"2026-11-30T23:59:59.000Z","phase":"intent","action":"CompleteLifecycle)");
}

bool FaultSession::run(QString* error)
{
    for (int i = 0; i < m_commands.size(); ++i) {
        if (!runCommand(m_commands[i], error))
            return false;
    }
    return true;
}

bool FaultSession::runCommand(Command& command, QString* error)
{
    QProcessEnvironment environment;
    const Credentials& credentials = m_sim->credentials();
    environment.insert(u"AWS_ACCESS_KEY_ID"_s, credentials.accessKeyId);
    environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, credentials.secretAccessKey);
    environment.insert(u"AWS_REGION"_s, (*m_sim)->options().region);
    environment.insert(u"AWS_ENDPOINT_URL"_s, m_sim->url().toString());
    environment.insert(u"HOME"_s, m_home.path());
    environment.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
    environment.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
    environment.insert(u"QT_LOGGING_RULES"_s, u"*.debug=false"_s);

    QProcess process;
    process.setProcessEnvironment(environment);
    const bool mutating = !command.chosen.isEmpty();
    if (m_special == Special::FullDisk && mutating)
        limitFileSize(process, auditSize() + kRoomPerCommand);
    const bool killThis = m_special == Special::Kill && command.name.startsWith(u"bulk"_s);

    command.ledgerBegin = (*m_sim)->ledger().size();
    process.start(TestSupport::executable(u"hookdesk-cli"_s), command.arguments);
    if (!process.waitForStarted(10000)) {
        *error = u"%1: cannot start hookdesk-cli: %2"_s.arg(command.name, process.errorString());
        return false;
    }
    QDeadlineTimer deadline(kCommandTimeoutMs);
    while (process.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        QTest::qWait(5); // the simulator answers on this thread's event loop
        if (killThis && !command.killed && (*m_sim)->ledger().size() - command.ledgerBegin >= kKillAfterApplied) {
            process.kill();
            command.killed = true;
        }
    }
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        *error = u"%1: hookdesk-cli still running after %2 s"_s.arg(command.name).arg(kCommandTimeoutMs / 1000);
        return false;
    }
    command.ledgerEnd = (*m_sim)->ledger().size();
    command.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    command.out = process.readAllStandardOutput();
    command.err = process.readAllStandardError();
    if (killThis && !command.killed) {
        *error = u"%1 finished before %2 actions were applied: nothing was killed"_s.arg(command.name)
                     .arg(kKillAfterApplied);
        return false;
    }
    return true;
}

FaultSession::Tally FaultSession::check() const
{
    Tally tally;
    const QList<SimLedgerEntry> ledger = (*m_sim)->ledger();
    tally.applied = int(ledger.size());
    for (const SimLedgerEntry& entry : ledger)
        tally.answersLost += entry.answerLost ? 1 : 0;
    for (const Command& command : m_commands)
        checkCommand(command, ledger, tally);
    checkAudit(ledger, tally);
    checkReconciled(ledger, tally);
    // The run right after the killed one is the one that settles its intents, and says so.
    for (qsizetype i = 0; i + 1 < m_commands.size(); ++i) {
        if (m_commands.at(i).killed && tally.reconciled > 0 && !m_commands.at(i + 1).err.contains("interrupted"))
            tally.problems.append(u"%1 did not report the interrupted run"_s.arg(m_commands.at(i + 1).name));
    }
    return tally;
}

void FaultSession::checkCommand(const Command& command, const QList<SimLedgerEntry>& ledger, Tally& tally) const
{
    QHash<QString, Target> chosen;
    for (const Target& target : command.chosen)
        chosen.insert(target.key(), target);
    QHash<QString, int> applied;
    for (qsizetype i = command.ledgerBegin; i < command.ledgerEnd; ++i) {
        const SimLedgerEntry& entry = ledger.at(i);
        const auto target = chosen.constFind(entryKey(entry));
        if (target == chosen.cend() || target->result != entry.result) {
            ++tally.wrongOutcomes;
            tally.problems.append(
                u"%1: applied what it did not choose: %2 %3"_s.arg(command.name, entryKey(entry), entry.result));
        }
        if (++applied[entryKey(entry)] == 2) {
            ++tally.duplicates;
            tally.problems.append(u"%1: applied twice: %2"_s.arg(command.name, entryKey(entry)));
        }
    }
    if (command.chosen.isEmpty() || command.killed)
        return; // a read-only command (anything applied was reported above), or one that never reported

    const QJsonObject report = QJsonDocument::fromJson(command.out).object();
    const QJsonArray items = report.value(u"items"_s).toArray();
    if (items.isEmpty() && !applied.isEmpty()) {
        ++tally.wrongOutcomes;
        tally.problems.append(u"%1: applied %2 action(s) but reported none (exit %3)"_s.arg(command.name)
                                  .arg(applied.size())
                                  .arg(command.exitCode));
    }
    const QString action = command.chosen.constFirst().action;
    QSet<QString> reported;
    for (const QJsonValue& value : items) {
        const QJsonObject item = value.toObject();
        const QString key = QStringList { action, item.value(u"group"_s).toString(), item.value(u"hook"_s).toString(),
            item.value(u"instanceId"_s).toString() }
                                .join(u'|');
        reported.insert(key);
        const QString outcome = item.value(u"outcome"_s).toString();
        const int times = applied.value(key);
        if (outcome == u"unknown"_s) {
            ++tally.unknown;
        } else if ((outcome == u"done"_s) != (times == 1)) {
            ++tally.wrongOutcomes;
            tally.problems.append(u"%1: %2 reported %3 (%4) but applied %5 time(s)"_s
                                      .arg(command.name, key, outcome, item.value(u"message"_s).toString())
                                      .arg(times));
        }
    }
    for (auto it = applied.cbegin(); it != applied.cend(); ++it) {
        if (!reported.contains(it.key())) {
            ++tally.wrongOutcomes;
            tally.problems.append(u"%1: applied %2 without reporting it"_s.arg(command.name, it.key()));
        }
    }
}

void FaultSession::checkAudit(const QList<SimLedgerEntry>& ledger, Tally& tally) const
{
    int torn = 0;
    const QList<AuditRecord> records = AuditLog(auditPath()).readAll(&torn);
    if (m_special == Special::TornLog && torn != 1)
        tally.problems.append(u"the torn line is read as %1 skipped line(s), not 1"_s.arg(torn));
    if (m_special != Special::TornLog && m_special != Special::FullDisk && torn != 0)
        tally.problems.append(u"%1 torn line(s) in the audit log"_s.arg(torn));

    QHash<QString, int> intents;
    QSet<QString> settled;
    for (const AuditRecord& record : records) {
        if (record.phase == u"intent"_s)
            ++intents[recordKey(record)];
        else if (!record.id.isEmpty())
            settled.insert(record.id);
    }
    for (const SimLedgerEntry& entry : ledger) {
        if (intents.value(entryKey(entry)) == 0) {
            ++tally.missingRecords;
            tally.problems.append(u"applied without an intent in the audit log: %1"_s.arg(entryKey(entry)));
        }
    }
    for (const AuditRecord& record : records) {
        if (record.phase == u"intent"_s && !settled.contains(record.id)) {
            ++tally.missingRecords;
            tally.problems.append(
                u"an intent without an outcome: %1 (id %2, pid %3)"_s.arg(recordKey(record), record.id)
                    .arg(record.pid));
        }
    }
}

void FaultSession::checkReconciled(const QList<SimLedgerEntry>& ledger, Tally& tally) const
{
    QSet<QString> appliedKeys;
    for (const SimLedgerEntry& entry : ledger)
        appliedKeys.insert(entryKey(entry));
    for (const AuditRecord& record : AuditLog(auditPath()).readAll()) {
        if (record.phase != u"reconciled"_s)
            continue;
        ++tally.reconciled;
        const bool applied = appliedKeys.contains(recordKey(record));
        if (record.outcome == u"unknown"_s) {
            ++tally.unknown;
        } else if ((record.outcome == u"applied"_s) != applied) {
            ++tally.wrongOutcomes;
            tally.problems.append(u"reconciled %1 as %2, but the ledger says %3"_s.arg(
                recordKey(record), record.outcome, applied ? u"applied"_s : u"not applied"_s));
        }
    }
}

QString FaultSession::transcript() const
{
    QString text;
    for (const Command& command : m_commands) {
        text += u"$ hookdesk-cli %1   # %2, exit %3%4\n"_s.arg(command.arguments.join(u' '), command.name)
                    .arg(command.exitCode)
                    .arg(command.killed ? u" (killed)"_s : QString());
        text += QString::fromUtf8(command.out).left(4000);
        text += QString::fromUtf8(command.err).left(2000);
    }
    return text;
}
