#pragma once

#include "actioncontroller.h"
#include "awssession.h"
#include "fleetcatalog.h"
#include "inventorystore.h"
#include "keepaliveregistry.h"
#include "lifecyclecommand.h"
#include "networksetup.h"
#include "profilestore.h"
#include "refreshcontroller.h"
#include "remediation.h"
#include "textfilterproxymodel.h"

#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <functional>
#include <memory>

class ActionController;
class ActivityModel;
class Connection;
class CredentialChain;
class ProfileStore;
class AuditLog;
class AuditLogModel;
class BulkActionJob;
class CredentialProvider;
class DetailsPane;
class DialogMfaPrompter;
class FleetBoardWindow;
class GroupListModel;
class HookEditorDialog;
class HookListModel;
class InstanceListModel;
class InstanceRefreshPanel;
class InventoryStore;
class KeepAliveRegistry;
class PendingActionModel;
class PendingFilterProxyModel;
class QAbstractScrollArea;
class QAction;
class QCheckBox;
class QComboBox;
class QDockWidget;
class QFrame;
class QLabel;
class QLineEdit;
class QMenu;
class QNetworkAccessManager;
class WindowController;
class QSystemTrayIcon;
class QTabWidget;
class QToolButton;
class QTreeView;
class RefreshController;
class RemediationRunner;
class ThemeManager;
struct TimeoutNotice;

// The Hookdesk window (design.md §8): groups on the left with waiting counts; tabs Pending actions (all groups,
// most urgent first) / Instances / Hooks / Activity; a details pane that says what happens if nothing is done; a
// toolbar, menus and context menus for every action, with keyboard shortcuts. Everything mutating goes through
// ActionController, with a typed confirmation for destructive and bulk actions, and is disabled in read-only mode.
// Dialogs are opened with open(), never exec(): the event loop keeps refreshing and counting down underneath.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Connects to an endpoint. The window builds the session, inventory, refresh and action controllers for it and
    // starts refreshing. `credentials` is not owned and must outlive the window (or the next connectTo()).
    void connectTo(CredentialProvider* credentials, const ConnectionSettings& settings);
    // Audit log file; default AuditLog::defaultPath(). Call before connectTo(). The demo writes to
    // audit-demo.jsonl next to it instead: made-up actions never land in the real log.
    void setAuditLogPath(const QString& path);
    QString auditLogPathInUse() const;
    // The MFA prompter of the credential chain: after a cancelled prompt the window says "signed out" and offers to
    // sign in again instead of prompting at every automatic refresh.
    void setMfaPrompter(DialogMfaPrompter* prompter);
    // Credentials could not be resolved at start (a mistyped AWS_PROFILE, missing keys): the window says so and
    // offers the profile manager and the demo; it does not open the demo by itself.
    void showStartupError(const QString& message);
    // Shows the "Demo — simulated endpoint" banner.
    void setDemoMode(bool demo, const QString& endpoint = {});
    bool isDemoMode() const { return m_demo; }

    // Profiles for the profile picker and manager (both optional: without them only the current connection shows).
    void setProfileSupport(ProfileStore* profiles, CredentialChain* chain);
    QNetworkAccessManager* network() const { return m_network; }

    // What View > Fleet board… offers (mainwindowfleet.cpp). Without one set, the saved profiles
    // (FleetCatalog::fromProfiles); the demo sets its simulated accounts.
    void setFleetCatalog(const FleetCatalog& catalog);
    // The fleet board window while it is open, else nullptr.
    FleetBoardWindow* fleetBoard() const;

    bool isReadOnly() const;
    void setReadOnly(bool readOnly);

    AwsSession* session() const { return m_session; }
    InventoryStore* store() const { return m_store; }
    ActionController* actionController() const { return m_actions; }
    RefreshController* refreshController() const { return m_refresh; }
    QTreeView* pendingView() const { return m_pendingView; }
    QTreeView* instanceView() const { return m_instanceView; }
    // The remediation actions (mainwindowremedy.cpp), one per operation; the menus hold them.
    QAction* remedyAction(Remediation::Operation operation) const;
    QTreeView* hookView() const { return m_hookView; }
    QTreeView* groupView() const { return m_groupView; }
    InstanceRefreshPanel* refreshPanel() const { return m_refreshPanel; }
    QTabWidget* tabs() const { return m_tabs; }
    DetailsPane* detailsPane() const { return m_details; }
    QLineEdit* filterEdit() const { return m_filter; }
    // Waiting (*:Wait) rows the Pending tab shows now, and all of them in the selected group(s) regardless of the
    // filter: the tab reads "shown / total" while a filter is set.
    int waitingShown() const;
    int waitingTotal() const;
    // Pending rows selected now, as targets (actionable ones only).
    QList<LifecycleTarget> selectedTargets() const;
    // Selects the pending row of an instance (for tests, the tray notification and "jump to").
    bool selectPending(const QString& groupName, const QString& instanceId);
    ThemeManager* theme() const { return m_theme; }
    KeepAliveRegistry* keepAlives() const { return m_keepAlives; }
    int runningKeepAlives() const;
    // Timeouts announced since connecting (issue 18 item 6), as written in the status bar and the Activity tab.
    QStringList timeoutAnnouncements() const { return m_timeoutAnnouncements; }

public Q_SLOTS:
    void refreshNow();
    void continueSelected();
    void abandonSelected();
    void heartbeatSelected();
    void keepAliveSelected();
    void stopKeepAliveSelected();
    void newHook();
    void editHook();
    void deleteHook();
    void completeFromNotification();
    void showProfiles();
    // Opens the fleet board (or raises it) beside this window.
    void showFleetBoard();

Q_SIGNALS:
    // A lifecycle/hook job started from this window; tests follow it.
    void jobStarted(BulkActionJob* job);
    // The operator picked another profile or region; main() resolves credentials and calls connectTo().
    void connectionRequested(const QString& profileName, const QString& region);
    // The operator chose "Open the demo" in the start-up error view.
    void demoRequested();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createActions();
    void createKeepAliveActions();
    void createFleetAction();
    void createRequestTimeoutAction();
    void showRequestTimeout();
    // File > Network… and the proxy/CA bundle each new connection starts with (ui/mainwindownetwork.cpp).
    void createNetworkAction();
    void showNetworkPreferences();
    void applyNetworkPreferences();
    void askProxyPassword(const QString& proxyHostPort, const QString& user);
    // "via proxy.corp:3128" for the status bar when the connection's requests go through a proxy; never a password.
    QString networkStatusText() const;
    // QSettings "connection/requestTimeoutSeconds", within what the dialog offers.
    static int requestTimeoutSeconds();
    void attachKeepAlives();
    void updateKeepAliveActions(bool writable);
    // False (and the event ignored) while keep-alives run and the operator has not confirmed quitting yet.
    bool mayCloseWithKeepAlives(QCloseEvent* event);
    // A kept-alive instance: "Kept alive until 14:30 · Stop keep-alive" under its details.
    void showKeepAliveInDetails(const PendingAction& action);
    void onDetailsLink(const QUrl& url);
    void createMenus();
    // mainwindowremedy.cpp (issue 12 item 4): terminate, set health, standby and scale-in protection on the
    // selected instances of one group, enabled where AWS accepts them and confirmed in words.
    void createRemedyActions();
    // Terminate… and the Set health ▸, Standby ▸ and Scale-in protection ▸ submenus, for menus.
    QList<QAction*> remedyMenuActions() const;
    void setUpInstanceContextMenu();
    void attachRemediation();
    void updateRemedyActions(bool writable);
    // The instances selected in the Pending actions or Instances tab (whichever shows), as the store knows them.
    QList<GroupInstance> selectedInstances() const;
    void runRemediation(Remediation::Operation operation);
    void createToolBars();
    void createConnectionToolBar();
    void createActionsToolBar();
    void createFilterToolBar();
    void createCentralWidget();
    // The Pending, Instances, Hooks and Activity tabs, in `parent`.
    void createTabs(QWidget* parent);
    void createStatusBar();
    void createAuditDock();
    // mainwindowlook.cpp (issue 18.1, 18.8, 18.9): columns sized to their content with the countdown in view, the
    // read-only badge, accessible names and a tab order that follows the layout.
    void setUpColumns();
    // The pending view's default column order, once it has its columns: Instance, Left, Default, Group, State, Hooks.
    void placePendingColumns();
    void setUpAccessibility();
    void tearDownConnection();
    // Another profile or region was picked: asks first while actions run (askBeforeTearDown()), then emits
    // connectionRequested().
    void requestConnection(const QString& profileName, const QString& region);
    // The connection may go away (switch, close): runs `proceed` now when no action is queued or in flight; else asks
    // "Wait / Stop after the current requests / Stop now" and runs it once every sent item has its outcome
    // (`cancelled` when the operator waits). Never drops an item silently.
    void askBeforeTearDown(
        const QString& title, const std::function<void()>& proceed, const std::function<void()>& cancelled = {});
    void proceedWhenSettled(const std::function<void()>& proceed);
    // False (and the event ignored) while actions run and the operator has not decided yet.
    bool mayCloseWithActions(QCloseEvent* event);
    void revertConnectionPickers();
    void onBannerLink(const QString& link);
    void showSignedOut();
    void openAuditLog();
    void attachModels();
    void updateActions();
    void updateStatus();
    void updateTitle();
    void updateDetails();
    void updatePendingTabTitle();
    void onGroupSelected();
    void onPendingChanged();
    void onRefreshFinished(bool ok, bool throttled);
    // Audit notices (mainwindowaudit.cpp): intents a killed process left open, decided once after the first load;
    // outcomes the log could not write.
    void reconcileInterrupted();
    void showAuditNotice(const QString& html);
    void showPendingContextMenu(const QPoint& pos);
    void showHookContextMenu(const QPoint& pos);
    // `actions` (nullptr: a separator) as a context menu at `pos` in the view's viewport.
    void popUpMenu(QAbstractScrollArea* view, const QPoint& pos, const QList<QAction*>& actions);
    void runLifecycleCommand(LifecycleCommand command, const QList<LifecycleTarget>& targets);
    void startJob(BulkActionJob* job, const QString& description);
    // Feedback where it belongs (issue 18 item 6, mainwindowfeedback.cpp): a single action on one instance
    // reports in the status bar and on its row, with no window to close; timeouts that applied a default result
    // are announced; after a failed refresh the rows are marked stale and the age of the data shown.
    void startInlineJob(BulkActionJob* job, const QString& description, const LifecycleTarget& target);
    void attachTimeoutWatcher();
    void announceTimeout(const TimeoutNotice& notice);
    void markDataFreshness(bool ok);
    QString dataAgeText() const;
    // Why CONTINUE/ABANDON/heartbeat are disabled for the selection when it holds only *:Proceed rows, or empty.
    QString transitionalSelectionReason() const;
    void explainLifecycleActions(bool writable);
    void openDialog(QDialog* dialog);
    // The editor of newHook() and editHook(): each save starts a put-hook job described by `jobDescription`
    // ("… %1" gets the hook name) and closes the dialog once the job succeeds.
    void runHookEditor(HookEditorDialog* dialog, const QString& jobDescription);
    QString currentGroup() const;
    LifecycleHook currentHook(bool* ok) const;
    void restoreSettings();
    void saveSettings();

    QPointer<ProfileStore> m_profiles;
    QPointer<DialogMfaPrompter> m_mfa;
    CredentialChain* m_chain = nullptr;
    // Connection (rebuilt by connectTo)
    QNetworkAccessManager* m_network;
    QPointer<Connection> m_connection; // owns the five below; they clear when it goes
    QPointer<AwsSession> m_session;
    QPointer<InventoryStore> m_store;
    QPointer<RefreshController> m_refresh;
    QPointer<ActionController> m_actions;
    QPointer<KeepAliveRegistry> m_keepAlives;
    QPointer<RemediationRunner> m_remediation;
    AuditLog* m_audit = nullptr;
    QString m_auditPath;
    AuditLogModel* m_auditModel = nullptr;
    GroupListModel* m_groupModel = nullptr;
    PendingActionModel* m_pendingModel = nullptr;
    InstanceListModel* m_instanceModel = nullptr;
    HookListModel* m_hookModel = nullptr;
    ActivityModel* m_activityModel = nullptr;
    PendingFilterProxyModel* m_pendingProxy;
    TextFilterProxyModel* m_groupProxy;
    TextFilterProxyModel* m_instanceProxy;
    TextFilterProxyModel* m_hookProxy;
    TextFilterProxyModel* m_activityProxy;
    TextFilterProxyModel* m_auditProxy;

    // Widgets
    QComboBox* m_profileCombo = nullptr;
    QComboBox* m_regionCombo = nullptr;
    QLabel* m_identityLabel = nullptr;
    QLabel* m_ageLabel = nullptr;
    QCheckBox* m_readOnlyCheck = nullptr;
    QLabel* m_readOnlyBadge = nullptr;
    QLineEdit* m_filter = nullptr;
    QFrame* m_demoBanner = nullptr;
    QLabel* m_demoLabel = nullptr;
    QFrame* m_errorBanner = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_auditNotice = nullptr; // created on the first notice
    QTreeView* m_groupView = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTreeView* m_pendingView = nullptr;
    QTreeView* m_instanceView = nullptr;
    QTreeView* m_hookView = nullptr;
    QTreeView* m_activityView = nullptr;
    DetailsPane* m_details = nullptr;
    QLabel* m_statusLabel = nullptr;
    QToolButton* m_auditButton = nullptr;
    QDockWidget* m_auditDock = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    ThemeManager* m_theme = nullptr;

    // Actions
    QAction* m_refreshAction = nullptr;
    QAction* m_continueAction = nullptr;
    QAction* m_abandonAction = nullptr;
    QAction* m_heartbeatAction = nullptr;
    QAction* m_keepAliveAction = nullptr;
    QAction* m_stopKeepAliveAction = nullptr;
    QAction* m_newHookAction = nullptr;
    QAction* m_editHookAction = nullptr;
    QAction* m_deleteHookAction = nullptr;
    QAction* m_notificationAction = nullptr;
    QAction* m_profilesAction = nullptr;
    QAction* m_requestTimeoutAction = nullptr;
    QAction* m_networkAction = nullptr;
    NetworkSetup m_networkSetup; // what the current connection's requests go through
    QAction* m_readOnlyAction = nullptr;
    QAction* m_auditAction = nullptr;
    QAction* m_filterAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_fleetAction = nullptr;
    FleetCatalog m_fleetCatalog; // invalid: built from the saved profiles when the board opens
    QPointer<FleetBoardWindow> m_fleetBoard;
    QList<QAction*> m_remedyActions; // one per Remediation::Operation
    QList<QMenu*> m_remedyMenus; // Set health, Standby, Scale-in protection
    InstanceRefreshPanel* m_refreshPanel = nullptr; // the selected group's instance refreshes and their actions

    QStringList m_timeoutAnnouncements;
    QDateTime m_lastGoodRefresh; // end of the last refresh that succeeded: the age of the data after a failure
    QSet<QString> m_knownWaiting; // pending keys seen waiting, for the "new instance waiting" notification
    bool m_firstLoadDone = false;
    bool m_demo = false;
    bool m_quitConfirmed = false; // the operator agreed to stop the running keep-alives
    // What the commands do, without widgets (issue 14 item 5); the window confirms and shows progress.
    WindowController* m_controller = nullptr;
    int m_errorCount = 0;
    int m_openDialogs = 0;
};
