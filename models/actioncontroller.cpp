#include "actioncontroller.h"

#include "auditlog.h"
#include "autoscalingclient.h"
#include "awssession.h"
#include "inventorystore.h"
#include "jobhelpers.h"
#include "lifecyclestate.h"
#include "lifecyclevalidation.h"
#include "modelslogging.h"

#include <QSet>
#include <memory>

using namespace Qt::StringLiterals;

using ItemState = BulkActionJob::ItemState;
using Kind = BulkActionJob::Kind;

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

QList<LifecycleActionTarget> ActionController::allPendingTargets(const QString& groupName) const
{
    QList<LifecycleActionTarget> targets;
    for (const PendingAction& action : m_store->pendingActions()) {
        if (action.actionable && (groupName.isEmpty() || action.groupName == groupName))
            targets.append({ action.groupName, {}, action.instanceId, {} });
    }
    return targets;
}

BulkActionJob* ActionController::start(BulkActionJob* job, const QList<LifecycleActionTarget>& targets)
{
    connect(job, &BulkActionJob::retryRequested, this, [this](BulkActionJob* retried) { pump(retried); });
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
    job->markStarted();
    if (m_session && m_session->isReadOnly()) {
        for (const LifecycleActionTarget& target : targets) {
            job->addItem(target);
            job->setItemState(int(job->count()) - 1, ItemState::Refused, tr("Read-only mode: nothing was sent."));
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

    // Complete/heartbeat without a hook act on the hooks the instance still waits on, which needs the group's
    // hooks and the instance's state: refresh the groups the store does not know well enough, then expand.
    QSet<QString> unknownGroups;
    if (job->kind() == Kind::Complete || job->kind() == Kind::Heartbeat) {
        for (const LifecycleActionTarget& target : targets) {
            if (!target.hookName.isEmpty() || target.instanceId.isEmpty())
                continue;
            const GroupSnapshot* snapshot = m_store->group(target.groupName);
            const bool knowsInstance = snapshot
                && std::any_of(snapshot->group.instances.cbegin(), snapshot->group.instances.cend(),
                    [&target](const GroupInstance& instance) { return instance.instanceId == target.instanceId; });
            if (!snapshot || !snapshot->hooksLoaded || !knowsInstance)
                unknownGroups.insert(target.groupName);
        }
    }
    auto expandNow = [this, job = QPointer<BulkActionJob>(job), targets] {
        if (!job)
            return;
        const bool abandon = job->kind() == Kind::Complete && job->result() == "ABANDON"_L1;
        for (const LifecycleActionTarget& target : targets) {
            QString problem;
            ItemState state = ItemState::Queued;
            const QList<LifecycleActionTarget> expanded
                = (job->kind() == Kind::Complete || job->kind() == Kind::Heartbeat)
                ? expand(target, abandon, &problem, &state)
                : QList<LifecycleActionTarget> { target };
            if (expanded.isEmpty()) {
                job->addItem(target);
                job->setItemState(int(job->count()) - 1, state, problem);
                continue;
            }
            for (const LifecycleActionTarget& item : expanded)
                job->addItem(item);
        }
        pump(job);
    };
    if (unknownGroups.isEmpty()) {
        expandNow();
        return;
    }
    auto remaining = std::make_shared<int>(int(unknownGroups.size()));
    for (const QString& group : std::as_const(unknownGroups)) {
        m_store->refreshGroup(group, [remaining, expandNow] {
            if (--*remaining == 0)
                expandNow();
        });
    }
}

QList<LifecycleActionTarget> ActionController::expand(
    const LifecycleActionTarget& target, bool firstHookOnly, QString* problem, BulkActionJob::ItemState* state) const
{
    *state = ItemState::Failed;
    if (!target.hookName.isEmpty())
        return { target };
    if (!target.token.isEmpty()) {
        *problem = tr("A lifecycle action token needs the hook name it belongs to.");
        return {};
    }
    const GroupSnapshot* snapshot = m_store->group(target.groupName);
    if (!snapshot) {
        *problem = tr("Group %1 not found.").arg(target.groupName);
        return {};
    }
    const auto instance = std::find_if(snapshot->group.instances.cbegin(), snapshot->group.instances.cend(),
        [&target](const GroupInstance& candidate) { return candidate.instanceId == target.instanceId; });
    if (instance == snapshot->group.instances.cend()) {
        *problem = tr("Instance %1 is not in group %2.").arg(target.instanceId, target.groupName);
        return {};
    }
    if (!LifecycleState::isWait(instance->lifecycleState)) {
        // Someone (or a timeout) finished it between the operator's look and now: nothing left to do.
        *state = ItemState::AlreadyCompleted;
        *problem = tr("No longer waiting (now %1).").arg(instance->lifecycleState);
        return {};
    }
    const PendingAction* action = m_store->pendingAction(target.groupName, target.instanceId);
    if (!action || !action->hooksKnown) {
        *problem = tr("The hooks of group %1 could not be loaded.").arg(target.groupName);
        return {};
    }
    if (action->waits.isEmpty()) {
        *state = ItemState::AlreadyCompleted;
        *problem = tr("Every hook of this transition is already completed.");
        return {};
    }
    QList<LifecycleActionTarget> result;
    for (const PendingHookWait& wait : action->waits) {
        result.append({ target.groupName, wait.hook.name, target.instanceId, {} });
        if (firstHookOnly)
            break;
    }
    return result;
}

void ActionController::pump(BulkActionJob* job)
{
    const QList<BulkActionJob::Item>& items = job->items();
    for (int i = 0; i < items.size() && job->running() < m_maxConcurrent; ++i) {
        if (items.at(i).state == ItemState::Queued)
            runItem(job, i);
    }
    if (job->running() == 0 && job->countIn(ItemState::Queued) == 0)
        finishJob(job);
}

bool ActionController::writeAudit(BulkActionJob* job, int index, const QString& phase, QString* problem)
{
    if (!m_audit)
        return true;
    const BulkActionJob::Item& item = job->items().at(index);
    AuditRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    record.phase = phase;
    if (m_session) {
        record.profile = m_session->profileName();
        record.account = m_session->account();
        record.region = m_session->region();
    }
    record.action = job->actionName();
    record.group = item.target.groupName;
    record.hook = item.target.hookName;
    record.instance = item.target.instanceId;
    record.token = item.target.token;
    record.result = job->kind() == Kind::Complete ? job->result() : QString();
    if (phase == "outcome"_L1) {
        record.requestId = item.requestId;
        record.outcome = BulkActionJob::stateName(item.state);
        record.error = item.error.isError() ? item.error.toString() : QString();
    }
    return m_audit->append(record, problem);
}

void ActionController::runItem(BulkActionJob* job, int index)
{
    const BulkActionJob::Item item = job->items().at(index);
    AwsError invalid;
    if (job->kind() == Kind::PutHook)
        invalid = LifecycleValidation::validate(job->putRequest());
    else if (job->kind() == Kind::DeleteHook)
        invalid = LifecycleValidation::hookNameError(item.target.hookName).isEmpty()
                && LifecycleValidation::groupNameError(item.target.groupName).isEmpty()
            ? AwsError {}
            : AwsError::validation(LifecycleValidation::hookNameError(item.target.hookName)
                + LifecycleValidation::groupNameError(item.target.groupName));
    else
        invalid = LifecycleValidation::validate(item.target);
    if (invalid.isError()) {
        job->setItemState(index, ItemState::Refused, invalid.message, {}, invalid);
        return;
    }
    if (!m_session) {
        job->setItemState(index, ItemState::Refused, tr("Not connected."));
        return;
    }

    // The intent is on disk before the request leaves: if Hookdesk dies mid-call, the log still says what was tried.
    QString auditProblem;
    if (!writeAudit(job, index, u"intent"_s, &auditProblem)) {
        job->setItemState(index, ItemState::Refused, auditProblem);
        return;
    }
    job->setItemState(index, ItemState::Running);
    job->setRunning(job->running() + 1);

    AutoScalingClient* client = m_session->autoScaling();
    auto handler = [this, job = QPointer<BulkActionJob>(job), index](
                       const AwsError& error, const NoResult&, const QString& requestId) {
        if (job)
            itemFinished(job, index, error, requestId);
    };
    switch (job->kind()) {
    case Kind::Complete:
        whenFinished(client->completeLifecycleAction(item.target, job->result()), this, handler);
        break;
    case Kind::Heartbeat:
        whenFinished(client->recordLifecycleActionHeartbeat(item.target), this, handler);
        break;
    case Kind::PutHook:
        whenFinished(client->putLifecycleHook(job->putRequest()), this, handler);
        break;
    case Kind::DeleteHook:
        whenFinished(client->deleteLifecycleHook(item.target.groupName, item.target.hookName), this, handler);
        break;
    }
}

void ActionController::itemFinished(BulkActionJob* job, int index, const AwsError& error, const QString& requestId)
{
    job->setRunning(job->running() - 1);
    const BulkActionJob::Item item = job->items().at(index);
    const bool lifecycle = job->kind() == Kind::Complete || job->kind() == Kind::Heartbeat;
    if (!error.isError()) {
        job->setItemState(index, ItemState::Done, {}, requestId);
        if (job->kind() == Kind::Complete && !item.target.instanceId.isEmpty())
            m_store->markHookCompleted(item.target.instanceId, item.target.hookName);
        else if (job->kind() == Kind::Heartbeat && !item.target.instanceId.isEmpty())
            m_store->recordHeartbeat(item.target.instanceId, item.target.hookName);
    } else if (lifecycle && error.isNoActiveLifecycleAction()) {
        // A first attempt that may have succeeded, another operator, or the timeout: the action is over.
        job->setItemState(index, ItemState::AlreadyCompleted, tr("Already completed (no active lifecycle action)."),
            requestId.isEmpty() ? error.requestId : requestId, error);
        if (job->kind() == Kind::Complete && !item.target.instanceId.isEmpty())
            m_store->markHookCompleted(item.target.instanceId, item.target.hookName);
    } else {
        job->setItemState(
            index, ItemState::Failed, error.toString(), requestId.isEmpty() ? error.requestId : requestId, error);
    }
    QString auditProblem;
    if (!writeAudit(job, index, u"outcome"_s, &auditProblem))
        qCWarning(lcModels) << "outcome not written to the audit log:" << auditProblem;
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
    for (const QString& group : std::as_const(groups))
        m_store->refreshGroup(group);
    job->emitFinished();
    Q_EMIT jobFinished(job);
}
