// MainWindow: hooks (create, edit, delete), "complete from notification", profiles, context menus.
#include "actioncontroller.h"
#include "awssession.h"
#include "bulkprogressdialog.h"
#include "deletehookdialog.h"
#include "hookeditordialog.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "notificationdialog.h"
#include "profilemanagerdialog.h"
#include "profilestore.h"
#include "windowcontroller.h"

#include <QAction>
#include <QMenu>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

using namespace Qt::StringLiterals;

void MainWindow::newHook()
{
    if (!m_actions || isReadOnly() || !m_store)
        return;
    runHookEditor(new HookEditorDialog(m_store->groupNames(), currentGroup(), this), tr("Create hook %1"));
}

void MainWindow::editHook()
{
    bool ok = false;
    const LifecycleHook hook = currentHook(&ok);
    if (!ok || !m_actions || isReadOnly())
        return;
    runHookEditor(new HookEditorDialog(hook, this), tr("Save hook %1"));
}

void MainWindow::runHookEditor(HookEditorDialog* dialog, const QString& jobDescription)
{
    connect(dialog, &HookEditorDialog::saveRequested, this,
        [this, dialog, jobDescription](const PutLifecycleHookRequest& request) {
            BulkActionJob* job = m_controller->putHook(request);
            if (!job)
                return;
            startJob(job, jobDescription.arg(request.hookName));
            // The dialog stays open on failure, so the user can correct the hook and save again.
            connect(job, &BulkActionJob::finished, dialog, [dialog](BulkActionJob* done) {
                if (done->succeeded())
                    dialog->accept();
            });
        });
    openDialog(dialog);
}

void MainWindow::deleteHook()
{
    bool ok = false;
    const LifecycleHook hook = currentHook(&ok);
    if (!ok || !m_actions || isReadOnly())
        return;
    auto* dialog = new DeleteHookDialog(hook, m_controller->waitingOnHook(hook.groupName, hook.name), this);
    if (m_session)
        dialog->setConnection(m_session->account(), m_session->region());
    connect(dialog, &QDialog::accepted, this,
        [this, hook] { startJob(m_controller->deleteHook(hook), tr("Delete hook %1").arg(hook.name)); });
    openDialog(dialog);
}

void MainWindow::completeFromNotification()
{
    auto* dialog = new NotificationDialog(this);
    dialog->setReadOnly(isReadOnly());
    if (m_session) {
        dialog->setConnection(m_session->account(), m_session->region());
        // The account is read after connecting: a dialog opened before that learns it when it arrives.
        connect(m_session, &AwsSession::identityChanged, dialog,
            [this, dialog] { dialog->setConnection(m_session->account(), m_session->region()); });
    }
    dialog->setStore(m_store);
    connect(dialog, &NotificationDialog::actionRequested, this,
        [this, dialog](LifecycleCommand command, const LifecycleTarget& target) {
            const LifecycleTarget filled = m_controller->withInventory(target);
            dialog->accept();
            runLifecycleCommand(command, { filled });
        });
    openDialog(dialog);
}

void MainWindow::setProfileSupport(ProfileStore* profiles, CredentialChain* chain)
{
    m_profiles = profiles;
    m_chain = chain;
}

void MainWindow::showProfiles()
{
    auto* dialog = new ProfileManagerDialog(m_profiles, m_chain, m_network, this);
    connect(dialog, &ProfileManagerDialog::useProfileRequested, this,
        [this](const QString& profile, const QString& region) { requestConnection(profile, region); });
    openDialog(dialog);
}

void MainWindow::showPendingContextMenu(const QPoint& pos)
{
    QList<QAction*> actions { m_continueAction, m_abandonAction, m_heartbeatAction, m_keepAliveAction,
        m_stopKeepAliveAction, nullptr };
    actions << remedyMenuActions() << nullptr << m_refreshAction;
    popUpMenu(m_pendingView, pos, actions);
}

void MainWindow::showHookContextMenu(const QPoint& pos)
{
    popUpMenu(m_hookView, pos, { m_newHookAction, m_editHookAction, m_deleteHookAction });
}

void MainWindow::popUpMenu(QAbstractScrollArea* view, const QPoint& pos, const QList<QAction*>& actions)
{
    // popup(), not exec(): no nested event loop, the countdown keeps ticking behind the menu.
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (QAction* action : actions) {
        if (action)
            menu->addAction(action);
        else
            menu->addSeparator();
    }
    menu->popup(view->viewport()->mapToGlobal(pos));
}
