// FleetBoardWindow: CONTINUE, ABANDON and heartbeat on the selected rows. One confirmation for the whole selection
// (ConfirmActionDialog, the main window's: typed count for ABANDON and bulk), then one job per connection, sent
// through that connection's ActionController only; each connection's line in the Connections panel follows its job,
// and a job with failures opens the main window's progress view (BulkProgressDialog) with every outcome.
#include "actioncontroller.h"
#include "awssession.h"
#include "bulkprogressdialog.h"
#include "confirmactiondialog.h"
#include "connection.h"
#include "fleetboard.h"
#include "fleetboardwindow.h"
#include "fleetconnectionspanel.h"
#include "fleetfilterproxymodel.h"
#include "fleetpendingmodel.h"
#include "windowcontroller.h"

#include <QAction>
#include <QCheckBox>
#include <QMenu>
#include <QStatusBar>
#include <QTreeView>

using namespace Qt::StringLiterals;

bool FleetBoardWindow::isReadOnly() const
{
    return m_board->isReadOnly();
}

void FleetBoardWindow::setReadOnly(bool readOnly)
{
    m_board->setReadOnly(readOnly);
    if (m_readOnlyCheck->isChecked() != readOnly)
        m_readOnlyCheck->setChecked(readOnly);
    updateActions();
    if (!m_board->members().isEmpty())
        updateStatus(m_board->members().constFirst().source.key());
}

QList<std::pair<Connection*, QList<LifecycleTarget>>> FleetBoardWindow::selectedTargets() const
{
    QList<std::pair<Connection*, QList<LifecycleTarget>>> result;
    QModelIndexList rows = m_pendingView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const FleetPendingModel::Batch& batch : FleetPendingModel::batches(rows)) {
        // As the main window's pending view: transitional rows, and warm-pool waits whose hooks are unknown, are
        // left out (every action names the hooks it completes).
        const QList<LifecycleTarget> targets = WindowController::targetsFor(batch.actions);
        if (!targets.isEmpty())
            result.append({ batch.connection, targets });
    }
    return result;
}

void FleetBoardWindow::updateActions()
{
    const bool writable = !isReadOnly();
    const bool haveTargets = !selectedTargets().isEmpty();
    for (QAction* action : { m_continueAction, m_abandonAction, m_heartbeatAction }) {
        action->setEnabled(writable && haveTargets);
        action->setStatusTip(writable ? action->toolTip() : tr("Read-only mode is on: turn it off to act."));
    }
    m_refreshAction->setEnabled(!m_board->members().isEmpty());
}

void FleetBoardWindow::showContextMenu(const QPoint& pos)
{
    QMenu menu(this);
    menu.addAction(m_continueAction);
    menu.addAction(m_abandonAction);
    menu.addAction(m_heartbeatAction);
    menu.addSeparator();
    menu.addAction(m_refreshAction);
    menu.exec(m_pendingView->viewport()->mapToGlobal(pos));
}

void FleetBoardWindow::continueSelected()
{
    runCommand(LifecycleCommand::Continue);
}

void FleetBoardWindow::abandonSelected()
{
    runCommand(LifecycleCommand::Abandon);
}

void FleetBoardWindow::heartbeatSelected()
{
    runCommand(LifecycleCommand::Heartbeat);
}

void FleetBoardWindow::runCommand(LifecycleCommand command)
{
    const auto batches = selectedTargets();
    if (batches.isEmpty() || isReadOnly())
        return;
    QList<LifecycleTarget> all;
    QStringList accounts;
    QStringList regions;
    for (const auto& [connection, targets] : batches) {
        all << targets;
        const QString account = connection->session()->account();
        if (!accounts.contains(account))
            accounts << account;
        if (!regions.contains(connection->session()->region()))
            regions << connection->session()->region();
    }
    auto* dialog = new ConfirmActionDialog(command, all, this);
    dialog->setObjectName(u"confirmActionDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Where the action goes, said before it is confirmed: every account and region the selection spans.
    dialog->setConnection(accounts.contains(QString()) ? QString() : accounts.join(u", "_s), regions.join(u", "_s));
    // Connections may close while the dialog is open: only the ones still open when it is confirmed are sent to.
    QList<std::pair<QPointer<Connection>, QList<LifecycleTarget>>> guarded;
    for (const auto& [connection, targets] : batches)
        guarded.append({ connection, targets });
    connect(dialog, &QDialog::accepted, this, [this, command, guarded] {
        QList<std::pair<Connection*, QList<LifecycleTarget>>> open;
        for (const auto& [connection, targets] : guarded) {
            if (connection)
                open.append({ connection.data(), targets });
        }
        sendConfirmed(command, open);
    });
    dialog->open();
}

void FleetBoardWindow::sendConfirmed(
    LifecycleCommand command, const QList<std::pair<Connection*, QList<LifecycleTarget>>>& batches)
{
    if (isReadOnly())
        return;
    const QString description = LifecycleText::commandName(command);
    for (const auto& [connection, targets] : batches) {
        BulkActionJob* job = WindowController::startLifecycle(connection->actions(), command, targets);
        if (!job)
            continue;
        const FleetBoard::Member* member = m_board->memberOf(connection);
        followJob(job, member ? member->source.key() : QString(), description);
        Q_EMIT jobStarted(job);
    }
}

void FleetBoardWindow::followJob(BulkActionJob* job, const QString& key, const QString& description)
{
    // The progress view is made now (it follows the job from its first item) and shown only when something failed.
    auto* progress = new BulkProgressDialog(job, this);
    job->setParent(progress);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<FleetConnectionsPanel> panel = m_panel;
    connect(job, &BulkActionJob::progress, this, [panel, key, description](int completed, int total) {
        if (panel)
            panel->setProgress(key, tr("%1: %2 of %3").arg(description).arg(completed).arg(total));
    });
    connect(job, &BulkActionJob::finished, this, [this, panel, progress, key, description](BulkActionJob* done) {
        const QString summary = tr("%1: %2").arg(description, progress->summaryText());
        if (panel)
            panel->setProgress(key, summary);
        statusBar()->showMessage(tr("%1 — %2").arg(key, summary), 8000);
        if (!done->succeeded()) {
            progress->show();
            progress->raise();
        } else {
            progress->close();
        }
    });
}
