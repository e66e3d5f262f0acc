// Instance refreshes in SimEngine: StartInstanceRefresh replaces the group's instances batch by batch, each
// replacement terminating an old instance through the terminating hooks and launching a new one through the launch
// hooks; a batch ends when its replacements are InService and warmed up, so a launch hook nobody completes stalls
// the refresh, as it does on AWS. Cancel stops after the batch in flight; rollback replaces what the refresh
// launched.
#include "simengine.h"

#include <QUuid>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

using Lifecycle::State;
using Lifecycle::Transition;

namespace {
const QString kInProgress = u"InProgress"_s;
const QString kRollbackInProgress = u"RollbackInProgress"_s;

SimError noActiveRefresh(const QString& groupName)
{
    return { u"ActiveInstanceRefreshNotFound"_s,
        u"No in progress or pending Instance Refresh found for Auto Scaling group %1."_s.arg(groupName) };
}

// How many instances one batch replaces: as many as the group can lose while the healthy share stays at or above
// MinHealthyPercentage, and at least one (AWS replaces one at a time at 100 %).
int batchSize(const SimGroup& group, int minHealthyPercentage)
{
    const int desired = group.desiredCapacity;
    const int keep = int(std::ceil(desired * minHealthyPercentage / 100.0));
    return std::max(1, desired - keep);
}
} // namespace

SimRefresh* SimEngine::activeRefresh(const QString& groupName)
{
    for (SimRefresh& refresh : m_refreshes) {
        if (refresh.groupName == groupName && refresh.isActive())
            return &refresh;
    }
    return nullptr;
}

SimResult<QString> SimEngine::startInstanceRefresh(const RefreshSpec& spec)
{
    const SimGroup* group = this->group(spec.groupName);
    if (!group) {
        return SimError::validation(
            u"AutoScalingGroup name not found - AutoScalingGroup '%1' not found"_s.arg(spec.groupName));
    }
    if (activeRefresh(spec.groupName)) {
        return SimError { u"InstanceRefreshInProgress"_s,
            u"An Instance Refresh is already in progress and blocks the execution of this Instance Refresh."_s };
    }
    const int minHealthy = spec.minHealthyPercentage.value_or(90);
    if (minHealthy < 0 || minHealthy > 100) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at 'preferences.minHealthyPercentage' failed to satisfy constraint: Member must have value less than or equal to 100"_s
                .arg(minHealthy));
    }
    if (!spec.strategy.isEmpty() && spec.strategy != u"Rolling") {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at 'strategy' failed to satisfy constraint: Member must satisfy enum value set: [Rolling, ReplaceRootVolume]"_s
                .arg(spec.strategy));
    }
    SimRefresh refresh;
    refresh.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    refresh.groupName = spec.groupName;
    refresh.startTime = m_now;
    refresh.minHealthyPercentage = minHealthy;
    refresh.instanceWarmup = spec.instanceWarmup.value_or(group->healthCheckGracePeriod);
    refresh.skipMatching = spec.skipMatching.value_or(false);
    refresh.autoRollback = spec.autoRollback.value_or(false);
    if (!spec.scaleInProtectedInstances.isEmpty())
        refresh.scaleInProtectedInstances = spec.scaleInProtectedInstances;
    if (!spec.standbyInstances.isEmpty())
        refresh.standbyInstances = spec.standbyInstances;
    // Every instance in service or on its way there is replaced; those already leaving are not.
    for (const SimInstance* instance : instancesOf(spec.groupName)) {
        if (instance->state == State::InService || Lifecycle::transitionOf(instance->state) == Transition::Launch)
            refresh.toReplace.append(instance->id);
    }
    refresh.originals = refresh.toReplace;
    refresh.total = int(refresh.toReplace.size());
    refresh.nextCheck = m_now; // Pending until the clock next runs, then InProgress
    m_refreshes.append(refresh);
    changed();
    return refresh.id;
}

SimResult<QString> SimEngine::cancelInstanceRefresh(const QString& groupName)
{
    if (!group(groupName)) {
        return SimError::validation(
            u"AutoScalingGroup name not found - AutoScalingGroup '%1' not found"_s.arg(groupName));
    }
    SimRefresh* refresh = activeRefresh(groupName);
    if (!refresh || refresh->status == kRollbackInProgress)
        return noActiveRefresh(groupName);
    // The batch in flight finishes (replacements are not undone); no new batch starts.
    refresh->status = u"Cancelling"_s;
    refresh->nextCheck = m_now;
    changed();
    return refresh->id;
}

SimResult<QString> SimEngine::rollbackInstanceRefresh(const QString& groupName)
{
    const SimGroup* owner = group(groupName);
    if (!owner) {
        return SimError::validation(
            u"AutoScalingGroup name not found - AutoScalingGroup '%1' not found"_s.arg(groupName));
    }
    SimRefresh* refresh = activeRefresh(groupName);
    if (!refresh || refresh->status == kRollbackInProgress || refresh->status == u"Cancelling")
        return noActiveRefresh(groupName);
    refresh->rolledBack = true;
    refresh->rollbackReason = u"Rollback triggered by a RollbackInstanceRefresh request."_s;
    refresh->rollbackStartTime = m_now;
    refresh->percentageOnRollback = refresh->percentageComplete();
    refresh->instancesToUpdateOnRollback = refresh->instancesToUpdate();
    refresh->status = kRollbackInProgress;
    // What the refresh launched goes again, those still launching included; the rest was never touched. The old
    // instances of the batch in flight keep terminating on their own.
    refresh->toReplace.clear();
    refresh->batch.clear();
    refresh->warmUntil = QDateTime();
    for (const SimInstance* instance : instancesOf(groupName)) {
        const bool active
            = instance->state == State::InService || Lifecycle::transitionOf(instance->state) == Transition::Launch;
        if (active && !refresh->originals.contains(instance->id))
            refresh->toReplace.append(instance->id);
    }
    refresh->replaced = 0;
    refresh->total = int(refresh->toReplace.size());
    refresh->nextCheck = m_now;
    changed();
    return refresh->id;
}

SimResult<QList<SimRefresh>> SimEngine::instanceRefreshes(const QString& groupName, const QStringList& ids) const
{
    if (!group(groupName)) {
        return SimError::validation(
            u"AutoScalingGroup name not found - AutoScalingGroup '%1' not found"_s.arg(groupName));
    }
    QList<SimRefresh> result;
    for (qsizetype i = m_refreshes.size() - 1; i >= 0; --i) {
        const SimRefresh& refresh = m_refreshes.at(i);
        if (refresh.groupName == groupName && (ids.isEmpty() || ids.contains(refresh.id)))
            result.append(refresh);
    }
    return result;
}

bool SimEngine::processRefreshes()
{
    bool progressed = false;
    for (SimRefresh& refresh : m_refreshes) {
        if (refresh.isActive() && processRefresh(refresh))
            progressed = true;
    }
    return progressed;
}

void SimEngine::endRefresh(SimRefresh& refresh, const QString& status)
{
    refresh.status = status;
    refresh.endTime = m_now;
    refresh.nextCheck = QDateTime();
    refresh.warmUntil = QDateTime();
    changed();
}

// One look at an active refresh: is its batch done, and may the next one start? True when anything changed.
bool SimEngine::processRefresh(SimRefresh& refresh)
{
    if (refresh.nextCheck.isValid() && refresh.nextCheck <= m_now)
        refresh.nextCheck = QDateTime();
    SimGroup* group = mutableGroup(refresh.groupName);
    if (!group) {
        refresh.statusReason = u"The Auto Scaling group was deleted."_s;
        endRefresh(refresh, u"Failed"_s);
        return true;
    }
    const QString before = refresh.status + refresh.statusReason;
    if (refresh.status == QLatin1StringView(InstanceRefreshStatus::Pending))
        refresh.status = kInProgress;
    if (!refresh.batch.isEmpty()) {
        // The batch waits for its old instances to be gone and every launch in the group to be InService: a
        // launch lifecycle action nobody completes holds the whole refresh here.
        const SimInstance* waiting = nullptr;
        const SimInstance* busy = nullptr;
        for (const SimInstance* instance : instancesOf(group->name)) {
            const bool batchOld = refresh.batch.contains(instance->id) && instance->state != State::Terminated;
            const bool launching = Lifecycle::transitionOf(instance->state) == Transition::Launch;
            if (!batchOld && !launching)
                continue;
            if (!waiting && Lifecycle::phaseOf(instance->state) == Lifecycle::Phase::Wait)
                waiting = instance;
            if (!busy)
                busy = instance;
        }
        if (waiting) {
            refresh.statusReason
                = u"Waiting for instances to complete lifecycle actions before continuing. For example: %1 is in %2."_s
                      .arg(waiting->id, waiting->state.toString());
        } else if (busy) {
            refresh.statusReason
                = u"Waiting for instances to be replaced before continuing. For example: %1 is in %2."_s.arg(
                    busy->id, busy->state.toString());
        }
        if (waiting || busy) {
            refresh.warmUntil = QDateTime();
            return before != refresh.status + refresh.statusReason;
        }
        if (!refresh.warmUntil.isValid()) {
            refresh.warmUntil = m_now.addSecs(refresh.instanceWarmup);
            refresh.nextCheck = refresh.warmUntil;
        }
        if (refresh.warmUntil > m_now) {
            const QStringList ids = group->instanceIds;
            refresh.statusReason
                = u"Waiting for instances to warm up before continuing. For example: %1 is warming up."_s.arg(
                    ids.isEmpty() ? QString() : ids.constLast());
            return before != refresh.status + refresh.statusReason;
        }
        refresh.replaced += int(refresh.batch.size());
        refresh.batch.clear();
        refresh.warmUntil = QDateTime();
        refresh.statusReason.clear();
    }
    if (refresh.status == u"Cancelling") {
        endRefresh(refresh, u"Cancelled"_s);
        return true;
    }
    // Instances that left the group some other way (scale-in, a manual termination) need no replacing.
    refresh.toReplace.removeIf([this](const QString& id) {
        const SimInstance* instance = this->instance(id);
        return !instance || Lifecycle::transitionOf(instance->state) == Transition::Terminate
            || instance->state == State::Terminated;
    });
    if (refresh.toReplace.isEmpty()) {
        refresh.replaced = refresh.total;
        endRefresh(refresh, refresh.rolledBack ? u"RollbackSuccessful"_s : u"Successful"_s);
        return true;
    }
    return startRefreshBatch(refresh, *group) || before != refresh.status + refresh.statusReason;
}

bool SimEngine::startRefreshBatch(SimRefresh& refresh, SimGroup& group)
{
    // Instances of the group that are not in service now (launching, or a rollback's old batch still leaving)
    // already take from what the batch may take out.
    int inService = 0;
    for (const SimInstance* instance : instancesOf(group.name))
        inService += instance->state == State::InService ? 1 : 0;
    const int size = batchSize(group, refresh.minHealthyPercentage) - std::max(0, group.desiredCapacity - inService);
    QStringList batch;
    for (const QString& id : std::as_const(refresh.toReplace)) {
        const SimInstance* instance = this->instance(id);
        if (instance && instance->state == State::InService && batch.size() < size)
            batch.append(id);
    }
    if (batch.isEmpty()) {
        // What is left is still launching, or the group is short of healthy instances: wait until it is not.
        refresh.statusReason
            = u"Waiting for instances to be InService before continuing. For example: %1 is not InService yet."_s.arg(
                refresh.toReplace.constFirst());
        return false;
    }
    const QString groupName = group.name;
    for (const QString& id : std::as_const(batch)) {
        refresh.toReplace.removeAll(id);
        refresh.batch.append(id);
        SimInstance* instance = mutableInstance(id);
        const QString cause = u"At %1 an instance was taken out of service in response to an instance refresh."_s.arg(
            SimTime::iso(m_now));
        beginTermination(*instance, cause, false);
    }
    // The replacements: the group is below its desired capacity now.
    if (SimGroup* owner = mutableGroup(groupName))
        reconcileWithCause(*owner, {});
    refresh.statusReason.clear();
    changed();
    return true;
}
