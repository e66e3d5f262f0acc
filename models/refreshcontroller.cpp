#include "refreshcontroller.h"

#include "inventorystore.h"

#include <QSettings>

using namespace Qt::StringLiterals;

RefreshController::RefreshController(InventoryStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RefreshController::trigger);
    connect(m_store, &InventoryStore::refreshFinished, this, &RefreshController::onRefreshFinished);
    const int stored = QSettings().value(settingsKey(), DefaultIntervalSeconds).toInt();
    m_intervalSeconds = stored >= MinimumIntervalSeconds ? stored : DefaultIntervalSeconds;
}

QString RefreshController::settingsKey()
{
    return u"refresh/intervalSeconds"_s;
}

void RefreshController::setIntervalSeconds(int seconds)
{
    // Below the settings minimum only for tests; the settings dialog offers MinimumIntervalSeconds and up.
    seconds = std::max(1, seconds);
    if (seconds == m_intervalSeconds)
        return;
    m_intervalSeconds = seconds;
    QSettings().setValue(settingsKey(), seconds);
    if (m_timer.isActive())
        schedule();
    Q_EMIT stateChanged();
}

int RefreshController::currentDelaySeconds() const
{
    return m_backoffSeconds > 0 ? m_backoffSeconds : m_intervalSeconds;
}

void RefreshController::start()
{
    m_active = true;
    Q_EMIT stateChanged();
    trigger();
}

void RefreshController::stop()
{
    m_active = false;
    m_pendingNow = false;
    m_timer.stop();
    m_nextAt = {};
    Q_EMIT nextRefreshChanged({});
    Q_EMIT stateChanged();
}

void RefreshController::pause()
{
    if (++m_pauseDepth == 1) {
        m_timer.stop();
        Q_EMIT nextRefreshChanged({});
        Q_EMIT stateChanged();
    }
}

void RefreshController::resume()
{
    if (m_pauseDepth == 0 || --m_pauseDepth > 0)
        return;
    Q_EMIT stateChanged();
    if (!m_active)
        return;
    // If a refresh fell due while paused, the data is stale: refresh now rather than a full interval later.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_nextAt.isValid() || m_nextAt <= now) {
        trigger();
        return;
    }
    m_timer.start(int(std::max<qint64>(0, now.msecsTo(m_nextAt))));
    Q_EMIT nextRefreshChanged(m_nextAt);
}

void RefreshController::refreshNow()
{
    // Asked for by the operator: everything re-read, not only what the activity feed names. refresh() refuses
    // while one runs: start the next right after it instead, never two at once.
    if (!m_store->refresh(InventoryStore::RefreshKind::Full) && m_store->session())
        m_pendingNow = true;
}

QDateTime RefreshController::nextRefresh() const
{
    return (m_active && !isPaused() && m_timer.isActive()) ? m_nextAt : QDateTime();
}

void RefreshController::trigger()
{
    if (!m_active || isPaused())
        return;
    // A refresh already running (a manual one) ends in onRefreshFinished(), which schedules the next.
    if (!m_store->refresh() && !m_store->session())
        schedule();
}

void RefreshController::onRefreshFinished(bool ok, bool throttled)
{
    const int before = m_backoffSeconds;
    if (throttled)
        m_backoffSeconds = std::min(MaximumBackoffSeconds, std::max(m_intervalSeconds, m_backoffSeconds) * 2);
    else if (ok)
        m_backoffSeconds = 0;
    if (before != m_backoffSeconds)
        Q_EMIT stateChanged();
    if (m_pendingNow) {
        m_pendingNow = false;
        if (m_store->refresh(InventoryStore::RefreshKind::Full))
            return; // its end schedules the next one
    }
    schedule();
}

void RefreshController::schedule()
{
    if (!m_active || isPaused()) {
        m_timer.stop();
        return;
    }
    const int delay = currentDelaySeconds();
    m_nextAt = QDateTime::currentDateTimeUtc().addSecs(delay);
    m_timer.start(delay * 1000);
    Q_EMIT nextRefreshChanged(m_nextAt);
}
