#pragma once

#include "pendingaction.h"
#include "rowsyncmodel.h"

#include <QPointer>
#include <QTimer>

class InventoryStore;
class KeepAliveRegistry;

// Pending actions across all groups (design.md §8): Instance, Group, State, Hooks, Default, Left. Rows update in
// place on refresh; the countdown ticks every second by emitting dataChanged for the Left column only. The clock is
// the store's DeadlineEstimator clock, so tests control time.
class PendingActionModel : public RowSyncModel<PendingAction> {
    Q_OBJECT
public:
    enum Column { InstanceColumn, GroupColumn, StateColumn, HooksColumn, DefaultColumn, LeftColumn, ColumnCount };
    enum Role {
        InstanceIdRole = Qt::UserRole + 1,
        GroupNameRole,
        LifecycleStateRole,
        TransitionRole, // LifecycleState::transitionId(): "launch", "terminate", …
        HookNamesRole, // QStringList of hooks still waited on
        DefaultResultRole, // "CONTINUE" | "ABANDON" | ""
        SecondsLeftRole, // qint64 (negative: overdue); invalid QVariant without an estimate
        UrgencyRole, // int(Urgency)
        DeadlineRole, // QDateTime UTC (estimate)
        WaitStartRole, // QDateTime UTC (estimate)
        WaitStartSourceRole, // int(DeadlineEstimate::StartSource)
        ActionableRole, // bool: *:Wait (false for *:Proceed, Terminating:Retained)
        ExplanationRole, // "if nothing is done: ABANDON → instance terminated and replaced"
        PendingActionRole, // QVariant::fromValue(PendingAction)
        SortRole, // per column; Left sorts by seconds left, transitional rows last
        KeptAliveUntilRole, // QDateTime UTC: a keep-alive runs for this instance until then; invalid when none
    };
    Q_ENUM(Role)

    explicit PendingActionModel(InventoryStore* store, QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    PendingAction actionAt(int row) const { return rowValue(row); }
    int rowOf(const QString& groupName, const QString& instanceId) const;

    // Kept-alive rows get KeptAliveUntilRole, a heartbeat icon on the Instance column and a tooltip line.
    void setKeepAlives(KeepAliveRegistry* keepAlives);

    // Countdown tick period; 0 stops ticking (tests call tick() themselves).
    void setTickInterval(int milliseconds);
    // Emits dataChanged for the Left column of every row (roles Display, AccessibleText, SecondsLeft, Urgency, …).
    void tick();

protected:
    QVariant cell(const PendingAction& action, const QModelIndex& index, int role) const override;
    QString columnToolTip(int column) const override;

private:
    void sync();
    QDateTime keptAliveUntil(const PendingAction& action) const;
    QString displayText(const PendingAction& action, int column, const QDateTime& now) const;
    QString toolTip(const PendingAction& action, int column) const;

    InventoryStore* m_store;
    QPointer<KeepAliveRegistry> m_keepAlives;
    QTimer m_ticker;
};
