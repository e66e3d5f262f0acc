#pragma once

#include "actionoutcome.h"
#include "auditlog.h"
#include "autoscalingtypes.h"
#include "bulkactionjob.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <optional>

class AuditLog;
class AwsJob;
struct NoResult;
template <typename T> class ResultJob;
class AwsSession;
class InventoryStore;

// Every mutating call goes through here (design.md §1): complete (CONTINUE | ABANDON), heartbeat, put-hook,
// delete-hook, for one or many targets. For each item: validate → refuse in read-only mode (nothing sent) → check
// the target against the inventory (ActionTargetCheck: a wrong group, hook, instance or transition is refused, not
// sent) → write an audit "intent" record to disk → send → read the instances back (ActionOutcome: "no active
// action" becomes already-completed only when the instance visibly left that wait; an accepted action is verified)
// → write the "outcome" record → update the store; at the end only the affected groups are refreshed. At most
// maxConcurrentRequests() items are sent at a time; the read-backs of one job are batched.
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

    // Read-backs after the answers: the first at once, then after each of these delays (ms) while an accepted
    // action has not taken effect yet. The outcome is reported as it stands after the last one.
    void setVerificationDelays(const QList<int>& milliseconds) { m_verifyDelays = milliseconds; }

    // Targets for every instance in a *:Wait state (optionally of one group), hook left empty (expanded later).
    // With a hook name: only instances that wait on that hook (its transition, not completed yet).
    QList<LifecycleActionTarget> allPendingTargets(const QString& groupName = {}, const QString& hookName = {}) const;

    // Items of this controller's jobs that are queued or sent and not decided yet (jobs not started yet count as
    // one each): the window asks before the connection goes away while any are left.
    int unsettledItems() const;
    // Before the connection goes away: nothing more is sent from now on — queued items (and jobs not started yet)
    // are refused, "Not sent". With `abandonSent`, items sent and not decided yet are settled Unknown at once, each
    // with its outcome record, and their answers are ignored; without, they are decided as usual (jobFinished()).
    void stopAll(bool abandonSent);
    bool isStopped() const { return m_stopped; }

Q_SIGNALS:
    void jobStarted(BulkActionJob* job);
    void jobFinished(BulkActionJob* job);

private:
    BulkActionJob* start(BulkActionJob* job, const QList<LifecycleActionTarget>& targets);
    void expandAndRun(BulkActionJob* job, const QList<LifecycleActionTarget>& targets);
    void checkAndQueue(
        BulkActionJob* job, const QList<LifecycleActionTarget>& targets, const QStringList& statesBefore);
    void pump(BulkActionJob* job);
    void runItem(BulkActionJob* job, int index);
    // Calls itemFinished() with the answer to `call`, the request of item `index`.
    void watchAnswer(BulkActionJob* job, int index, ResultJob<NoResult>* call);
    void itemFinished(BulkActionJob* job, int index, const AwsJob& answer);
    // Reads back what every answered item of `job` touched — its instances (one batched read) or its group's hooks —
    // and settles each item, or queues it to be sent again when a lost answer proves it was not applied.
    void readBack(BulkActionJob* job);
    struct Readings;
    void decide(BulkActionJob* job, const Readings& readings);
    ActionOutcome::Context contextFor(BulkActionJob* job, const BulkActionJob::Item& item, bool accepted,
        const ActionOutcome::Reading& reading) const;
    void settle(BulkActionJob* job, int index, BulkActionJob::ItemState state, bool verified, const QString& message,
        const AwsError& error = {});
    void finishJob(BulkActionJob* job);
    // The newest completion of this target that a Hookdesk process recorded as done in the audit log, if any.
    std::optional<AuditRecord> earlierCompletion(const LifecycleActionTarget& target) const;
    bool writeAudit(BulkActionJob* job, int index, const QString& phase, QString* problem);
    // After stopAll(): a queued item is not sent (one sent before and read back as not applied is Failed, with
    // the outcome record its earlier intent waits for).
    void refuseStopped(BulkActionJob* job, int index);
    static QString stoppedMessage();

    AwsSession* m_session;
    InventoryStore* m_store;
    AuditLog* m_audit;
    int m_maxConcurrent = 4;
    QList<int> m_verifyDelays { 1000, 2000, 4000 };
    // Per job: items answered and waiting for the read-back, the read-back round, whether one is in flight.
    struct ReadBack {
        QList<int> answered; // indices of items whose answer arrived
        QList<AwsError> answers; // the answer's error (none: accepted) per entry of `answered`
        int round = 0;
        bool reading = false;
        qint64 firstAnswerMs = 0;
    };
    QHash<BulkActionJob*, ReadBack> m_readBacks;
    QList<QPointer<BulkActionJob>> m_jobs; // every job started here, while it exists
    bool m_stopped = false; // stopAll(): nothing more is sent
    bool m_abandoned = false; // stopAll(true): answers still on their way are ignored
};
