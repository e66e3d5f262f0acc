#include "pendingactionmodel.h"

#include "enumrolenames.h"
#include "inventorystore.h"
#include "keepaliveregistry.h"

#include <QIcon>

using namespace Qt::StringLiterals;

namespace {
// Sort key of rows without a countdown: after every real one.
constexpr qint64 NoDeadlineSortKey = std::numeric_limits<qint32>::max();
} // namespace

PendingActionModel::PendingActionModel(InventoryStore* store, QObject* parent)
    : RowSyncModel(parent)
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
    if (m_rows.isEmpty())
        return;
    // Only the countdown column changes with time: views keep selection and scroll, delegates repaint one cell.
    Q_EMIT dataChanged(index(0, LeftColumn), index(int(m_rows.size()) - 1, LeftColumn),
        { Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, Qt::BackgroundRole, SecondsLeftRole, UrgencyRole,
            SortRole });
}

void PendingActionModel::sync()
{
    syncRows(m_rows, m_store->pendingActions(), [](const PendingAction& action) { return action.key(); });
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
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).instanceId == instanceId && (groupName.isEmpty() || m_rows.at(row).groupName == groupName))
            return row;
    }
    return -1;
}

int PendingActionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PendingActionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QDateTime PendingActionModel::keptAliveUntil(const PendingAction& action) const
{
    return m_keepAlives ? m_keepAlives->keptAliveUntil(action.groupName, action.instanceId) : QDateTime();
}

QVariant PendingActionModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PendingAction& action = m_rows.at(index.row());
    const QDateTime now = m_store->estimator()->now();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case InstanceColumn:
            return action.instanceId;
        case GroupColumn:
            return action.groupName;
        case StateColumn:
            return action.lifecycleState;
        case HooksColumn:
            if (!action.hooksKnown && action.actionable)
                return tr("(loading…)");
            return action.hookNames().join(u", "_s);
        case DefaultColumn:
            return action.defaultResult;
        case LeftColumn:
            return action.leftText(now);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == InstanceColumn && keptAliveUntil(action).isValid())
            return QIcon(u":/icons/heartbeat.svg"_s);
        return {};
    case KeptAliveUntilRole:
        return keptAliveUntil(action);
    case Qt::ToolTipRole:
        if (keptAliveUntil(action).isValid() && index.column() == InstanceColumn)
            return tr("Kept alive until %1: a heartbeat every half heartbeat timeout")
                .arg(keptAliveUntil(action).toLocalTime().toString(u"HH:mm"_s));
        if (index.column() == LeftColumn && action.estimate.isUpperBound()) {
            return tr("Start of the wait unknown (first seen waiting at %2): the default result applies at the "
                      "latest at %1")
                .arg(action.estimate.deadline.toLocalTime().toString(u"HH:mm:ss"_s),
                    action.estimate.waitStart.toLocalTime().toString(u"HH:mm:ss"_s));
        }
        if (index.column() == LeftColumn && action.estimate.isValid()) {
            return tr("Estimated: the default result applies around %1 (wait started ≈ %2)")
                .arg(action.estimate.deadline.toLocalTime().toString(u"HH:mm:ss"_s),
                    action.estimate.waitStart.toLocalTime().toString(u"HH:mm:ss"_s));
        }
        return action.explanation();
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

QVariant PendingActionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == LeftColumn)
        return tr("Estimated time until the hook's timeout applies its default result");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case InstanceColumn:
        return tr("Instance");
    case GroupColumn:
        return tr("Group");
    case StateColumn:
        return tr("State");
    case HooksColumn:
        return tr("Hook(s)");
    case DefaultColumn:
        return tr("Default");
    case LeftColumn:
        return tr("Left");
    }
    return {};
}

QHash<int, QByteArray> PendingActionModel::roleNames() const
{
    return withEnumRoleNames<Role>(RowSyncModel::roleNames());
}
