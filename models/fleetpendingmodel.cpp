#include "fleetpendingmodel.h"

#include "connection.h"
#include "enumrolenames.h"
#include "fleetboard.h"
#include "inventorystore.h"
#include "spokencountdown.h"

#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
// Sort key of rows without a countdown: after every real one (as in PendingActionModel).
constexpr qint64 NoDeadlineSortKey = std::numeric_limits<qint32>::max();

constexpr std::array<const char*, FleetPendingModel::ColumnCount> columnTitles = {
    QT_TRANSLATE_NOOP("FleetPendingModel", "Account"),
    QT_TRANSLATE_NOOP("FleetPendingModel", "Region"),
    QT_TRANSLATE_NOOP("FleetPendingModel", "Instance"),
    QT_TRANSLATE_NOOP("FleetPendingModel", "Group"),
    QT_TRANSLATE_NOOP("FleetPendingModel", "State"),
    QT_TRANSLATE_NOOP("FleetPendingModel", "Hooks"),
    QT_TRANSLATE_NOOP("FleetPendingModel", "Default"),
    QT_TRANSLATE_NOOP("FleetPendingModel", "Left"),
};
} // namespace

FleetPendingModel::FleetPendingModel(FleetBoard* board, QObject* parent)
    : RowSyncModel(columnTitles, parent)
    , m_board(board)
{
    connect(board, &FleetBoard::connectionAdded, this, &FleetPendingModel::add);
    connect(board, &FleetBoard::connectionRemoved, this, &FleetPendingModel::remove);
    // The Account column names the account once STS answered.
    connect(board, &FleetBoard::identityChanged, this, &FleetPendingModel::sync);
    for (Connection* connection : board->connections())
        add(connection);
    connect(&m_ticker, &QTimer::timeout, this, &FleetPendingModel::tick);
    m_ticker.setTimerType(Qt::CoarseTimer);
    setTickInterval(1000);
}

void FleetPendingModel::setTickInterval(int milliseconds)
{
    if (milliseconds <= 0) {
        m_ticker.stop();
        return;
    }
    m_ticker.start(milliseconds);
}

void FleetPendingModel::tick()
{
    if (rowCount() == 0)
        return;
    // Only the countdown changes with time: views keep selection and scroll, and re-sort by it.
    Q_EMIT dataChanged(index(0, LeftColumn), index(rowCount() - 1, LeftColumn),
        { Qt::DisplayRole, Qt::ToolTipRole, Qt::AccessibleTextRole, PendingActionModel::SecondsLeftRole,
            PendingActionModel::UrgencyRole, PendingActionModel::SortRole });
}

void FleetPendingModel::add(Connection* connection)
{
    if (m_order.contains(connection))
        return;
    m_order.append(connection);
    m_counts.insert(connection, 0);
    connect(
        connection->store(), &InventoryStore::pendingActionsChanged, this, [this, connection] { sync(connection); });
    sync(connection);
}

void FleetPendingModel::remove(Connection* connection)
{
    if (!m_order.contains(connection))
        return;
    disconnect(connection->store(), nullptr, this, nullptr);
    syncRange(firstRowOf(connection), m_counts.value(connection), {},
        [](const FleetPendingRow& row) -> QString { return row.key(); });
    m_order.removeOne(connection);
    m_counts.remove(connection);
}

void FleetPendingModel::sync(Connection* connection)
{
    if (!m_counts.contains(connection))
        return;
    const qsizetype count = syncRange(firstRowOf(connection), m_counts.value(connection), rowsOf(connection),
        [](const FleetPendingRow& row) -> QString { return row.key(); });
    m_counts.insert(connection, count);
}

qsizetype FleetPendingModel::firstRowOf(Connection* connection) const
{
    qsizetype first = 0;
    for (Connection* other : m_order) {
        if (other == connection)
            break;
        first += m_counts.value(other);
    }
    return first;
}

QList<FleetPendingRow> FleetPendingModel::rowsOf(Connection* connection) const
{
    const FleetBoard::Member* member = m_board->memberOf(connection);
    FleetPendingRow base;
    base.connection = connection;
    base.connectionKey = member ? member->source.key() : connection->label();
    base.profile = connection->session()->profileName();
    base.accountId = connection->session()->account();
    base.accountLabel = FleetBoard::accountLabel(connection);
    base.region = connection->session()->region();
    QList<FleetPendingRow> rows;
    for (const PendingAction& action : connection->store()->pendingActions()) {
        FleetPendingRow row = base;
        row.action = action;
        rows.append(row);
    }
    return rows;
}

Connection* FleetPendingModel::connectionOf(const QModelIndex& index)
{
    return qobject_cast<Connection*>(index.data(ConnectionRole).value<QObject*>());
}

QList<FleetPendingModel::Batch> FleetPendingModel::batches(const QModelIndexList& rows)
{
    QList<Batch> result;
    for (const QModelIndex& index : rows) {
        Connection* connection = connectionOf(index);
        if (!connection)
            continue;
        auto batch = std::find_if(
            result.begin(), result.end(), [connection](const Batch& b) { return b.connection == connection; });
        if (batch == result.end()) {
            result.append(Batch { connection, {} });
            batch = result.end() - 1;
        }
        batch->actions.append(index.data(PendingActionModel::PendingActionRole).value<PendingAction>());
    }
    return result;
}

QString FleetPendingModel::displayText(const FleetPendingRow& row, int column) const
{
    const PendingAction& action = row.action;
    switch (column) {
    case AccountColumn:
        return row.accountLabel;
    case RegionColumn:
        return row.region;
    case InstanceColumn:
        return action.instanceId;
    case GroupColumn:
        return action.groupName;
    case StateColumn:
        if (LifecycleState::isRetained(action.lifecycleState))
            return tr("%1 — %2").arg(action.lifecycleState, LifecycleState::retainedNote());
        return action.lifecycleState;
    case HooksColumn:
        if (!action.hooksKnown && action.actionable)
            return tr("(loading…)");
        if (action.actionable && action.hookTransition.isEmpty())
            return tr("unknown");
        return action.hookNames().join(u", "_s);
    case DefaultColumn:
        return action.firstResult();
    case LeftColumn:
        return action.leftText(row.connection->store()->estimator()->now());
    }
    return {};
}

QVariant FleetPendingModel::cell(const FleetPendingRow& row, const QModelIndex& index, int role) const
{
    const QDateTime now = row.connection->store()->estimator()->now();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == AccountColumn)
            return tr("Profile %1 · account %2")
                .arg(row.profile, row.accountId.isEmpty() ? tr("not known yet") : row.accountId);
        return row.action.explanation();
    case Qt::AccessibleTextRole:
        if (index.column() == LeftColumn)
            return SpokenCountdown::text(row.action, now);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LeftColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PendingActionModel::SortRole:
        if (index.column() == LeftColumn) {
            if (!row.action.actionable || !row.action.estimate.isValid())
                return NoDeadlineSortKey;
            return row.action.secondsLeft(now);
        }
        return displayText(row, index.column());
    case ConnectionRole:
        return QVariant::fromValue<QObject*>(row.connection);
    case ConnectionKeyRole:
        return row.connectionKey;
    case ProfileRole:
        return row.profile;
    case AccountIdRole:
        return row.accountId;
    case RegionRole:
        return row.region;
    }
    return pendingRole(row.action, role, now);
}

QVariant FleetPendingModel::pendingRole(const PendingAction& action, int role, const QDateTime& now) const
{
    switch (role) {
    case PendingActionModel::InstanceIdRole:
        return action.instanceId;
    case PendingActionModel::GroupNameRole:
        return action.groupName;
    case PendingActionModel::LifecycleStateRole:
        return action.lifecycleState;
    case PendingActionModel::TransitionRole:
        return LifecycleState::transitionId(action.transition);
    case PendingActionModel::HookNamesRole:
        return action.hookNames();
    case PendingActionModel::DefaultResultRole:
        return action.defaultResult;
    case PendingActionModel::SecondsLeftRole:
        if (!action.estimate.isValid())
            return {};
        return action.secondsLeft(now);
    case PendingActionModel::UrgencyRole:
        return int(action.urgency(now));
    case PendingActionModel::DeadlineRole:
        return action.estimate.deadline;
    case PendingActionModel::WaitStartRole:
        return action.estimate.waitStart;
    case PendingActionModel::ActionableRole:
        return action.actionable;
    case PendingActionModel::ExplanationRole:
        return action.explanation();
    case PendingActionModel::PendingActionRole:
        return QVariant::fromValue(action);
    }
    return {};
}

QString FleetPendingModel::columnToolTip(int column) const
{
    if (column == LeftColumn)
        return tr("Estimated time until the hook's timeout applies its default result");
    if (column == AccountColumn)
        return tr("The profile, and the account STS named for it");
    return {};
}

QHash<int, QByteArray> FleetPendingModel::roleNames() const
{
    return withEnumRoleNames<PendingActionModel::Role>(withEnumRoleNames<Role>(RowSyncModel::roleNames()));
}
