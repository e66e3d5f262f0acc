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
        StaleRole, // bool: the last refresh failed, so the row is what was loaded before (shown in italics)
        OutcomeRole, // QString: what the last single action from this window did to the row ("heartbeat recorded ✓")
    };
    Q_ENUM(Role)

    explicit PendingActionModel(InventoryStore* store, QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    PendingAction actionAt(int row) const { return rowValue(row); }
    int rowOf(const QString& groupName, const QString& instanceId) const;

    // Kept-alive rows get KeptAliveUntilRole, a heartbeat icon on the Instance column and a tooltip line.
    void setKeepAlives(KeepAliveRegistry* keepAlives);

    // After a failed refresh every row is what was loaded at `loadedAt` (issue 18 item 6): italic, with the age
    // of the data in the tooltip. A good refresh clears it.
    void setStale(bool stale, const QDateTime& loadedAt = {});
    bool isStale() const { return m_stale; }
    // A single action reports on its row instead of in a window (issue 18 item 6): the State column reads
    // "Pending:Wait — heartbeat recorded ✓" until the row goes or the next outcome replaces it.
    void setOutcome(const QString& groupName, const QString& instanceId, const QString& text);
    QString outcome(const QString& groupName, const QString& instanceId) const;

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

    void emitAllChanged(const QList<int>& roles);

    InventoryStore* m_store;
    QPointer<KeepAliveRegistry> m_keepAlives;
    QHash<QString, QString> m_outcomes; // PendingAction::key() → outcome text
    QDateTime m_loadedAt;
    bool m_stale = false;
    QTimer m_ticker;
};
