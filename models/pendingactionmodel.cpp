#include "pendingactionmodel.h"

#include "agetext.h"
#include "enumrolenames.h"
#include "inventorystore.h"
#include "keepaliveregistry.h"
#include "lifecycle.h"
#include "spokencountdown.h"

#include <QFont>
#include <QIcon>
#include <QSet>
#include <array>

using namespace Qt::StringLiterals;

namespace {
// Sort key of rows without a countdown: after every real one.
constexpr qint64 NoDeadlineSortKey = std::numeric_limits<qint32>::max();

constexpr std::array<const char*, PendingActionModel::ColumnCount> columnTitles = {
    QT_TRANSLATE_NOOP("PendingActionModel", "Instance"),
    QT_TRANSLATE_NOOP("PendingActionModel", "Group"),
    QT_TRANSLATE_NOOP("PendingActionModel", "State"),
    QT_TRANSLATE_NOOP("PendingActionModel", "Hooks"),
    QT_TRANSLATE_NOOP("PendingActionModel", "Default"),
    QT_TRANSLATE_NOOP("PendingActionModel", "Left"),
};
} // namespace

PendingActionModel::PendingActionModel(InventoryStore* store, QObject* parent)
    : RowSyncModel(columnTitles, parent)
    , m_store(store)
{
    connect(m_store, &InventoryStore::pendingActionsChanged, this, &PendingActionModel::sync);
    connect(&m_ticker, &QTimer::timeout, this, &PendingActionModel::tick);
    m_ticker.setTimerType(Qt::CoarseTimer);
    setTickInterval(1000);
    sync();
}

void PendingActionModel::setTickInterval(int milliseconds)
{
    if (milliseconds <= 0) {
        m_ticker.stop();
        return;
    }
    m_ticker.start(milliseconds);
}

void PendingActionModel::tick()
{
    if (rowCount() == 0)
        return;
    // Only the countdown column changes with time: views keep selection and scroll, delegates repaint one cell.
    Q_EMIT dataChanged(index(0, LeftColumn), index(rowCount() - 1, LeftColumn),
        { Qt::DisplayRole, Qt::ToolTipRole, Qt::AccessibleTextRole, Qt::ForegroundRole, Qt::BackgroundRole,
            SecondsLeftRole, UrgencyRole, SortRole });
}

void PendingActionModel::sync()
{
    syncRows(m_store->pendingActions(), [](const PendingAction& action) { return action.key(); });
    // An outcome belongs to the row it was reported on: once the instance left the list it says nothing more.
    if (!m_outcomes.isEmpty()) {
        QSet<QString> present;
        for (const PendingAction& action : m_store->pendingActions())
            present.insert(action.key());
        m_outcomes.removeIf([&present](const auto& entry) { return !present.contains(entry.key()); });
    }
}

void PendingActionModel::emitAllChanged(const QList<int>& roles)
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), roles);
}

void PendingActionModel::setStale(bool stale, const QDateTime& loadedAt)
{
    if (stale == m_stale && loadedAt == m_loadedAt)
        return;
    m_stale = stale;
    m_loadedAt = loadedAt;
    emitAllChanged({ Qt::FontRole, Qt::ToolTipRole, StaleRole });
}

void PendingActionModel::setOutcome(const QString& groupName, const QString& instanceId, const QString& text)
{
    const QString key = groupName + u'/' + instanceId;
    m_outcomes.insert(key, text);
    const int row = rowOf(groupName, instanceId);
    if (row >= 0)
        Q_EMIT dataChanged(
            index(row, 0), index(row, ColumnCount - 1), { Qt::DisplayRole, Qt::ToolTipRole, OutcomeRole });
}

QString PendingActionModel::outcome(const QString& groupName, const QString& instanceId) const
{
    return m_outcomes.value(groupName + u'/' + instanceId);
}

void PendingActionModel::setKeepAlives(KeepAliveRegistry* keepAlives)
{
    m_keepAlives = keepAlives;
    connect(keepAlives, &KeepAliveRegistry::changed, this, [this](const QString& groupName, const QString& instanceId) {
        const int row = rowOf(groupName, instanceId);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1),
                { Qt::DecorationRole, Qt::ToolTipRole, KeptAliveUntilRole });
    });
}

int PendingActionModel::rowOf(const QString& groupName, const QString& instanceId) const
{
    for (int row = 0; row < rows().size(); ++row) {
        const PendingAction& action = rows().at(row);
        if (action.instanceId == instanceId && (groupName.isEmpty() || action.groupName == groupName))
            return row;
    }
    return -1;
}

QDateTime PendingActionModel::keptAliveUntil(const PendingAction& action) const
{
    return m_keepAlives ? m_keepAlives->keptAliveUntil(action.groupName, action.instanceId) : QDateTime();
}

QString PendingActionModel::displayText(const PendingAction& action, int column, const QDateTime& now) const
{
    switch (column) {
    case InstanceColumn:
        return action.instanceId;
    case GroupColumn:
        return action.groupName;
    case StateColumn:
        if (const QString done = m_outcomes.value(action.key()); !done.isEmpty())
            return tr("%1 — %2").arg(action.lifecycleState, done);
        if (LifecycleState::isRetained(action.lifecycleState))
            return tr("%1 — %2").arg(action.lifecycleState, LifecycleState::retainedNote());
        return action.lifecycleState;
    case HooksColumn:
        if (!action.hooksKnown && action.actionable)
            return tr("(loading…)");
        // A warm-pool wait whose hooks cannot be told (WarmPoolHook): said, not left blank or guessed.
        if (action.actionable && action.hookTransition.isEmpty())
            return tr("unknown");
        return action.hookNames().join(u", "_s);
    case DefaultColumn:
        return action.firstResult();
    case LeftColumn:
        return action.leftText(now);
    }
    return {};
}

QString PendingActionModel::toolTip(const PendingAction& action, int column) const
{
    // Stale rows say so first: every other line of the tooltip is as old as the data.
    if (m_stale) {
        const QString age = AgeText::dataFrom(m_loadedAt, m_store->estimator()->now());
        return tr("The last refresh failed: this row is %1.").arg(age);
    }
    if (!action.actionable
        && Lifecycle::phaseOf(Lifecycle::parseState(action.lifecycleState)) == Lifecycle::Phase::Proceed)
        return tr("%1 is on its way (%2): it waits on no hook, so there is nothing to continue, abandon or "
                  "heartbeat. %3")
            .arg(action.instanceId, action.lifecycleState, action.explanation());
    if (keptAliveUntil(action).isValid() && column == InstanceColumn)
        return tr("Kept alive until %1: a heartbeat every half heartbeat timeout")
            .arg(keptAliveUntil(action).toLocalTime().toString(u"HH:mm"_s));
    if (column == LeftColumn && action.estimate.isUpperBound()) {
        return tr("Start of the wait unknown (first seen waiting at %2): the default result applies at the "
                  "latest at %1")
            .arg(action.estimate.deadline.toLocalTime().toString(u"HH:mm:ss"_s),
                action.estimate.waitStart.toLocalTime().toString(u"HH:mm:ss"_s));
    }
    if (column == LeftColumn && action.estimate.isValid()) {
        return tr("Estimated: the default result applies around %1 (wait started ≈ %2)")
            .arg(action.estimate.deadline.toLocalTime().toString(u"HH:mm:ss"_s),
                action.estimate.waitStart.toLocalTime().toString(u"HH:mm:ss"_s));
    }
    return action.explanation();
}

QVariant PendingActionModel::cell(const PendingAction& action, const QModelIndex& index, int role) const
{
    const QDateTime now = m_store->estimator()->now();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(action, index.column(), now);
    case Qt::DecorationRole:
        if (index.column() == InstanceColumn && keptAliveUntil(action).isValid())
            return QIcon(u":/icons/heartbeat.svg"_s);
        return {};
    case KeptAliveUntilRole:
        return keptAliveUntil(action);
    case StaleRole:
        return m_stale;
    case OutcomeRole:
        return m_outcomes.value(action.key());
    case Qt::FontRole:
        if (m_stale) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(action, index.column());
    case Qt::AccessibleTextRole:
        if (index.column() == LeftColumn)
            return SpokenCountdown::text(action, now);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LeftColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case LeftColumn:
            if (!action.actionable || !action.estimate.isValid())
                return NoDeadlineSortKey;
            return action.secondsLeft(now);
        case HooksColumn:
            return action.hookNames().join(u", "_s);
        }
        return data(index, Qt::DisplayRole);
    case InstanceIdRole:
        return action.instanceId;
    case GroupNameRole:
        return action.groupName;
    case LifecycleStateRole:
        return action.lifecycleState;
    case TransitionRole:
        return LifecycleState::transitionId(action.transition);
    case HookNamesRole:
        return action.hookNames();
    case DefaultResultRole:
        return action.defaultResult;
    case SecondsLeftRole:
        if (!action.estimate.isValid())
            return {};
        return action.secondsLeft(now);
    case UrgencyRole:
        return int(action.urgency(now));
    case DeadlineRole:
        return action.estimate.deadline;
    case WaitStartRole:
        return action.estimate.waitStart;
    case WaitStartSourceRole:
        return int(action.estimate.startSource);
    case ActionableRole:
        return action.actionable;
    case ExplanationRole:
        return action.explanation();
    case PendingActionRole:
        return QVariant::fromValue(action);
    }
    return {};
}

QString PendingActionModel::columnToolTip(int column) const
{
    if (column == LeftColumn)
        return tr("Estimated time until the hook's timeout applies its default result");
    return {};
}

QHash<int, QByteArray> PendingActionModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}
