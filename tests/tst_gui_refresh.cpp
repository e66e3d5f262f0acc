// The window's instance refresh section against the in-process simulator: the selected group's details show its
// refresh stalled on a launch hook ("waiting on lifecycle actions" with the instance), Cancel refresh asks for the
// group's name before anything is sent, is refused in read-only mode, and once confirmed is audited (intent and
// outcome) and shows what reading the refresh back found.
#include "auditlog.h"
#include "detailspane.h"
#include "grouplistmodel.h"
#include "instancerefreshpanel.h"
#include "refreshconfirmdialog.h"
#include "refreshscenario.h"
#include "simengine.h"
#include "tst_gui_simwindow.h"

#include <QAction>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

class TestGuiRefresh : public QObject {
    Q_OBJECT

    SimWindow m_open;
    qsizetype m_auditBefore = 0; // the log outlives one test function: records of earlier ones
    int m_describes = 0; // DescribeInstanceRefreshes served since init()

    MainWindow* window() { return m_open.window.get(); }
    SimEngine& engine() { return m_open.sim->simulator().engine(); }
    SimRefresh refresh() { return engine().instanceRefreshes(u"rollout"_s)->value(0); }
    InstanceRefreshPanel* panel() { return window()->refreshPanel(); }
    QString details() { return window()->detailsPane()->toPlainText(); }
    int refreshRequests()
    {
        int count = 0;
        for (const SimLedgerEntry& entry : m_open.sim->simulator().ledger())
            count += entry.action.endsWith(u"InstanceRefresh"_s) ? 1 : 0;
        return count;
    }
    QList<AuditRecord> auditRecords()
    {
        QList<AuditRecord> records;
        for (const AuditRecord& record : AuditLog(m_open.dir.filePath(u"audit.jsonl"_s)).readAll()) {
            if (record.action.endsWith(u"InstanceRefresh"_s))
                records.append(record);
        }
        return records.mid(m_auditBefore);
    }
    // Selects `group` in the group list and shows a tab whose details are the group's (Activity).
    void selectGroup(const QString& group)
    {
        QAbstractItemModel* model = window()->groupView()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(GroupListModel::GroupNameRole).toString() == group)
                window()->groupView()->setCurrentIndex(index);
        }
        window()->tabs()->setCurrentIndex(3);
    }

private Q_SLOTS:
    void init()
    {
        m_auditBefore = 0;
        m_open.open(RefreshScenario::Json, 0);
        if (QTest::currentTestFailed())
            return;
        m_auditBefore = auditRecords().size();
        m_describes = 0;
        connect(&m_open.sim->simulator(), &Simulator::requestServed, this,
            [this](const QString& action, int) { m_describes += action == u"DescribeInstanceRefreshes"_s ? 1 : 0; });
        m_open.sim->simulator().advance(120); // the first replacement launches and waits on smoke-test
        window()->refreshNow();
        QTRY_COMPARE_WITH_TIMEOUT(window()->pendingView()->model()->rowCount(), 1, 10000);
    }

    void cleanup() { m_open.close(); }

    void detailsShowTheStalledRefresh()
    {
        const QString waiting = m_open.sim->simulator().pendingActions(u"rollout"_s).first().instanceId;
        // A refresh of the inventory reads no instance refreshes: only showing a group's details does.
        QCOMPARE(m_describes, 0);
        selectGroup(u"rollout"_s);
        QTRY_VERIFY_WITH_TIMEOUT(details().contains(u"Waiting on lifecycle actions of %1."_s.arg(waiting)), 10000);
        QVERIFY(details().contains(refresh().id));
        QVERIFY(details().contains(u"InProgress · 0% done · 4 to update"_s));
        QVERIFY(details().contains(u"Cancel refresh"_s));
        QVERIFY(window()->detailsPane()->toHtml().contains(u"#b3261e"_s)); // highlighted
        QVERIFY(panel()->cancelAction()->isEnabled());
        QVERIFY(panel()->rollbackAction()->isEnabled());
        QCOMPARE(m_describes, 1); // one read, however often the details are drawn

        // Another group: its own (no) refreshes, and nothing to cancel.
        selectGroup(u"quiet"_s);
        QTRY_VERIFY_WITH_TIMEOUT(details().contains(u"None in the last six weeks."_s), 10000);
        QVERIFY(!panel()->cancelAction()->isEnabled());
        panel()->cancelRefresh();
        QVERIFY(window()->statusBar()->currentMessage().contains(u"no active instance refresh"_s));
        QVERIFY(!visibleDialog<RefreshConfirmDialog>(window()));
        QCOMPARE(refreshRequests(), 0);
    }

    void cancelIsConfirmedAuditedAndVerified()
    {
        selectGroup(u"rollout"_s);
        QTRY_VERIFY_WITH_TIMEOUT(panel()->cancelAction()->isEnabled(), 10000);
        panel()->cancelAction()->trigger();
        auto* dialog = visibleDialog<RefreshConfirmDialog>(window());
        QVERIFY(dialog);
        QVERIFY(dialog->explanationText().contains(u"starts no new ones"_s));
        QVERIFY(dialog->explanationText().contains(u"waiting on lifecycle actions of i-"_s));
        QVERIFY(dialog->contextText().contains(m_open.sim->simulator().options().region));
        QVERIFY(!dialog->confirmButton()->isEnabled());
        dialog->setTypedConfirmation(u"quiet"_s);
        QVERIFY(!dialog->confirmButton()->isEnabled());
        dialog->setTypedConfirmation(u"rollout"_s);
        QVERIFY(dialog->confirmButton()->isEnabled());
        QCOMPARE(refreshRequests(), 0); // nothing before the click
        dialog->confirmButton()->click();

        QTRY_COMPARE_WITH_TIMEOUT(refresh().status, u"Cancelling"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window()->statusBar()->currentMessage().contains(u"done ✓ (Cancelling)"_s), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(details().contains(u"Cancelling"_s), 10000);
        QCOMPARE(refreshRequests(), 1);
        const QList<AuditRecord> records = auditRecords();
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0).phase, u"intent"_s);
        QCOMPARE(records.at(0).action, u"CancelInstanceRefresh"_s);
        QCOMPARE(records.at(0).group, u"rollout"_s);
        QCOMPARE(records.at(1).phase, u"outcome"_s);
        QCOMPARE(records.at(1).outcome, u"done"_s);
        QCOMPARE(records.at(1).verified, std::optional<bool>(true));
        // Cancelling: a second cancel is not offered, nor a rollback.
        QVERIFY(!panel()->cancelAction()->isEnabled() || refresh().status == u"Cancelling"_s);
        QVERIFY(!panel()->rollbackAction()->isEnabled());
    }

    void dismissedDialogSendsNothing()
    {
        selectGroup(u"rollout"_s);
        QTRY_VERIFY_WITH_TIMEOUT(panel()->rollbackAction()->isEnabled(), 10000);
        panel()->rollbackAction()->trigger();
        auto* dialog = visibleDialog<RefreshConfirmDialog>(window());
        QVERIFY(dialog);
        QVERIFY(dialog->explanationText().contains(u"previous configuration"_s));
        dialog->reject();
        QTest::qWait(200);
        QCOMPARE(refreshRequests(), 0);
        QCOMPARE(refresh().status, u"InProgress"_s);
        QVERIFY(auditRecords().isEmpty());
    }

    void refusedInReadOnlyMode()
    {
        selectGroup(u"rollout"_s);
        QTRY_VERIFY_WITH_TIMEOUT(panel()->cancelAction()->isEnabled(), 10000);
        window()->setReadOnly(true);
        QTRY_VERIFY(!panel()->cancelAction()->isEnabled());
        QVERIFY(!panel()->rollbackAction()->isEnabled());
        panel()->cancelRefresh(); // a link or a script may still ask
        QVERIFY(window()->statusBar()->currentMessage().contains(u"Read-only"_s));
        QVERIFY(!visibleDialog<RefreshConfirmDialog>(window()));
        QCOMPARE(refreshRequests(), 0);
        QCOMPARE(refresh().status, u"InProgress"_s);
        QVERIFY(auditRecords().isEmpty());
    }
};

QTEST_MAIN(TestGuiRefresh)
#include "tst_gui_refresh.moc"
