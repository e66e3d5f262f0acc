// The window's keep-alives (issue 11): "Keep alive…" on the selected pending rows, "Stop keep-alive", and the
// question before quitting while some run. The heartbeats themselves are models/KeepAlive's; quitting stops them
// (no background agent is left behind).
#include "connection.h"
#include "detailspane.h"
#include "keepalive.h"
#include "keepalivedialog.h"
#include "keepaliveregistry.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"
#include "themedicon.h"

#include <QAction>
#include <QCloseEvent>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeView>
#include <limits>

using namespace Qt::StringLiterals;

void MainWindow::createKeepAliveActions()
{
    m_keepAliveAction = new QAction(ThemedIcon::icon(u"heartbeat"_s), tr("&Keep alive…"), this);
    m_keepAliveAction->setObjectName(u"keepAliveAction"_s);
    m_keepAliveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_keepAliveAction->setToolTip(tr("Send heartbeats for the selected instances until a time you pick (%1)")
                                      .arg(m_keepAliveAction->shortcut().toString(QKeySequence::NativeText)));
    m_stopKeepAliveAction = new QAction(tr("&Stop keep-alive"), this);
    m_stopKeepAliveAction->setObjectName(u"stopKeepAliveAction"_s);
    m_stopKeepAliveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    m_stopKeepAliveAction->setToolTip(tr("Stop sending heartbeats for the selected instances (%1)")
                                          .arg(m_stopKeepAliveAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_keepAliveAction, &QAction::triggered, this, &MainWindow::keepAliveSelected);
    connect(m_stopKeepAliveAction, &QAction::triggered, this, &MainWindow::stopKeepAliveSelected);
}

void MainWindow::attachKeepAlives()
{
    m_keepAlives = m_connection->keepAlives();
    m_pendingModel->setKeepAlives(m_keepAlives);
    connect(m_keepAlives, &KeepAliveRegistry::changed, this, [this] {
        updateActions();
        updateDetails();
    });
    connect(m_details, &QTextBrowser::anchorClicked, this, &MainWindow::onDetailsLink, Qt::UniqueConnection);
    connect(m_keepAlives, &KeepAliveRegistry::keepAliveFinished, this, [this](KeepAlive* keepAlive) {
        statusBar()->showMessage(
            tr("Keep-alive of %1 ended: %2").arg(keepAlive->target().instanceId, keepAlive->stopMessage()), 10000);
    });
}

void MainWindow::showKeepAliveInDetails(const PendingAction& action)
{
    const KeepAlive* keepAlive = m_keepAlives ? m_keepAlives->find(action.groupName, action.instanceId) : nullptr;
    if (!keepAlive)
        return;
    m_details->append(tr("<p><b>Kept alive until %1</b>: a heartbeat every %2 s (%3 sent so far). "
                         "<a href=\"hookdesk:stop-keep-alive\">Stop keep-alive</a></p>")
                          .arg(keepAlive->until().toLocalTime().toString(u"HH:mm"_s))
                          .arg(keepAlive->intervalSeconds())
                          .arg(keepAlive->heartbeatsSent()));
}

void MainWindow::updateKeepAliveActions(bool writable)
{
    const QList<LifecycleTarget> targets = selectedTargets();
    bool anyKeptAlive = false;
    for (const LifecycleTarget& target : targets)
        anyKeptAlive = anyKeptAlive || (m_keepAlives && m_keepAlives->find(target.groupName, target.instanceId));
    m_keepAliveAction->setEnabled(writable && m_keepAlives && !targets.isEmpty());
    m_stopKeepAliveAction->setEnabled(anyKeptAlive);
}

void MainWindow::keepAliveSelected()
{
    const QList<LifecycleTarget> targets = selectedTargets();
    if (!m_keepAlives || targets.isEmpty() || isReadOnly())
        return;
    int smallestTimeout = std::numeric_limits<int>::max();
    QDateTime globalDeadline;
    for (const LifecycleTarget& target : targets) {
        const PendingAction* action = m_store->pendingAction(target.groupName, target.instanceId);
        if (!action)
            continue;
        for (const PendingHookWait& wait : action->waits) {
            smallestTimeout = qMin(smallestTimeout, wait.hook.heartbeatTimeout);
            const QDateTime global = wait.estimate.globalDeadline;
            if (global.isValid() && (!globalDeadline.isValid() || global < globalDeadline))
                globalDeadline = global;
        }
    }
    if (smallestTimeout == std::numeric_limits<int>::max())
        smallestTimeout = 3600;
    auto* dialog
        = new KeepAliveDialog(int(targets.size()), smallestTimeout, m_store->estimator()->now(), globalDeadline, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog, targets] {
        if (!m_keepAlives || isReadOnly())
            return;
        for (const LifecycleTarget& target : targets)
            m_keepAlives->start({ target.groupName, {}, target.instanceId, {} }, dialog->until());
    });
    openDialog(dialog);
}

void MainWindow::onDetailsLink(const QUrl& url)
{
    if (url.toString() == u"hookdesk:stop-keep-alive"_s)
        stopKeepAliveSelected();
}

void MainWindow::stopKeepAliveSelected()
{
    if (!m_keepAlives)
        return;
    for (const LifecycleTarget& target : selectedTargets())
        m_keepAlives->stop(target.groupName, target.instanceId);
}

int MainWindow::runningKeepAlives() const
{
    return m_keepAlives ? m_keepAlives->runningCount() : 0;
}

bool MainWindow::mayCloseWithKeepAlives(QCloseEvent* event)
{
    const int running = runningKeepAlives();
    if (running == 0 || m_quitConfirmed)
        return true;
    // open(), not exec(): the heartbeats keep going while the question is on screen.
    event->ignore();
    auto* box = new QMessageBox(QMessageBox::Question, tr("Quit Hookdesk"),
        tr("Stop %n keep-alive(s) and quit?", nullptr, running), QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"keepAliveQuitBox"_s);
    box->setInformativeText(tr("No more heartbeats are sent once Hookdesk has quit; the waits then time out on "
                               "their own."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_quitConfirmed = true;
        if (m_keepAlives)
            m_keepAlives->stopAll();
        close();
    });
    box->open();
    return false;
}
