// TimeoutWatcher (issue 18 item 6): an instance that leaves its wait at about its deadline, with no Hookdesk
// completion recorded, is announced once with the hook and the default result that applied; one that another tool
// completed early is not, nor one a Hookdesk process completed (audit log), nor anything in the first refresh. A
// scaling activity that says the action timed out is believed even when the estimate had time left.
#include "auditlog.h"
#include "inventorybuilders.h"
#include "inventorystore.h"
#include "timeoutwatcher.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using TestSupport::hook;
using TestSupport::instance;

namespace {
const QDateTime T0 = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);
} // namespace

class TestTimeoutWatcher : public QObject {
    Q_OBJECT

private:
    QDateTime m_now;
    std::unique_ptr<InventoryStore> m_store;
    std::unique_ptr<TimeoutWatcher> m_watcher;
    std::unique_ptr<QSignalSpy> m_spy;

    // web: i-a waits on warm-up (60 s, ABANDON), i-b on register (3600 s, CONTINUE).
    void feed(const QString& stateA, const QString& stateB, const QList<ScalingActivity>& activities = {})
    {
        QList<GroupInstance> instances;
        if (!stateA.isEmpty())
            instances << instance(u"web"_s, u"i-a"_s, stateA);
        instances << instance(u"web"_s, u"i-b"_s, stateB);
        GroupSnapshot web
            = TestSupport::group(u"web"_s, instances, { hook(u"web"_s, u"warm-up"_s, true, 60, u"ABANDON"_s) });
        GroupSnapshot api
            = TestSupport::group(u"api"_s, {}, { hook(u"api"_s, u"register"_s, true, 3600, u"CONTINUE"_s) });
        web.activities = activities;
        m_store->setSnapshotForTesting({ web, api });
        m_watcher->observe();
    }

    TimeoutNotice notice(int index) const { return m_spy->at(index).at(0).value<TimeoutNotice>(); }

private Q_SLOTS:
    void init()
    {
        qRegisterMetaType<TimeoutNotice>();
        m_now = T0;
        m_store = std::make_unique<InventoryStore>(nullptr);
        m_store->estimator()->setClock([this] { return m_now; });
        m_watcher = std::make_unique<TimeoutWatcher>(m_store.get());
        m_spy = std::make_unique<QSignalSpy>(m_watcher.get(), &TimeoutWatcher::timedOut);
    }

    void cleanup()
    {
        m_spy.reset();
        m_watcher.reset();
        m_store.reset();
    }

    void timeoutAtTheDeadlineIsAnnouncedOnce()
    {
        feed(u"Pending:Wait"_s, u"InService"_s);
        QCOMPARE(m_spy->count(), 0); // the first refresh is the baseline
        m_now = T0.addSecs(70);
        feed(u"Terminating:Wait"_s, u"InService"_s);
        QCOMPARE(m_spy->count(), 1);
        const TimeoutNotice n = notice(0);
        QCOMPARE(n.instanceId, u"i-a"_s);
        QCOMPARE(n.hookName, u"warm-up"_s);
        QCOMPARE(n.result, u"ABANDON"_s);
        QCOMPARE(n.stateNow, u"Terminating:Wait"_s);
        QVERIFY2(n.text().contains(u"abandoned"_s), qPrintable(n.text()));
        m_now = T0.addSecs(90);
        feed(u"Terminating:Wait"_s, u"InService"_s);
        QCOMPARE(m_spy->count(), 1);
    }

    void anInstanceGoneAtItsDeadlineCounts()
    {
        feed(u"Pending:Wait"_s, u"InService"_s);
        m_now = T0.addSecs(65);
        feed({}, u"InService"_s);
        QCOMPARE(m_spy->count(), 1);
        QCOMPARE(notice(0).stateNow, QString());
    }

    void completedEarlyByAnotherToolIsNotATimeout()
    {
        feed(u"Pending:Wait"_s, u"InService"_s);
        m_now = T0.addSecs(5); // 55 s before the deadline, beyond the slack
        m_watcher->setSlackSeconds(30);
        feed(u"Pending:Proceed"_s, u"InService"_s);
        QCOMPARE(m_spy->count(), 0);
    }

    void completedByHookdeskIsNotATimeout()
    {
        QTemporaryDir dir;
        AuditLog audit(dir.filePath(u"audit.jsonl"_s));
        AuditRecord intent;
        intent.time = QDateTime::currentDateTimeUtc();
        intent.phase = u"intent"_s;
        intent.action = u"CompleteLifecycleAction"_s;
        intent.group = u"web"_s;
        intent.instance = u"i-a"_s;
        intent.result = u"CONTINUE"_s;
        QVERIFY(audit.append(intent));
        m_watcher->setAuditLog(&audit);
        // The real clock: the audit record is read back by time.
        m_now = QDateTime::currentDateTimeUtc();
        const QDateTime start = m_now;
        feed(u"Pending:Wait"_s, u"InService"_s);
        m_now = start.addSecs(70);
        feed(u"Pending:Proceed"_s, u"InService"_s);
        QCOMPARE(m_spy->count(), 0);
    }

    void activityThatSaysTimedOutIsBelieved()
    {
        feed(u"Pending:Wait"_s, u"InService"_s);
        m_now = T0.addSecs(5);
        m_watcher->setSlackSeconds(0);
        ScalingActivity activity;
        activity.activityId = u"act-1"_s;
        activity.groupName = u"web"_s;
        activity.description = u"Launching a new EC2 instance: i-a"_s;
        activity.statusCode = u"Cancelled"_s;
        activity.statusMessage = u"Instance failed to complete user's Lifecycle Action: Lifecycle Action with token "
                                 u"t was abandoned: Lifecycle Action Timed Out with ABANDON Result"_s;
        activity.startTime = T0.addSecs(-60);
        feed(u"Terminating:Wait"_s, u"InService"_s, { activity });
        QCOMPARE(m_spy->count(), 1);
        QVERIFY(notice(0).confirmedByActivity);

        // The same words for an action someone sent are not a timeout.
        init();
        feed(u"Pending:Wait"_s, u"InService"_s);
        m_now = T0.addSecs(70);
        activity.statusMessage.replace(u"Timed Out"_s, u"Completed"_s);
        feed(u"Terminating:Wait"_s, u"InService"_s, { activity });
        QCOMPARE(m_spy->count(), 0);
    }
};

QTEST_MAIN(TestTimeoutWatcher)
#include "tst_timeoutwatcher.moc"
