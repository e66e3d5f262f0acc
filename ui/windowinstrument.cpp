#include "windowinstrument.h"

#include "inventorystore.h"
#include "mainwindow.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QJsonDocument>
#include <QLineEdit>
#include <QTabWidget>
#include <QTreeView>
#include <cstdio>
#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Qt::StringLiterals;

namespace {
constexpr int kStallIntervalMs = 5;
constexpr int kKeyIntervalMs = 100; // a fast typist
constexpr int kSettleMs = 300; // after a tab switch, before typing
constexpr int kPaintTimeoutMs = 2000;

// User + system CPU of this process (all threads) and its peak resident set, from getrusage.
struct Usage {
    qint64 cpuMs = 0;
    qint64 peakRssKb = 0;
};

// Only where getrusage exists (the benchmark runs on Linux); elsewhere the figures read -1.
Usage usage()
{
#ifdef Q_OS_UNIX
    rusage r {};
    getrusage(RUSAGE_SELF, &r);
    const auto ms = [](const timeval& t) { return qint64(t.tv_sec) * 1000 + qint64(t.tv_usec) / 1000; };
#ifdef Q_OS_MACOS
    const auto peakRssKb = qint64(r.ru_maxrss) / 1024; // bytes there, kilobytes on Linux
#else
    const auto peakRssKb = qint64(r.ru_maxrss);
#endif
    return { ms(r.ru_utime) + ms(r.ru_stime), peakRssKb };
#else
    return { -1, -1 };
#endif
}

int rowsOf(const QTreeView* view)
{
    return view && view->model() ? view->model()->rowCount() : -1;
}

double round2(double value)
{
    return double(qRound64(value * 100)) / 100;
}
} // namespace

std::unique_ptr<WindowInstrument> WindowInstrument::fromEnvironment()
{
    const QString path = qEnvironmentVariable("HOOKDESK_INSTRUMENT");
    if (path.isEmpty())
        return nullptr;
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        std::fprintf(stderr, "hookdesk: HOOKDESK_INSTRUMENT: %s\n", qPrintable(file->errorString()));
        return nullptr;
    }
    bool ok = false;
    int idleSeconds = qEnvironmentVariableIntValue("HOOKDESK_INSTRUMENT_IDLE_SECONDS", &ok);
    if (!ok || idleSeconds < 0)
        idleSeconds = 30;
    return std::unique_ptr<WindowInstrument>(new WindowInstrument(std::move(file), idleSeconds));
}

WindowInstrument::WindowInstrument(std::unique_ptr<QFile> file, int idleSeconds)
    : m_file(std::move(file))
    , m_idleSeconds(idleSeconds)
{
    m_clock.start();
    m_filterText = qEnvironmentVariable("HOOKDESK_INSTRUMENT_FILTER", u"asg-01"_s);
    m_stallTimer.setTimerType(Qt::PreciseTimer);
    m_stallTimer.setInterval(kStallIntervalMs);
    connect(&m_stallTimer, &QTimer::timeout, this, &WindowInstrument::onStallTick);
    write(u"start"_s, {});
}

WindowInstrument::~WindowInstrument()
{
    if (qApp)
        qApp->removeEventFilter(this);
}

void WindowInstrument::watch(MainWindow* window)
{
    m_window = window;
    m_instanceView = window->findChild<QTreeView*>(u"instanceView"_s);
    // Application-wide until the first paint only: the window's children paint before (or instead of) it.
    qApp->installEventFilter(this);
    if (m_instanceView)
        m_instanceView->viewport()->installEventFilter(this);
    if (InventoryStore* store = window->store()) {
        // The first refresh started in connectTo(); its refreshFinished is the load.
        connect(store, &InventoryStore::refreshStarted, this, &WindowInstrument::onRefreshStarted);
        connect(store, &InventoryStore::refreshFinished, this, &WindowInstrument::onRefreshFinished);
    }
    startStallTimer();
}

bool WindowInstrument::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Paint)
        return false;
    if (!m_painted) {
        const auto* widget = qobject_cast<QWidget*>(watched);
        if (widget && m_window && widget->window() == m_window) {
            m_painted = true;
            qApp->removeEventFilter(this);
            write(u"first_paint"_s, {});
            m_summary.insert(u"first_paint_ms"_s, elapsedMs());
        }
    }
    if (m_lastKeyNs >= 0 && m_instanceView && watched == m_instanceView->viewport()) {
        const double toPaintMs = double(m_clock.nsecsElapsed() - m_lastKeyNs) / 1e6;
        m_lastKeyNs = -1;
        // The clear is timed after the paint, in its own event-loop turn, as the operator would clear it.
        QTimer::singleShot(kKeyIntervalMs, this, [this, toPaintMs] { finishFilter(toPaintMs); });
    }
    return false;
}

void WindowInstrument::write(const QString& event, QJsonObject fields)
{
    fields.insert(u"event"_s, event);
    fields.insert(u"ms"_s, elapsedMs());
    fields.insert(u"epoch_ms"_s, QDateTime::currentMSecsSinceEpoch());
    fields.insert(u"peak_rss_kb"_s, usage().peakRssKb);
    m_file->write(QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n');
    m_file->flush();
}

void WindowInstrument::startStallTimer()
{
    m_longestStallMs = 0;
    m_lastTickNs = m_clock.nsecsElapsed();
    m_stallTimer.start();
}

void WindowInstrument::stopStallTimer()
{
    m_stallTimer.stop();
}

void WindowInstrument::onStallTick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double lateMs = double(now - m_lastTickNs) / 1e6 - kStallIntervalMs;
    m_lastTickNs = now;
    m_longestStallMs = qMax(m_longestStallMs, lateMs);
}

void WindowInstrument::onRefreshStarted()
{
    m_refreshStartMs = elapsedMs();
    m_refreshStartCpuMs = usage().cpuMs;
    if (m_idle)
        startStallTimer();
}

void WindowInstrument::onRefreshFinished(bool ok)
{
    const Usage now = usage();
    if (!m_loaded) {
        m_loaded = true;
        QJsonObject fields { { u"ok"_s, ok }, { u"longest_stall_ms"_s, round2(m_longestStallMs) },
            { u"cpu_ms"_s, now.cpuMs }, { u"pending_rows"_s, rowsOf(m_window ? m_window->pendingView() : nullptr) },
            { u"instance_rows"_s, rowsOf(m_instanceView) },
            { u"group_rows"_s, rowsOf(m_window ? m_window->groupView() : nullptr) } };
        write(u"load_complete"_s, fields);
        m_summary.insert(u"load_complete_ms"_s, elapsedMs());
        for (auto it = fields.begin(); it != fields.end(); ++it)
            m_summary.insert(u"load_"_s + it.key(), it.value());
        startFilter();
        return;
    }
    ++m_refreshes;
    const qint64 tookMs = m_refreshStartMs >= 0 ? elapsedMs() - m_refreshStartMs : -1;
    const qint64 cpuMs = now.cpuMs - m_refreshStartCpuMs;
    write(u"refresh"_s,
        { { u"n"_s, m_refreshes }, { u"ok"_s, ok }, { u"took_ms"_s, tookMs }, { u"cpu_ms"_s, cpuMs },
            { u"longest_stall_ms"_s, round2(m_longestStallMs) } });
    if (m_idle) {
        m_idleRefreshMs += tookMs;
        m_idleRefreshCpuMs += cpuMs;
        stopStallTimer();
    }
    m_refreshStartMs = -1;
}

void WindowInstrument::startFilter()
{
    if (!m_window || !m_instanceView || m_filterText.isEmpty()) {
        startIdle();
        return;
    }
    // The filter box filters every tab; the Instances tab is shown so that its 20 000 rows are also painted.
    m_window->tabs()->setCurrentWidget(m_instanceView);
    m_rowsBefore = rowsOf(m_instanceView);
    m_longestStallMs = 0;
    QTimer::singleShot(kSettleMs, this, &WindowInstrument::typeNextKey);
}

void WindowInstrument::typeNextKey()
{
    if (!m_window)
        return;
    ++m_typed;
    const qint64 before = m_clock.nsecsElapsed();
    m_window->filterEdit()->setText(m_filterText.left(m_typed));
    const qint64 after = m_clock.nsecsElapsed();
    const double keyMs = double(after - before) / 1e6;
    m_longestKeyMs = qMax(m_longestKeyMs, keyMs);
    m_totalKeyMs += keyMs;
    if (m_typed < m_filterText.size()) {
        QTimer::singleShot(kKeyIntervalMs, this, &WindowInstrument::typeNextKey);
        return;
    }
    m_summary.insert(u"filter_rows_after"_s, rowsOf(m_instanceView));
    m_lastKeyNs = after; // eventFilter() takes it from the next paint of the instances view
    m_instanceView->viewport()->update();
    // A view that never paints (a hidden window) must not hold the rest: no paint figure then (-1).
    QTimer::singleShot(kPaintTimeoutMs, this, [this] {
        if (m_lastKeyNs < 0)
            return;
        m_lastKeyNs = -1;
        finishFilter(-1);
    });
}

void WindowInstrument::finishFilter(double toPaintMs)
{
    if (!m_window)
        return;
    QElapsedTimer clear;
    clear.start();
    m_window->filterEdit()->clear();
    const double clearMs = double(clear.nsecsElapsed()) / 1e6;
    const QJsonObject fields { { u"text"_s, m_filterText }, { u"keystrokes"_s, m_typed },
        { u"rows_before"_s, m_rowsBefore }, { u"rows_after"_s, m_summary.value(u"filter_rows_after"_s) },
        { u"longest_keystroke_ms"_s, round2(m_longestKeyMs) }, { u"total_keystrokes_ms"_s, round2(m_totalKeyMs) },
        { u"last_key_to_paint_ms"_s, round2(toPaintMs) }, { u"clear_ms"_s, round2(clearMs) },
        { u"longest_stall_ms"_s, round2(m_longestStallMs) } };
    write(u"filter"_s, fields);
    for (auto it = fields.begin(); it != fields.end(); ++it)
        m_summary.insert(u"filter_"_s + it.key(), it.value());
    startIdle();
}

void WindowInstrument::startIdle()
{
    m_summary.insert(u"refreshes_before_idle"_s, m_refreshes);
    m_idle = true;
    if (m_refreshStartMs < 0)
        stopStallTimer();
    m_idleStartMs = elapsedMs();
    m_idleStartCpuMs = usage().cpuMs;
    QTimer::singleShot(std::chrono::seconds(m_idleSeconds), this, &WindowInstrument::finishIdle);
}

void WindowInstrument::finishIdle()
{
    const qint64 spanMs = elapsedMs() - m_idleStartMs;
    const qint64 cpuMs = usage().cpuMs - m_idleStartCpuMs;
    // A refresh still running when the window ends counts as far as it got.
    qint64 refreshMs = m_idleRefreshMs;
    qint64 refreshCpuMs = m_idleRefreshCpuMs;
    if (m_refreshStartMs >= 0) {
        refreshMs += elapsedMs() - qMax(m_refreshStartMs, m_idleStartMs);
        refreshCpuMs += usage().cpuMs - qMax(m_refreshStartCpuMs, m_idleStartCpuMs);
    }
    const qint64 betweenMs = spanMs - refreshMs;
    const QJsonObject fields { { u"span_ms"_s, spanMs }, { u"cpu_ms"_s, cpuMs }, { u"refresh_ms"_s, refreshMs },
        { u"refresh_cpu_ms"_s, refreshCpuMs },
        { u"cpu_percent"_s, spanMs > 0 ? round2(100.0 * double(cpuMs) / double(spanMs)) : 0.0 },
        { u"between_refreshes_cpu_percent"_s,
            betweenMs > 0 ? round2(100.0 * double(cpuMs - refreshCpuMs) / double(betweenMs)) : 0.0 },
        { u"refreshes"_s, m_refreshes - m_summary.value(u"refreshes_before_idle"_s).toInt() } };
    write(u"idle"_s, fields);
    for (auto it = fields.begin(); it != fields.end(); ++it)
        m_summary.insert(u"idle_"_s + it.key(), it.value());
    write(u"summary"_s, m_summary);
}
