#include "remediationrunner.h"

#include "auditlog.h"
#include "autoscalingclient.h"
#include "awssession.h"
#include "inventorystore.h"
#include "jobhelpers.h"
#include "sessionidentity.h"

#include <QTimer>

using namespace Qt::StringLiterals;

using ItemState = BulkActionJob::ItemState;
using Operation = Remediation::Operation;

// One run of a job: the first, or one "Retry failed". Shared by the callbacks of its requests; the job may be
// deleted under it (the window closed the progress view), which every step checks.
struct RemediationRunner::Run {
    QPointer<BulkActionJob> job;
    Remediation::Request request;
    QList<QList<int>> calls; // the item indices of each request to send
    QHash<int, AwsError> answers; // per item sent: AWS's error, none when it accepted
    bool finished = false;
};

namespace {
const GroupInstance* findInstance(const AutoScalingGroup& group, const QString& instanceId)
{
    return Remediation::instanceIn(group, instanceId);
}
} // namespace

RemediationRunner::RemediationRunner(AwsSession* session, InventoryStore* store, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_store(store)
    , m_audit(audit)
{
}

RemediationRunner::~RemediationRunner()
{
    // The connection goes away (another profile, the window closes): nothing more is sent or read, and no item is
    // left without an outcome — a request already sent is Unknown, with its outcome record.
    m_store = nullptr;
    const QList<std::shared_ptr<Run>> runs = m_runs;
    for (const std::shared_ptr<Run>& run : runs) {
        if (!run->job || run->finished)
            continue;
        refuseQueued(run->job, ItemState::Refused, tr("The connection was closed: nothing was sent."));
        for (int i = 0; i < run->job->count(); ++i) {
            if (run->job->items().at(i).state != ItemState::Running)
                continue;
            run->job->setItemState(i, ItemState::Unknown,
                tr("The connection was closed before the outcome was known: look at the instance again."));
            QString problem;
            (void)writeAudit(*run, i, u"outcome"_s, &problem);
        }
        run->job->setRunning(0);
        finish(run);
    }
}

BulkActionJob* RemediationRunner::run(const Remediation::Request& request)
{
    auto* job = new BulkActionJob(BulkActionJob::Kind::Remediate, Remediation::label(request.operation), this);
    job->setActionName(Remediation::actionName(request.operation));
    for (const QString& id : request.instanceIds)
        job->addItem({ request.groupName, {}, id, {} });
    connect(job, &BulkActionJob::retryRequested, this, [this, request](BulkActionJob* retried) {
        auto again = std::make_shared<Run>();
        again->job = retried;
        again->request = request;
        start(again);
    });
    Q_EMIT jobStarted(job);
    auto first = std::make_shared<Run>();
    first->job = job;
    first->request = request;
    // Always asynchronous, so the caller can connect to the job before anything (even a refusal) is reported.
    QMetaObject::invokeMethod(
        this, [this, first] { start(first); }, Qt::QueuedConnection);
    return job;
}

void RemediationRunner::start(const std::shared_ptr<Run>& run)
{
    BulkActionJob* job = run->job;
    if (!job)
        return;
    m_runs.append(run);
    job->markStarted();
    if (!m_session) {
        refuseQueued(job, ItemState::Refused, tr("Not connected."));
        finish(run);
        return;
    }
    // Refused before any read, as the lifecycle actions are: read-only sends nothing that changes anything.
    if (m_session->isReadOnly()) {
        refuseQueued(job, ItemState::Refused, tr("Read-only mode: nothing was sent."));
        finish(run);
        return;
    }
    SessionIdentity::whenKnown(m_session, this, [this, run] { readTargets(run); });
}

void RemediationRunner::readTargets(const std::shared_ptr<Run>& run)
{
    if (!run->job || !m_session)
        return;
    DescribeGroupsRequest request;
    request.groupNames = { run->request.groupName };
    whenFinished(m_session->autoScaling()->describeAutoScalingGroups(request), this,
        [this, run](const AwsError& error, const QList<AutoScalingGroup>& groups, const QString&) {
            if (!run->job)
                return;
            const QString group = run->request.groupName;
            if (error.isError()) {
                refuseQueued(run->job, ItemState::Failed,
                    tr("could not read group %1: %2; nothing was sent").arg(group, error.message));
                finish(run);
            } else if (groups.isEmpty() || groups.constFirst().name != group) {
                refuseQueued(run->job, ItemState::Refused,
                    tr("Auto Scaling group %1 does not exist in this account and region; nothing was sent").arg(group));
                finish(run);
            } else {
                checkTargets(run, groups.constFirst());
            }
        });
}

void RemediationRunner::checkTargets(const std::shared_ptr<Run>& run, const AutoScalingGroup& group)
{
    BulkActionJob* job = run->job;
    // Read-only may have been switched on while the group was read.
    if (!m_session || m_session->isReadOnly()) {
        refuseQueued(job, ItemState::Refused, tr("Read-only mode: nothing was sent."));
        finish(run);
        return;
    }
    QList<int> candidates;
    Remediation::Request remaining = run->request;
    remaining.instanceIds.clear();
    for (int i = 0; i < job->count(); ++i) {
        const BulkActionJob::Item& item = job->items().at(i);
        if (item.state != ItemState::Queued)
            continue;
        const QString why
            = Remediation::targetRefusal(run->request, group, item.target.instanceId, groupOf(item.target.instanceId));
        if (!why.isEmpty()) {
            job->setItemState(i, ItemState::Refused, why);
            continue;
        }
        candidates.append(i);
        remaining.instanceIds.append(item.target.instanceId);
    }
    // A capacity bound AWS would refuse the whole call for.
    if (const QString bound = Remediation::groupRefusal(remaining, group); !bound.isEmpty()) {
        for (const int i : std::as_const(candidates))
            job->setItemState(i, ItemState::Refused, tr("%1; nothing was sent").arg(bound));
        candidates.clear();
    }
    QList<int> sending;
    for (const int i : std::as_const(candidates)) {
        if (const GroupInstance* instance = findInstance(group, job->items().at(i).target.instanceId))
            job->mutableItem(i).stateBefore = instance->lifecycleState;
        job->mutableItem(i).auditId = AuditLog::newId();
        job->mutableItem(i).sentAt = QDateTime::currentDateTimeUtc();
        // The intent is on disk before the request leaves, or the request does not leave.
        QString problem;
        if (!writeAudit(*run, i, u"intent"_s, &problem)) {
            job->setItemState(i, ItemState::Refused, tr("audit log: %1; nothing was sent").arg(problem));
            continue;
        }
        job->setItemState(i, ItemState::Running, tr("sending…"));
        sending.append(i);
    }
    const int perCall = Remediation::instancesPerCall(run->request.operation);
    for (qsizetype from = 0; from < sending.size(); from += perCall)
        run->calls.append(sending.mid(from, perCall));
    job->setRunning(int(sending.size()));
    if (sending.isEmpty()) {
        finish(run);
        return;
    }
    sendFrom(run, 0);
}

void RemediationRunner::sendFrom(const std::shared_ptr<Run>& run, int call)
{
    if (!run->job || !m_session)
        return;
    if (call >= run->calls.size()) {
        readBack(run, 0);
        return;
    }
    const QList<int>& indices = run->calls.at(call);
    QStringList ids;
    for (const int index : indices)
        ids.append(run->job->items().at(index).target.instanceId);
    const auto answered = [this, run, call](const AwsError& error, const auto& /*result*/, const QString& requestId) {
        if (!run->job)
            return;
        for (const int index : run->calls.at(call)) {
            run->answers.insert(index, error);
            BulkActionJob::Item& item = run->job->mutableItem(index);
            item.attempts += 1;
            item.requestId = requestId.isEmpty() ? error.requestId : requestId;
            run->job->setItemState(index, ItemState::Running, tr("Checking the result…"), item.requestId, error);
        }
        sendFrom(run, call + 1);
    };
    AutoScalingClient* client = m_session->autoScaling();
    const Remediation::Request& request = run->request;
    switch (request.operation) {
    case Operation::Terminate:
        whenFinished(client->terminateInstanceInAutoScalingGroup(ids.constFirst(), request.decrementDesiredCapacity),
            this, answered);
        return;
    case Operation::SetHealthy:
    case Operation::SetUnhealthy:
        whenFinished(client->setInstanceHealth(
                         ids.constFirst(), request.operation == Operation::SetHealthy ? u"Healthy"_s : u"Unhealthy"_s),
            this, answered);
        return;
    case Operation::EnterStandby:
        whenFinished(client->enterStandby(request.groupName, ids, request.decrementDesiredCapacity), this, answered);
        return;
    case Operation::ExitStandby:
        whenFinished(client->exitStandby(request.groupName, ids), this, answered);
        return;
    case Operation::ProtectOn:
    case Operation::ProtectOff:
        whenFinished(client->setInstanceProtection(request.groupName, ids, request.operation == Operation::ProtectOn),
            this, answered);
        return;
    }
}

void RemediationRunner::readBack(const std::shared_ptr<Run>& run, int round)
{
    if (!run->job || !m_session)
        return;
    DescribeGroupsRequest request;
    request.groupNames = { run->request.groupName };
    whenFinished(m_session->autoScaling()->describeAutoScalingGroups(request), this,
        [this, run, round](const AwsError& error, const QList<AutoScalingGroup>& groups, const QString&) {
            if (!run->job)
                return;
            const bool readOk = !error.isError() && !groups.isEmpty();
            const AutoScalingGroup after = readOk ? groups.constFirst() : AutoScalingGroup {};
            // An accepted request the group does not show yet is read again after a while before it is Unknown.
            bool waiting = false;
            for (auto it = run->answers.cbegin(); readOk && it != run->answers.cend(); ++it) {
                const GroupInstance* read = findInstance(after, run->job->items().at(it.key()).target.instanceId);
                waiting = waiting || (!it.value().isError() && !Remediation::applied(run->request.operation, read));
            }
            if (waiting && round < m_verifyDelays.size()) {
                QTimer::singleShot(m_verifyDelays.at(round), this, [this, run, round] { readBack(run, round + 1); });
                return;
            }
            const QString readError
                = error.isError() ? error.message : tr("group %1 is no longer listed").arg(run->request.groupName);
            decide(run, readOk, readError, after);
        });
}

void RemediationRunner::decide(
    const std::shared_ptr<Run>& run, bool readOk, const QString& readError, const AutoScalingGroup& after)
{
    BulkActionJob* job = run->job;
    for (auto it = run->answers.cbegin(); it != run->answers.cend(); ++it) {
        const int index = it.key();
        const AwsError& answer = it.value();
        const GroupInstance* read = findInstance(after, job->items().at(index).target.instanceId);
        const bool shows = readOk && Remediation::applied(run->request.operation, read);
        const Remediation::Verdict verdict = Remediation::decide(readOk, readError, shows, answer);
        QString message = verdict.message;
        if (message.isEmpty() && verdict.outcome == Remediation::Outcome::Failed)
            message = answer.toString();
        else if (message.isEmpty() && readOk)
            message = read ? tr("now %1").arg(read->lifecycleState) : tr("no longer in the group");
        const ItemState state = verdict.outcome == Remediation::Outcome::Done ? ItemState::Done
            : verdict.outcome == Remediation::Outcome::Failed                 ? ItemState::Failed
                                                                              : ItemState::Unknown;
        job->mutableItem(index).verified = verdict.verified;
        job->setItemState(index, state, message, job->items().at(index).requestId, answer);
        QString problem;
        // Kept in memory and written before the next record when it fails; the log tells the window.
        (void)writeAudit(*run, index, u"outcome"_s, &problem);
    }
    job->setRunning(0);
    finish(run);
}

void RemediationRunner::refuseQueued(BulkActionJob* job, ItemState state, const QString& why)
{
    for (int i = 0; i < job->count(); ++i) {
        if (job->items().at(i).state == ItemState::Queued)
            job->setItemState(i, state, why);
    }
}

bool RemediationRunner::writeAudit(const Run& run, int index, const QString& phase, QString* problem)
{
    if (!m_audit)
        return true;
    const BulkActionJob::Item& item = run.job->items().at(index);
    AuditRecord record = SessionIdentity::auditRecord(m_session, phase);
    record.action = Remediation::actionName(run.request.operation);
    record.group = item.target.groupName;
    record.instance = item.target.instanceId;
    record.id = item.auditId;
    record.note = Remediation::auditNote(run.request);
    record.attempt = 1;
    if (phase == "outcome"_L1) {
        record.requestId = item.requestId;
        record.outcome = BulkActionJob::stateName(item.state);
        record.error = item.error.isError() ? item.error.toString() : QString();
        record.verified = item.verified;
        record.attempt = item.attempts;
        if (!item.message.isEmpty())
            record.note += (record.note.isEmpty() ? QString() : u"; "_s) + item.message;
    }
    return m_audit->append(record, problem);
}

void RemediationRunner::finish(const std::shared_ptr<Run>& run)
{
    m_runs.removeAll(run);
    if (run->finished || !run->job)
        return;
    run->finished = true;
    // The inventory shows what was done: the group is read again when anything was sent.
    if (m_store && !run->answers.isEmpty())
        m_store->refreshGroup(run->request.groupName);
    run->job->emitFinished();
    Q_EMIT jobFinished(run->job);
}

QString RemediationRunner::groupOf(const QString& instanceId) const
{
    if (!m_store)
        return {};
    for (const GroupSnapshot* snapshot : m_store->groups()) {
        if (findInstance(snapshot->group, instanceId))
            return snapshot->group.name;
    }
    return {};
}
