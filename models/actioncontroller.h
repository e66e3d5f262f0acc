#pragma once

#include "autoscalingtypes.h"
#include "bulkactionjob.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class AuditLog;
class AwsSession;
class InventoryStore;

// Every mutating call goes through here (design.md §1): complete (CONTINUE | ABANDON), heartbeat, put-hook,
// delete-hook, for one or many targets. For each item: validate → refuse in read-only mode (nothing sent) →
// write an audit "intent" record to disk → send → write the "outcome" record → update the store; at the end only
// the affected groups are refreshed. At most maxConcurrentRequests() items run at a time.
class ActionController : public QObject {
    Q_OBJECT
public:
    ActionController(AwsSession* session, InventoryStore* store, AuditLog* audit, QObject* parent = nullptr);

    void setMaxConcurrentRequests(int count) { m_maxConcurrent = qMax(1, count); }
    int maxConcurrentRequests() const { return m_maxConcurrent; }

    // Targets name a group and an instance (or a token). Without a hook name, the action applies to every hook of
    // the instance's current transition that it still waits on (from the store; the group is refreshed first if
    // its hooks are not known); ABANDON goes to one of them only, since it ends the whole transition. A token needs
    // a hook name. The job starts on the next event-loop turn, so connecting to finished() after the call is safe.
    BulkActionJob* complete(const QList<LifecycleActionTarget>& targets, const QString& result);
    BulkActionJob* heartbeat(const QList<LifecycleActionTarget>& targets);
    BulkActionJob* putHook(const PutLifecycleHookRequest& request);
    BulkActionJob* deleteHook(const QString& groupName, const QString& hookName);

    // Targets for every instance in a *:Wait state (optionally of one group), hook left empty (expanded later).
    QList<LifecycleActionTarget> allPendingTargets(const QString& groupName = {}) const;

Q_SIGNALS:
    void jobStarted(BulkActionJob* job);
    void jobFinished(BulkActionJob* job);

private:
    BulkActionJob* start(BulkActionJob* job, const QList<LifecycleActionTarget>& targets);
    void expandAndRun(BulkActionJob* job, const QList<LifecycleActionTarget>& targets);
    // Targets for one request each; empty with `problem` and `state` (Failed / AlreadyCompleted) when none.
    // `firstHookOnly`: ABANDON ends the whole transition, so one request per instance is enough.
    QList<LifecycleActionTarget> expand(const LifecycleActionTarget& target, bool firstHookOnly, QString* problem,
        BulkActionJob::ItemState* state) const;
    void pump(BulkActionJob* job);
    void runItem(BulkActionJob* job, int index);
    void itemFinished(BulkActionJob* job, int index, const AwsError& error, const QString& requestId);
    void finishJob(BulkActionJob* job);
    bool writeAudit(BulkActionJob* job, int index, const QString& phase, QString* problem);

    AwsSession* m_session;
    InventoryStore* m_store;
    AuditLog* m_audit;
    int m_maxConcurrent = 4;
};
