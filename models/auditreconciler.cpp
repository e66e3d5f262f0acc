#include "auditreconciler.h"

#include "awssession.h"
#include "inventorystore.h"
#include "lifecyclestate.h"
#include "modelslogging.h"

#include <QCoreApplication>
#include <QSet>
#include <memory>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

using namespace Qt::StringLiterals;

namespace {

// Matches the heartbeat window: an intent older than the longest wait cannot be decided by reading the instance.
constexpr qint64 WindowSeconds = qint64(48) * 3600;
constexpr qint64 NoPidGraceSeconds = 600;

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (pid == QCoreApplication::applicationPid())
        return true; // this process's own intents are in flight here
#ifdef Q_OS_UNIX
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#else
    return true; // not checked here: only intents without a pid, past the grace period, are reconciled
#endif
}

// Old records have no id: an intent is settled by a later outcome of the same action on the same target.
QString targetKey(const AuditRecord& record)
{
    return record.action + u'|' + record.group + u'|' + record.hook + u'|' + record.instance;
}

} // namespace

AuditReconciler::AuditReconciler(AuditLog* log, InventoryStore* store, QObject* parent)
    : QObject(parent)
    , m_log(log)
    , m_store(store)
{
}

QList<AuditRecord> AuditReconciler::unsettledIntents(const AuditLog& log, const QString& region, const QString& account)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<AuditRecord> records = log.readSince(now.addSecs(-WindowSeconds));
    QSet<QString> settledIds;
    for (const AuditRecord& record : records) {
        if (record.phase != "intent"_L1 && !record.id.isEmpty())
            settledIds.insert(record.id);
    }
    QList<AuditRecord> open;
    QHash<QString, int> openByTarget; // target → index in `open` of its latest intent without id
    for (const AuditRecord& record : records) {
        if (record.phase == "intent"_L1) {
            if (!record.id.isEmpty()
                && (settledIds.contains(record.id)
                    || open.cend() != std::find_if(open.cbegin(), open.cend(), [&record](const AuditRecord& o) {
                           return o.id == record.id;
                       })))
                continue; // settled, or a later attempt of an item already listed
            if (record.id.isEmpty())
                openByTarget.insert(targetKey(record), int(open.size()));
            open.append(record);
        } else if (record.id.isEmpty() && openByTarget.contains(targetKey(record))) {
            open[openByTarget.take(targetKey(record))].phase.clear(); // settled by an outcome written before ids
        }
    }
    open.removeIf([&](const AuditRecord& intent) {
        if (intent.phase.isEmpty())
            return true;
        if ((!region.isEmpty() && !intent.region.isEmpty() && intent.region != region)
            || (!account.isEmpty() && !intent.account.isEmpty() && intent.account != account))
            return true; // another region's intents wait for a run there
        if (intent.pid > 0)
            return processAlive(intent.pid);
        return intent.time.secsTo(now) < NoPidGraceSeconds;
    });
    return open;
}

void AuditReconciler::run()
{
    const AwsSession* session = m_store->session();
    const QList<AuditRecord> intents = unsettledIntents(*m_log, session ? session->region() : QString(),
        session && session->hasIdentity() ? session->account() : QString());
    QSet<QString> groups;
    for (const AuditRecord& intent : intents)
        groups.insert(intent.group);
    auto finish = [this, intents] {
        QList<Interrupted> interrupted;
        for (const AuditRecord& intent : intents) {
            const Interrupted item = decide(intent);
            AuditRecord record = intent;
            record.time = {};
            record.pid = 0;
            record.phase = u"reconciled"_s;
            record.outcome = item.outcome;
            record.note = item.state;
            record.attempt = 0;
            m_log->append(record);
            interrupted.append(item);
        }
        Q_EMIT finished(interrupted);
    };
    if (groups.isEmpty()) {
        QMetaObject::invokeMethod(this, finish, Qt::QueuedConnection);
        return;
    }
    auto remaining = std::make_shared<int>(int(groups.size()));
    for (const QString& group : std::as_const(groups)) {
        m_store->refreshGroup(group, [remaining, finish] {
            if (--*remaining == 0)
                finish();
        });
    }
}

AuditReconciler::Interrupted AuditReconciler::decide(const AuditRecord& intent) const
{
    Interrupted result { intent, u"unknown"_s, {} };
    const GroupSnapshot* snapshot = m_store->group(intent.group);
    if (!snapshot || m_store->groupError(intent.group).isError()) {
        result.state = QCoreApplication::translate("AuditReconciler", "group could not be read");
        return result;
    }
    if (intent.action == "CompleteLifecycleAction"_L1 && !intent.instance.isEmpty()) {
        const GroupInstance* instance = snapshot->instance(intent.instance);
        result.state = instance ? instance->lifecycleState : u"gone"_s;
        if (!instance || !LifecycleState::isWait(instance->lifecycleState)) {
            result.outcome = u"applied"_s; // left the wait
            return result;
        }
        // Still waiting: not applied — unless another hook of the same transition may be what it waits on now.
        const QString transition = LifecycleState::hookTransitionOf(instance->lifecycleState);
        const auto hooksOfTransition = std::count_if(snapshot->hooks.cbegin(), snapshot->hooks.cend(),
            [&transition](const LifecycleHook& hook) { return hook.transition == transition; });
        if (hooksOfTransition <= 1 || intent.result == "ABANDON"_L1)
            result.outcome = u"not-applied"_s;
        return result;
    }
    if (intent.action == "PutLifecycleHook"_L1 || intent.action == "DeleteLifecycleHook"_L1) {
        const bool present = std::any_of(snapshot->hooks.cbegin(), snapshot->hooks.cend(),
            [&intent](const LifecycleHook& hook) { return hook.name == intent.hook; });
        result.state = present ? u"hook present"_s : u"hook absent"_s;
        if (intent.action == "DeleteLifecycleHook"_L1)
            result.outcome = present ? u"not-applied"_s : u"applied"_s;
        else if (!present)
            result.outcome = u"not-applied"_s; // present: created or updated, or there before — cannot tell
        return result;
    }
    // A heartbeat leaves no trace AWS reports.
    result.state = QCoreApplication::translate("AuditReconciler", "a heartbeat cannot be read back");
    return result;
}
