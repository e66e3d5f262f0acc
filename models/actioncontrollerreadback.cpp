// ActionController: deciding outcomes by reading back (design.md §3). After every request of a job is answered,
// one batched DescribeAutoScalingInstances reads the instances of the lifecycle items and one DescribeLifecycleHooks
// per group reads the hooks of hook changes; ActionOutcome turns answer + reading into the item's outcome.
#include "actioncontroller.h"
#include "auditlog.h"
#include "autoscalingclient.h"
#include "awssession.h"
#include "inventorystore.h"
#include "jobhelpers.h"
#include "modelslogging.h"
#include "retrypolicy.h"

#include <QHash>
#include <memory>

using namespace Qt::StringLiterals;

using ItemState = BulkActionJob::ItemState;
using Kind = BulkActionJob::Kind;

struct ActionController::Readings {
    QHash<QString, GroupInstance> instances;
    AwsError instanceError;
    QHash<QString, QList<LifecycleHook>> hooks; // group → its hooks
    QHash<QString, AwsError> hookErrors;
};

void ActionController::readBack(BulkActionJob* job)
{
    if (m_abandoned)
        return;
    ReadBack& state = m_readBacks[job];
    const bool lifecycle = job->isLifecycleAction();
    QStringList ids;
    QStringList groups;
    for (int index : std::as_const(state.answered)) {
        const LifecycleActionTarget& target = job->items().at(index).target;
        if (lifecycle && !target.instanceId.isEmpty() && !ids.contains(target.instanceId))
            ids.append(target.instanceId);
        else if (!lifecycle && !groups.contains(target.groupName))
            groups.append(target.groupName);
    }
    auto readings = std::make_shared<Readings>();
    auto remaining = std::make_shared<int>(int(!ids.isEmpty()) + int(groups.size()));
    auto oneDone = [this, job = QPointer<BulkActionJob>(job), readings, remaining] {
        if (--*remaining == 0 && job)
            decide(job, *readings);
    };
    if (*remaining == 0) {
        QMetaObject::invokeMethod(
            this,
            [this, job = QPointer<BulkActionJob>(job), readings] {
                if (job)
                    decide(job, *readings);
            },
            Qt::QueuedConnection);
        return;
    }
    AutoScalingClient* client = m_session->autoScaling();
    if (!ids.isEmpty()) {
        whenFinished(client->describeAutoScalingInstances(ids), this,
            [readings, oneDone](const AwsError& error, const QList<GroupInstance>& instances, const QString&) {
                readings->instanceError = error;
                for (const GroupInstance& instance : instances)
                    readings->instances.insert(instance.instanceId, instance);
                oneDone();
            });
    }
    for (const QString& group : std::as_const(groups)) {
        whenFinished(client->describeLifecycleHooks(group), this,
            [readings, oneDone, group](const AwsError& error, const QList<LifecycleHook>& hooks, const QString&) {
                if (error.isError())
                    readings->hookErrors.insert(group, error);
                else
                    readings->hooks.insert(group, hooks);
                oneDone();
            });
    }
}

ActionOutcome::Context ActionController::contextFor(
    BulkActionJob* job, const BulkActionJob::Item& item, bool accepted, const ActionOutcome::Reading& reading) const
{
    ActionOutcome::Context context;
    context.kind = job->kind();
    context.result = job->result();
    if (const PendingAction* action = m_store->pendingAction(item.target.groupName, item.target.instanceId)) {
        for (const PendingHookWait& wait : action->waits) {
            if (wait.hook.name != item.target.hookName)
                context.otherHooks.append(wait.hook.name);
        }
    }
    // Only asked when it decides something (it reads the audit log): no active action for one hook of several
    // while the instance still waits.
    context.completedEarlier = !accepted && !context.otherHooks.isEmpty() && reading.found
        && reading.lifecycleState == item.stateBefore
        && (m_store->isHookCompleted(item.target.instanceId, item.target.hookName)
            || earlierCompletion(item.target).has_value());
    context.expectLeave = job->result() == "ABANDON"_L1 || context.otherHooks.isEmpty();
    return context;
}

void ActionController::decide(BulkActionJob* job, const Readings& readings)
{
    if (m_abandoned)
        return;
    ReadBack& state = m_readBacks[job];
    state.reading = false;
    const bool lastRound = state.round >= m_verifyDelays.size();
    const int waited = int((QDateTime::currentMSecsSinceEpoch() - state.firstAnswerMs) / 1000);
    const bool lifecycle = job->isLifecycleAction();
    const QList<int> answered = std::exchange(state.answered, {});
    const QList<AwsError> answers = std::exchange(state.answers, {});
    for (qsizetype i = 0; i < answered.size(); ++i) {
        const int index = answered.at(i);
        const BulkActionJob::Item& item = job->items().at(index);
        const AwsError& answer = answers.at(i);
        const bool accepted = !answer.isError();
        const AwsError readError
            = lifecycle ? readings.instanceError : readings.hookErrors.value(item.target.groupName);
        ActionOutcome::Decision decision;
        if (readError.isError() && (!lifecycle || !item.target.instanceId.isEmpty())) {
            // The answer stands, unconfirmed: accepted is done; anything else cannot be decided.
            if (accepted)
                decision = { ItemState::Done, false, true,
                    tr("Accepted by AWS; reading it back failed: %1").arg(readError.toString()), false };
            else
                decision
                    = { RetryPolicy::mayHaveBeenApplied(answer) ? ItemState::Unknown : ItemState::Failed, false, true,
                          tr("%1 — and reading back failed (%2), so whether it took effect is unknown.")
                              .arg(answer.toString(), readError.toString()),
                          false };
        } else if (lifecycle) {
            ActionOutcome::Reading reading;
            const auto it = readings.instances.constFind(item.target.instanceId);
            if (it != readings.instances.cend())
                reading = { true, it->lifecycleState };
            ActionOutcome::Context context = contextFor(job, item, accepted, reading);
            context.lastRound = lastRound;
            context.waitedSeconds = waited;
            if (accepted)
                decision = ActionOutcome::afterAccepted(item, reading, context);
            else if (answer.isNoActiveLifecycleAction())
                decision = ActionOutcome::afterNoActiveAction(item, reading, context);
            else
                decision = ActionOutcome::afterLostAnswer(item, reading, context, answer.toString());
        } else {
            const QList<LifecycleHook> hooks = readings.hooks.value(item.target.groupName);
            const auto it = std::find_if(hooks.cbegin(), hooks.cend(),
                [&item](const LifecycleHook& hook) { return hook.name == item.target.hookName; });
            decision = ActionOutcome::afterHookChange(
                job->kind(), item, job->putRequest(), it == hooks.cend() ? nullptr : &*it, answer, lastRound);
        }

        if (decision.resend) {
            // Lost, and the read shows it was not applied: send it again, as a new attempt with its own intent.
            job->setRunning(job->running() - 1);
            ++job->mutableItem(index).uncertainEarlierAttempts;
            job->setItemState(index, ItemState::Queued, decision.message, item.requestId, answer);
            continue;
        }
        if (!decision.settled) {
            state.answered.append(index);
            state.answers.append(answer);
            job->setItemState(index, ItemState::Running, decision.message, item.requestId, item.error);
            continue;
        }
        // AWS's own answer stays with the item (JSON "error"), whatever the read decided.
        settle(job, index, decision.state, decision.verified, decision.message, answer);
    }
    ++state.round;
    pump(job);
}

void ActionController::settle(
    BulkActionJob* job, int index, ItemState state, bool verified, const QString& message, const AwsError& error)
{
    job->setRunning(job->running() - 1);
    job->mutableItem(index).verified = verified;
    const QString requestId = job->items().at(index).requestId;
    job->setItemState(index, state, message, requestId, error);
    QString auditProblem;
    if (!writeAudit(job, index, u"outcome"_s, &auditProblem))
        qCWarning(lcModels) << "outcome not written to the audit log:" << auditProblem;
}
