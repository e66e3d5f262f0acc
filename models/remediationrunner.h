#pragma once

#include "bulkactionjob.h"
#include "remediation.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <memory>

class AuditLog;
class AwsSession;
class InventoryStore;

// Runs one remediation (Remediation::Request) without widgets, as a BulkActionJob with one item per instance, so
// the window's progress view and status bar follow it like a lifecycle action. Each run: refuse in read-only mode
// (nothing sent, not even a read) → read the group fresh and refuse every target that is not in it or whose state
// does not allow the operation (Remediation::targetRefusal; nothing sent for it) → write the audit intent of each
// remaining item (an item whose intent cannot be written is not sent) → send (one call per instance, or per 20 / 50
// for the operations that take lists) → read the group back (again after each verification delay while an
// accepted item does not show yet) → decide each item by the read (Remediation::decide) → write its outcome record
// → refresh the group in the store → finished(), exactly once per run. "Retry failed" runs the failed items again,
// from the fresh read on.
class RemediationRunner : public QObject {
    Q_OBJECT
public:
    // `store` (optional) names the group an instance of another group is in, and is refreshed after each run.
    // `audit` may be null (no records).
    RemediationRunner(AwsSession* session, InventoryStore* store, AuditLog* audit, QObject* parent = nullptr);
    ~RemediationRunner() override;

    // Starts on the next event-loop turn, so connecting to the job after the call is safe. The job's parent is this
    // runner until the caller reparents it.
    BulkActionJob* run(const Remediation::Request& request);

    // Read-backs after the answers: the first at once, then after each of these delays (ms) while an accepted item
    // does not show the change yet.
    void setVerificationDelays(const QList<int>& milliseconds) { m_verifyDelays = milliseconds; }

Q_SIGNALS:
    void jobStarted(BulkActionJob* job);
    void jobFinished(BulkActionJob* job);

private:
    struct Run;
    void start(const std::shared_ptr<Run>& run);
    void readTargets(const std::shared_ptr<Run>& run);
    void checkTargets(const std::shared_ptr<Run>& run, const AutoScalingGroup& group);
    void sendFrom(const std::shared_ptr<Run>& run, int call);
    void readBack(const std::shared_ptr<Run>& run, int round);
    void decide(const std::shared_ptr<Run>& run, bool readOk, const QString& readError, const AutoScalingGroup& after);
    void refuseQueued(BulkActionJob* job, BulkActionJob::ItemState state, const QString& why);
    bool writeAudit(const Run& run, int index, const QString& phase, QString* problem);
    void finish(const std::shared_ptr<Run>& run);
    // The group the store shows `instanceId` in, if any.
    QString groupOf(const QString& instanceId) const;

    QPointer<AwsSession> m_session;
    QPointer<InventoryStore> m_store;
    QPointer<AuditLog> m_audit;
    QList<int> m_verifyDelays { 2000 };
    QList<std::shared_ptr<Run>> m_runs; // started and not finished yet
};
