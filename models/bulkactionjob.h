#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

// One mutating action over one or many targets, with each item's state, for the progress view and the CLI's
// per-item output. Created and driven by ActionController; finished() is emitted once per run (the first run
// and each retryFailed()). Owned by its parent (the controller unless reparented); not auto-deleted.
class BulkActionJob : public QObject {
    Q_OBJECT
public:
    // Remediate: an operation on instances (RemediationRunner); actionName() and result() say which.
    enum class Kind { Complete, Heartbeat, PutHook, DeleteHook, Remediate };
    Q_ENUM(Kind)
    enum class ItemState {
        Queued,
        Running,
        Done,
        // Not sent, or AWS had no active action, and a read shows the instance has left that hook's wait (someone
        // else, a timeout or an earlier attempt of ours whose answer was lost finished it) — not a failure.
        AlreadyCompleted,
        Failed,
        Refused, // not sent: read-only mode, invalid input, or the audit record could not be written
        // Sent, its answer lost, and no read can tell whether AWS applied it (a heartbeat leaves no trace): not sent
        // again, since a second one would count twice.
        Unknown,
    };
    Q_ENUM(ItemState)

    struct Item {
        LifecycleActionTarget target; // complete/heartbeat; for hooks: groupName + hookName
        ItemState state = ItemState::Queued;
        QString message; // translated, for the progress view
        QString requestId;
        AwsError error;
        // A read after the answer confirmed the outcome: for Done, the instance left the wait (or moved on to its
        // next hook, or is still waiting after a heartbeat); for AlreadyCompleted, it is no longer in that wait.
        bool verified = false;
        QDateTime sentAt; // when the intent was written and the request left (heartbeats count from here)
        QString stateBefore; // the instance's lifecycle state checked before sending; empty for a token alone
        int attempts = 0; // requests sent for this item (retries and sends after a lost answer included)
        QString auditId; // the id of its audit records: every intent (one per attempt) and the outcome share it
        int uncertainEarlierAttempts = 0; // earlier attempts that may have reached AWS (answer lost)
    };

    BulkActionJob(Kind kind, QString result, QObject* parent = nullptr);

    Kind kind() const { return m_kind; }
    // Complete or Heartbeat: acts on lifecycle actions of instances (the others change hooks).
    bool isLifecycleAction() const { return m_kind == Kind::Complete || m_kind == Kind::Heartbeat; }
    // CONTINUE | ABANDON for Complete; for Remediate the operation's translated label ("Terminate"); else empty.
    QString result() const { return m_result; }
    // "CompleteLifecycleAction", … (the API name, as in audit records).
    QString actionName() const;
    // For Remediate: the API name ("TerminateInstanceInAutoScalingGroup", …).
    void setActionName(const QString& name) { m_actionName = name; }
    // For PutHook: the request.
    const PutLifecycleHookRequest& putRequest() const { return m_put; }
    void setPutRequest(const PutLifecycleHookRequest& request) { m_put = request; }

    const QList<Item>& items() const { return m_items; }
    int count() const { return int(m_items.size()); }
    int countIn(ItemState state) const;
    int completedCount() const; // items no longer queued or running
    int verifiedCount() const;
    bool isFinished() const { return m_running == 0 && countIn(ItemState::Queued) == 0 && m_started; }
    // No item Failed, Refused or Unknown.
    bool succeeded() const;
    // Set when the job as a whole could not start (e.g. the instance is not waiting / unknown group).
    QString errorMessage() const { return m_errorMessage; }

    // Re-queues Failed items and runs them again (no-op when none or still running).
    void retryFailed();

    static QString stateName(ItemState state); // "queued", "running", "done", "already-completed", "failed", …

    // Used by ActionController.
    void addItem(const LifecycleActionTarget& target);
    void setItemState(int index, ItemState state, const QString& message = {}, const QString& requestId = {},
        const AwsError& error = {});
    void setErrorMessage(const QString& message) { m_errorMessage = message; }
    // Set by the controller while an item is sent and checked: fields the progress views show.
    Item& mutableItem(int index) { return m_items[index]; }
    void markStarted() { m_started = true; }
    void setRunning(int running) { m_running = running; }
    int running() const { return m_running; }
    void emitFinished() { Q_EMIT finished(this); }

Q_SIGNALS:
    void itemChanged(int index);
    void progress(int completed, int total);
    void finished(BulkActionJob* job);
    // retryFailed() re-queued items; the controller runs them.
    void retryRequested(BulkActionJob* job);

private:
    Kind m_kind;
    QString m_result;
    PutLifecycleHookRequest m_put;
    QString m_actionName;
    QList<Item> m_items;
    QString m_errorMessage;
    int m_running = 0;
    bool m_started = false;
};
