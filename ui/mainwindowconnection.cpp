// MainWindow: the connection (session, store, controllers, models) and what the window shows about it.
#include "actioncontroller.h"
#include "activitymodel.h"
#include "auditlog.h"
#include "auditlogmodel.h"
#include "connection.h"
#include "detailspane.h"
#include "grouplistmodel.h"
#include "hooklistmodel.h"
#include "instancelistmodel.h"
#include "instancerefreshpanel.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "mfapromptdialog.h"
#include "pendingactionmodel.h"
#include "pendingfilterproxymodel.h"
#include "profilestore.h"
#include "refreshcontroller.h"
#include "remediationrunner.h"
#include "requesttimeoutdialog.h"
#include "uilogging.h"
#include "windowcontroller.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTreeView>
#include <algorithm>

using namespace Qt::StringLiterals;

void MainWindow::setAuditLogPath(const QString& path)
{
    m_auditPath = path;
}

QString MainWindow::auditLogPathInUse() const
{
    return m_audit ? m_audit->path() : QString();
}

void MainWindow::openAuditLog()
{
    const QString real = m_auditPath.isEmpty() ? AuditLog::defaultPath() : m_auditPath;
    const QString wanted = m_demo ? QFileInfo(real).dir().filePath(u"audit-demo.jsonl"_s) : real;
    if (m_audit && m_audit->path() == wanted)
        return;
    m_auditProxy->setSourceModel(nullptr);
    delete m_auditModel;
    delete m_audit;
    m_audit = new AuditLog(wanted, this);
    m_auditModel = new AuditLogModel(m_audit, this);
    m_auditProxy->setSourceModel(m_auditModel);
    connect(m_auditModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateStatus);
    connect(m_audit, &AuditLog::outcomeNotWritten, this, [this](const QString& problem) {
        showAuditNotice(tr("<b>Action sent, outcome not recorded.</b> %1 The record is kept and written as soon as "
                           "the log can be written.")
                            .arg(problem.toHtmlEscaped()));
    });
}

namespace {
const QString RequestTimeoutKey = u"connection/requestTimeoutSeconds"_s;
} // namespace

int MainWindow::requestTimeoutSeconds()
{
    return std::clamp(QSettings().value(RequestTimeoutKey, RequestTimeoutDialog::DefaultSeconds).toInt(),
        RequestTimeoutDialog::MinimumSeconds, RequestTimeoutDialog::MaximumSeconds);
}

void MainWindow::createRequestTimeoutAction()
{
    m_requestTimeoutAction = new QAction(tr("Request &timeout…"), this);
    m_requestTimeoutAction->setObjectName(u"requestTimeoutAction"_s);
    m_requestTimeoutAction->setStatusTip(tr("How long a request to AWS may take before Hookdesk gives up on it"));
    connect(m_requestTimeoutAction, &QAction::triggered, this, &MainWindow::showRequestTimeout);
}

void MainWindow::showRequestTimeout()
{
    auto* dialog = new RequestTimeoutDialog(requestTimeoutSeconds(), this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QSettings().setValue(RequestTimeoutKey, dialog->seconds());
        // The open connection takes it from its next request on: no reconnect, nothing running is interrupted.
        if (m_session)
            m_session->setDeadlineSeconds(dialog->seconds());
    });
    openDialog(dialog);
}

void MainWindow::tearDownConnection()
{
    m_pendingProxy->setSourceModel(nullptr);
    m_groupProxy->setSourceModel(nullptr);
    m_instanceProxy->setSourceModel(nullptr);
    m_hookProxy->setSourceModel(nullptr);
    m_activityProxy->setSourceModel(nullptr);
    delete m_groupModel;
    delete m_pendingModel;
    delete m_instanceModel;
    delete m_hookModel;
    delete m_activityModel;
    m_groupModel = nullptr;
    m_pendingModel = nullptr;
    m_instanceModel = nullptr;
    m_hookModel = nullptr;
    m_activityModel = nullptr;
    if (m_refreshPanel)
        m_refreshPanel->setConnection(nullptr, nullptr);
    // The operator was asked before (askBeforeTearDown()); whatever still runs (a direct connectTo(), the
    // destructor) is settled with its outcome record rather than dropped: Connection's destructor does that. The
    // QPointers to its parts (m_session, m_store, …) clear with it.
    delete m_remediation; // uses the session and the store; its jobs went to the window or their progress views
    delete m_connection;
}

void MainWindow::connectTo(CredentialProvider* credentials, const ConnectionSettings& settings)
{
    tearDownConnection();
    m_knownWaiting.clear();
    m_timeoutAnnouncements.clear();
    m_lastGoodRefresh = {};
    m_firstLoadDone = false;
    m_errorCount = 0;

    openAuditLog();
    m_errorBanner->setVisible(false);
    // A new connection is the operator's choice: an MFA prompt cancelled for the last one may be shown again.
    if (m_mfa)
        m_mfa->signInAgain();

    ConnectionSettings effective = settings;
    effective.readOnly = settings.readOnly || m_controller->readOnlyWanted();
    // A refresh that meets a trickling server ends at this deadline, and auto-refresh carries on.
    effective.deadlineSeconds = requestTimeoutSeconds();
    // The connection brings the heartbeat feed from the audit log (heartbeats hookdesk-cli or a second window
    // sent); the audit model reloads before onRefreshFinished() looks at the result.
    applyNetworkPreferences();
    m_connection = new Connection(m_network, credentials, effective, m_audit, this);
    m_session = m_connection->session();
    m_store = m_connection->store();
    m_refresh = m_connection->refresh();
    m_actions = m_connection->actions();
    m_controller->setConnection(m_connection);
    connect(m_store, &InventoryStore::refreshFinished, m_auditModel, &AuditLogModel::reload);
    m_refreshPanel->setConnection(m_session, m_audit);
    connect(m_actions, &ActionController::jobStarted, this, &MainWindow::jobStarted);
    attachRemediation();
    attachTimeoutWatcher();
    connect(m_session, &AwsSession::identityChanged, this, &MainWindow::updateTitle);
    connect(m_session, &AwsSession::identityFailed, this, [this](const AwsError& error) {
        qCInfo(lcUi) << "GetCallerIdentity failed:" << error.toString();
        updateTitle();
    });
    connect(m_session, &AwsSession::requestSent, this, &MainWindow::updateStatus);
    connect(m_session, &AwsSession::readOnlyChanged, this, &MainWindow::updateActions);
    connect(m_store, &InventoryStore::refreshFinished, this, &MainWindow::onRefreshFinished);
    connect(m_store, &InventoryStore::loadProgress, this, &MainWindow::updateStatus);
    connect(m_store, &InventoryStore::pendingActionsChanged, this, &MainWindow::onPendingChanged);
    connect(m_store, &InventoryStore::errorOccurred, this, [this](const AwsError&) {
        ++m_errorCount;
        updateStatus();
    });
    connect(m_store, &InventoryStore::hooksChanged, this, &MainWindow::updateActions);

    m_profileCombo->clear();
    m_profileCombo->addItem(
        settings.profileName.isEmpty() ? tr("(environment)") : settings.profileName, settings.profileName);
    if (m_profiles && !m_demo) {
        for (const QString& name : m_profiles->profileNames()) {
            if (name != settings.profileName)
                m_profileCombo->addItem(name, name);
        }
    }
    m_profileCombo->setEnabled(!m_demo);
    m_regionCombo->setCurrentText(settings.region);
    m_regionCombo->setEnabled(!m_demo);
    m_regionCombo->setToolTip(m_demo ? tr("The simulator serves a single region.") : QString());

    attachModels();
    updateTitle();
    updateActions();
    updateStatus();
    m_details->showMessage(tr("Loading groups and waiting instances…"));
    m_session->fetchIdentity();
    m_refresh->start();
}

void MainWindow::attachModels()
{
    m_groupModel = new GroupListModel(m_store, this);
    m_pendingModel = new PendingActionModel(m_store, this);
    attachKeepAlives();
    m_instanceModel = new InstanceListModel(m_store, this);
    m_hookModel = new HookListModel(m_store, this);
    m_activityModel = new ActivityModel(m_store, this);
    m_groupProxy->setSourceModel(m_groupModel);
    m_pendingProxy->setSourceModel(m_pendingModel);
    m_instanceProxy->setSourceModel(m_instanceModel);
    m_hookProxy->setSourceModel(m_hookModel);
    m_activityProxy->setSourceModel(m_activityModel);

    m_groupView->sortByColumn(GroupListModel::NameColumn, Qt::AscendingOrder);

    // Widths follow the content (ColumnFitter); the saved state keeps the operator's column order and sort.
    const QByteArray saved = QSettings().value(u"mainWindow/pendingColumns"_s).toByteArray();
    if (saved.isEmpty() || !m_pendingView->header()->restoreState(saved)) {
        placePendingColumns();
        m_pendingView->sortByColumn(PendingActionModel::LeftColumn, Qt::AscendingOrder);
    }
    m_pendingView->header()->setStretchLastSection(false);
    m_instanceView->sortByColumn(InstanceListModel::InstanceColumn, Qt::AscendingOrder);
    m_hookView->sortByColumn(HookListModel::NameColumn, Qt::AscendingOrder);
    m_activityView->sortByColumn(ActivityModel::StartColumn, Qt::DescendingOrder);

    connect(m_groupView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::onGroupSelected);
    for (QTreeView* view : { m_pendingView, m_instanceView, m_hookView, m_activityView }) {
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
            updateActions();
            updateDetails();
        });
    }
    connect(m_pendingProxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updatePendingTabTitle);
    connect(m_pendingProxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updatePendingTabTitle);
    connect(m_pendingProxy, &QAbstractItemModel::modelReset, this, &MainWindow::updatePendingTabTitle);
    // A row turning from *:Wait to *:Proceed changes the count without adding or removing rows; ticks touch only Left.
    connect(m_pendingProxy, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft) {
        if (topLeft.column() == 0)
            updatePendingTabTitle();
    });
    m_groupView->setCurrentIndex(m_groupProxy->index(0, 0));
    updatePendingTabTitle();
}

QString MainWindow::currentGroup() const
{
    const QModelIndex index = m_groupView->currentIndex();
    return index.isValid() ? index.data(GroupListModel::GroupNameRole).toString() : QString();
}

void MainWindow::onGroupSelected()
{
    if (!m_store)
        return;
    const QString group = currentGroup();
    m_pendingProxy->setGroupName(group);
    m_instanceModel->setGroupName(group);
    m_hookModel->setGroupName(group);
    m_activityModel->setGroupName(group);
    if (!group.isEmpty())
        m_store->loadDetails(group);
    updatePendingTabTitle();
    updateActions();
    updateDetails();
}

namespace {
// Rows of `model` in a *:Wait state (of `groupName`, when given): the group pane's Waiting counts these, so the tab
// counts the same; *:Proceed and Terminating:Retained rows are listed but wait on nobody.
int waitingRows(const QAbstractItemModel* model, const QString& groupName = {})
{
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(PendingActionModel::ActionableRole).toBool()
            && (groupName.isEmpty() || index.data(PendingActionModel::GroupNameRole).toString() == groupName))
            ++count;
    }
    return count;
}
} // namespace

int MainWindow::waitingShown() const
{
    return waitingRows(m_pendingProxy);
}

int MainWindow::waitingTotal() const
{
    return m_pendingProxy->sourceModel() ? waitingRows(m_pendingProxy->sourceModel(), m_pendingProxy->groupName()) : 0;
}

void MainWindow::updatePendingTabTitle()
{
    const int total = waitingTotal();
    QString title = tr("Pending actions");
    // A filter keeps both numbers in sight, so a short list never reads as "only this much waits".
    if (!m_pendingProxy->filterText().trimmed().isEmpty())
        title = tr("Pending actions (%1 / %2)").arg(waitingShown()).arg(total);
    else if (total > 0)
        title = tr("Pending actions (%1)").arg(total);
    m_tabs->setTabText(0, title);
}

void MainWindow::onRefreshFinished(bool ok, bool throttled)
{
    if (!m_store)
        return;
    markDataFreshness(ok);
    if (!ok) {
        const QList<AwsError> errors = m_store->errors();
        const QString first = errors.isEmpty() ? tr("unknown error") : errors.first().toString();
        m_errorLabel->setText(throttled ? tr("<b>AWS is throttling requests.</b> Refreshing less often until it "
                                             "recovers. %1")
                                              .arg(first.toHtmlEscaped())
                                        : tr("<b>The last refresh failed.</b> %1 Showing what was loaded before (%2).")
                                              .arg(first.toHtmlEscaped(), dataAgeText().toHtmlEscaped()));
    }
    m_errorBanner->setVisible(!ok);
    showSignedOut();
    if (!m_firstLoadDone && ok) {
        m_firstLoadDone = true;
        reconcileInterrupted();
        // First load: show the most urgent waiting instance straight away; that is why the window was opened.
        if (!m_pendingView->currentIndex().isValid() && m_pendingProxy->rowCount() > 0)
            m_pendingView->setCurrentIndex(m_pendingProxy->index(0, 0));
    }
    updateStatus();
    updateActions();
    updateDetails();
}

void MainWindow::onPendingChanged()
{
    if (!m_store)
        return;
    QSet<QString> waitingNow;
    QStringList fresh;
    for (const PendingAction& action : m_store->pendingActions()) {
        if (!action.actionable)
            continue;
        waitingNow.insert(action.key());
        if (!m_knownWaiting.contains(action.key()))
            fresh << action.instanceId + u" ("_s + action.groupName + u")"_s;
    }
    // The first load is what the operator came to see; only later arrivals are news.
    if (m_firstLoadDone && !fresh.isEmpty() && m_tray && m_tray->isVisible()) {
        m_tray->showMessage(tr("Instance waiting on a lifecycle hook", nullptr, int(fresh.size())),
            tr("%1 started waiting.").arg(fresh.join(u", "_s)), QSystemTrayIcon::Information, 8000);
    }
    m_knownWaiting = waitingNow;
    updateActions();
}

void MainWindow::updateTitle()
{
    QStringList parts { tr("Hookdesk") };
    if (m_session) {
        QString who = m_session->profileName().isEmpty() ? tr("environment") : m_session->profileName();
        if (m_session->hasIdentity())
            who += u" ("_s + m_session->account() + u")"_s;
        parts << who << m_session->region();
        m_identityLabel->setText(m_session->hasIdentity()
                ? tr("Account %1 · %2").arg(m_session->account(), m_session->identity().arn.section(u'/', -1))
                : tr("Account: checking…"));
        m_identityLabel->setToolTip(m_session->identity().arn);
    }
    // The demo says so in its profile name and banner; the platform adds nothing (no application display name).
    setWindowTitle(parts.join(u" — "_s));
}

void MainWindow::updateStatus()
{
    // --read-only makes the session read-only without the menu item: the badge and the checkbox say it all the same.
    m_readOnlyBadge->setVisible(isReadOnly());
    if (m_readOnlyAction->isChecked() != isReadOnly())
        m_readOnlyAction->setChecked(isReadOnly());
    if (!m_store) {
        m_statusLabel->setText(tr("Not connected"));
        m_ageLabel->clear();
        return;
    }
    const QDateTime last = m_store->lastRefresh();
    const int requests = m_session ? m_session->requestCount() : 0;
    const QString lastText = last.isValid() ? last.toLocalTime().toString(u"HH:mm:ss"_s) : tr("never");
    // Refreshes in between read only what the activity feed names: say when everything was last listed.
    const QDateTime sweep = m_store->lastSweep();
    QString status = tr("%n request(s)", nullptr, requests) + u" · "_s + tr("last refresh %1").arg(lastText) + u" · "_s
        + tr("full sweep %1").arg(sweep.isValid() ? sweep.toLocalTime().toString(u"HH:mm:ss"_s) : tr("never"))
        + u" · "_s + tr("%n error(s)", nullptr, m_errorCount);
    if (isReadOnly())
        status += u" · "_s + tr("read-only");
    if (const QString network = networkStatusText(); !network.isEmpty())
        status += u" · "_s + network;
    m_statusLabel->setText(status);
    m_statusLabel->setToolTip(m_networkSetup.describe().join(u'\n'));
    if (m_store->isRefreshing() && m_store->runningKind() != InventoryStore::RefreshKind::Auto
        && m_store->pagesRead() > 0)
        m_ageLabel->setText(tr("⟳ loading: %n group(s) listed", nullptr, m_store->groupsListed()) + u" · "_s
            + tr("%n page(s)", nullptr, m_store->pagesRead()));
    else if (m_store->isRefreshing())
        m_ageLabel->setText(tr("⟳ refreshing…"));
    else if (last.isValid())
        m_ageLabel->setText(tr("⟳ %1 s ago").arg(qMax<qint64>(0, last.secsTo(QDateTime::currentDateTimeUtc()))));
    else
        m_ageLabel->clear();
    // After a failed refresh the rows are what was loaded before: say how old, not when the last try ended.
    if (const QString age = dataAgeText(); !age.isEmpty() && !m_store->isRefreshing())
        m_ageLabel->setText(tr("⚠ %1").arg(age));
    const int audit = m_auditModel ? m_auditModel->rowCount() : 0;
    m_auditAction->setText(tr("&Audit log (%1)").arg(audit));
}

void MainWindow::updateDetails()
{
    if (!m_store) {
        return;
    }
    const int tab = m_tabs->currentIndex();
    if (tab == 0) {
        const QModelIndexList rows = m_pendingView->selectionModel()->selectedRows();
        if (rows.size() == 1) {
            const auto action = rows.first().data(PendingActionModel::PendingActionRole).value<PendingAction>();
            m_details->showPending(action, m_store->estimator()->now());
            showKeepAliveInDetails(action);
            return;
        }
        if (rows.size() > 1) {
            m_details->showPendingSelection(int(rows.size()), int(selectedTargets().size()));
            return;
        }
        if (!m_store->hasLoaded())
            m_details->showMessage(tr("Loading groups and waiting instances…"));
        else if (waitingShown() == 0 && waitingTotal() > 0)
            m_details->showFilteredOut(0, waitingTotal());
        else if (m_pendingProxy->rowCount() == 0)
            m_details->showMessage(tr("Nothing is waiting on a lifecycle hook right now. New waits show up here "
                                      "within one refresh."));
        else
            m_details->showMessage(tr("Select a waiting instance to see what will happen to it if nothing is done."));
        return;
    }
    if (tab == 1) {
        const QModelIndex index = m_instanceView->currentIndex();
        if (index.isValid()) {
            m_details->showInstance(m_instanceModel->instanceAt(m_instanceProxy->mapToSource(index).row()));
            return;
        }
    }
    if (tab == 2) {
        bool ok = false;
        const LifecycleHook hook = currentHook(&ok);
        if (ok) {
            const GroupSnapshot* group = m_store->group(hook.groupName);
            m_details->showHook(hook, m_controller->waitingOnHook(hook.groupName, hook.name),
                group && group->group.retainsOnTerminateAbandon());
            return;
        }
    }
    const GroupSnapshot* group = currentGroup().isEmpty() ? nullptr : m_store->group(currentGroup());
    m_details->showGroup(group);
    m_refreshPanel->showGroup(
        m_details, group ? group->group.name : QString(), group ? group->group.instances : QList<GroupInstance> {});
}
