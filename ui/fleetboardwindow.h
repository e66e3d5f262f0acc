#pragma once

#include "fleetcatalog.h"
#include "lifecyclecommand.h"

#include <QMainWindow>
#include <QPointer>

class AuditLog;
class BulkActionJob;
class Connection;
class FleetBoard;
class FleetConnectionsPanel;
class FleetFilterProxyModel;
class FleetGroupTreeModel;
class FleetPendingModel;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QTreeView;
struct PendingAction;

// The fleet board (issue 14 item 3): one list of every instance waiting on a lifecycle hook across the ticked
// profiles × regions, most urgent first, beside the connections and the account → region → group tree. It works
// next to the main window, not instead of it: it opens connections of its own (FleetBoard) and writes to the same
// audit log. CONTINUE, ABANDON and heartbeat act on the selected rows, each row through its own connection, after
// the confirmation the main window asks for (ConfirmActionDialog: typed count for ABANDON and bulk).
class FleetBoardWindow : public QMainWindow {
    Q_OBJECT
public:
    // `network` must outlive the window; `auditPath` is the main window's log (AuditLog::defaultPath() or the
    // demo's). Ticked sources come from QSettings (catalog.settingsKey), else catalog.tickedByDefault.
    FleetBoardWindow(
        QNetworkAccessManager* network, FleetCatalog catalog, const QString& auditPath, QWidget* parent = nullptr);
    ~FleetBoardWindow() override;

    FleetBoard* board() const { return m_board; }
    FleetPendingModel* pendingModel() const { return m_pendingModel; }
    FleetFilterProxyModel* pendingProxy() const { return m_proxy; }
    FleetGroupTreeModel* groupModel() const { return m_groupModel; }
    QTreeView* pendingView() const { return m_pendingView; }
    QTreeView* groupView() const { return m_groupView; }
    FleetConnectionsPanel* connectionsPanel() const { return m_panel; }
    QComboBox* scopeCombo() const { return m_scope; }
    QAction* continueAction() const { return m_continueAction; }
    QAction* abandonAction() const { return m_abandonAction; }
    QAction* heartbeatAction() const { return m_heartbeatAction; }

    bool isReadOnly() const;
    void setReadOnly(bool readOnly);
    // Targets of the selected rows, grouped by the connection each belongs to (actionable rows only).
    QList<std::pair<Connection*, QList<LifecycleTarget>>> selectedTargets() const;

public Q_SLOTS:
    void continueSelected();
    void abandonSelected();
    void heartbeatSelected();
    void refreshAll();

Q_SIGNALS:
    // One per connection an action was sent through; tests follow them.
    void jobStarted(BulkActionJob* job);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    // Keys of the open connections with actions in flight or keep-alives running.
    QStringList busyConnections() const;
    void createActions();
    void createToolBar();
    void createCentralWidget();
    void applyTicked();
    void updateStatus(const QString& key);
    void selectMostUrgentOnce();
    void updateScopeChoices();
    void onScopeChosen();
    void onGroupTreeClicked();
    void updateActions();
    void showContextMenu(const QPoint& pos);
    void runCommand(LifecycleCommand command);
    void sendConfirmed(LifecycleCommand command, const QList<std::pair<Connection*, QList<LifecycleTarget>>>& batches);
    void followJob(BulkActionJob* job, const QString& key, const QString& description);

    FleetCatalog m_catalog;
    AuditLog* m_audit;
    FleetBoard* m_board;
    FleetPendingModel* m_pendingModel;
    FleetFilterProxyModel* m_proxy;
    FleetGroupTreeModel* m_groupModel;
    FleetConnectionsPanel* m_panel = nullptr;
    QTreeView* m_pendingView = nullptr;
    QTreeView* m_groupView = nullptr;
    QComboBox* m_scope = nullptr;
    QLineEdit* m_filter = nullptr;
    QCheckBox* m_readOnlyCheck = nullptr;
    QLabel* m_summary = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_continueAction = nullptr;
    QAction* m_abandonAction = nullptr;
    QAction* m_heartbeatAction = nullptr;
    bool m_selectedFirst = false;
};
