#include "timeoutwatcher.h"

#include "auditlog.h"
#include "inventorystore.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("TimeoutNotice", text);
}

const QString Abandon = u"ABANDON"_s;

// How long before the wait start the audit log is read for a completion: a heartbeat-less wait start is the first
// sighting, which can be later than the real start by one refresh.
constexpr qint64 AuditLookbackSeconds = 300;
} // namespace

QString TimeoutNotice::text() const
{
    QString consequence;
    if (!launching)
        consequence = tr("the termination goes on");
    else if (result == Abandon)
        consequence = tr("the launch is abandoned: the instance is terminated and replaced");
    else
        consequence = tr("the launch goes on: the instance enters service");
    const QString when = deadline.isValid() ? deadline.toLocalTime().toString(u"HH:mm"_s) : tr("its deadline");
    return tr("%1 (%2): hook %3 timed out at ≈ %4 and AWS applied its default result, %5 — %6.")
        .arg(instanceId, groupName, hookName.isEmpty() ? tr("(unknown)") : hookName, when, result, consequence);
}

TimeoutWatcher::TimeoutWatcher(InventoryStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    connect(m_store, &InventoryStore::refreshFinished, this, [this](bool ok) {
        if (ok)
            observe();
    });
}

void TimeoutWatcher::observe()
{
    const QDateTime now = m_store->estimator()->now();
    QHash<QString, PendingAction> waiting;
    for (const PendingAction& action : m_store->pendingActions()) {
        if (action.actionable)
            waiting.insert(action.key(), action);
    }
    // The first good refresh is the baseline: what left a wait before the window looked is not news.
    if (m_primed) {
        for (auto it = m_waiting.cbegin(); it != m_waiting.cend(); ++it) {
            const PendingAction* still = m_store->pendingAction(it->groupName, it->instanceId);
            if (still && still->actionable && still->lifecycleState == it->lifecycleState)
                continue;
            const TimeoutNotice notice = explain(it.value(), now);
            if (!notice.result.isEmpty())
                Q_EMIT timedOut(notice);
        }
    }
    m_waiting = waiting;
    m_lastObserved = now;
    m_primed = true;
}

TimeoutNotice TimeoutWatcher::explain(const PendingAction& before, const QDateTime& now) const
{
    if (!m_store->group(before.groupName))
        return {}; // the group went (or was not read): nothing says how the wait ended
    bool explicitCompletion = false;
    const bool confirmed = activitySaysTimedOut(before, &explicitCompletion);
    if (explicitCompletion || completedByHookdesk(before))
        return {};
    // The hook that decided: an ABANDON hook whose deadline came ends the transition for all; else the wait ended
    // when its last CONTINUE hook timed out, so every one must be due.
    const PendingHookWait* deciding = nullptr;
    bool allDue = true;
    for (const PendingHookWait& wait : before.waits) {
        const bool due = wait.estimate.isValid() && wait.estimate.deadline.addSecs(-m_slackSeconds) <= now;
        allDue = allDue && due;
        if (due && wait.hook.defaultResult == Abandon) {
            deciding = &wait;
            break;
        }
        if (due)
            deciding = &wait;
    }
    const bool byTimeout = deciding && (deciding->hook.defaultResult == Abandon || allDue);
    if (!byTimeout && !confirmed)
        return {};
    TimeoutNotice notice;
    notice.groupName = before.groupName;
    notice.instanceId = before.instanceId;
    notice.launching = before.waitsOnLaunchHooks();
    notice.noticedAt = now;
    notice.confirmedByActivity = confirmed;
    if (deciding) {
        notice.hookName = deciding->hook.name;
        notice.result = deciding->hook.defaultResult;
        notice.deadline = deciding->estimate.deadline;
    } else {
        notice.hookName = before.decidingHook() ? before.decidingHook()->name : QString();
        notice.result = before.defaultResult.isEmpty() ? Abandon : before.defaultResult;
        notice.deadline = before.estimate.deadline;
    }
    if (const GroupSnapshot* group = m_store->group(before.groupName)) {
        if (const GroupInstance* instance = group->instance(before.instanceId))
            notice.stateNow = instance->lifecycleState;
    }
    return notice;
}

bool TimeoutWatcher::completedByHookdesk(const PendingAction& before) const
{
    if (!m_audit)
        return false;
    const QDateTime start = before.estimate.waitStart.isValid() ? before.estimate.waitStart : m_lastObserved;
    const QList<AuditRecord> records = m_audit->readSince(start.addSecs(-AuditLookbackSeconds));
    return std::any_of(records.cbegin(), records.cend(), [&before](const AuditRecord& record) {
        return record.action == u"CompleteLifecycleAction"_s && record.instance == before.instanceId
            && record.group == before.groupName;
    });
}

bool TimeoutWatcher::activitySaysTimedOut(const PendingAction& before, bool* explicitCompletion) const
{
    const GroupSnapshot* group = m_store->group(before.groupName);
    if (!group)
        return false;
    // Auto Scaling's words for how an abandoned launch ended: "…was abandoned: Lifecycle Action Completed with
    // ABANDON Result" when someone sent it, a timeout ("Timed Out", "Heartbeat Timeout") otherwise.
    const auto says = [&before](const ScalingActivity& activity, const QString& words) {
        return activity.description.contains(before.instanceId)
            && activity.statusMessage.contains(words, Qt::CaseInsensitive);
    };
    *explicitCompletion = std::ranges::any_of(
        group->activities, [&says](const ScalingActivity& activity) { return says(activity, u"Completed with"_s); });
    return std::ranges::any_of(group->activities, [&says](const ScalingActivity& activity) {
        return says(activity, u"Timed Out"_s) || says(activity, u"Timeout"_s);
    });
}
