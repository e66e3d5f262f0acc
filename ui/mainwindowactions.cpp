// MainWindow: what the actions do. Every mutating path: collect targets → confirm (typed when destructive or
// bulk) → ActionController job → progress/outcome. Dialogs are modal but opened with open().
#include "actioncontroller.h"
#include "bulkprogressdialog.h"
#include "confirmactiondialog.h"
#include "deletehookdialog.h"
#include "grouplistmodel.h"
#include "hookeditordialog.h"
#include "hooklistmodel.h"
#include "inventorystore.h"
#include "lifecyclestate.h"
#include "mainwindow.h"
#include "mfapromptdialog.h"
#include "notificationdialog.h"
#include "pendingactionmodel.h"
#include "pendingfilterproxymodel.h"
#include "refreshcontroller.h"
#include "windowcontroller.h"

#include <QAction>
#include <QCheckBox>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

using namespace Qt::StringLiterals;

bool MainWindow::isReadOnly() const
{
    return m_controller->isReadOnly();
}

void MainWindow::setReadOnly(bool readOnly)
{
    m_controller->setReadOnly(readOnly);
    if (m_readOnlyAction->isChecked() != readOnly)
        m_readOnlyAction->setChecked(readOnly);
    updateActions();
    updateStatus();
}

QList<LifecycleTarget> MainWindow::selectedTargets() const
{
    if (!m_pendingView->selectionModel())
        return {};
    QModelIndexList rows = m_pendingView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<PendingAction> actions;
    for (const QModelIndex& index : std::as_const(rows))
        actions.append(index.data(PendingActionModel::PendingActionRole).value<PendingAction>());
    return WindowController::targetsFor(actions);
}

bool MainWindow::selectPending(const QString& groupName, const QString& instanceId)
{
    if (!m_pendingModel)
        return false;
    const int row = m_pendingModel->rowOf(groupName, instanceId);
    if (row < 0)
        return false;
    const QModelIndex index = m_pendingProxy->mapFromSource(m_pendingModel->index(row, 0));
    if (!index.isValid())
        return false;
    m_tabs->setCurrentIndex(0);
    m_pendingView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_pendingView->scrollTo(index);
    return true;
}

LifecycleHook MainWindow::currentHook(bool* ok) const
{
    *ok = false;
    if (!m_hookModel || !m_hookView->selectionModel())
        return {};
    const QModelIndexList rows = m_hookView->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return {};
    *ok = true;
    return m_hookModel->hookAt(m_hookProxy->mapToSource(rows.first()).row());
}

void MainWindow::updateActions()
{
    WindowController::View view;
    view.pendingTab = m_tabs->currentIndex() == 0;
    view.hookTab = m_tabs->currentIndex() == 2;
    view.haveTargets = view.pendingTab && !selectedTargets().isEmpty();
    currentHook(&view.haveHook);
    const WindowController::Enabled enabled = m_controller->enabled(view);

    m_refreshAction->setEnabled(enabled.refresh);
    m_continueAction->setEnabled(enabled.lifecycle);
    m_abandonAction->setEnabled(enabled.lifecycle);
    m_heartbeatAction->setEnabled(enabled.lifecycle);
    updateKeepAliveActions(enabled.keepAlive);
    updateRemedyActions(enabled.remedy);
    m_newHookAction->setEnabled(enabled.newHook);
    m_editHookAction->setEnabled(enabled.editHook);
    m_deleteHookAction->setEnabled(enabled.deleteHook);
    m_notificationAction->setEnabled(enabled.notification);
    explainLifecycleActions(enabled.remedy);
    for (QAction* action : { m_continueAction, m_abandonAction, m_heartbeatAction, m_keepAliveAction, m_newHookAction,
             m_editHookAction, m_deleteHookAction }) {
        action->setStatusTip(enabled.whyNot.isEmpty() ? action->toolTip() : enabled.whyNot);
    }
}

void MainWindow::refreshNow()
{
    // The operator asks: an MFA prompt cancelled earlier may be shown again (the automatic refresh never does).
    if (m_mfa)
        m_mfa->signInAgain();
    if (m_refresh)
        m_refresh->refreshNow();
    updateStatus();
}

void MainWindow::continueSelected()
{
    runLifecycleCommand(LifecycleCommand::Continue, selectedTargets());
}

void MainWindow::abandonSelected()
{
    runLifecycleCommand(LifecycleCommand::Abandon, selectedTargets());
}

void MainWindow::heartbeatSelected()
{
    runLifecycleCommand(LifecycleCommand::Heartbeat, selectedTargets());
}

void MainWindow::openDialog(QDialog* dialog)
{
    // Auto-refresh goes on while a dialog is open (issue 18 item 6): each dialog holds a copy of what it shows
    // and confirms (targets, hook, counts), so the data under it is frozen for it, not for the whole window, and
    // the countdowns and waiting rows behind it stay true.
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    ++m_openDialogs;
    connect(dialog, &QDialog::finished, this, [this] {
        --m_openDialogs;
        updateStatus();
    });
    dialog->open();
    updateStatus();
}

void MainWindow::runLifecycleCommand(LifecycleCommand command, const QList<LifecycleTarget>& targets)
{
    if (!m_actions || targets.isEmpty() || isReadOnly())
        return;
    auto* dialog = new ConfirmActionDialog(command, targets, this);
    dialog->setObjectName(u"confirmActionDialog"_s);
    if (m_session)
        dialog->setConnection(m_session->account(), m_session->region());
    connect(dialog, &QDialog::accepted, this, [this, command, targets] {
        BulkActionJob* job = m_controller->runLifecycle(command, targets);
        if (!job)
            return;
        // One instance reports on its row and in the status bar; several keep the progress view.
        if (targets.size() == 1)
            startInlineJob(job, LifecycleText::commandName(command), targets.constFirst());
        else
            startJob(job, LifecycleText::commandName(command));
    });
    openDialog(dialog);
}

void MainWindow::startJob(BulkActionJob* job, const QString& description)
{
    if (!job)
        return;
    // A single item reports in the status bar; several, or any failure, open the progress view with each outcome.
    auto* progress = new BulkProgressDialog(job, this);
    job->setParent(progress);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(job, &BulkActionJob::finished, this, [this, progress, description](BulkActionJob* finished) {
        const bool problem = !finished->succeeded() || finished->count() != 1;
        if (problem || progress->isVisible()) {
            progress->show();
            progress->raise();
        } else {
            statusBar()->showMessage(tr("%1: %2").arg(description, progress->summaryText()), 8000);
            progress->close();
        }
        updateStatus();
    });
}
