#include "remediation.h"

#include "enumnames.h"
#include "lifecycle.h"
#include "lifecyclestate.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
using Lifecycle::Phase;
using Lifecycle::State;
using Operation = Remediation::Operation;

constexpr EnumName<Operation> kActionNames[] = {
    { Operation::Terminate, "TerminateInstanceInAutoScalingGroup"_L1 },
    { Operation::SetHealthy, "SetInstanceHealth"_L1 },
    { Operation::SetUnhealthy, "SetInstanceHealth"_L1 },
    { Operation::EnterStandby, "EnterStandby"_L1 },
    { Operation::ExitStandby, "ExitStandby"_L1 },
    { Operation::ProtectOn, "SetInstanceProtection"_L1 },
    { Operation::ProtectOff, "SetInstanceProtection"_L1 },
};

constexpr EnumName<Remediation::Outcome> kOutcomeNames[] = {
    { Remediation::Outcome::Done, "done"_L1 },
    { Remediation::Outcome::Failed, "failed"_L1 },
    { Remediation::Outcome::Unknown, "unknown"_L1 },
};

constexpr EnumLabel<Operation> kLabels[] = {
    { Operation::Terminate, QT_TRANSLATE_NOOP("Remediation", "Terminate") },
    { Operation::SetHealthy, QT_TRANSLATE_NOOP("Remediation", "Set health to Healthy") },
    { Operation::SetUnhealthy, QT_TRANSLATE_NOOP("Remediation", "Set health to Unhealthy") },
    { Operation::EnterStandby, QT_TRANSLATE_NOOP("Remediation", "Enter standby") },
    { Operation::ExitStandby, QT_TRANSLATE_NOOP("Remediation", "Exit standby") },
    { Operation::ProtectOn, QT_TRANSLATE_NOOP("Remediation", "Protect from scale-in") },
    { Operation::ProtectOff, QT_TRANSLATE_NOOP("Remediation", "Remove scale-in protection") },
};

QString stateName(State state)
{
    return nameOf(state);
}

bool terminating(const Lifecycle::StateValue& state)
{
    const Lifecycle::Transition transition = Lifecycle::transitionOf(state);
    return transition == Lifecycle::Transition::Terminate || transition == Lifecycle::Transition::WarmPoolTerminate;
}
} // namespace

const GroupInstance* Remediation::instanceIn(const AutoScalingGroup& group, const QString& instanceId)
{
    const auto found = std::find_if(group.instances.cbegin(), group.instances.cend(),
        [&instanceId](const GroupInstance& instance) { return instance.instanceId == instanceId; });
    return found == group.instances.cend() ? nullptr : &*found;
}

QString Remediation::actionName(Operation operation)
{
    return nameOf(kActionNames, operation);
}

QString Remediation::outcomeName(Outcome outcome)
{
    return nameOf(kOutcomeNames, outcome);
}

QString Remediation::label(Operation operation)
{
    return labelOf(kLabels, "Remediation", operation);
}

int Remediation::instancesPerCall(Operation operation)
{
    switch (operation) {
    case Operation::EnterStandby:
    case Operation::ExitStandby:
        return 20; // EnterStandby / ExitStandby's InstanceIds (the service model)
    case Operation::ProtectOn:
    case Operation::ProtectOff:
        return 50; // SetInstanceProtection's InstanceIds
    case Operation::Terminate:
    case Operation::SetHealthy:
    case Operation::SetUnhealthy:
        break;
    }
    return 1;
}

QString Remediation::auditNote(const Request& request)
{
    const QString flag = request.decrementDesiredCapacity ? u"true"_s : u"false"_s;
    switch (request.operation) {
    case Operation::Terminate:
    case Operation::EnterStandby:
        return u"ShouldDecrementDesiredCapacity="_s + flag;
    case Operation::SetHealthy:
        return u"HealthStatus=Healthy; ShouldRespectGracePeriod=false"_s;
    case Operation::SetUnhealthy:
        return u"HealthStatus=Unhealthy; ShouldRespectGracePeriod=false"_s;
    case Operation::ExitStandby:
        return {};
    case Operation::ProtectOn:
        return u"ProtectedFromScaleIn=true"_s;
    case Operation::ProtectOff:
        return u"ProtectedFromScaleIn=false"_s;
    }
    return {};
}

QString Remediation::stateRefusal(Operation operation, const QString& lifecycleState)
{
    const Lifecycle::StateValue state = Lifecycle::parseState(lifecycleState);
    const Phase phase = Lifecycle::phaseOf(state);
    if (phase == Phase::Ended)
        return tr("it is %1: it has left the group").arg(lifecycleState);
    switch (operation) {
    case Operation::EnterStandby:
        if (state != State::InService)
            return tr("it is %1, and only an instance in %2 can enter standby")
                .arg(lifecycleState, stateName(State::InService));
        return {};
    case Operation::ExitStandby:
        if (state != State::Standby)
            return tr("it is %1, not in %2").arg(lifecycleState, stateName(State::Standby));
        return {};
    case Operation::Terminate:
        // A retained instance is held after an abandoned terminating hook until it is terminated on request.
        if (terminating(state) && phase != Phase::Retained)
            return tr("it is already %1: it is on its way out").arg(lifecycleState);
        return {};
    case Operation::SetHealthy:
    case Operation::SetUnhealthy:
    case Operation::ProtectOn:
    case Operation::ProtectOff:
        if (terminating(state))
            return tr("it is %1: it is on its way out").arg(lifecycleState);
        return {};
    }
    return {};
}

QString Remediation::targetRefusal(
    const Request& request, const AutoScalingGroup& group, const QString& instanceId, const QString& elsewhere)
{
    const GroupInstance* instance = instanceIn(group, instanceId);
    if (!instance) {
        if (!elsewhere.isEmpty() && elsewhere != group.name)
            return tr("%1 is not an instance of group %2 (it is in %3); nothing was sent")
                .arg(instanceId, group.name, elsewhere);
        return tr("%1 is not an instance of group %2; nothing was sent").arg(instanceId, group.name);
    }
    const QString why = stateRefusal(request.operation, instance->lifecycleState);
    if (why.isEmpty())
        return {};
    return tr("%1: %2; nothing was sent").arg(label(request.operation), why);
}

QString Remediation::standbyNote(const Request& request, const AutoScalingGroup& group)
{
    QString note;
    for (const QString& id : request.instanceIds) {
        const GroupInstance* instance = instanceIn(group, id);
        if (instance && Lifecycle::parseState(instance->lifecycleState) == State::Standby)
            note += u" "_s
                + tr("%1 is on %2: AWS replaces it only once it leaves %2.").arg(id, stateName(State::Standby));
    }
    return note;
}

QString Remediation::stateRule(Operation operation)
{
    switch (operation) {
    case Operation::EnterStandby:
        return tr("only %1 instances can enter %2").arg(stateName(State::InService), stateName(State::Standby));
    case Operation::ExitStandby:
        return tr("only %1 instances can exit %1").arg(stateName(State::Standby));
    case Operation::Terminate:
        return tr("only an instance not already terminating (or one retained) can be terminated");
    case Operation::SetHealthy:
    case Operation::SetUnhealthy:
    case Operation::ProtectOn:
    case Operation::ProtectOff:
        break;
    }
    return tr("an instance on its way out of the group cannot be changed");
}

QString Remediation::groupRefusal(const Request& request, const AutoScalingGroup& group)
{
    const int count = int(request.instanceIds.size());
    if (request.operation == Operation::EnterStandby && request.decrementDesiredCapacity
        && group.desiredCapacity - count < group.minSize)
        return tr("lowering desired capacity from %1 to %2 would go below the group's min size %3")
            .arg(group.desiredCapacity)
            .arg(group.desiredCapacity - count)
            .arg(group.minSize);
    if (request.operation == Operation::ExitStandby && group.desiredCapacity + count > group.maxSize)
        return tr("exiting %1 raises desired capacity from %2 to %3, above the group's max size %4")
            .arg(stateName(State::Standby))
            .arg(group.desiredCapacity)
            .arg(group.desiredCapacity + count)
            .arg(group.maxSize);
    return {};
}

QString Remediation::instanceList(const QStringList& ids)
{
    return ids.join(u", "_s);
}

QString Remediation::retainedConsequences(const Request& request, const AutoScalingGroup& group)
{
    // A retained instance already went through its hooks and no longer counts towards the desired capacity:
    // terminating it ends it, nothing else, unless the desired capacity is lowered as well.
    QStringList retained;
    QStringList others;
    for (const QString& id : request.instanceIds) {
        const GroupInstance* instance = instanceIn(group, id);
        (instance && LifecycleState::isRetained(instance->lifecycleState) ? retained : others).append(id);
    }
    if (retained.isEmpty())
        return {};
    const int count = int(retained.size());
    QString text = (count == 1
            ? tr("%1 in %2 is retained, not terminated (Terminating:Retained): this terminates it now; its "
                 "terminating hooks do not run again and no replacement is launched for it.")
            : tr("%1 in %2 are retained, not terminated (Terminating:Retained): this terminates them now; their "
                 "terminating hooks do not run again and no replacements are launched for them."))
                       .arg(instanceList(retained), group.name);
    if (request.decrementDesiredCapacity)
        text += u" "_s
            + tr("With the desired capacity lowered as well, it still drops from %1 to %2, so the group also "
                 "terminates an instance in service to match it.")
                  .arg(group.desiredCapacity)
                  .arg(group.desiredCapacity - count);
    if (!others.isEmpty()) {
        Request rest = request;
        rest.instanceIds = others;
        AutoScalingGroup after = group;
        if (request.decrementDesiredCapacity)
            after.desiredCapacity -= count;
        text += u" "_s + consequences(rest, after);
    }
    return text;
}

QString Remediation::consequences(const Request& request, const AutoScalingGroup& group)
{
    const QString ids = instanceList(request.instanceIds);
    const int count = int(request.instanceIds.size());
    const bool decrement = request.decrementDesiredCapacity;
    switch (request.operation) {
    case Operation::Terminate:
        if (const QString retained = retainedConsequences(request, group); !retained.isEmpty())
            return retained;
        if (decrement)
            return tr("This terminates %1 in %2 and lowers desired capacity from %3 to %4; terminating lifecycle hooks "
                      "run first.")
                .arg(ids, group.name)
                .arg(group.desiredCapacity)
                .arg(group.desiredCapacity - count);
        return tr("This terminates %1 in %2 and the group launches a replacement (desired capacity stays %3); "
                  "terminating lifecycle hooks run first.")
            .arg(ids, group.name)
            .arg(group.desiredCapacity);
    case Operation::SetHealthy:
        return tr("This marks %1 in %2 Healthy: the group keeps it in service (an instance the group is already "
                  "replacing is not brought back).")
            .arg(ids, group.name);
    case Operation::SetUnhealthy:
        return tr("This marks %1 in %2 Unhealthy, ignoring the health check grace period: the group terminates and "
                  "replaces it; its terminating hooks run first.")
                   .arg(ids, group.name)
            + standbyNote(request, group);
    case Operation::EnterStandby:
        if (decrement)
            return tr("This moves %1 in %2 to %3 and lowers desired capacity from %4 to %5: no replacement is "
                      "launched; the instances stay in the group (and are billed) until they exit standby.")
                .arg(ids, group.name, stateName(State::Standby))
                .arg(group.desiredCapacity)
                .arg(group.desiredCapacity - count);
        return tr("This moves %1 in %2 to %3; desired capacity stays %4, so the group launches %n replacement(s) "
                  "(their launch hooks run). The instances stay in the group (and are billed) until they exit "
                  "standby.",
            nullptr, count)
            .arg(ids, group.name, stateName(State::Standby))
            .arg(group.desiredCapacity);
    case Operation::ExitStandby:
        return tr("This moves %1 in %2 out of %3: each goes back through %4 and its launch lifecycle hooks run again "
                  "(%5) before it is %6; desired capacity from %7 to %8.")
            .arg(ids, group.name, stateName(State::Standby), stateName(State::Pending), stateName(State::PendingWait),
                stateName(State::InService))
            .arg(group.desiredCapacity)
            .arg(group.desiredCapacity + count);
    case Operation::ProtectOn:
        return tr("This protects %1 in %2 from scale-in: AWS will not pick them when the group shrinks (they can "
                  "still be terminated on request or replaced when unhealthy).")
            .arg(ids, group.name);
    case Operation::ProtectOff:
        return tr("This removes scale-in protection from %1 in %2: AWS may pick them when the group shrinks.")
            .arg(ids, group.name);
    }
    return {};
}

bool Remediation::applied(Operation operation, const GroupInstance* read)
{
    const Lifecycle::StateValue state
        = read ? Lifecycle::parseState(read->lifecycleState) : Lifecycle::StateValue(State::Terminated);
    switch (operation) {
    case Operation::Terminate:
        // Gone from the group, or on its way out — but no longer held: a retained instance that still reads
        // Terminating:Retained was not terminated.
        return !read || (terminating(state) && Lifecycle::phaseOf(state) != Phase::Retained);
    case Operation::SetHealthy:
        return read && read->healthStatus == "Healthy"_L1;
    case Operation::SetUnhealthy:
        // An unhealthy instance is replaced: gone or terminating shows it as well as the flag does.
        return !read || read->healthStatus == "Unhealthy"_L1 || terminating(state);
    case Operation::EnterStandby:
        return read && (state == State::Standby || state == State::EnteringStandby);
    case Operation::ExitStandby:
        // Back through Pending (and its launching hooks) to InService.
        return read && (state == State::InService || Lifecycle::transitionOf(state) == Lifecycle::Transition::Launch);
    case Operation::ProtectOn:
    case Operation::ProtectOff:
        return read && read->protectedFromScaleIn == (operation == Operation::ProtectOn);
    }
    return false;
}

Remediation::Verdict Remediation::decide(bool readOk, const QString& readError, bool shows, const AwsError& answer)
{
    Verdict verdict;
    if (!readOk) {
        verdict.outcome = answer.isError() ? Outcome::Failed : Outcome::Unknown;
        verdict.message = tr("could not read the group back: %1").arg(readError);
    } else if (shows) {
        // An error whose change is visible was applied (the answer to a retry of a request that went through).
        verdict.outcome = Outcome::Done;
        verdict.verified = true;
        if (answer.isError())
            verdict.message = tr("AWS answered with an error, but the group shows the change");
    } else if (answer.isError()) {
        verdict.outcome = Outcome::Failed;
        verdict.message = notNowText(answer); // empty for any other refusal: AWS's own error says it
    } else {
        verdict.outcome = Outcome::Unknown;
        verdict.message = tr("AWS accepted the request, but the group does not show the change yet");
    }
    return verdict;
}

QString Remediation::notNowText(const AwsError& answer)
{
    // The two refusals that mean "not now" rather than "not this": say what to wait for, AWS's words after it.
    if (answer.code == u"ScalingActivityInProgress"_s) {
        return tr("the instance is still in a scaling activity (launching or moving into Standby); nothing was "
                  "changed, try again when it has finished (%1)")
            .arg(answer.toString());
    }
    if (answer.code == u"ResourceContention"_s) {
        return tr("AWS was still applying an earlier change to this group or instance, even after retries; nothing "
                  "was changed, try again in a minute (%1)")
            .arg(answer.toString());
    }
    return {};
}
