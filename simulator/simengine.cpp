#include "simengine.h"

#include <QUuid>
#include <algorithm>

using namespace Qt::StringLiterals;

using Lifecycle::State;
using Lifecycle::Transition;

namespace {
const QString kContinue = u"CONTINUE"_s;
const QString kAbandon = u"ABANDON"_s;

// Launching or in service: what counts towards the desired capacity.
bool isActiveState(const Lifecycle::StateValue& state)
{
    return state == State::InService || Lifecycle::transitionOf(state) == Transition::Launch;
}
} // namespace

QString SimTime::iso(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

const SimHook* SimGroup::hook(const QString& hookName) const
{
    for (const SimHook& h : hooks) {
        if (h.name == hookName)
            return &h;
    }
    return nullptr;
}

SimEngine::SimEngine(const SimulatorOptions& options, const QDateTime& start)
    : m_options(options)
    , m_now(start.toUTC())
    , m_random(options.faults.seed ? options.faults.seed : QRandomGenerator::global()->generate())
{
}

void SimEngine::changed()
{
    m_dirty = true;
}

// ---- lifecycle -------------------------------------------------------------------------------------------

void SimEngine::startWait(SimInstance& instance, Transition transition)
{
    startWait(instance, Lifecycle::waitStateOf(transition), Lifecycle::isLaunchLike(transition));
}

void SimEngine::startWait(SimInstance& instance, State waitState, bool launching)
{
    const SimGroup* owner = group(instance.groupName);
    instance.state = waitState;
    instance.actions.clear();
    for (const SimHook& hook : owner->hooks) {
        if (hook.isLaunching() != launching)
            continue;
        SimAction action;
        action.token = QUuid::createUuid().toString(QUuid::WithoutBraces);
        action.hookName = hook.name;
        action.waitStart = m_now;
        action.deadline = m_now.addSecs(qMin(hook.heartbeatTimeout, hook.globalTimeout()));
        if (hook.autoCompleteShare > 0 && m_random.generateDouble() < hook.autoCompleteShare) {
            const int span = qMax(0, hook.autoCompleteMaxSeconds - hook.autoCompleteMinSeconds);
            action.autoCompleteAt
                = m_now.addSecs(hook.autoCompleteMinSeconds + (span ? int(m_random.bounded(span + 1)) : 0));
        }
        instance.actions.append(action);
    }
    setActivityStatus(instance.activityId, u"MidLifecycleAction"_s, 50);
    changed();
}

void SimEngine::applyResult(SimInstance& instance, SimAction& action, const QString& result, const QString& how)
{
    action.result = result;
    if (result == kAbandon) {
        // ABANDON ends the whole transition: on launch the instance is terminated, on terminate the remaining
        // hooks are skipped.
        for (SimAction& other : instance.actions) {
            if (other.active())
                other.result = kAbandon;
        }
        const QString abandonMessage
            = u"Instance failed to complete user's Lifecycle Action: Lifecycle Action with token %1 was abandoned: Lifecycle Action %2 with ABANDON Result"_s
                  .arg(action.token, how == u"timed out" ? u"Timed Out"_s : u"Completed"_s);
        if (instance.state == State::PendingWait) {
            instance.abandoned = true;
            m_abandonMessage = abandonMessage;
        } else if (retainsOnAbandon(instance)) {
            instance.retainMessage = abandonMessage;
        }
    }
    const bool settled = std::none_of(
        instance.actions.cbegin(), instance.actions.cend(), [](const SimAction& a) { return a.active(); });
    if (settled)
        actionsSettled(instance);
    changed();
}

bool SimEngine::processDueAction(SimInstance& instance)
{
    for (SimAction& action : instance.actions) {
        if (!action.active())
            continue;
        if (action.autoCompleteAt.isValid() && action.autoCompleteAt <= m_now
            && action.autoCompleteAt < action.deadline) {
            const SimHook* hook
                = group(instance.groupName) ? group(instance.groupName)->hook(action.hookName) : nullptr;
            applyResult(instance, action, hook ? hook->autoCompleteResult : kContinue, u"completed"_s);
            return true; // applyResult may have settled the instance; look again next round
        }
        if (action.deadline <= m_now) {
            const SimHook* hook
                = group(instance.groupName) ? group(instance.groupName)->hook(action.hookName) : nullptr;
            applyResult(instance, action, hook ? hook->defaultResult : kAbandon, u"timed out"_s);
            return true;
        }
    }
    return false;
}

void SimEngine::actionsSettled(SimInstance& instance)
{
    if (instance.inWarmPool) {
        warmActionsSettled(instance);
        return;
    }
    if (instance.state == State::PendingWait && instance.abandoned) {
        finishActivity(instance.activityId, u"Cancelled"_s, m_abandonMessage);
        const QString cause
            = u"At %1 an instance was taken out of service in response to a launch lifecycle action being abandoned."_s
                  .arg(SimTime::iso(m_now));
        beginTermination(instance, cause, true);
        // The replacement launch inserts into m_instances, which may move `instance`: touch it no more.
        if (SimGroup* owner = mutableGroup(instance.groupName))
            reconcileWithCause(*owner, {});
        return;
    }
    if (Lifecycle::phaseOf(instance.state) == Lifecycle::Phase::Wait) {
        // Every hook said CONTINUE (or, terminating, anything): on to the transitional *:Proceed state.
        instance.state = Lifecycle::proceedStateOf(Lifecycle::transitionOf(instance.state));
        instance.phaseEnds = m_now.addSecs(m_options.proceedSeconds);
        setActivityStatus(instance.activityId, u"InProgress"_s, 70);
    }
    instance.actions.clear();
}

void SimEngine::setActivityStatus(const QString& id, const QString& status, int progress)
{
    if (!m_activityIndex.contains(id))
        return;
    SimActivity& activity = m_activities[m_activityIndex.value(id)];
    activity.statusCode = status;
    activity.progress = progress;
}

void SimEngine::launch(SimGroup& group, const QString& cause)
{
    SimInstance instance;
    instance.id = newInstanceId();
    instance.groupName = group.name;
    instance.availabilityZone = zoneFor(group);
    instance.state = State::Pending;
    instance.launchTime = m_now;
    instance.protectedFromScaleIn = group.newInstancesProtectedFromScaleIn;
    instance.phaseEnds = m_now.addSecs(m_options.pendingSeconds);
    instance.activityId = startActivity(group, u"Launching a new EC2 instance: %1"_s.arg(instance.id), cause,
        instance.availabilityZone, u"InProgress"_s);
    group.instanceIds.append(instance.id);
    m_instances.insert(instance.id, instance);
    changed();
}

void SimEngine::beginTermination(SimInstance& instance, const QString& cause, bool skipHooks)
{
    SimGroup* owner = mutableGroup(instance.groupName);
    instance.actions.clear();
    instance.state = State::Terminating;
    instance.skipHooks = skipHooks;
    instance.phaseEnds = m_now.addSecs(m_options.pendingSeconds);
    if (owner) {
        instance.activityId = startActivity(*owner, u"Terminating EC2 instance: %1"_s.arg(instance.id), cause,
            instance.availabilityZone, u"InProgress"_s);
    }
    changed();
}

void SimEngine::reconcileWithCause(SimGroup& group, const QString& causeHead)
{
    QList<SimInstance*> active;
    for (const QString& id : std::as_const(group.instanceIds)) {
        SimInstance* instance = mutableInstance(id);
        if (instance && isActiveState(instance->state))
            active.append(instance);
    }
    const int current = int(active.size());
    if (current < group.desiredCapacity) {
        for (int n = current; n < group.desiredCapacity; ++n) {
            const QString cause = (causeHead.isEmpty() ? QString() : causeHead + u"  "_s)
                + u"At %1 an instance was started in response to a difference between desired and actual capacity, increasing the capacity from %2 to %3."_s
                      .arg(SimTime::iso(m_now))
                      .arg(current)
                      .arg(group.desiredCapacity);
            if (!takeFromWarmPool(group, cause))
                launch(group, cause);
        }
    } else if (current > group.desiredCapacity) {
        // Scale in: oldest InService instances first; instances still launching are left to finish.
        int excess = current - group.desiredCapacity;
        for (SimInstance* instance : std::as_const(active)) {
            if (excess == 0)
                break;
            if (instance->state != State::InService || instance->protectedFromScaleIn)
                continue;
            const QString cause = (causeHead.isEmpty() ? QString() : causeHead + u"  "_s)
                + u"At %1 an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from %2 to %3."_s
                      .arg(SimTime::iso(m_now))
                      .arg(current)
                      .arg(group.desiredCapacity);
            if (!returnToWarmPool(*instance, cause))
                beginTermination(*instance, cause, false);
            --excess;
        }
    }
    fillWarmPool(group);
}

QString SimEngine::capacityCause(const SimGroup& group, int from, int to, const QString& why) const
{
    Q_UNUSED(group)
    return u"At %1 %2 changing the desired capacity from %3 to %4."_s.arg(SimTime::iso(m_now), why).arg(from).arg(to);
}

void SimEngine::removeInstance(const QString& id)
{
    const SimInstance instance = m_instances.take(id);
    if (SimGroup* owner = mutableGroup(instance.groupName)) {
        owner->instanceIds.removeAll(id);
        owner->warmPoolIds.removeAll(id);
    }
    changed();
}

QString SimEngine::newInstanceId()
{
    for (;;) {
        QString id = u"i-"_s;
        for (int i = 0; i < 17; ++i)
            id += QLatin1Char("0123456789abcdef"[m_random.bounded(16)]);
        if (!m_instances.contains(id))
            return id;
    }
}

QString SimEngine::zoneFor(SimGroup& group)
{
    if (group.availabilityZones.isEmpty())
        return m_options.region + u"a"_s;
    const QString zone = group.availabilityZones.at(group.nextZone % group.availabilityZones.size());
    ++group.nextZone;
    return zone;
}

QString SimEngine::startActivity(
    const SimGroup& group, const QString& description, const QString& cause, const QString& zone, const QString& status)
{
    SimActivity activity;
    activity.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    activity.groupName = group.name;
    activity.groupArn = group.arn;
    activity.description = description;
    activity.cause = cause;
    activity.startTime = m_now;
    activity.statusCode = status;
    activity.progress = 30;
    activity.details = u"{\"Subnet ID\":\"subnet-%1\",\"Availability Zone\":\"%2\"}"_s.arg(
        QString::number(qHash(zone), 16).left(8), zone);
    m_activityIndex.insert(activity.id, m_activities.size());
    m_activities.append(activity);
    return activity.id;
}

void SimEngine::finishActivity(const QString& id, const QString& status, const QString& message)
{
    if (!m_activityIndex.contains(id))
        return;
    SimActivity& activity = m_activities[m_activityIndex.value(id)];
    activity.statusCode = status;
    activity.statusMessage = message;
    activity.progress = 100;
    activity.endTime = m_now;
    changed();
}

// ---- lookups ---------------------------------------------------------------------------------------------

SimGroup* SimEngine::mutableGroup(const QString& name)
{
    auto it = m_groups.find(name);
    return it == m_groups.end() ? nullptr : &it.value();
}

SimInstance* SimEngine::mutableInstance(const QString& id)
{
    auto it = m_instances.find(id);
    return it == m_instances.end() ? nullptr : &it.value();
}

const SimGroup* SimEngine::group(const QString& name) const
{
    auto it = m_groups.constFind(name);
    return it == m_groups.cend() ? nullptr : &it.value();
}

QList<const SimGroup*> SimEngine::groups() const
{
    QList<const SimGroup*> result;
    for (const SimGroup& g : m_groups)
        result.append(&g);
    return result;
}

const SimInstance* SimEngine::instance(const QString& id) const
{
    auto it = m_instances.constFind(id);
    return it == m_instances.cend() ? nullptr : &it.value();
}

QList<const SimInstance*> SimEngine::instancesOf(const QString& groupName) const
{
    QList<const SimInstance*> result;
    if (const SimGroup* g = group(groupName)) {
        for (const QString& id : g->instanceIds) {
            if (const SimInstance* i = instance(id))
                result.append(i);
        }
    }
    return result;
}

QList<const SimInstance*> SimEngine::allInstances() const
{
    QList<const SimInstance*> result;
    for (const SimInstance& i : m_instances)
        result.append(&i);
    std::sort(result.begin(), result.end(), [](const SimInstance* a, const SimInstance* b) { return a->id < b->id; });
    return result;
}

const SimActivity* SimEngine::activity(const QString& id) const
{
    return m_activityIndex.contains(id) ? &m_activities.at(m_activityIndex.value(id)) : nullptr;
}

QList<const SimActivity*> SimEngine::activities(const QString& groupName) const
{
    QList<const SimActivity*> result;
    for (qsizetype i = m_activities.size() - 1; i >= 0; --i) {
        if (groupName.isEmpty() || m_activities.at(i).groupName == groupName)
            result.append(&m_activities.at(i));
    }
    return result;
}

QList<SimPendingAction> SimEngine::pendingActions(const QString& groupName) const
{
    QList<SimPendingAction> result;
    for (const SimInstance* instance : allInstances()) {
        if (!groupName.isEmpty() && instance->groupName != groupName)
            continue;
        const SimGroup* owner = group(instance->groupName);
        for (const SimAction& action : instance->actions) {
            if (!action.active())
                continue;
            const SimHook* hook = owner ? owner->hook(action.hookName) : nullptr;
            SimPendingAction p;
            p.token = action.token;
            p.instanceId = instance->id;
            p.groupName = instance->groupName;
            p.hookName = action.hookName;
            p.transition = hook ? nameOf(hook->transition) : QString();
            p.waitStart = action.waitStart;
            p.deadline = action.deadline;
            p.globalDeadline = hook ? action.waitStart.addSecs(hook->globalTimeout()) : action.deadline;
            result.append(p);
        }
    }
    return result;
}
