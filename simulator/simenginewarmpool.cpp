// Warm pools in SimEngine (PutWarmPool, DeleteWarmPool and the pool's own lifecycle), as the Auto Scaling user
// guide describes them: the pool is kept at max(MinSize, MaxGroupPreparedCapacity (or MaxSize) - DesiredCapacity);
// a new pool instance goes Warmed:Pending → Warmed:Pending:Wait (launch hooks) → Warmed:Pending:Proceed → the pool
// state; scale-out takes a warmed instance out through Pending (the launch hooks run again); with ReuseOnScaleIn a
// scale-in returns the instance to the pool, where it waits in Warmed:Pending:Wait on the *terminate* hooks; pool
// instances leave through Warmed:Terminating(:Wait) → Warmed:Terminated. Pool instances are in m_instances like
// every other, but listed in SimGroup::warmPoolIds, never in the group's instanceIds.
#include "simengine.h"

#include <algorithm>

using namespace Qt::StringLiterals;

using Lifecycle::State;

namespace {

QString noSuchGroup(const QString& name)
{
    // The warm-pool operations' wording (not DescribeLifecycleHooks' "Group x not found").
    return u"AutoScalingGroup name not found - No such Auto Scaling group: %1"_s.arg(name);
}

bool isWarmed(const Lifecycle::StateValue& state)
{
    return state == State::WarmedStopped || state == State::WarmedRunning || state == State::WarmedHibernated;
}

// In the pool or on its way in: what counts towards the pool's size (not the ones leaving it).
bool countsInPool(const SimInstance& instance)
{
    return isWarmed(instance.state) || Lifecycle::transitionOf(instance.state) == Lifecycle::Transition::WarmPoolLaunch;
}

State warmedState(const QString& poolState)
{
    if (poolState == u"Running")
        return State::WarmedRunning;
    if (poolState == u"Hibernated")
        return State::WarmedHibernated;
    return State::WarmedStopped;
}

SimResult<void> checkMinimum(const std::optional<int>& value, const QString& member, int minimum)
{
    if (value && *value < minimum) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: Member must have value greater than or equal to %3"_s
                .arg(*value)
                .arg(member)
                .arg(minimum));
    }
    return {};
}

} // namespace

bool SimEngine::hasHooks(const SimGroup& group, bool launching) const
{
    return std::any_of(group.hooks.cbegin(), group.hooks.cend(),
        [launching](const SimHook& hook) { return hook.isLaunching() == launching; });
}

SimResult<void> SimEngine::putWarmPool(const WarmPoolSpec& spec)
{
    SimGroup* group = mutableGroup(spec.groupName);
    if (!group)
        return SimError::validation(noSuchGroup(spec.groupName));
    if (auto checked = checkMinimum(spec.minSize, u"minSize"_s, 0); !checked)
        return checked;
    if (auto checked = checkMinimum(spec.maxGroupPreparedCapacity, u"maxGroupPreparedCapacity"_s, -1); !checked)
        return checked;
    if (spec.poolState && *spec.poolState != u"Stopped" && *spec.poolState != u"Running"
        && *spec.poolState != u"Hibernated") {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at 'poolState' failed to satisfy constraint: Member must satisfy enum value set: [Stopped, Running, Hibernated]"_s
                .arg(*spec.poolState));
    }
    if (group->warmPool && group->warmPool->pendingDelete) {
        return SimError { u"ResourceInUse"_s,
            u"The warm pool of Auto Scaling group %1 is being deleted; try again when it is gone."_s.arg(group->name) };
    }
    SimWarmPool pool = group->warmPool.value_or(SimWarmPool {});
    pool.minSize = spec.minSize.value_or(pool.minSize);
    pool.maxGroupPreparedCapacity = spec.maxGroupPreparedCapacity.value_or(pool.maxGroupPreparedCapacity);
    pool.poolState = spec.poolState.value_or(pool.poolState);
    pool.reuseOnScaleIn = spec.reuseOnScaleIn.value_or(pool.reuseOnScaleIn);
    group->warmPool = pool;
    fillWarmPool(*group);
    changed();
    return {};
}

SimResult<void> SimEngine::deleteWarmPool(const QString& groupName, bool forceDelete)
{
    SimGroup* group = mutableGroup(groupName);
    if (!group)
        return SimError::validation(noSuchGroup(groupName));
    if (!group->warmPool)
        return SimError::validation(u"No warm pool found for Auto Scaling group %1."_s.arg(groupName));
    if (forceDelete) {
        // Gone at once, with their outstanding lifecycle actions (the service model's ForceDelete).
        for (const QString& id : std::as_const(group->warmPoolIds))
            m_instances.remove(id);
        group->warmPoolIds.clear();
        group->warmPool.reset();
        changed();
        return {};
    }
    group->warmPool->pendingDelete = true;
    const QString cause
        = u"At %1 a user request deleted the warm pool, terminating its instances."_s.arg(SimTime::iso(m_now));
    for (const QString& id : std::as_const(group->warmPoolIds)) {
        SimInstance* instance = mutableInstance(id);
        if (instance && Lifecycle::transitionOf(instance->state) != Lifecycle::Transition::WarmPoolTerminate)
            beginWarmTermination(*instance, cause, false);
    }
    fillWarmPool(*group); // an empty pool goes at once
    changed();
    return {};
}

QList<const SimInstance*> SimEngine::warmPoolInstances(const QString& groupName) const
{
    QList<const SimInstance*> result;
    if (const SimGroup* g = group(groupName)) {
        for (const QString& id : g->warmPoolIds) {
            if (const SimInstance* i = instance(id))
                result.append(i);
        }
    }
    return result;
}

int SimEngine::warmPoolTargetSize(const SimGroup& group) const
{
    if (!group.warmPool || group.warmPool->pendingDelete)
        return 0;
    const int cap
        = group.warmPool->maxGroupPreparedCapacity >= 0 ? group.warmPool->maxGroupPreparedCapacity : group.maxSize;
    return qMax(group.warmPool->minSize, cap - group.desiredCapacity);
}

void SimEngine::fillWarmPool(SimGroup& group)
{
    if (!group.warmPool)
        return;
    if (group.warmPool->pendingDelete) {
        if (group.warmPoolIds.isEmpty())
            group.warmPool.reset(); // the last instance has left: the deletion is complete
        return;
    }
    QList<SimInstance*> members;
    for (const QString& id : std::as_const(group.warmPoolIds)) {
        SimInstance* instance = mutableInstance(id);
        if (instance && countsInPool(*instance))
            members.append(instance);
    }
    const int target = warmPoolTargetSize(group);
    int count = int(members.size());
    // Too many: the newest warmed instances leave (the ones still on their way in are left to finish).
    for (auto it = members.crbegin(); it != members.crend() && count > target; ++it) {
        if (!isWarmed((*it)->state))
            continue;
        beginWarmTermination(**it,
            u"At %1 an instance was taken out of the warm pool in response to a difference between desired and actual warm pool capacity."_s
                .arg(SimTime::iso(m_now)),
            false);
        --count;
    }
    // launchIntoWarmPool() inserts into m_instances: `members` must not be used past this point.
    for (; count < target; ++count)
        launchIntoWarmPool(group);
}

void SimEngine::launchIntoWarmPool(SimGroup& group)
{
    SimInstance instance;
    instance.id = newInstanceId();
    instance.groupName = group.name;
    instance.availabilityZone = zoneFor(group);
    instance.state = State::WarmedPending;
    instance.inWarmPool = true;
    instance.launchTime = m_now;
    instance.phaseEnds = m_now.addSecs(m_options.pendingSeconds);
    instance.activityId = startActivity(group, u"Launching a new EC2 instance into warm pool: %1"_s.arg(instance.id),
        u"At %1 an instance was launched into the warm pool in response to a difference between desired and actual warm pool capacity."_s
            .arg(SimTime::iso(m_now)),
        instance.availabilityZone, u"InProgress"_s);
    group.warmPoolIds.append(instance.id);
    m_instances.insert(instance.id, instance);
    changed();
}

bool SimEngine::takeFromWarmPool(SimGroup& group, const QString& cause)
{
    if (!group.warmPool)
        return false;
    const QStringList ids = group.warmPoolIds; // changed below
    for (const QString& id : ids) {
        SimInstance* instance = mutableInstance(id);
        if (!instance || !isWarmed(instance->state))
            continue;
        // Leaves the pool through Pending: from here it is an ordinary launch, and the launch hooks run again.
        instance->inWarmPool = false;
        instance->returningToPool = false;
        instance->state = State::Pending;
        instance->protectedFromScaleIn = group.newInstancesProtectedFromScaleIn;
        instance->phaseEnds = m_now.addSecs(m_options.pendingSeconds);
        instance->activityId = startActivity(group, u"Launching a new EC2 instance from warm pool: %1"_s.arg(id), cause,
            instance->availabilityZone, u"InProgress"_s);
        group.instanceIds.append(id);
        group.warmPoolIds.removeAll(id);
        changed();
        return true;
    }
    return false;
}

bool SimEngine::returnToWarmPool(SimInstance& instance, const QString& cause)
{
    SimGroup* group = mutableGroup(instance.groupName);
    if (!group || !group->warmPool || !group->warmPool->reuseOnScaleIn || group->warmPool->pendingDelete)
        return false;
    instance.actions.clear();
    instance.inWarmPool = true;
    instance.returningToPool = true;
    instance.state = State::WarmedPending;
    instance.phaseEnds = m_now.addSecs(m_options.pendingSeconds);
    instance.activityId = startActivity(*group, u"Returning EC2 instance to warm pool: %1"_s.arg(instance.id), cause,
        instance.availabilityZone, u"InProgress"_s);
    group->instanceIds.removeAll(instance.id);
    group->warmPoolIds.append(instance.id);
    changed();
    return true;
}

void SimEngine::beginWarmTermination(SimInstance& instance, const QString& cause, bool skipHooks)
{
    instance.actions.clear();
    instance.state = State::WarmedTerminating;
    instance.skipHooks = skipHooks;
    instance.phaseEnds = m_now.addSecs(m_options.pendingSeconds);
    if (const SimGroup* owner = group(instance.groupName)) {
        instance.activityId = startActivity(*owner, u"Terminating EC2 instance from warm pool: %1"_s.arg(instance.id),
            cause, instance.availabilityZone, u"InProgress"_s);
    }
    changed();
}

void SimEngine::endWarmPhase(const QString& id, SimInstance& instance)
{
    SimGroup* owner = mutableGroup(instance.groupName);
    const Lifecycle::StateValue state = instance.state;
    if (state == State::WarmedPending) {
        // On its way in the launch hooks run; coming back on scale-in the terminate hooks do (the user guide).
        const bool launchHooks = !instance.returningToPool;
        if (owner && hasHooks(*owner, launchHooks)) {
            startWait(instance, State::WarmedPendingWait, launchHooks);
        } else {
            instance.state = State::WarmedPendingProceed;
            instance.phaseEnds = m_now.addSecs(m_options.proceedSeconds);
        }
    } else if (state == State::WarmedPendingProceed) {
        instance.state = warmedState(owner && owner->warmPool ? owner->warmPool->poolState : QString());
        instance.returningToPool = false;
        finishActivity(instance.activityId, u"Successful"_s);
        if (owner && owner->warmPool && owner->warmPool->pendingDelete)
            beginWarmTermination(instance,
                u"At %1 a user request deleted the warm pool, terminating its instances."_s.arg(SimTime::iso(m_now)),
                false);
        else if (owner)
            fillWarmPool(*owner); // a pool that shrank meanwhile lets this one go
    } else if (state == State::WarmedTerminating) {
        if (!instance.skipHooks && owner && hasHooks(*owner, false)) {
            startWait(instance, State::WarmedTerminatingWait, false);
        } else {
            instance.state = State::WarmedTerminatingProceed;
            instance.phaseEnds = m_now.addSecs(m_options.proceedSeconds);
        }
    } else if (state == State::WarmedTerminatingProceed) {
        instance.state = State::WarmedTerminated;
        finishActivity(instance.activityId, u"Successful"_s);
        instance.phaseEnds = m_now.addSecs(m_options.terminatedLingerSeconds);
    } else if (state == State::WarmedTerminated) {
        const QString groupName = instance.groupName;
        removeInstance(id); // `instance` is gone
        if (SimGroup* g = mutableGroup(groupName))
            fillWarmPool(*g); // replaces it, or completes a pending deletion
    }
}

void SimEngine::warmActionsSettled(SimInstance& instance)
{
    const bool abandoned = std::any_of(
        instance.actions.cbegin(), instance.actions.cend(), [](const SimAction& a) { return a.result == u"ABANDON"; });
    if (instance.state == State::WarmedPendingWait && !instance.returningToPool && abandoned) {
        // ABANDON on the way into the pool: the instance is terminated; the pool replaces it once it is gone.
        finishActivity(instance.activityId, u"Cancelled"_s,
            u"Instance failed to complete user's Lifecycle Action: Lifecycle Action with ABANDON Result"_s);
        beginWarmTermination(instance,
            u"At %1 an instance was taken out of the warm pool in response to a launch lifecycle action being abandoned."_s
                .arg(SimTime::iso(m_now)),
            true);
        return;
    }
    // Any result on a terminate hook, CONTINUE on a launch hook: on to the transitional *:Proceed state.
    instance.state = Lifecycle::proceedStateOf(Lifecycle::transitionOf(instance.state));
    instance.phaseEnds = m_now.addSecs(m_options.proceedSeconds);
    setActivityStatus(instance.activityId, u"InProgress"_s, 70);
    instance.actions.clear();
}

SimResult<QString> SimEngine::seedWarmInstance(
    const QString& groupName, const Lifecycle::StateValue& state, int elapsedSeconds)
{
    SimGroup* group = mutableGroup(groupName);
    if (!group)
        return SimError::validation(noSuchGroup(groupName));
    SimInstance instance;
    instance.id = newInstanceId();
    instance.groupName = groupName;
    instance.availabilityZone = zoneFor(*group);
    instance.inWarmPool = true;
    instance.launchTime = m_now.addSecs(-qMax(0, elapsedSeconds) - m_options.pendingSeconds - 600);
    group->warmPoolIds.append(instance.id);
    if (state == State::WarmedPendingWait) {
        const QDateTime saved = m_now;
        m_now = m_now.addSecs(-qMax(0, elapsedSeconds));
        instance.activityId = startActivity(*group,
            u"Launching a new EC2 instance into warm pool: %1"_s.arg(instance.id),
            u"At %1 an instance was launched into the warm pool in response to a difference between desired and actual warm pool capacity."_s
                .arg(SimTime::iso(m_now)),
            instance.availabilityZone, u"InProgress"_s);
        m_instances.insert(instance.id, instance);
        startWait(m_instances[instance.id], State::WarmedPendingWait, true);
        m_now = saved;
        // Nobody works on a seeded wait: it runs towards its timeout.
        for (SimAction& action : m_instances[instance.id].actions)
            action.autoCompleteAt = QDateTime();
    } else {
        instance.state = state.toString().isEmpty() ? State::WarmedStopped : state;
        m_instances.insert(instance.id, instance);
    }
    changed();
    return instance.id;
}
