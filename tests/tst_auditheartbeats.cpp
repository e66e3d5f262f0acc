// Heartbeats sent by another Hookdesk process reach this one's countdowns through the shared audit log: the log is
// read incrementally, only accepted heartbeats of this region count, from the moment they were sent, and an older
// heartbeat never moves a deadline back.
#include "auditheartbeatfeed.h"
#include "auditlog.h"
#include "deadlineestimator.h"
#include "inventorybuilders.h"
#include "inventorystore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime T0(QDate(2026, 3, 1), QTime(3, 0), Qt::UTC);

AuditRecord heartbeat(const QString& phase, const QDateTime& time, const QString& instance, const QString& hook)
{
    AuditRecord r;
    r.time = time;
    r.phase = phase;
    r.region = u"eu-west-1"_s;
    r.action = u"RecordLifecycleActionHeartbeat"_s;
    r.group = u"web"_s;
    r.hook = hook;
    r.instance = instance;
    if (phase == "outcome"_L1)
        r.outcome = u"done"_s;
    return r;
}

GroupSnapshot webGroup()
{
    using namespace TestSupport;
    return group(u"web"_s, { instance(u"web"_s, u"i-1"_s, u"Pending:Wait"_s) },
        { hook(u"web"_s, u"warm-up"_s, true, 600, u"ABANDON"_s) });
}

} // namespace

class TestAuditHeartbeats : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QDateTime m_now;
    std::unique_ptr<InventoryStore> m_store;
    std::unique_ptr<AuditLog> m_log; // this process's view of the file
    std::unique_ptr<AuditLog> m_other; // another process appending to it

    QDateTime deadline() const
    {
        const PendingAction* action = m_store->pendingAction(u"web"_s, u"i-1"_s);
        return action ? action->estimate.deadline : QDateTime();
    }

private Q_SLOTS:
    void init()
    {
        const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".jsonl"_s);
        m_log = std::make_unique<AuditLog>(path);
        m_other = std::make_unique<AuditLog>(path);
        m_now = T0;
        m_store = std::make_unique<InventoryStore>(nullptr);
        m_store->estimator()->setClock([this] { return m_now; });
        m_store->setSnapshotForTesting({ webGroup() }); // first seen at T0: deadline T0 + 600 s
    }

    void readsOnlyWhatWasAppended()
    {
        QVERIFY(m_other->append(heartbeat(u"intent"_s, T0, u"i-1"_s, u"warm-up"_s)));
        qint64 offset = 0;
        QCOMPARE(m_log->readFrom(&offset).size(), 1);
        const qint64 afterFirst = offset;
        QVERIFY(afterFirst > 0);
        QVERIFY(m_log->readFrom(&offset).isEmpty());
        QCOMPARE(offset, afterFirst);

        // A record half written by the other process is left for the next read, not lost or miscounted.
        QFile raw(m_log->path());
        QVERIFY(raw.open(QIODevice::Append));
        raw.write("{\"time\":\"2026-03-01T03:00:01.000Z\",");
        raw.flush();
        int skipped = -1;
        QVERIFY(m_log->readFrom(&offset, &skipped).isEmpty());
        QCOMPARE(skipped, 0);
        QCOMPARE(offset, afterFirst);
        raw.write("\"phase\":\"intent\",\"instance\":\"i-2\"}\n");
        raw.close();
        const QList<AuditRecord> rest = m_log->readFrom(&offset);
        QCOMPARE(rest.size(), 1);
        QCOMPARE(rest.constFirst().instance, u"i-2"_s);

        // Truncated (rotated) underneath: read again from the start.
        QVERIFY(QFile::remove(m_log->path()));
        QVERIFY(m_other->append(heartbeat(u"intent"_s, T0, u"i-3"_s, u"warm-up"_s)));
        const QList<AuditRecord> rotated = m_log->readFrom(&offset);
        QCOMPARE(rotated.size(), 1);
        QCOMPARE(rotated.constFirst().instance, u"i-3"_s);
    }

    void anotherProcessHeartbeatMovesTheDeadline()
    {
        AuditHeartbeatFeed feed(m_log.get(), m_store.get());
        QCOMPARE(deadline(), T0.addSecs(600));
        // hookdesk-cli sent a heartbeat at T0 + 5 min (request out at 300 s, answered at 302 s).
        QVERIFY(m_other->append(heartbeat(u"intent"_s, T0.addSecs(300), u"i-1"_s, u"warm-up"_s)));
        QVERIFY(m_other->append(heartbeat(u"outcome"_s, T0.addSecs(302), u"i-1"_s, u"warm-up"_s)));
        m_now = T0.addSecs(310);
        QSignalSpy changed(m_store.get(), &InventoryStore::pendingActionsChanged);
        QCOMPARE(feed.poll(), 1);
        QCOMPARE(changed.count(), 1);
        // Counted from when the request went out: the estimate errs early, never late.
        QCOMPARE(deadline(), T0.addSecs(300 + 600));
        // Read once: polling again changes nothing.
        QCOMPARE(feed.poll(), 0);
        QCOMPARE(changed.count(), 1);
    }

    void followsEveryRefresh()
    {
        AuditHeartbeatFeed feed(m_log.get(), m_store.get());
        QVERIFY(m_other->append(heartbeat(u"intent"_s, T0.addSecs(60), u"i-1"_s, u"warm-up"_s)));
        QVERIFY(m_other->append(heartbeat(u"outcome"_s, T0.addSecs(61), u"i-1"_s, u"warm-up"_s)));
        QCOMPARE(deadline(), T0.addSecs(600));
        Q_EMIT m_store->refreshFinished(true, false);
        QCOMPARE(deadline(), T0.addSecs(660));
    }

    void onlyAcceptedHeartbeatsOfThisRegionCount()
    {
        AuditHeartbeatFeed feed(m_log.get(), m_store.get());
        AuditRecord failed = heartbeat(u"outcome"_s, T0.addSecs(100), u"i-1"_s, u"warm-up"_s);
        failed.outcome = u"failed"_s;
        QVERIFY(m_other->append(failed));
        AuditRecord completed = heartbeat(u"outcome"_s, T0.addSecs(110), u"i-1"_s, u"warm-up"_s);
        completed.action = u"CompleteLifecycleAction"_s;
        QVERIFY(m_other->append(completed));
        QVERIFY(m_other->append(heartbeat(u"outcome"_s, T0.addSecs(120), u"i-1"_s, u"other-hook"_s)));
        QVERIFY(m_other->append(heartbeat(u"outcome"_s, T0.addSecs(130), u"i-unknown"_s, u"warm-up"_s)));
        QCOMPARE(feed.poll(), 2); // the other hook's and the unknown instance's are valid, just not this row's
        QCOMPARE(deadline(), T0.addSecs(600));
    }

    void anOlderHeartbeatNeverMovesTheDeadlineBack()
    {
        m_now = T0.addSecs(400);
        m_store->recordHeartbeat(u"i-1"_s, u"warm-up"_s); // sent by this process at 400 s
        QCOMPARE(deadline(), T0.addSecs(1000));
        AuditHeartbeatFeed feed(m_log.get(), m_store.get());
        QVERIFY(m_other->append(heartbeat(u"outcome"_s, T0.addSecs(200), u"i-1"_s, u"warm-up"_s)));
        QSignalSpy changed(m_store.get(), &InventoryStore::pendingActionsChanged);
        feed.poll();
        QCOMPARE(deadline(), T0.addSecs(1000));
        QCOMPARE(changed.count(), 0);
    }

    void aHeartbeatOfAnEarlierWaitDoesNotCount()
    {
        // The log still holds a heartbeat from before this wait began (the instance was seen waiting at T0).
        AuditHeartbeatFeed feed(m_log.get(), m_store.get());
        QVERIFY(m_other->append(heartbeat(u"outcome"_s, T0.addSecs(-3600), u"i-1"_s, u"warm-up"_s)));
        feed.poll();
        QCOMPARE(deadline(), T0.addSecs(600));
    }
};

QTEST_GUILESS_MAIN(TestAuditHeartbeats)
#include "tst_auditheartbeats.moc"
