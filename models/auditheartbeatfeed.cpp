#include "auditheartbeatfeed.h"

#include "auditlog.h"
#include "awssession.h"
#include "deadlineestimator.h"
#include "inventorystore.h"
#include "modelslogging.h"

using namespace Qt::StringLiterals;

namespace {
constexpr auto HeartbeatAction = "RecordLifecycleActionHeartbeat"_L1;
constexpr qint64 LongestWaitSeconds = 48 * 3600;
} // namespace

AuditHeartbeatFeed::AuditHeartbeatFeed(AuditLog* log, InventoryStore* store, QObject* parent)
    : QObject(parent)
    , m_log(log)
    , m_store(store)
{
    connect(m_store, &InventoryStore::refreshFinished, this, &AuditHeartbeatFeed::poll);
}

bool AuditHeartbeatFeed::matchesStore(const QString& account, const QString& region) const
{
    const AwsSession* session = m_store->session();
    if (!session)
        return true;
    if (!region.isEmpty() && region != session->region())
        return false;
    return account.isEmpty() || !session->hasIdentity() || account == session->account();
}

int AuditHeartbeatFeed::poll()
{
    int skipped = 0;
    // The first read covers only the longest possible wait (GlobalTimeout ≤ 48 h): an older heartbeat cannot move
    // a deadline, and a long history is not parsed on every CLI run. Then only what was appended since.
    QList<AuditRecord> records;
    if (!m_started) {
        m_started = true;
        records = m_log->readSince(m_store->estimator()->now().addSecs(-LongestWaitSeconds), &skipped, &m_cursor);
    } else {
        records = m_log->readFrom(&m_cursor, &skipped);
    }
    if (skipped > 0)
        qCInfo(lcModels) << "audit log:" << skipped << "unreadable lines skipped while reading heartbeats";
    QList<DeadlineEstimator::Heartbeat> heartbeats;
    for (const AuditRecord& record : records) {
        if (record.action != HeartbeatAction || record.instance.isEmpty() || record.hook.isEmpty())
            continue;
        const QString key = record.instance + u'/' + record.hook;
        if (record.phase == "intent"_L1) {
            m_intents.insert(key, record.time);
            continue;
        }
        const QDateTime sent = m_intents.take(key);
        if (record.outcome != "done"_L1 || !matchesStore(record.account, record.region))
            continue;
        heartbeats.append({ record.instance, record.hook, sent.isValid() ? sent : record.time });
    }
    m_store->estimator()->recordHeartbeats(heartbeats);
    return int(heartbeats.size());
}
