#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class MainWindow;
class QTreeView;

// Opt-in measurements of the real window for `scripts/run-benchmarks.sh fleet` (issue 15): off unless the
// environment names a file in HOOKDESK_INSTRUMENT, then one JSON object per line is appended to it as the figures
// come in. Every line has "event", "ms" (since the instrument was created, right after QApplication), "epoch_ms"
// (so a script can measure from the moment it started the process) and "peak_rss_kb" (getrusage ru_maxrss).
//   first_paint    the first paint event of any widget of the window (the "Loading…" frame);
//   load_complete  the store's first refreshFinished: every model is applied by then (pending, instance and group
//                  row counts), with the longest event-loop stall until then and the CPU used;
//   refresh        each later refresh: its duration, longest stall and CPU;
//   filter         a filter string typed key by key into the window's filter box (100 ms apart, as a fast typist)
//                  with the Instances tab shown: the box filters every tab's proxy at once, the instances proxy
//                  holding every instance of the fleet (20 000 rows); time per keystroke (the proxies filter
//                  synchronously) and from the last keystroke to the next paint of the instances view;
//   idle           CPU over HOOKDESK_INSTRUMENT_IDLE_SECONDS (default 30) after that, split into the refreshes
//                  and the time between them;
//   summary        all of the above once more in one object: the last line.
// Stalls: a 5 ms precise timer measures its own lateness; it runs during the load, the refreshes and the filter
// only, so that it does not count in the idle CPU.
class WindowInstrument : public QObject {
    Q_OBJECT
public:
    // nullptr unless HOOKDESK_INSTRUMENT is set (a file that cannot be opened is said on stderr: nullptr too).
    static std::unique_ptr<WindowInstrument> fromEnvironment();
    ~WindowInstrument() override;

    // Starts watching `window`: call after connectTo() (the store it watches is the one connected then) and before
    // show() (to see the first paint).
    void watch(MainWindow* window);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    WindowInstrument(std::unique_ptr<QFile> file, int idleSeconds);
    void write(const QString& event, QJsonObject fields);
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    void startStallTimer();
    void stopStallTimer();
    void onStallTick();
    void onRefreshStarted();
    void onRefreshFinished(bool ok);
    void startFilter();
    void typeNextKey();
    // The filter is typed and painted (toPaintMs -1: no paint came): clears it and records the figures.
    void finishFilter(double toPaintMs);
    void startIdle();
    void finishIdle();

    std::unique_ptr<QFile> m_file;
    QElapsedTimer m_clock;
    QPointer<MainWindow> m_window;
    QPointer<QTreeView> m_instanceView;
    QTimer m_stallTimer;
    qint64 m_lastTickNs = 0;
    double m_longestStallMs = 0; // since the stall timer last started
    QJsonObject m_summary;
    int m_idleSeconds;
    bool m_painted = false;
    bool m_loaded = false;
    int m_refreshes = 0;
    qint64 m_refreshStartMs = -1;
    qint64 m_refreshStartCpuMs = 0;
    // Filter typing.
    QString m_filterText;
    int m_typed = 0;
    double m_longestKeyMs = 0;
    double m_totalKeyMs = 0;
    qint64 m_lastKeyNs = -1; // set until the instances view paints after the last keystroke
    int m_rowsBefore = 0;
    // Idle window.
    bool m_idle = false;
    qint64 m_idleStartMs = 0;
    qint64 m_idleStartCpuMs = 0;
    qint64 m_idleRefreshMs = 0;
    qint64 m_idleRefreshCpuMs = 0;
};
