// MainWindow: feedback where it belongs (issue 18 item 6). A single action on one instance reports in the status
// bar and on its row instead of in a window to close; a timeout that applied a default result is announced (status
// bar, Activity tab, tray when minimised); after a failed refresh the rows are marked stale and the age of the data
// is shown; actions on *:Proceed rows say why they are disabled.
#include "activitymodel.h"
#include "agetext.h"
#include "bulkprogressdialog.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"
#include "timeoutwatcher.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {
constexpr int OutcomeMessageMs = 15000;
constexpr int ProblemMessageMs = 60000;
constexpr int TimeoutMessageMs = 120000;

// One line for the items of a single instance's job: the first that did not go well, else the first.
QString outcomeText(const BulkActionJob* job, bool* problem)
{
    const QList<BulkActionJob::Item>& items = job->items();
    *problem = !job->succeeded();
    if (items.isEmpty())
        return job->errorMessage().isEmpty() ? BulkProgressDialog::tr("not sent") : job->errorMessage();
    for (const BulkActionJob::Item& item : items) {
        if (item.state != BulkActionJob::ItemState::Done && item.state != BulkActionJob::ItemState::AlreadyCompleted)
            return BulkProgressDialog::describe(item);
    }
    return BulkProgressDialog::describe(items.constFirst());
}
} // namespace

void MainWindow::startInlineJob(BulkActionJob* job, const QString& description, const LifecycleTarget& target)
{
    if (!job)
        return;
    job->setParent(this);
    const QString group = target.groupName;
    const QString instance = target.instanceId;
    if (m_pendingModel)
        m_pendingModel->setOutcome(group, instance, tr("%1 sending…").arg(description));
    statusBar()->showMessage(tr("%1 for %2: sending…").arg(description, instance));
    connect(job, &BulkActionJob::finished, this, [this, description, group, instance](BulkActionJob* done) {
        bool problem = false;
        const QString outcome = outcomeText(done, &problem);
        if (m_pendingModel)
            m_pendingModel->setOutcome(group, instance, tr("%1 %2").arg(description, outcome));
        statusBar()->showMessage(
            tr("%1 for %2: %3").arg(description, instance, outcome), problem ? ProblemMessageMs : OutcomeMessageMs);
        done->deleteLater();
        updateStatus();
    });
}

void MainWindow::attachTimeoutWatcher()
{
    auto* watcher = new TimeoutWatcher(m_store, m_store);
    watcher->setAuditLog(m_audit);
    // Up to one refresh interval passes between the timeout and the refresh that shows it.
    watcher->setSlackSeconds(TimeoutWatcher::DefaultSlackSeconds + (m_refresh ? m_refresh->currentDelaySeconds() : 0));
    connect(watcher, &TimeoutWatcher::timedOut, this, &MainWindow::announceTimeout);
}

void MainWindow::announceTimeout(const TimeoutNotice& notice)
{
    const QString text = notice.text();
    m_timeoutAnnouncements << text;
    statusBar()->showMessage(text, TimeoutMessageMs);
    if (m_activityModel) {
        ScalingActivity note;
        note.activityId = u"hookdesk-timeout/"_s + notice.instanceId + u'/' + notice.noticedAt.toString(Qt::ISODate);
        note.groupName = notice.groupName;
        note.description = text;
        note.cause = notice.confirmedByActivity
            ? tr("Noticed by Hookdesk; the scaling activity says the lifecycle action timed out.")
            : tr("Noticed by Hookdesk: the instance left its wait at its deadline and no Hookdesk process had "
                 "completed it.");
        note.startTime = notice.deadline.isValid() ? notice.deadline : notice.noticedAt;
        note.endTime = notice.noticedAt;
        note.statusCode = tr("Timed out");
        note.progress = 100;
        m_activityModel->addNote(note);
    }
    // Minimised, the window cannot show it: the tray can, where the desktop has one.
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::isSystemTrayAvailable() && isMinimized())
        m_tray->showMessage(tr("Lifecycle timeout: %1 applied").arg(notice.result), text, QSystemTrayIcon::Warning,
            int(OutcomeMessageMs));
}

void MainWindow::markDataFreshness(bool ok)
{
    if (ok && m_store)
        m_lastGoodRefresh = m_store->lastRefresh();
    const bool stale = !ok && m_lastGoodRefresh.isValid();
    if (m_pendingModel)
        m_pendingModel->setStale(stale, m_lastGoodRefresh);
    // The other tabs show what was loaded before too: their rows in italics as well, the age in the tooltip.
    for (QTreeView* view : { m_groupView, m_instanceView, m_hookView, m_activityView }) {
        if (!view)
            continue;
        QFont font = view->font();
        font.setItalic(stale);
        view->setFont(font);
        view->viewport()->setToolTip(stale ? dataAgeText() : QString());
    }
}

QString MainWindow::dataAgeText() const
{
    if (!m_pendingModel || !m_pendingModel->isStale())
        return {};
    return AgeText::dataFrom(m_lastGoodRefresh, QDateTime::currentDateTimeUtc());
}

QString MainWindow::transitionalSelectionReason() const
{
    if (!m_pendingView->selectionModel() || m_tabs->currentIndex() != 0)
        return {};
    const QModelIndexList rows = m_pendingView->selectionModel()->selectedRows();
    if (rows.isEmpty() || !selectedTargets().isEmpty())
        return {};
    const QModelIndex first = rows.constFirst();
    return tr("%1 is %2: it waits on no hook any more, so there is nothing to continue, abandon or record a "
              "heartbeat for.")
        .arg(first.data(PendingActionModel::InstanceIdRole).toString(),
            first.data(PendingActionModel::LifecycleStateRole).toString());
}

void MainWindow::explainLifecycleActions(bool writable)
{
    const QString why = writable ? transitionalSelectionReason() : QString();
    for (QAction* action : { m_continueAction, m_abandonAction, m_heartbeatAction }) {
        // The tooltip given at creation is kept aside once, so it comes back when the selection changes.
        if (!action->property("hookdeskToolTip").isValid())
            action->setProperty("hookdeskToolTip", action->toolTip());
        action->setToolTip(why.isEmpty() ? action->property("hookdeskToolTip").toString() : why);
        if (!why.isEmpty())
            action->setStatusTip(why);
    }
}
