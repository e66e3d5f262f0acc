#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

class InventoryStore;

// Auto-refresh of an InventoryStore: every intervalSeconds() (QSettings "refresh/intervalSeconds", default 15 s),
// never overlapping, pausable (pause()/resume() nest; the window does not pause for its dialogs, which hold their
// own copy of what they show), and backed off (doubling, up to 5 minutes) while AWS throttles. Pausing does not
// cancel a refresh in flight; it only holds the next one.
class RefreshController : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultIntervalSeconds = 15;
    static constexpr int MinimumIntervalSeconds = 5;
    static constexpr int MaximumBackoffSeconds = 300;

    explicit RefreshController(InventoryStore* store, QObject* parent = nullptr);

    // Settings key "refresh/intervalSeconds" (read at construction; setIntervalSeconds() writes it back).
    static QString settingsKey();
    int intervalSeconds() const { return m_intervalSeconds; }
    void setIntervalSeconds(int seconds);
    // Delay that applies now: the interval, or the backoff after throttling.
    int currentDelaySeconds() const;

    // Starts auto-refresh and refreshes at once.
    void start();
    void stop();
    bool isActive() const { return m_active; }

    // Nested: every pause() needs a resume(). While paused no refresh starts on its own; refreshNow() still works.
    void pause();
    void resume();
    bool isPaused() const { return m_pauseDepth > 0; }

    // Refresh as soon as the running one (if any) ends; the timer restarts from then.
    void refreshNow();

    // When the next automatic refresh is due (invalid when stopped or paused).
    QDateTime nextRefresh() const;

Q_SIGNALS:
    void stateChanged(); // started, stopped, paused, resumed, backoff changed
    void nextRefreshChanged(const QDateTime& at);

private:
    void onRefreshFinished(bool ok, bool throttled);
    void schedule();
    void trigger();

    InventoryStore* m_store;
    QTimer m_timer;
    QDateTime m_nextAt;
    int m_intervalSeconds = DefaultIntervalSeconds;
    int m_backoffSeconds = 0;
    int m_pauseDepth = 0;
    bool m_active = false;
    bool m_pendingNow = false;
};
