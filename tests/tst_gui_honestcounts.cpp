// Issue 18.3 and 18.4, counts and words that cannot mislead: the progress dialog's headline counts the items it
// reports and says "Done" once finished; the Pending tab counts what the group pane calls Waiting (not *:Proceed
// rows); a row shows the result and time of the same hook; a filter that hides every waiting instance says "0 of 2
// shown — clear filter" and the tab "0 / 2"; Esc clears the filter; Ctrl+F reaches it at 1024 px.
#include "actioncontroller.h"
#include "bulkprogressdialog.h"
#include "credentialprovider.h"
#include "detailspane.h"
#include "grouplistmodel.h"
#include "inventorystore.h"
#include "launchscenario.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"
#include "resources.h"
#include "simulatorfixture.h"
#include "tst_gui_simwindow.h"

#include <QAction>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// web: two waiting instances, one already released (Pending:Proceed); register (CONTINUE, 5 min) times out
// before warm-up (ABANDON, 10 min).
const QByteArray Scenario = R"({ "groups": [
  { "name": "web", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 600, "defaultResult": "ABANDON" },
               { "name": "register", "transition": "launching", "heartbeatTimeout": 300, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "InService", "count": 1 }, { "state": "Pending:Wait", "count": 2, "elapsed": 20 },
                   { "state": "Pending:Proceed", "count": 1 } ] }
] })";

} // namespace

class TestGuiHonestCounts : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<StaticCredentialProvider> m_credentials;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;

    QString pendingTabText() const { return m_window->tabs()->tabText(0); }

    int waitingInGroupPane() const
    {
        const QAbstractItemModel* groups = m_window->groupView()->model();
        for (int row = 0; row < groups->rowCount(); ++row) {
            const QModelIndex index = groups->index(row, GroupListModel::WaitingColumn);
            if (index.data(GroupListModel::IsAllGroupsRole).toBool())
                return index.data(GroupListModel::WaitingCountRole).toInt();
        }
        return -1;
    }

private Q_SLOTS:
    // As both executables do at start-up: numerus strings then read as real English plurals.
    void initTestCase() { hookdesk_install_translators(); }

    void init()
    {
        m_sim = std::make_unique<SimulatorFixture>();
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().loadScenario(Scenario), &error), qPrintable(error));
        m_credentials = std::make_unique<StaticCredentialProvider>(m_sim->credentials());
        m_window = std::make_unique<MainWindow>();
        m_window->setAuditLogPath(m_dir.filePath(u"audit.jsonl"_s));
        openSimWindow(m_window.get(), m_credentials.get(), *m_sim, 3); // two waiting, one *:Proceed
    }

    void cleanup()
    {
        if (m_window && m_window->store())
            (void)QTest::qWaitFor([this] { return !m_window->store()->isRefreshing(); }, 10000);
        m_window.reset();
        m_credentials.reset();
        m_sim.reset();
    }

    // Before: "Pending actions (3)" beside Waiting 2 in the group pane.
    void pendingTabCountsWhatWaits()
    {
        QCOMPARE(waitingInGroupPane(), 2);
        QCOMPARE(pendingTabText(), u"Pending actions (2)"_s);
    }

    // Before: "ABANDON" beside register's (CONTINUE) 5-minute countdown.
    void rowShowsTheResultOfTheHookThatDecidesFirst()
    {
        const QAbstractItemModel* model = m_window->pendingView()->model();
        const QModelIndex first = model->index(0, 0);
        QVERIFY(first.data(PendingActionModel::ActionableRole).toBool());
        QCOMPARE(model->index(0, PendingActionModel::DefaultColumn).data().toString(), u"CONTINUE"_s);
        const qint64 left = first.data(PendingActionModel::SecondsLeftRole).toLongLong();
        QVERIFY2(left > 200 && left <= 300, qPrintable(QString::number(left))); // register's 300 s, not warm-up's 600
        const auto action = first.data(PendingActionModel::PendingActionRole).value<PendingAction>();
        QVERIFY2(
            action.explanation().contains(u"then warm-up times out with ABANDON"_s), qPrintable(action.explanation()));
    }

    // Before: the details pane said "Nothing is waiting" and the tab lost its count.
    void filterThatHidesEverythingSaysSo()
    {
        m_window->pendingView()->clearSelection();
        m_window->pendingView()->setCurrentIndex({});
        m_window->filterEdit()->setText(u"no-such-instance"_s);
        QCOMPARE(m_window->pendingView()->model()->rowCount(), 0);
        QCOMPARE(pendingTabText(), u"Pending actions (0 / 2)"_s);
        const QString details = m_window->detailsPane()->toPlainText();
        QVERIFY2(details.contains(u"0 of 2 shown — clear filter"_s), qPrintable(details));
        QVERIFY2(!details.contains(u"Nothing is waiting"_s), qPrintable(details));

        // The link clears it.
        Q_EMIT m_window->detailsPane()->anchorClicked(QUrl(u"#clear-filter"_s));
        QVERIFY(m_window->filterEdit()->text().isEmpty());
        QCOMPARE(pendingTabText(), u"Pending actions (2)"_s);

        // A filter that keeps one: "1 / 2".
        const QString id
            = m_window->pendingView()->model()->index(0, 0).data(PendingActionModel::InstanceIdRole).toString();
        m_window->filterEdit()->setText(id);
        QCOMPARE(pendingTabText(), u"Pending actions (1 / 2)"_s);
    }

    // Before: Esc did nothing in the filter box.
    void escapeClearsTheFilter()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QLineEdit* filter = m_window->filterEdit();
        filter->setFocus();
        QTest::keyClicks(filter, u"web"_s);
        QCOMPARE(filter->text(), u"web"_s);
        QTest::keyClick(filter, Qt::Key_Escape);
        QVERIFY(filter->text().isEmpty());
        QCOMPARE(pendingTabText(), u"Pending actions (2)"_s);
    }

    // Before: at 1024 px the filter box sat in the toolbar's overflow menu and Ctrl+F focused a hidden widget.
    void ctrlFReachesTheFilterAt1024()
    {
        m_window->resize(1024, 700);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTRY_COMPARE(m_window->width(), 1024);
        QLineEdit* filter = m_window->filterEdit();
        QTRY_VERIFY(filter->isVisible());
        m_window->pendingView()->setFocus();
        QTest::keyClick(m_window->pendingView(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(filter->hasFocus());
        QVERIFY(filter->mapTo(m_window.get(), filter->rect().bottomRight()).x() <= m_window->width());
    }

    // Before: "Sending ABANDON for 0 lifecycle action(s)" beside "2 done", and still "Sending" once finished.
    void progressHeadlineCountsItsItems()
    {
        ActionController* controller = m_window->actionController();
        QList<LifecycleActionTarget> targets;
        for (const QString& id : LaunchScenario::waitingInstances(m_sim->simulator(), u"web"_s))
            targets.append({ u"web"_s, {}, id, {} });
        QCOMPARE(targets.size(), 2);
        BulkActionJob* job = controller->complete(targets, u"ABANDON"_s);
        QVERIFY(job);
        BulkProgressDialog dialog(job); // opened at once, as the window does, before the job has its items
        QSignalSpy finished(job, &BulkActionJob::finished);
        QVERIFY(job->isFinished() || finished.wait(10000));
        QVERIFY2(dialog.summaryText().contains(u"2 done"_s), qPrintable(dialog.summaryText()));
        QCOMPARE(dialog.headlineText(), u"Done: ABANDON for 2 lifecycle actions"_s);
    }
};

QTEST_MAIN(TestGuiHonestCounts)
#include "tst_gui_honestcounts.moc"
