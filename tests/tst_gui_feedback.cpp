// Issue 18 item 6, feedback where it belongs: a timeout that applied a default result is announced (status bar and
// Activity tab; not for an instance another tool completed early); actions on *:Proceed rows are disabled with a
// tooltip that says why; a single heartbeat or CONTINUE reports in the status bar and on its row, with no window
// to close; the confirmation shows account, region and time left; auto-refresh goes on while a dialog is open;
// after a failed refresh the rows are marked stale and the age of the data is shown.
#include "activitymodel.h"
#include "bulkprogressdialog.h"
#include "confirmactiondialog.h"
#include "credentialprovider.h"
#include "deletehookdialog.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "notificationdialog.h"
#include "pendingactionmodel.h"
#include "refreshcontroller.h"
#include "screenshot.h"
#include "simengine.h"
#include "simulatorfixture.h"
#include "tst_gui_simwindow.h"

#include <QAction>
#include <QFont>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// web: one instance 50 s into a 60 s ABANDON hook (times out soon), one with an hour left, one on its way.
const QByteArray Scenario = R"({ "groups": [
  { "name": "web", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 60, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "Pending:Wait", "count": 1, "elapsed": 50 },
                   { "state": "Pending:Proceed", "count": 1 } ] },
  { "name": "api", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "register", "transition": "launching", "heartbeatTimeout": 3600, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "Pending:Wait", "count": 1, "elapsed": 20 } ] }
] })";

} // namespace

class TestGuiFeedback : public QObject {
    Q_OBJECT

private:
    SimWindow m_fx;

    QAbstractItemModel* pending() const { return m_fx.window->pendingView()->model(); }

    int rowOf(const QString& instanceId) const
    {
        for (int row = 0; row < pending()->rowCount(); ++row) {
            if (pending()->index(row, 0).data(PendingActionModel::InstanceIdRole).toString() == instanceId)
                return row;
        }
        return -1;
    }

    QString waitingIn(const QString& group) const
    {
        return m_fx.sim->simulator().pendingActions(group).value(0).instanceId;
    }

    bool refreshOnce()
    {
        QSignalSpy finished(m_fx.window->store(), &InventoryStore::refreshFinished);
        m_fx.window->refreshNow();
        return finished.wait(20000);
    }

    QString activityDescriptions() const
    {
        const auto* view = m_fx.window->findChild<QTreeView*>(u"activityView"_s);
        QStringList lines;
        for (int row = 0; row < view->model()->rowCount(); ++row)
            lines << view->model()->index(row, ActivityModel::DescriptionColumn).data().toString();
        return lines.join(u'\n');
    }

private Q_SLOTS:
    void init()
    {
        m_fx.open(Scenario, 3);
        if (QTest::currentTestFailed())
            return;
        // The estimates follow the simulated clock, so advancing it moves the deadlines as AWS would.
        SimulatorFixture* sim = m_fx.sim.get();
        m_fx.window->store()->estimator()->setClock([sim] { return sim->simulator().now(); });
        QTRY_VERIFY_WITH_TIMEOUT(!m_fx.window->session()->account().isEmpty(), 10000);
    }

    void cleanup() { m_fx.close(); }

    // Before: the row just vanished at its deadline, and nothing said the timeout had abandoned the launch.
    void timeoutThatAppliedTheDefaultIsAnnounced()
    {
        const QString web = waitingIn(u"web"_s);
        const QString api = waitingIn(u"api"_s);
        QVERIFY(refreshOnce()); // a baseline with both waiting
        // api's instance is completed by another tool, long before its deadline: not a timeout.
        QString error;
        QVERIFY2(
            succeeded(
                m_fx.sim->simulator().engine().completeAction(u"api"_s, u"register"_s, {}, api, u"CONTINUE"_s), &error),
            qPrintable(error));
        m_fx.sim->simulator().advance(15); // web's 60 s run out (a replacement launches and waits in turn)
        for (const SimPendingAction& action : m_fx.sim->simulator().pendingActions(u"web"_s))
            QVERIFY(action.instanceId != web);
        QVERIFY(refreshOnce());
        QTRY_COMPARE(m_fx.window->timeoutAnnouncements().size(), 1);
        const QString text = m_fx.window->timeoutAnnouncements().constFirst();
        QVERIFY2(text.contains(web) && text.contains(u"warm-up"_s) && text.contains(u"ABANDON"_s), qPrintable(text));
        QVERIFY(!text.contains(api));
        QCOMPARE(m_fx.window->statusBar()->currentMessage(), text);
        QTRY_VERIFY2(activityDescriptions().contains(text), qPrintable(activityDescriptions()));
        m_fx.window->tabs()->setCurrentIndex(3);
        TestSupport::screenshot(m_fx.window.get(), u"18-6-timeout-announced"_s);
        // Announced once: the next refresh does not repeat it.
        QVERIFY(refreshOnce());
        QCOMPARE(m_fx.window->timeoutAnnouncements().size(), 1);
    }

    // Before: CONTINUE looked available on a *:Proceed row and silently did nothing.
    void actionsOnProceedRowsSayWhyTheyAreDisabled()
    {
        const int row = [this] {
            for (int r = 0; r < pending()->rowCount(); ++r) {
                if (!pending()->index(r, 0).data(PendingActionModel::ActionableRole).toBool())
                    return r;
            }
            return -1;
        }();
        QVERIFY(row >= 0);
        m_fx.window->pendingView()->selectionModel()->select(
            pending()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        auto* continueAction = m_fx.window->findChild<QAction*>(u"continueAction"_s);
        QVERIFY(!continueAction->isEnabled());
        QVERIFY2(continueAction->toolTip().contains(u"waits on no hook"_s), qPrintable(continueAction->toolTip()));
        QVERIFY(pending()->index(row, 0).data(Qt::ToolTipRole).toString().contains(u"waits on no hook"_s));
        // A waiting row selected again: the usual tooltip is back.
        m_fx.window->pendingView()->selectionModel()->select(pending()->index(rowOf(waitingIn(u"api"_s)), 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(continueAction->isEnabled());
        QVERIFY(!continueAction->toolTip().contains(u"waits on no hook"_s));
    }

    // Before: one heartbeat opened a progress window that had to be closed; the confirmation did not say where.
    void singleHeartbeatReportsOnTheRowAndConfirmationSaysWhere()
    {
        const QString api = waitingIn(u"api"_s);
        QVERIFY(m_fx.window->selectPending(u"api"_s, api));
        m_fx.window->heartbeatSelected();
        auto* confirm = visibleDialog<ConfirmActionDialog>(m_fx.window.get());
        QVERIFY(confirm);
        const QString context = confirm->contextText();
        QVERIFY2(context.contains(u"Account 123456789012"_s) && context.contains(u"us-east-1"_s), qPrintable(context));
        QVERIFY2(context.contains(u"left"_s) && context.contains(u"≈"_s), qPrintable(context));
        // Auto-refresh goes on underneath (it used to pause while a dialog was open).
        QVERIFY(!m_fx.window->refreshController()->isPaused());
        QVERIFY(m_fx.window->refreshController()->nextRefresh().isValid());
        TestSupport::screenshot(confirm, u"18-6-confirmation-context"_s);
        confirm->confirmButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_fx.window->statusBar()->currentMessage().contains(u"done"_s), 15000);
        QVERIFY2(m_fx.window->statusBar()->currentMessage().contains(api),
            qPrintable(m_fx.window->statusBar()->currentMessage()));
        QVERIFY(!visibleDialog<BulkProgressDialog>(m_fx.window.get()));
        const int row = rowOf(api);
        QVERIFY(row >= 0);
        const QString state = pending()->index(row, PendingActionModel::StateColumn).data().toString();
        QVERIFY2(state.startsWith(u"Pending:Wait — heartbeat"_s) && state.contains(u"done"_s), qPrintable(state));
        TestSupport::screenshot(m_fx.window.get(), u"18-6-single-heartbeat-inline"_s);
    }

    void deleteHookConfirmationSaysWhere()
    {
        LifecycleHook hook;
        hook.name = u"warm-up"_s;
        hook.groupName = u"web"_s;
        DeleteHookDialog dialog(hook, 1);
        dialog.setConnection(m_fx.window->session()->account(), m_fx.window->session()->region());
        QCOMPARE(dialog.contextText(), u"Account 123456789012 · us-east-1"_s);
    }

    void refreshGoesOnWhileADialogIsOpen()
    {
        m_fx.window->completeFromNotification();
        QVERIFY(visibleDialog<NotificationDialog>(m_fx.window.get()));
        QVERIFY(!m_fx.window->refreshController()->isPaused());
        QVERIFY(m_fx.window->refreshController()->nextRefresh().isValid());
        QVERIFY(refreshOnce());
    }

    // Before: after a failed refresh the rows looked as current as ever.
    void failedRefreshMarksRowsStaleWithTheirAge()
    {
        QVERIFY(refreshOnce());
        QVERIFY(!pending()->index(0, 0).data(PendingActionModel::StaleRole).toBool());
        // Every attempt of the next DescribeAutoScalingGroups fails (the client tries three times).
        m_fx.sim->simulator().injectFault(SimFault::ServerError, 3, u"DescribeAutoScalingGroups"_s);
        QSignalSpy finished(m_fx.window->store(), &InventoryStore::refreshFinished);
        m_fx.window->refreshNow();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.constFirst().at(0).toBool(), false);
        QVERIFY(pending()->rowCount() > 0); // the last data stays
        const QModelIndex first = pending()->index(0, 0);
        QVERIFY(first.data(PendingActionModel::StaleRole).toBool());
        QVERIFY(first.data(Qt::FontRole).value<QFont>().italic());
        QVERIFY2(first.data(Qt::ToolTipRole).toString().contains(u"data from"_s),
            qPrintable(first.data(Qt::ToolTipRole).toString()));
        auto* age = m_fx.window->findChild<QLabel*>(u"refreshAgeLabel"_s);
        QTRY_VERIFY2(age->text().contains(u"data from"_s), qPrintable(age->text()));
        // The other tabs show old data too: their rows in italics, the age in the tooltip.
        QVERIFY(m_fx.window->groupView()->font().italic());
        QVERIFY(m_fx.window->hookView()->font().italic());
        QVERIFY(m_fx.window->hookView()->viewport()->toolTip().contains(u"data from"_s));
        TestSupport::screenshot(m_fx.window.get(), u"18-6-stale-rows"_s);
        // A good refresh clears the mark.
        QTRY_VERIFY_WITH_TIMEOUT(
            refreshOnce() && !pending()->index(0, 0).data(PendingActionModel::StaleRole).toBool(), 60000);
        QVERIFY(!m_fx.window->groupView()->font().italic());
        QVERIFY(m_fx.window->hookView()->viewport()->toolTip().isEmpty());
    }
};

QTEST_MAIN(TestGuiFeedback)
#include "tst_gui_feedback.moc"
