#pragma once

#include "instancerefreshaction.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

class AuditLog;
class AwsSession;
class DetailsPane;
class MainWindow;
class QAction;
class QUrl;

// The instance refreshes of the group whose details are shown: it reads them (DescribeInstanceRefreshes, for that
// group only, again when older than a refresh interval), appends them to the details pane (status, done, to update,
// reason, "waiting on lifecycle actions" highlighted with the instances holding it), and runs Cancel refresh / Roll
// back refresh behind a typed confirmation, refused in read-only mode, through InstanceRefreshAction (audited,
// verified by reading the refresh back).
class InstanceRefreshPanel : public QObject {
    Q_OBJECT
public:
    explicit InstanceRefreshPanel(MainWindow* window);

    QAction* cancelAction() const { return m_cancelAction; }
    QAction* rollbackAction() const { return m_rollbackAction; }
    void setConnection(AwsSession* session, AuditLog* audit);
    // After the details pane showed `group` (empty: none): appends its refreshes, reading them when needed.
    void showGroup(DetailsPane* details, const QString& group, const QList<GroupInstance>& instances);
    // The refreshes read for the group shown; nullptr before the first read.
    const QList<InstanceRefresh>* refreshes() const { return m_loaded ? &m_refreshes : nullptr; }

    static constexpr int MaxAgeSeconds = 15; // a refresh interval: what "fresh" means here

public Q_SLOTS:
    void cancelRefresh();
    void rollbackRefresh();

Q_SIGNALS:
    // The section changed (read, or an action ended): the window shows the details again.
    void changed();
    // An action ended or was refused; `text` says how, for the status bar.
    void reported(const QString& text);

private:
    void load();
    void confirm(InstanceRefreshAction::Operation operation);
    void run(InstanceRefreshAction::Operation operation, const InstanceRefresh& refresh);
    void onLink(const QUrl& url);
    void updateActions();
    QString html() const;

    MainWindow* m_window;
    QPointer<AwsSession> m_session;
    AuditLog* m_audit = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_rollbackAction = nullptr;
    QString m_group;
    QList<GroupInstance> m_instances;
    QList<InstanceRefresh> m_refreshes;
    bool m_loaded = false;
    bool m_loading = false;
    QString m_error;
    QDateTime m_readAt;
    int m_generation = 0; // a read for a group no longer shown, or another connection, is dropped
};
