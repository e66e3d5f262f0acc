#include "keepalive.h"

#include "actioncontroller.h"
#include "bulkactionjob.h"
#include "deadlineestimator.h"
#include "inventorystore.h"
#include "modelslogging.h"
#include "pendingaction.h"

#include <QLocale>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

using ItemState = BulkActionJob::ItemState;

namespace {

QString timeText(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

KeepAlive::KeepAlive(ActionController* controller, InventoryStore* store, const LifecycleActionTarget& target,
    const QDateTime& until, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_store(store)
    , m_target(target)
    , m_until(until.toUTC())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &KeepAlive::round);
}

KeepAlive::~KeepAlive() = default;

void KeepAlive::setTimeScale(double clockSecondsPerSecond)
{
    m_timeScale = clockSecondsPerSecond > 0 ? clockSecondsPerSecond : 1.0;
}

void KeepAlive::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (isFinished())
                return;
            m_startedAt = now();
            m_nextDue = m_startedAt;
            round();
        },
        Qt::QueuedConnection);
}

void KeepAlive::stop()
{
    m_stopRequested = true;
    // With a call in flight, its answer ends the keep-alive: the audit log gets the outcome of every intent.
    if (!m_busy)
        finish(StopReason::Stopped, tr("Stopped; no further heartbeat is sent."));
}

bool KeepAlive::endedNormally() const
{
    return m_reason == StopReason::Duration || m_reason == StopReason::LeftWait || m_reason == StopReason::Stopped;
}

QString KeepAlive::reasonName(StopReason reason)
{
    switch (reason) {
    case StopReason::None:
        return u"running"_s;
    case StopReason::Duration:
        return u"duration"_s;
    case StopReason::LeftWait:
        return u"left-wait"_s;
    case StopReason::GlobalTimeout:
        return u"global-timeout"_s;
    case StopReason::Stopped:
        return u"stopped"_s;
    case StopReason::Failed:
        return u"failed"_s;
    }
    return {};
}

int KeepAlive::plannedHeartbeats(int heartbeatTimeout, const QDateTime& from, const QDateTime& until)
{
    const qint64 interval = qMax<qint64>(1, heartbeatTimeout / 2);
    const qint64 seconds = from.secsTo(until);
    return seconds <= 0 ? 0 : int((seconds + interval - 1) / interval);
}

QDateTime KeepAlive::now() const
{
    return m_store ? m_store->estimator()->now() : QDateTime::currentDateTimeUtc();
}

void KeepAlive::round()
{
    if (isFinished())
        return;
    if (m_stopRequested) {
        finish(StopReason::Stopped, tr("Stopped; no further heartbeat is sent."));
        return;
    }
    if (m_nextDue >= m_until) {
        finish(StopReason::Duration, tr("Kept alive until %1 as asked.").arg(timeText(m_until)));
        return;
    }
    if (!m_store || !m_controller) {
        finish(StopReason::Failed, tr("The connection was closed."));
        return;
    }
    m_busy = true;
    m_store->refreshGroup(m_target.groupName, [self = QPointer<KeepAlive>(this)] {
        if (self)
            self->afterRead();
    });
}

void KeepAlive::afterRead()
{
    m_busy = false;
    if (isFinished())
        return;
    if (m_stopRequested) {
        finish(StopReason::Stopped, tr("Stopped; no further heartbeat is sent."));
        return;
    }
    const PendingAction* action = m_store ? m_store->pendingAction(m_target.groupName, m_target.instanceId) : nullptr;
    if (!action || !action->actionable) {
        finish(StopReason::LeftWait,
            action ? tr("%1 left the wait (now %2).").arg(m_target.instanceId, action->lifecycleState)
                   : tr("%1 is no longer waiting.").arg(m_target.instanceId));
        return;
    }
    if (!action->hooksKnown) {
        finish(StopReason::Failed, tr("The hooks of group %1 could not be read.").arg(m_target.groupName));
        return;
    }
    int smallestTimeout = std::numeric_limits<int>::max();
    QDateTime globalDeadline;
    for (const PendingHookWait& wait : action->waits) {
        if (!m_target.hookName.isEmpty() && wait.hook.name != m_target.hookName)
            continue;
        smallestTimeout = qMin(smallestTimeout, wait.hook.heartbeatTimeout);
        if (wait.estimate.globalDeadline.isValid()
            && (!globalDeadline.isValid() || wait.estimate.globalDeadline < globalDeadline))
            globalDeadline = wait.estimate.globalDeadline;
    }
    if (smallestTimeout == std::numeric_limits<int>::max()) {
        finish(StopReason::LeftWait,
            m_target.hookName.isEmpty()
                ? tr("%1 waits on no hook any more.").arg(m_target.instanceId)
                : tr("%1 no longer waits on hook %2.").arg(m_target.instanceId, m_target.hookName));
        return;
    }
    m_heartbeatTimeout = smallestTimeout;
    m_interval = qMax(1, smallestTimeout / 2);
    m_globalDeadline = globalDeadline;
    if (m_globalDeadline.isValid() && now() >= m_globalDeadline) {
        finish(StopReason::GlobalTimeout,
            tr("The global timeout (estimated %1) has passed: a heartbeat cannot extend the wait.")
                .arg(timeText(m_globalDeadline)));
        return;
    }
    m_busy = true;
    ++m_round;
    BulkActionJob* job = m_controller->heartbeat({ m_target });
    connect(job, &BulkActionJob::finished, this, &KeepAlive::onJobFinished, Qt::SingleShotConnection);
}

void KeepAlive::onJobFinished(BulkActionJob* job)
{
    m_busy = false;
    int done = 0;
    int already = 0;
    QString problem;
    bool refused = false;
    for (const BulkActionJob::Item& item : job->items()) {
        if (item.state == ItemState::Done)
            ++done;
        else if (item.state == ItemState::AlreadyCompleted)
            ++already;
        else if (problem.isEmpty())
            problem = item.error.isError() ? item.error.toString() : item.message;
        refused = refused || item.state == ItemState::Refused;
    }
    if (problem.isEmpty() && done == 0 && already == 0)
        problem = job->errorMessage().isEmpty() ? tr("Nothing was sent.") : job->errorMessage();
    // The controller keeps its jobs; a keep-alive of hours would pile one up per round.
    job->deleteLater();
    if (isFinished())
        return;

    if (refused) {
        ++m_failed;
        Q_EMIT heartbeatSent(m_round, false, problem);
        finish(StopReason::Failed, problem);
        return;
    }
    if (!problem.isEmpty() && done == 0 && already > 0) {
        // "No active lifecycle action" proves nothing on its own (design.md §3): a read decides.
        checkAlreadyCompleted(problem);
        return;
    }
    if (!problem.isEmpty() || done == 0) {
        ++m_failed;
        ++m_failedInARow;
        Q_EMIT heartbeatSent(m_round, false, problem);
        if (m_failedInARow >= 2) {
            finish(StopReason::Failed, tr("Two heartbeat rounds in a row failed: %1").arg(problem));
            return;
        }
    } else {
        ++m_sent;
        m_failedInARow = 0;
        m_lastSent = m_nextDue;
        Q_EMIT heartbeatSent(m_round, true, {});
        if (isFinished())
            return;
        // The heartbeat moved the deadline to min(now + timeout, global deadline); once that is the global
        // deadline, later heartbeats change nothing and the default result applies then whatever is sent.
        if (!m_stopRequested && m_globalDeadline.isValid()
            && m_lastSent.addSecs(m_heartbeatTimeout) >= m_globalDeadline) {
            finish(StopReason::GlobalTimeout,
                tr("The global timeout ends the wait at %1 (estimate); another heartbeat cannot extend it.")
                    .arg(timeText(m_globalDeadline)));
            return;
        }
    }
    scheduleNext();
}

void KeepAlive::checkAlreadyCompleted(const QString& detail)
{
    m_busy = true;
    m_store->refreshGroup(m_target.groupName, [self = QPointer<KeepAlive>(this), detail] {
        if (!self || self->isFinished())
            return;
        self->m_busy = false;
        const PendingAction* action = self->m_store->pendingAction(self->m_target.groupName, self->m_target.instanceId);
        if (!action || !action->actionable) {
            self->finish(StopReason::LeftWait, tr("%1 left the wait.").arg(self->m_target.instanceId));
            return;
        }
        ++self->m_failed;
        Q_EMIT self->heartbeatSent(self->m_round, false, detail);
        self->finish(StopReason::Failed, detail);
    });
}

void KeepAlive::scheduleNext()
{
    if (m_stopRequested) {
        finish(StopReason::Stopped, tr("Stopped; no further heartbeat is sent."));
        return;
    }
    // Planned from the start, not from each answer, so the count for a duration is exact; after a stall (a laptop
    // asleep) the next heartbeat goes out at once instead of several in a burst.
    m_nextDue = qMax(m_nextDue.addSecs(m_interval), now());
    waitUntil(qMin(m_nextDue, m_until));
}

void KeepAlive::waitUntil(const QDateTime& when)
{
    const double ms = double(now().msecsTo(when)) / m_timeScale;
    m_timer.start(int(std::clamp(ms, 0.0, double(std::numeric_limits<int>::max()))));
}

void KeepAlive::finish(StopReason reason, const QString& message)
{
    if (isFinished())
        return;
    m_timer.stop();
    m_reason = reason;
    m_stopMessage = message;
    qCInfo(lcModels) << "keep-alive of" << key() << "ended:" << reasonName(reason) << message;
    Q_EMIT finished(this);
}
