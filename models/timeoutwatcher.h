#pragma once

#include "pendingaction.h"

#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

class AuditLog;
class InventoryStore;

// A lifecycle timeout that applied its default result while the window looked on (issue 18 item 6).
struct TimeoutNotice {
    QString groupName;
    QString instanceId;
    QString hookName; // the hook whose timeout decided
    QString result; // CONTINUE | ABANDON: what the timeout applied
    bool launching = true;
    QDateTime deadline; // the estimated deadline it was seen waiting for (UTC)
    QDateTime noticedAt; // the refresh that found it gone from the wait
    QString stateNow; // its lifecycle state in that refresh; empty when it left the group
    bool confirmedByActivity = false; // the group's scaling activity says the action timed out

    // "i-0abc… (web): warm-up timed out at ≈ 14:02 and AWS applied its default result, ABANDON: the launch is
    // abandoned and the instance terminated." Translated.
    QString text() const;
};

Q_DECLARE_METATYPE(TimeoutNotice)

// Notices when an instance that was waiting on a lifecycle hook leaves that wait at about its deadline without a
// Hookdesk action, i.e. when the timeout (not an operator) decided. It compares the waiting instances of one good
// full refresh with the next (a failed refresh says nothing about who is still waiting): an instance that was in
// a *:Wait state and is now in another state, or gone, is announced when the deadline of the hook that decides had
// come (within slackSeconds() of the refresh that found it gone) or its scaling activity says it timed out, and no
// Hookdesk process recorded a completion for it in the audit log since the wait began. Another tool completing it
// well before its deadline is not a timeout and is not announced.
class TimeoutWatcher : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultSlackSeconds = 60;

    explicit TimeoutWatcher(InventoryStore* store, QObject* parent = nullptr);

    // The audit log of this connection: completions recorded there (by this or another Hookdesk process) are
    // operator actions, not timeouts. Optional.
    void setAuditLog(AuditLog* audit) { m_audit = audit; }
    // Estimates are early by up to a few tens of seconds (a wait start taken from its activity) and the refresh
    // that shows the change comes up to one interval later: how far from the deadline still counts as "at it".
    void setSlackSeconds(int seconds) { m_slackSeconds = seconds; }
    int slackSeconds() const { return m_slackSeconds; }

    // Compares the store's pending list with the one of the last call. Connected to refreshFinished(ok == true);
    // tests call it after feeding the store.
    void observe();

Q_SIGNALS:
    void timedOut(const TimeoutNotice& notice);

private:
    // The notice for `before`, which left its wait by `now`, or an empty one when the timeout does not explain it.
    TimeoutNotice explain(const PendingAction& before, const QDateTime& now) const;
    bool completedByHookdesk(const PendingAction& before) const;
    bool activitySaysTimedOut(const PendingAction& before, bool* explicitCompletion) const;

    InventoryStore* m_store;
    QPointer<AuditLog> m_audit;
    QHash<QString, PendingAction> m_waiting; // key() → the action as last seen waiting
    QDateTime m_lastObserved;
    int m_slackSeconds = DefaultSlackSeconds;
    bool m_primed = false;
};
