#pragma once

#include "pendingaction.h"
#include "pendingactionmodel.h"
#include "rowsyncmodel.h"

#include <QModelIndexList>
#include <QTimer>

class Connection;
class FleetBoard;

// One waiting instance of one connection of the fleet board.
struct FleetPendingRow {
    Connection* connection = nullptr;
    QString connectionKey; // FleetSource::key()
    QString profile;
    QString accountId; // empty until STS answered
    QString accountLabel; // FleetBoard::accountLabel()
    QString region;
    PendingAction action;

    QString key() const { return connectionKey + QLatin1Char('/') + action.key(); }
    friend bool operator==(const FleetPendingRow&, const FleetPendingRow&) = default;
};

// The pending actions of every connection of a FleetBoard in one table (issue 14 item 3): Account, Region, then the
// columns of PendingActionModel. The rows of one connection stand together and are synced in place when that
// connection's inventory changes (RowSyncModel::syncRange), so a refresh of one account inserts, removes and
// changes rows but never resets the model; a view sorts them (FleetFilterProxyModel, by SortRole on Left: most
// urgent first). Roles are PendingActionModel's, with the same meaning, plus those below: every row names the
// connection it came from, so an action on it goes to that connection only.
class FleetPendingModel : public RowSyncModel<FleetPendingRow> {
    Q_OBJECT
public:
    enum Column {
        AccountColumn,
        RegionColumn,
        InstanceColumn,
        GroupColumn,
        StateColumn,
        HooksColumn,
        DefaultColumn,
        LeftColumn,
        ColumnCount
    };
    enum Role {
        ConnectionRole = PendingActionModel::OutcomeRole + 1, // QObject* (the Connection)
        ConnectionKeyRole, // QString: FleetSource::key()
        ProfileRole,
        AccountIdRole, // QString; empty until STS answered
        RegionRole,
    };
    Q_ENUM(Role)

    explicit FleetPendingModel(FleetBoard* board, QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;
    FleetPendingRow rowAtIndex(int row) const { return rowValue(row); }

    // The connection of a row of this model or of a proxy over it.
    static Connection* connectionOf(const QModelIndex& index);
    // Selected rows (of this model or a proxy) grouped by connection, in the order of `rows`: one action job each.
    struct Batch {
        Connection* connection = nullptr;
        QList<PendingAction> actions;
    };
    static QList<Batch> batches(const QModelIndexList& rows);

    // Countdown tick period; 0 stops ticking (tests call tick() themselves).
    void setTickInterval(int milliseconds);
    void tick();

protected:
    QVariant cell(const FleetPendingRow& row, const QModelIndex& index, int role) const override;
    QString columnToolTip(int column) const override;

private:
    void add(Connection* connection);
    void remove(Connection* connection);
    void sync(Connection* connection);
    QList<FleetPendingRow> rowsOf(Connection* connection) const;
    qsizetype firstRowOf(Connection* connection) const;
    QString displayText(const FleetPendingRow& row, int column) const;
    QVariant pendingRole(const PendingAction& action, int role, const QDateTime& now) const;

    FleetBoard* m_board;
    QList<Connection*> m_order; // connections in row order
    QHash<Connection*, qsizetype> m_counts; // rows each connection has
    QTimer m_ticker;
};
