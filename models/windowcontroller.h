#pragma once

#include "lifecyclecommand.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class ActionController;
class BulkActionJob;
class Connection;
struct LifecycleHook;
struct PendingAction;
struct PutLifecycleHookRequest;

// What the main window's commands do, without a widget (issue 14 item 5): which commands may run, the targets of a
// selection of pending rows, and the jobs CONTINUE, ABANDON, heartbeat, put-hook and delete-hook start on the
// window's connection. MainWindow asks it, shows the confirmation dialogs and the progress; tests drive it directly.
// Every run*/put*/delete* call re-checks read-only mode and the connection: a dialog confirmed after the operator
// switched to read-only, or after the connection went, sends nothing.
class WindowController : public QObject {
    Q_OBJECT
public:
    explicit WindowController(QObject* parent = nullptr);

    // The connection the window shows; null while there is none. Not owned: the window tears it down.
    void setConnection(Connection* connection);
    Connection* connection() const;

    // The session's read-only mode while connected, else the one the next connection starts with.
    bool isReadOnly() const;
    void setReadOnly(bool readOnly);
    bool readOnlyWanted() const { return m_readOnlyWanted; }

    // What the window shows and has selected, for enabled().
    struct View {
        bool pendingTab = false;
        bool hookTab = false;
        bool haveTargets = false; // pending rows selected that an action can apply to
        bool haveHook = false; // exactly one hook selected
    };
    struct Enabled {
        bool refresh = false;
        bool lifecycle = false; // CONTINUE, ABANDON, heartbeat
        bool keepAlive = false; // keep-alive may be started from this view (its own rules decide the rest)
        bool remedy = false; // remediation actions may run (their own rules decide per instance)
        bool newHook = false;
        bool editHook = false;
        bool deleteHook = false;
        bool notification = false;
        QString whyNot; // translated; set while read-only mode is what disables the commands
    };
    Enabled enabled(const View& view) const;

    // The targets of these pending rows, in order: rows that are not waits (*:Proceed, Retained) and warm-pool waits
    // whose hooks are unknown are left out, since every action names the hooks it completes.
    static QList<LifecycleTarget> targetsFor(const QList<PendingAction>& rows);
    // A target from a notification, with what the inventory knows of it: the group's retention, the hook's heartbeat
    // timeout and the estimated deadline.
    LifecycleTarget withInventory(const LifecycleTarget& notified) const;
    // Instances waiting on this hook now (for "N instances wait on it" before a delete).
    int waitingOnHook(const QString& groupName, const QString& hookName) const;

    // The job, started; null when nothing may be sent (no connection, read-only, no targets).
    BulkActionJob* runLifecycle(LifecycleCommand command, const QList<LifecycleTarget>& targets);
    // The same job on any connection's controller, without the read-only and connection checks: for a caller that
    // holds several connections (the fleet board) and checks them itself.
    static BulkActionJob* startLifecycle(
        ActionController* actions, LifecycleCommand command, const QList<LifecycleTarget>& targets);
    BulkActionJob* putHook(const PutLifecycleHookRequest& request);
    BulkActionJob* deleteHook(const LifecycleHook& hook);

Q_SIGNALS:
    void readOnlyChanged(bool readOnly);

private:
    bool maySend() const;

    QPointer<Connection> m_connection;
    bool m_readOnlyWanted = false;
};
