// SimEngine's clock: advancing simulated time and what comes due as it passes (scheduled capacity changes,
// hook timeouts and auto-completions, the end of each lifecycle phase).
#include "simengine.h"
#include "simlogging.h"

#include <algorithm>

using namespace Qt::StringLiterals;

using Lifecycle::State;
using Lifecycle::Transition;

void SimEngine::advance(double seconds)
{
    const QDateTime target = m_now.addMSecs(qRound64(qMax(0.0, seconds) * 1000.0));
    // Walk from event to event so a long jump (tests advancing hours) sees each timeout at its own time. When
    // nothing is due (most clock ticks) this is one scan, not a full processing pass over every instance.
    for (int guard = 0; guard < 100000; ++guard) {
        const std::optional<QDateTime> next = nextEvent();
        if (!next || *next > target)
            break;
        if (*next > m_now)
            m_now = *next;
        processDue();
    }
    m_now = target;
    if (m_dirty && m_changed) {
        m_dirty = false;
        m_changed();
    }
}

std::optional<QDateTime> SimEngine::nextEvent() const
{
    std::optional<QDateTime> best;
    auto consider = [&best](const QDateTime& t) {
        if (t.isValid() && (!best || t < *best))
            best = t;
    };
    for (const SimInstance& instance : m_instances) {
        consider(instance.phaseEnds);
        for (const SimAction& action : instance.actions) {
            if (!action.active())
                continue;
            consider(action.deadline);
            consider(action.autoCompleteAt);
        }
    }
    for (const SimGroup& group : m_groups)
        consider(group.nextChurn);
    for (const SimRefresh& refresh : m_refreshes)
        consider(refresh.nextCheck);
    return best;
}

void SimEngine::processDue()
{
    for (int round = 0; round < 1000; ++round) {
        bool progressed = processChurn();
        const QStringList ids = m_instances.keys();
        for (const QString& id : ids) {
            SimInstance* instance = mutableInstance(id);
            if (!instance)
                continue;
            if (processDueAction(*instance))
                progressed = true;
            instance = mutableInstance(id);
            if (!instance || !instance->phaseEnds.isValid() || instance->phaseEnds > m_now)
                continue;
            progressed = true;
            endPhase(id, *instance);
            changed();
        }
        if (processRefreshes())
            progressed = true;
        if (!progressed)
            return;
    }
    qCWarning(lcSim) << "lifecycle processing did not settle";
}

bool SimEngine::processChurn()
{
    bool progressed = false;
    for (auto it = m_groups.begin(); it != m_groups.end(); ++it) {
        SimGroup& group = it.value();
        if (group.churnSeconds <= 0 || !group.nextChurn.isValid() || group.nextChurn > m_now)
            continue;
        group.nextChurn = group.nextChurn.addSecs(group.churnSeconds);
        int next = group.desiredCapacity + group.churnDirection;
        if (next > group.churnMax || next < group.churnMin) {
            group.churnDirection = -group.churnDirection;
            next = group.desiredCapacity + group.churnDirection;
        }
        next = std::clamp(next, group.minSize, group.maxSize);
        if (next != group.desiredCapacity) {
            const QString why = u"a scheduled demo change set the desired capacity"_s;
            const int from = group.desiredCapacity;
            group.desiredCapacity = next;
            reconcileWithCause(group, capacityCause(group, from, next, why));
        }
        progressed = true;
    }
    return progressed;
}

void SimEngine::endPhase(const QString& id, SimInstance& instance)
{
    instance.phaseEnds = QDateTime();
    if (instance.inWarmPool) {
        endWarmPhase(id, instance);
        return;
    }
    const SimGroup* owner = group(instance.groupName);
    const Lifecycle::StateValue state = instance.state;
    if (state == State::Pending) {
        const bool hooks = owner && std::any_of(owner->hooks.cbegin(), owner->hooks.cend(), [](const SimHook& h) {
            return h.isLaunching();
        });
        if (hooks) {
            startWait(instance, Transition::Launch);
        } else {
            instance.state = State::InService;
            finishActivity(instance.activityId, u"Successful"_s);
            enteredService(instance); // may launch: `instance` is not touched again
        }
    } else if (state == State::PendingProceed) {
        instance.state = State::InService;
        finishActivity(instance.activityId, u"Successful"_s);
        enteredService(instance);
    } else if (state == State::EnteringStandby) {
        instance.state = State::Standby;
        finishActivity(instance.activityId, u"Successful"_s);
    } else if (state == State::Terminating) {
        const bool hooks = !instance.skipHooks && owner
            && std::any_of(
                owner->hooks.cbegin(), owner->hooks.cend(), [](const SimHook& h) { return !h.isLaunching(); });
        if (hooks) {
            startWait(instance, Transition::Terminate);
        } else {
            instance.state = State::TerminatingProceed;
            instance.phaseEnds = m_now.addSecs(m_options.proceedSeconds);
        }
    } else if (state == State::TerminatingProceed && !instance.retainMessage.isEmpty()) {
        retainInstance(instance);
    } else if (state == State::TerminatingProceed) {
        instance.state = State::Terminated;
        finishActivity(instance.activityId, u"Successful"_s);
        instance.phaseEnds = m_now.addSecs(m_options.terminatedLingerSeconds);
    } else if (state == State::Terminated) {
        removeInstance(id); // `instance` is gone
    }
}
