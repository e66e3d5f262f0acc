#include "actioncontroller.h"

#include "actionoutcome.h"
#include "actiontargetcheck.h"
#include "auditlog.h"
#include "autoscalingclient.h"
#include "awssession.h"
#include "inventorystore.h"
#include "jobhelpers.h"
#include "lifecyclestate.h"
#include "lifecyclevalidation.h"
#include "modelslogging.h"
#include "retrypolicy.h"
#include "sessionidentity.h"

#include <QSet>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

using ItemState = BulkActionJob::ItemState;
using Kind = BulkActionJob::Kind;

namespace {

// What is wrong with an item before anything is sent (a malformed name, ARN or token); no error when it is well formed.
AwsError validationError(const BulkActionJob& job, const BulkActionJob::Item& item)
{
    if (job.kind() == Kind::PutHook)
        return LifecycleValidation::validate(job.putRequest());
    if (job.kind() == Kind::DeleteHook)
        return LifecycleValidation::hookNameError(item.target.hookName).isEmpty()
                && LifecycleValidation::groupNameError(item.target.groupName).isEmpty()
            ? AwsError {}
            : AwsError::validation(LifecycleValidation::hookNameError(item.target.hookName)
                + LifecycleValidation::groupNameError(item.target.groupName));
    return LifecycleValidation::validate(item.target);
}

// The request of one item of the job.
ResultJob<NoResult>* sendRequest(AutoScalingClient* client, const BulkActionJob& job, const BulkActionJob::Item& item)
{
    switch (job.kind()) {
    case Kind::Complete:
        return client->completeLifecycleAction(item.target, job.result());
    case Kind::Heartbeat:
        return client->recordLifecycleActionHeartbeat(item.target);
    case Kind::PutHook:
        return client->putLifecycleHook(job.putRequest());
    case Kind::DeleteHook:
        return client->deleteLifecycleHook(item.target.groupName, item.target.hookName);
    case Kind::Remediate:
        break; // RemediationRunner's, never this controller's
    }
    return nullptr;
}

} // namespace

ActionController::ActionController(AwsSession* session, InventoryStore* store, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_store(store)
    , m_audit(audit)
{
}

BulkActionJob* ActionController::complete(const QList<LifecycleActionTarget>& targets, const QString& result)
{
    return start(new BulkActionJob(Kind::Complete, result, this), targets);
}

BulkActionJob* ActionController::heartbeat(const QList<LifecycleActionTarget>& targets)
{
    return start(new BulkActionJob(Kind::Heartbeat, {}, this), targets);
}

BulkActionJob* ActionController::putHook(const PutLifecycleHookRequest& request)
{
    auto* job = new BulkActionJob(Kind::PutHook, {}, this);
    job->setPutRequest(request);
    return start(job, { LifecycleActionTarget { request.groupName, request.hookName, {}, {} } });
}

BulkActionJob* ActionController::deleteHook(const QString& groupName, const QString& hookName)
{
    return start(
        new BulkActionJob(Kind::DeleteHook, {}, this), { LifecycleActionTarget { groupName, hookName, {}, {} } });
}

QList<LifecycleActionTarget> ActionController::allPendingTargets(
    const QString& groupName, const QString& hookName) const
{
    QList<LifecycleActionTarget> targets;
    for (const PendingAction& action : m_store->pendingActions()) {
        if (!action.actionable || (!groupName.isEmpty() && action.groupName != groupName))
            continue;
        // With --hook: only instances of that hook's transition that still wait on it; an instance of the other
        // transition is not a target at all (sending would only earn "no active lifecycle action").
        if (!hookName.isEmpty()
            && std::none_of(action.waits.cbegin(), action.waits.cend(),
                [&hookName](const PendingHookWait& wait) { return wait.hook.name == hookName; }))
            continue;
        targets.append({ action.groupName, hookName, action.instanceId, {} });
    }
    return targets;
}

BulkActionJob* ActionController::start(BulkActionJob* job, const QList<LifecycleActionTarget>& targets)
{
    connect(job, &BulkActionJob::retryRequested, this, [this](BulkActionJob* retried) {
        m_readBacks[retried].round = 0;
        pump(retried);
    });
    connect(job, &QObject::destroyed, this, [this, job] { m_readBacks.remove(job); });
    m_jobs.removeAll(nullptr);
    m_jobs.append(job);
    Q_EMIT jobStarted(job);
    // Always asynchronous, so the caller can connect to the job before anything (even a refusal) is reported.
    QMetaObject::invokeMethod(
        this,
        [this, job = QPointer<BulkActionJob>(job), targets] {
            if (job)
                expandAndRun(job, targets);
        },
        Qt::QueuedConnection);
    return job;
}

void ActionController::expandAndRun(BulkActionJob* job, const QList<LifecycleActionTarget>& targets)
{
    if (job->isFinished())
        return; // stopped (stopAll()) before its turn came
    job->markStarted();
    if (m_stopped || (m_session && m_session->isReadOnly())) {
        const QString why = m_stopped ? stoppedMessage() : tr("Read-only mode: nothing was sent.");
        for (const LifecycleActionTarget& target : targets) {
            job->addItem(target);
            job->setItemState(int(job->count()) - 1, ItemState::Refused, why);
        }
        finishJob(job);
        return;
    }
    if (job->kind() == Kind::Complete) {
        const QString problem = LifecycleValidation::actionResultError(job->result());
        if (!problem.isEmpty()) {
            job->setErrorMessage(problem);
            for (const LifecycleActionTarget& target : targets) {
                job->addItem(target);
                job->setItemState(int(job->count()) - 1, ItemState::Refused, problem);
            }
            finishJob(job);
            return;
        }
    }
    if (!job->isLifecycleAction()) {
        for (const LifecycleActionTarget& target : targets)
            job->addItem(target);
        pump(job);
        return;
    }

    // Every target is checked against the inventory before anything is sent. Groups the store does not know well
    // enough (not loaded, hooks unknown, instance not listed) are read first. What the store showed before that
    // read tells an instance that moved on since the operator chose it from one that never waited.
    QStringList statesBefore;
    QSet<QString> unknownGroups;
    for (const LifecycleActionTarget& target : targets) {
        const GroupSnapshot* snapshot = m_store->group(target.groupName);
        const GroupInstance* instance = snapshot ? snapshot->instance(target.instanceId) : nullptr;
        const QString before = instance ? instance->lifecycleState : QString();
        statesBefore.append(before);
        if (!snapshot || !snapshot->hooksLoaded || (!target.instanceId.isEmpty() && before.isEmpty()))
            unknownGroups.insert(target.groupName);
    }
    if (unknownGroups.isEmpty()) {
        checkAndQueue(job, targets, statesBefore);
        return;
    }
    auto remaining = std::make_shared<int>(int(unknownGroups.size()));
    for (const QString& group : std::as_const(unknownGroups)) {
        m_store->refreshGroup(group, [this, remaining, job = QPointer<BulkActionJob>(job), targets, statesBefore] {
            if (--*remaining == 0 && job)
                checkAndQueue(job, targets, statesBefore);
        });
    }
}

void ActionController::checkAndQueue(
    BulkActionJob* job, const QList<LifecycleActionTarget>& targets, const QStringList& statesBefore)
{
    const bool abandon = job->kind() == Kind::Complete && job->result() == "ABANDON"_L1;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const LifecycleActionTarget& target = targets.at(i);
        // Malformed input is reported by runItem's validation, with the field that is wrong. A target without a
        // hook is checked for everything else (its hooks come from the inventory).
        LifecycleActionTarget shape = target;
        if (shape.hookName.isEmpty())
            shape.hookName = u"any"_s;
        if (LifecycleValidation::validate(shape).isError()) {
            job->addItem(target);
            continue;
        }
        ActionTargetCheck check = ActionTargetCheck::check(*m_store, target, statesBefore.value(i), abandon);
        if (!target.confirmedState.isEmpty() && !check.targets.isEmpty()
            && check.lifecycleState != target.confirmedState) {
            check.targets.clear();
            check.state = ItemState::Refused;
            check.problem
                = tr("Instance %1 is now in %2, not in %3 as when you confirmed: nothing was sent. Look at it "
                     "again and confirm anew.")
                      .arg(target.instanceId, check.lifecycleState, target.confirmedState);
        }
        if (check.notWaiting && job->kind() == Kind::Complete) {
            // Not waiting now: a real double completion when Hookdesk itself completed it before.
            const std::optional<AuditRecord> earlier = earlierCompletion(target);
            if (earlier) {
                check.state = ItemState::AlreadyCompleted;
                check.problem = tr("Already completed by Hookdesk at %1 (%2); the instance is now %3.")
                                    .arg(earlier->time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s),
                                        earlier->result, check.lifecycleState);
            }
        }
        if (check.targets.isEmpty()) {
            job->addItem(target);
            job->setItemState(int(job->count()) - 1, check.state, check.problem, {}, check.error);
            continue;
        }
        for (LifecycleActionTarget item : std::as_const(check.targets)) {
            item.confirmedState = target.confirmedState;
            job->addItem(item);
            job->mutableItem(int(job->count()) - 1).stateBefore = check.lifecycleState;
        }
    }
    pump(job);
}

void ActionController::pump(BulkActionJob* job)
{
    const QList<BulkActionJob::Item>& items = job->items();
    ReadBack& readBack = m_readBacks[job];
    const int sending = job->running() - int(readBack.answered.size());
    for (int i = 0, inFlight = sending; i < items.size() && inFlight < m_maxConcurrent; ++i) {
        if (items.at(i).state == ItemState::Queued) {
            runItem(job, i);
            inFlight = job->running() - int(readBack.answered.size());
        }
    }
    // Read back once every request of the job has been answered: one batched read for the whole bulk action.
    if (job->countIn(ItemState::Queued) == 0 && job->running() == int(readBack.answered.size())
        && !readBack.answered.isEmpty() && !readBack.reading) {
        readBack.reading = true;
        const int delay = readBack.round == 0 ? 0 : m_verifyDelays.value(readBack.round - 1);
        QTimer::singleShot(delay, this, [this, job = QPointer<BulkActionJob>(job)] {
            if (job)
                this->readBack(job);
        });
        return;
    }
    if (job->running() == 0 && job->countIn(ItemState::Queued) == 0)
        finishJob(job);
}

std::optional<AuditRecord> ActionController::earlierCompletion(const LifecycleActionTarget& target) const
{
    if (!m_audit || target.instanceId.isEmpty())
        return std::nullopt;
    // A completion older than the longest possible wait (GlobalTimeout ≤ 48 h) belongs to an earlier wait.
    const QDateTime oldest = QDateTime::currentDateTimeUtc().addSecs(-172800);
    const QString account = m_session ? m_session->account() : QString();
    const QString region = m_session ? m_session->region() : QString();
    std::optional<AuditRecord> newest;
    const QList<AuditRecord> records = m_audit->readSince(oldest);
    for (const AuditRecord& record : records) {
        if (record.phase != "outcome"_L1 || record.action != "CompleteLifecycleAction"_L1 || record.outcome != "done"_L1
            || record.instance != target.instanceId || record.group != target.groupName || record.time < oldest)
            continue;
        if ((!target.hookName.isEmpty() && record.hook != target.hookName)
            || (!account.isEmpty() && !record.account.isEmpty() && record.account != account)
            || (!region.isEmpty() && !record.region.isEmpty() && record.region != region))
            continue;
        if (!newest || record.time > newest->time)
            newest = record;
    }
    return newest;
}

bool ActionController::writeAudit(BulkActionJob* job, int index, const QString& phase, QString* problem)
{
    if (!m_audit)
        return true;
    if (job->items().at(index).auditId.isEmpty())
        job->mutableItem(index).auditId = AuditLog::newId();
    const BulkActionJob::Item& item = job->items().at(index);
    AuditRecord record = SessionIdentity::auditRecord(m_session, phase);
    record.action = job->actionName();
    record.group = item.target.groupName;
    record.hook = item.target.hookName;
    record.instance = item.target.instanceId;
    record.token = item.target.token;
    record.result = job->kind() == Kind::Complete ? job->result() : QString();
    record.id = item.auditId;
    if (phase == "intent"_L1) {
        if (item.sentAt.isValid())
            record.time = item.sentAt;
        record.attempt = item.uncertainEarlierAttempts + 1;
    }
    if (phase == "outcome"_L1) {
        record.requestId = item.requestId;
        record.outcome = BulkActionJob::stateName(item.state);
        record.error = item.error.isError() ? item.error.toString() : QString();
        record.verified = item.verified;
        record.note = item.message;
        record.attempt = item.attempts;
    }
    return m_audit->append(record, problem);
}

void ActionController::runItem(BulkActionJob* job, int index)
{
    const BulkActionJob::Item item = job->items().at(index);
    if (const AwsError invalid = validationError(*job, item); invalid.isError()) {
        job->setItemState(index, ItemState::Refused, invalid.message, {}, invalid);
        return;
    }
    if (!m_session) {
        job->setItemState(index, ItemState::Refused, tr("Not connected."));
        return;
    }
    if (m_stopped) {
        refuseStopped(job, index);
        return;
    }
    // Checked at every send, not only when the job starts: read-only switched on during a bulk action stops the
    // items still queued, and "Retry failed" cannot send either.
    if (m_session->isReadOnly()) {
        job->setItemState(index, ItemState::Refused, tr("Read-only mode: nothing was sent."));
        return;
    }

    // The intent is on disk before the request leaves: if Hookdesk dies mid-call, the log still says what was tried.
    // Its time is the send time a heartbeat's restarted timeout is counted from.
    job->mutableItem(index).sentAt = m_store->estimator()->now();
    QString auditProblem;
    if (!writeAudit(job, index, u"intent"_s, &auditProblem)) {
        job->setItemState(index, ItemState::Refused, auditProblem);
        return;
    }
    job->setItemState(index, ItemState::Running);
    job->setRunning(job->running() + 1);
    watchAnswer(job, index, sendRequest(m_session->autoScaling(), *job, item));
}

void ActionController::watchAnswer(BulkActionJob* job, int index, ResultJob<NoResult>* call)
{
    // Not whenFinished(): the attempt counts tell whether an earlier attempt may have been applied.
    auto handler = [this, job = QPointer<BulkActionJob>(job), index](const AwsJob& answer) {
        if (job)
            itemFinished(job, index, answer);
    };
    if (call->isFinished()) {
        // Rejected before sending; the job object is gone by the next turn, so copy what is needed now.
        const AwsError& error = call->error();
        QMetaObject::invokeMethod(
            this,
            [handler, error] {
                ResultJob<NoResult> copy;
                copy.setAutoDelete(false);
                copy.finishWithError(error);
                handler(copy);
            },
            Qt::QueuedConnection);
        return;
    }
    connect(call, &AwsJob::finished, this, [handler, call] { handler(*call); });
}

void ActionController::itemFinished(BulkActionJob* job, int index, const AwsJob& answer)
{
    if (m_abandoned)
        return; // settled Unknown, with its outcome record, when the connection went away
    const AwsError& error = answer.error();
    const QString requestId = answer.requestId().isEmpty() ? error.requestId : answer.requestId();
    BulkActionJob::Item& item = job->mutableItem(index);
    item.attempts += std::max(1, answer.attempts());
    item.uncertainEarlierAttempts += answer.uncertainEarlierAttempts();
    if (!requestId.isEmpty())
        item.requestId = requestId;
    const bool lifecycle = job->isLifecycleAction();
    const bool instance = !item.target.instanceId.isEmpty();
    if (!error.isError() && lifecycle && instance) {
        if (job->kind() == Kind::Complete)
            m_store->markHookCompleted(item.target.instanceId, item.target.hookName);
        else
            m_store->recordHeartbeat(item.target.instanceId, item.target.hookName, item.sentAt);
    }
    // Decided by reading back once every request of the job is answered: an accepted action (verified), "no active
    // lifecycle action" (over, or a wrong target?), an answer lost after the request may have been applied
    // (applied, or send again?), and any answer to a hook change sent again after such a loss.
    const bool uncertain = RetryPolicy::mayHaveBeenApplied(error);
    if (!error.isError() || uncertain || (lifecycle && error.isNoActiveLifecycleAction())
        || (!lifecycle && item.uncertainEarlierAttempts > 0)) {
        ReadBack& readBack = m_readBacks[job];
        if (readBack.answered.isEmpty())
            readBack.firstAnswerMs = QDateTime::currentMSecsSinceEpoch();
        readBack.answered.append(index);
        readBack.answers.append(error);
        job->setItemState(index, ItemState::Running, tr("Checking the result…"), requestId, error);
        pump(job);
        return;
    }
    if (!error.isError())
        settle(job, index, ItemState::Done, false, {});
    else
        settle(job, index, ItemState::Failed, false, error.toString(), error);
    pump(job);
}

void ActionController::finishJob(BulkActionJob* job)
{
    if (job->running() > 0 || job->countIn(ItemState::Queued) > 0)
        return;
    // Refresh only the groups this job touched, once each, and only if something was sent.
    QSet<QString> groups;
    for (const BulkActionJob::Item& item : job->items()) {
        if (item.state == ItemState::Done || item.state == ItemState::AlreadyCompleted
            || item.state == ItemState::Failed)
            groups.insert(item.target.groupName);
    }
    // A stopped controller's connection is going away: nothing more is sent, reads included.
    for (const QString& group : std::as_const(groups)) {
        if (!m_stopped)
            m_store->refreshGroup(group);
    }
    job->emitFinished();
    Q_EMIT jobFinished(job);
}
