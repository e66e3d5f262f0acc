#pragma once

#include "autoscalingtypes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class ActionController;
class BulkActionJob;
class InventoryStore;

// Keeps one waiting instance alive (issue 11): a heartbeat at once, then one every half of the smallest
// HeartbeatTimeout among the hooks it keeps alive, until `until`, until the instance leaves the wait, until the
// GlobalTimeout makes another heartbeat useless, or until stop(). Every heartbeat goes through
// ActionController::heartbeat(), so it is validated, refused in read-only mode and audited (intent + outcome)
// exactly like one sent by hand. Before each heartbeat the group is re-read (InventoryStore::refreshGroup) so a
// wait that someone else ended is noticed instead of answered with "no active lifecycle action".
//
// Times are on the store's DeadlineEstimator clock; setTimeScale() says how many of its seconds pass per real
// second, so a test (or a demo against `hookdesk-sim --time-scale 60`) runs a 60 s hook in about a second. The
// schedule counts from the start (heartbeat k is due at start + k × interval), so the number of heartbeats a
// duration gives does not depend on how fast each answer came back. finished() is emitted exactly once.
class KeepAlive : public QObject {
    Q_OBJECT
public:
    enum class StopReason {
        None, // still running
        Duration, // the chosen end time came
        LeftWait, // the instance left the wait (completed by someone else, timed out, terminated)
        GlobalTimeout, // the global deadline comes before another heartbeat could extend the wait
        Stopped, // stop(): Ctrl+C, SIGTERM, the window's stop button or quitting
        Failed, // heartbeats failed (two rounds in a row, or refused: read-only, invalid target)
    };
    Q_ENUM(StopReason)

    // `target` names a group and an instance, optionally a hook (default: every hook the instance waits on).
    KeepAlive(ActionController* controller, InventoryStore* store, const LifecycleActionTarget& target,
        const QDateTime& until, QObject* parent = nullptr);
    ~KeepAlive() override;

    // Clock seconds per real second for the timers (default 1). Call before start().
    void setTimeScale(double clockSecondsPerSecond);
    double timeScale() const { return m_timeScale; }

    // Starts on the next event-loop turn, so connecting after the call is safe.
    void start();
    // Ends the keep-alive: at once when idle, else as soon as the heartbeat or read in flight has answered (its
    // outcome is then in the audit log). No further heartbeat is sent.
    void stop();

    const LifecycleActionTarget& target() const { return m_target; }
    QString key() const { return m_target.groupName + QLatin1Char('/') + m_target.instanceId; }
    QDateTime until() const { return m_until; }
    bool isRunning() const { return m_started && m_reason == StopReason::None; }
    bool isFinished() const { return m_reason != StopReason::None; }
    int heartbeatsSent() const { return m_sent; } // rounds AWS accepted
    int heartbeatsFailed() const { return m_failed; }
    QDateTime lastHeartbeat() const { return m_lastSent; }
    QDateTime nextHeartbeat() const { return isRunning() ? m_nextDue : QDateTime(); }
    // Half the smallest HeartbeatTimeout of the hooks kept alive (seconds); 0 before the first read.
    qint64 intervalSeconds() const { return m_interval; }
    StopReason stopReason() const { return m_reason; }
    QString stopMessage() const { return m_stopMessage; } // translated, one sentence
    // A normal end (Duration, LeftWait, Stopped); false for Failed and GlobalTimeout.
    bool endedNormally() const;

    // "duration", "left-wait", "global-timeout", "stopped", "failed" (for JSON and logs).
    static QString reasonName(StopReason reason);
    // Heartbeats a keep-alive from `from` to `until` sends for a hook with `heartbeatTimeout` seconds, ignoring
    // the GlobalTimeout (the dialog shows it before anything is sent).
    static int plannedHeartbeats(int heartbeatTimeout, const QDateTime& from, const QDateTime& until);

Q_SIGNALS:
    // One round ended: `ok` when AWS accepted every heartbeat of it; `detail` says what failed otherwise.
    void heartbeatSent(int round, bool ok, const QString& detail);
    void finished(KeepAlive* keepAlive);

private:
    QDateTime now() const;
    void round();
    void afterRead();
    void onJobFinished(BulkActionJob* job);
    void checkAlreadyCompleted(const QString& detail);
    void scheduleNext();
    void waitUntil(const QDateTime& when);
    void finish(StopReason reason, const QString& message);

    QPointer<ActionController> m_controller;
    QPointer<InventoryStore> m_store;
    LifecycleActionTarget m_target;
    QDateTime m_until;
    QDateTime m_startedAt;
    QDateTime m_nextDue; // planned time of the next heartbeat
    QDateTime m_lastSent; // planned time of the last accepted heartbeat
    QDateTime m_globalDeadline; // earliest global deadline of the hooks kept alive (estimate)
    QTimer m_timer;
    double m_timeScale = 1.0;
    qint64 m_interval = 0;
    int m_heartbeatTimeout = 0; // smallest HeartbeatTimeout of the hooks kept alive (seconds)
    int m_round = 0;
    int m_sent = 0;
    int m_failed = 0;
    int m_failedInARow = 0;
    bool m_started = false;
    bool m_busy = false; // a read or a heartbeat is in flight
    bool m_stopRequested = false;
    StopReason m_reason = StopReason::None;
    QString m_stopMessage;
};
