// Auto Scaling (2011-01-01) operations of the Query front: parameters in, SimEngine calls, XML out. Element names
// and order follow the service model (tests/data/models/autoscaling-2011-01-01.json).
#include "simqueryapi.h"

using namespace Qt::StringLiterals;

namespace {
using Answer = SimQueryApi::Answer;

Answer fail(const SimError& error)
{
    Answer answer;
    answer.error = error;
    return answer;
}

Answer noResult()
{
    Answer answer;
    answer.hasResult = false;
    return answer;
}

std::optional<SimError> checkMaxRecords(std::optional<int> value, int max)
{
    if (!value)
        return std::nullopt;
    if (*value < 1) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at 'maxRecords' failed to satisfy constraint: Member must have value greater than or equal to 1"_s
                .arg(*value));
    }
    if (*value > max) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to %2"_s
                .arg(*value)
                .arg(max));
    }
    return std::nullopt;
}

std::optional<SimError> checkLength(const QString& member, const QString& value, int max)
{
    if (value.size() > max) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: Member must have length less than or equal to %3"_s
                .arg(value, member)
                .arg(max));
    }
    if (value.isEmpty()) {
        return SimError::validation(
            u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: Member must have length greater than or equal to 1"_s
                .arg(value, member));
    }
    return std::nullopt;
}

SimError invalidToken(const QString& token)
{
    return { u"InvalidNextToken"_s, u"The token '%1' is invalid."_s.arg(token) };
}

void writeLaunchTemplate(QXmlStreamWriter& w, const SimGroup& group)
{
    if (group.launchTemplateName.isEmpty() && group.launchTemplateId.isEmpty())
        return;
    w.writeStartElement(u"LaunchTemplate"_s);
    SimXml::text(w, u"LaunchTemplateId"_s, group.launchTemplateId);
    SimXml::text(w, u"LaunchTemplateName"_s, group.launchTemplateName);
    w.writeTextElement(u"Version"_s, u"$Default"_s);
    w.writeEndElement();
}

// One <member> of Instances (inside a group) or AutoScalingInstances (with the group name).
void writeInstance(QXmlStreamWriter& w, const SimInstance& i, const SimGroup& g, bool withGroupName)
{
    w.writeStartElement(u"member"_s);
    w.writeTextElement(u"InstanceId"_s, i.id);
    w.writeTextElement(u"InstanceType"_s, i.instanceType);
    if (withGroupName)
        w.writeTextElement(u"AutoScalingGroupName"_s, i.groupName);
    w.writeTextElement(u"AvailabilityZone"_s, i.availabilityZone);
    w.writeTextElement(u"LifecycleState"_s, i.state);
    // DescribeAutoScalingInstances spells health in capitals ("HEALTHY"), the group listing does not.
    w.writeTextElement(u"HealthStatus"_s, withGroupName ? i.healthStatus.toUpper() : i.healthStatus);
    SimXml::text(
        w, u"LaunchConfigurationName"_s, g.launchConfigurationName.isEmpty() ? QString() : g.launchConfigurationName);
    writeLaunchTemplate(w, g);
    SimXml::boolean(w, u"ProtectedFromScaleIn"_s, i.protectedFromScaleIn);
    w.writeEndElement();
}

struct Page {
    qsizetype offset = 0;
    qsizetype end = 0;
    QString next;
};

// MaxRecords (1..max, default given) and NextToken applied to `total` items of one listing kind.
std::optional<SimError> paginate(
    const SimParams& p, const QString& kind, qsizetype total, int defaultSize, int max, Page* page)
{
    std::optional<SimError> error;
    const std::optional<int> maxRecords = p.integer(u"MaxRecords"_s, &error);
    if (error)
        return error;
    if (auto e = checkMaxRecords(maxRecords, max))
        return e;
    if (p.has(u"NextToken"_s)) {
        const auto decoded = SimXml::pageOffset(kind, p.value(u"NextToken"_s));
        if (!decoded || *decoded > total)
            return invalidToken(p.value(u"NextToken"_s));
        page->offset = *decoded;
    }
    page->end = qMin(total, page->offset + maxRecords.value_or(defaultSize));
    page->next = page->end < total ? SimXml::pageToken(kind, page->end) : QString();
    return std::nullopt;
}

void writeActivity(QXmlStreamWriter& w, const SimActivity& a, const QString& element)
{
    w.writeStartElement(element);
    w.writeTextElement(u"ActivityId"_s, a.id);
    w.writeTextElement(u"AutoScalingGroupName"_s, a.groupName);
    w.writeTextElement(u"Description"_s, a.description);
    w.writeTextElement(u"Cause"_s, a.cause);
    SimXml::time(w, u"StartTime"_s, a.startTime);
    SimXml::time(w, u"EndTime"_s, a.endTime);
    w.writeTextElement(u"StatusCode"_s, a.statusCode);
    if (!a.statusMessage.isEmpty())
        w.writeTextElement(u"StatusMessage"_s, a.statusMessage);
    SimXml::number(w, u"Progress"_s, a.progress);
    w.writeTextElement(u"Details"_s, a.details);
    SimXml::text(w, u"AutoScalingGroupARN"_s, a.groupArn);
    w.writeEndElement();
}

// Tag filters of DescribeAutoScalingGroups: tag-key, tag-value, tag:<key>. Every filter must match.
bool matchesFilters(const SimGroup& group, const QList<QPair<QString, QStringList>>& filters)
{
    for (const auto& [name, values] : filters) {
        bool ok = false;
        for (const SimTag& tag : group.tags) {
            if (name == u"tag-key")
                ok = values.contains(tag.key);
            else if (name == u"tag-value")
                ok = values.contains(tag.value);
            else if (name.startsWith(u"tag:"))
                ok = tag.key == name.mid(4) && values.contains(tag.value);
            if (ok)
                break;
        }
        if (!ok)
            return false;
    }
    return true;
}

// LifecycleHook fields shared by PutLifecycleHook and CreateAutoScalingGroup's LifecycleHookSpecificationList.
std::optional<SimError> readHook(const SimParams& p, const QString& prefix, SimHook* hook, bool given[6])
{
    std::optional<SimError> error;
    hook->name = p.value(prefix + u"LifecycleHookName"_s);
    hook->transition = p.value(prefix + u"LifecycleTransition"_s);
    given[0] = p.has(prefix + u"LifecycleTransition"_s);
    const std::optional<int> heartbeat = p.integer(prefix + u"HeartbeatTimeout"_s, &error);
    if (error)
        return error;
    given[1] = heartbeat.has_value();
    hook->heartbeatTimeout = heartbeat.value_or(3600);
    given[2] = p.has(prefix + u"DefaultResult"_s);
    hook->defaultResult = p.value(prefix + u"DefaultResult"_s);
    given[3] = p.has(prefix + u"NotificationTargetARN"_s);
    hook->notificationTargetArn = p.value(prefix + u"NotificationTargetARN"_s);
    given[4] = p.has(prefix + u"RoleARN"_s);
    hook->roleArn = p.value(prefix + u"RoleARN"_s);
    given[5] = p.has(prefix + u"NotificationMetadata"_s);
    hook->notificationMetadata = p.value(prefix + u"NotificationMetadata"_s);
    if (given[5]) {
        if (auto e = checkLength(u"notificationMetadata"_s, hook->notificationMetadata, 4000))
            return e;
    }
    return std::nullopt;
}

std::optional<SimError> readGroupSpec(const SimParams& p, SimEngine::GroupSpec* spec)
{
    std::optional<SimError> error;
    spec->name = p.value(u"AutoScalingGroupName"_s);
    if (auto e = checkLength(u"autoScalingGroupName"_s, spec->name, 255))
        return e;
    spec->minSize = p.integer(u"MinSize"_s, &error);
    spec->maxSize = p.integer(u"MaxSize"_s, &error);
    spec->desiredCapacity = p.integer(u"DesiredCapacity"_s, &error);
    spec->defaultCooldown = p.integer(u"DefaultCooldown"_s, &error);
    spec->healthCheckGracePeriod = p.integer(u"HealthCheckGracePeriod"_s, &error);
    spec->newInstancesProtectedFromScaleIn = p.boolean(u"NewInstancesProtectedFromScaleIn"_s, &error);
    spec->capacityRebalance = p.boolean(u"CapacityRebalance"_s, &error);
    if (error)
        return error;
    spec->healthCheckType = p.value(u"HealthCheckType"_s);
    spec->launchTemplateName = p.value(u"LaunchTemplate.LaunchTemplateName"_s);
    spec->launchTemplateId = p.value(u"LaunchTemplate.LaunchTemplateId"_s);
    if (spec->launchTemplateName.isEmpty())
        spec->launchTemplateName
            = p.value(u"MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateName"_s);
    if (spec->launchTemplateId.isEmpty())
        spec->launchTemplateId
            = p.value(u"MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId"_s);
    spec->launchConfigurationName = p.value(u"LaunchConfigurationName"_s);
    spec->vpcZoneIdentifier = p.value(u"VPCZoneIdentifier"_s);
    spec->hasInstanceId = p.has(u"InstanceId"_s);
    if (p.has(u"AvailabilityZones.member.1"_s))
        spec->availabilityZones = p.list(u"AvailabilityZones"_s);
    if (p.has(u"TerminationPolicies.member.1"_s))
        spec->terminationPolicies = p.list(u"TerminationPolicies"_s);
    for (int i = 1; p.has(u"Tags.member.%1.Key"_s.arg(i)); ++i) {
        SimTag tag;
        tag.key = p.value(u"Tags.member.%1.Key"_s.arg(i));
        tag.value = p.value(u"Tags.member.%1.Value"_s.arg(i));
        tag.propagateAtLaunch = p.value(u"Tags.member.%1.PropagateAtLaunch"_s.arg(i)).toLower() == u"true";
        spec->tags.append(tag);
    }
    return std::nullopt;
}
} // namespace

SimQueryApi::Answer SimQueryApi::dispatchAutoScaling(const QString& action, const SimParams& p)
{
    if (action == u"CreateAutoScalingGroup")
        return createGroup(p);
    if (action == u"UpdateAutoScalingGroup")
        return updateGroup(p);
    if (action == u"DeleteAutoScalingGroup")
        return deleteGroup(p);
    if (action == u"SetDesiredCapacity")
        return setDesiredCapacity(p);
    if (action == u"TerminateInstanceInAutoScalingGroup")
        return terminateInstance(p);
    if (action == u"DescribeAutoScalingGroups")
        return describeGroups(p);
    if (action == u"DescribeAutoScalingInstances")
        return describeInstances(p);
    if (action == u"DescribeScalingActivities")
        return describeActivities(p);
    if (action == u"DescribeLifecycleHookTypes")
        return describeHookTypes(p);
    if (action == u"PutLifecycleHook")
        return putHook(p);
    if (action == u"DescribeLifecycleHooks")
        return describeHooks(p);
    if (action == u"DeleteLifecycleHook")
        return deleteHook(p);
    if (action == u"CompleteLifecycleAction")
        return completeAction(p, false);
    if (action == u"RecordLifecycleActionHeartbeat")
        return completeAction(p, true);
    return fail({ u"InvalidAction"_s, u"Could not find operation %1 for version 2011-01-01"_s.arg(action) });
}

SimQueryApi::Answer SimQueryApi::createGroup(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s, u"MinSize"_s, u"MaxSize"_s }))
        return fail(*e);
    SimEngine::GroupSpec spec;
    if (auto e = readGroupSpec(p, &spec))
        return fail(*e);
    // Hooks given at creation must exist before the first instance launches, so check them all first.
    QList<std::pair<SimHook, std::array<bool, 6>>> hooks;
    for (int i = 1; p.has(u"LifecycleHookSpecificationList.member.%1.LifecycleHookName"_s.arg(i)); ++i) {
        SimHook hook;
        hook.groupName = spec.name;
        std::array<bool, 6> given {};
        if (auto e = readHook(p, u"LifecycleHookSpecificationList.member.%1."_s.arg(i), &hook, given.data()))
            return fail(*e);
        hooks.append({ hook, given });
    }
    if (auto e = m_engine.createGroup(spec))
        return fail(*e);
    for (const auto& [hook, given] : std::as_const(hooks)) {
        if (auto e = m_engine.putHook(hook, given[0], given[1], given[2], given[3], given[4], given[5])) {
            m_engine.deleteGroup(spec.name, true);
            return fail(*e);
        }
    }
    return noResult();
}

SimQueryApi::Answer SimQueryApi::updateGroup(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s }))
        return fail(*e);
    SimEngine::GroupSpec spec;
    if (auto e = readGroupSpec(p, &spec))
        return fail(*e);
    if (auto e = m_engine.updateGroup(spec))
        return fail(*e);
    return noResult();
}

SimQueryApi::Answer SimQueryApi::deleteGroup(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s }))
        return fail(*e);
    std::optional<SimError> error;
    const bool force = p.boolean(u"ForceDelete"_s, &error).value_or(false);
    if (error)
        return fail(*error);
    if (auto e = m_engine.deleteGroup(p.value(u"AutoScalingGroupName"_s), force))
        return fail(*e);
    return noResult();
}

SimQueryApi::Answer SimQueryApi::setDesiredCapacity(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s, u"DesiredCapacity"_s }))
        return fail(*e);
    std::optional<SimError> error;
    const std::optional<int> desired = p.integer(u"DesiredCapacity"_s, &error);
    p.boolean(u"HonorCooldown"_s, &error);
    if (error)
        return fail(*error);
    if (auto e = m_engine.setDesiredCapacity(p.value(u"AutoScalingGroupName"_s), *desired))
        return fail(*e);
    return noResult();
}

SimQueryApi::Answer SimQueryApi::terminateInstance(const SimParams& p)
{
    if (auto e = p.require({ u"InstanceId"_s, u"ShouldDecrementDesiredCapacity"_s }))
        return fail(*e);
    std::optional<SimError> error;
    const bool decrement = p.boolean(u"ShouldDecrementDesiredCapacity"_s, &error).value_or(false);
    if (error)
        return fail(*error);
    QString activityId;
    if (auto e = m_engine.terminateInstance(p.value(u"InstanceId"_s), decrement, &activityId))
        return fail(*e);
    Answer answer;
    const SimActivity* activity = m_engine.activity(activityId);
    const SimActivity copy = activity ? *activity : SimActivity {};
    answer.result = [copy](QXmlStreamWriter& w) { writeActivity(w, copy, u"Activity"_s); };
    return answer;
}

SimQueryApi::Answer SimQueryApi::describeGroups(const SimParams& p)
{
    std::optional<SimError> error;
    const bool includeInstances = p.boolean(u"IncludeInstances"_s, &error).value_or(true);
    if (error)
        return fail(*error);
    const QStringList names = p.list(u"AutoScalingGroupNames"_s);
    if (names.size() > 50) {
        return fail(SimError::validation(
            u"1 validation error detected: Value at 'autoScalingGroupNames' failed to satisfy constraint: Member must have length less than or equal to 50"_s));
    }
    QList<QPair<QString, QStringList>> filters;
    for (int i = 1; p.has(u"Filters.member.%1.Name"_s.arg(i)); ++i)
        filters.append({ p.value(u"Filters.member.%1.Name"_s.arg(i)), p.list(u"Filters.member.%1.Values"_s.arg(i)) });

    QList<const SimGroup*> selected;
    for (const SimGroup* group : m_engine.groups()) {
        if ((names.isEmpty() || names.contains(group->name)) && matchesFilters(*group, filters))
            selected.append(group);
    }
    Page page;
    if (auto e = paginate(p, u"groups"_s, selected.size(), 50, 100, &page))
        return fail(*e);
    struct Row {
        SimGroup group;
        QList<SimInstance> instances;
    };
    QList<Row> rows;
    for (qsizetype i = page.offset; i < page.end; ++i) {
        Row row { *selected.at(i), {} };
        for (const SimInstance* instance : m_engine.instancesOf(row.group.name))
            row.instances.append(*instance);
        rows.append(row);
    }
    Answer answer;
    answer.result = [rows, next = page.next, includeInstances](QXmlStreamWriter& w) {
        w.writeStartElement(u"AutoScalingGroups"_s);
        for (const Row& row : rows) {
            const SimGroup& g = row.group;
            w.writeStartElement(u"member"_s);
            w.writeTextElement(u"AutoScalingGroupName"_s, g.name);
            w.writeTextElement(u"AutoScalingGroupARN"_s, g.arn);
            SimXml::text(w, u"LaunchConfigurationName"_s,
                g.launchConfigurationName.isEmpty() ? QString() : g.launchConfigurationName);
            writeLaunchTemplate(w, g);
            SimXml::number(w, u"MinSize"_s, g.minSize);
            SimXml::number(w, u"MaxSize"_s, g.maxSize);
            SimXml::number(w, u"DesiredCapacity"_s, g.desiredCapacity);
            SimXml::number(w, u"DefaultCooldown"_s, g.defaultCooldown);
            SimXml::list(w, u"AvailabilityZones"_s, g.availabilityZones);
            SimXml::list(w, u"LoadBalancerNames"_s, {});
            SimXml::list(w, u"TargetGroupARNs"_s, {});
            w.writeTextElement(u"HealthCheckType"_s, g.healthCheckType);
            SimXml::number(w, u"HealthCheckGracePeriod"_s, g.healthCheckGracePeriod);
            if (includeInstances) {
                w.writeStartElement(u"Instances"_s);
                for (const SimInstance& i : row.instances)
                    writeInstance(w, i, g, false);
                w.writeEndElement();
            }
            SimXml::time(w, u"CreatedTime"_s, g.createdTime);
            SimXml::list(w, u"SuspendedProcesses"_s, {});
            SimXml::text(w, u"VPCZoneIdentifier"_s, g.vpcZoneIdentifier.isEmpty() ? QString() : g.vpcZoneIdentifier);
            SimXml::list(w, u"EnabledMetrics"_s, {});
            w.writeStartElement(u"Tags"_s);
            for (const SimTag& tag : g.tags) {
                w.writeStartElement(u"member"_s);
                w.writeTextElement(u"ResourceId"_s, g.name);
                w.writeTextElement(u"ResourceType"_s, u"auto-scaling-group"_s);
                w.writeTextElement(u"Key"_s, tag.key);
                w.writeTextElement(u"Value"_s, tag.value);
                SimXml::boolean(w, u"PropagateAtLaunch"_s, tag.propagateAtLaunch);
                w.writeEndElement();
            }
            w.writeEndElement();
            SimXml::list(w, u"TerminationPolicies"_s, g.terminationPolicies);
            SimXml::boolean(w, u"NewInstancesProtectedFromScaleIn"_s, g.newInstancesProtectedFromScaleIn);
            w.writeTextElement(u"ServiceLinkedRoleARN"_s,
                u"arn:aws:iam::%1:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"_s.arg(
                    g.arn.section(u':', 4, 4)));
            SimXml::boolean(w, u"CapacityRebalance"_s, g.capacityRebalance);
            w.writeEndElement();
        }
        w.writeEndElement();
        SimXml::text(w, u"NextToken"_s, next);
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::describeInstances(const SimParams& p)
{
    const QStringList ids = p.list(u"InstanceIds"_s);
    if (ids.size() > 50) {
        return fail(SimError::validation(
            u"1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50"_s));
    }
    QList<SimInstance> selected;
    for (const SimInstance* instance : m_engine.allInstances()) {
        if (ids.isEmpty() || ids.contains(instance->id))
            selected.append(*instance);
    }
    Page page;
    if (auto e = paginate(p, u"instances"_s, selected.size(), 50, 50, &page))
        return fail(*e);
    QList<QPair<SimInstance, SimGroup>> rows;
    for (qsizetype i = page.offset; i < page.end; ++i) {
        const SimGroup* group = m_engine.group(selected.at(i).groupName);
        rows.append({ selected.at(i), group ? *group : SimGroup {} });
    }
    Answer answer;
    answer.result = [rows, next = page.next](QXmlStreamWriter& w) {
        w.writeStartElement(u"AutoScalingInstances"_s);
        for (const auto& [i, g] : rows)
            writeInstance(w, i, g, true);
        w.writeEndElement();
        SimXml::text(w, u"NextToken"_s, next);
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::describeActivities(const SimParams& p)
{
    std::optional<SimError> error;
    const bool includeDeleted = p.boolean(u"IncludeDeletedGroups"_s, &error).value_or(false);
    if (error)
        return fail(*error);
    const QString groupName = p.value(u"AutoScalingGroupName"_s);
    const QStringList ids = p.list(u"ActivityIds"_s);
    QList<SimActivity> selected;
    for (const SimActivity* activity : m_engine.activities(groupName)) {
        if (!ids.isEmpty() && !ids.contains(activity->id))
            continue;
        if (!includeDeleted && !m_engine.group(activity->groupName))
            continue;
        selected.append(*activity);
    }
    Page page;
    if (auto e = paginate(p, u"activities"_s, selected.size(), 100, 100, &page))
        return fail(*e);
    Answer answer;
    answer.result = [items = selected.mid(page.offset, page.end - page.offset), next = page.next](QXmlStreamWriter& w) {
        w.writeStartElement(u"Activities"_s);
        for (const SimActivity& a : items)
            writeActivity(w, a, u"member"_s);
        w.writeEndElement();
        SimXml::text(w, u"NextToken"_s, next);
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::describeHookTypes(const SimParams&)
{
    Answer answer;
    answer.result = [](QXmlStreamWriter& w) {
        SimXml::list(w, u"LifecycleHookTypes"_s,
            { u"autoscaling:EC2_INSTANCE_LAUNCHING"_s, u"autoscaling:EC2_INSTANCE_TERMINATING"_s });
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::putHook(const SimParams& p)
{
    if (auto e = p.require({ u"LifecycleHookName"_s, u"AutoScalingGroupName"_s }))
        return fail(*e);
    SimHook hook;
    hook.groupName = p.value(u"AutoScalingGroupName"_s);
    bool given[6] = {};
    if (auto e = readHook(p, QString(), &hook, given))
        return fail(*e);
    if (auto e = m_engine.putHook(hook, given[0], given[1], given[2], given[3], given[4], given[5]))
        return fail(*e);
    return {};
}

SimQueryApi::Answer SimQueryApi::describeHooks(const SimParams& p)
{
    if (auto e = p.require({ u"AutoScalingGroupName"_s }))
        return fail(*e);
    const QString groupName = p.value(u"AutoScalingGroupName"_s);
    const SimGroup* group = m_engine.group(groupName);
    if (!group)
        return fail(SimError::validation(u"Group %1 not found"_s.arg(groupName)));
    const QStringList names = p.list(u"LifecycleHookNames"_s);
    if (names.size() > 50) {
        return fail(SimError::validation(
            u"1 validation error detected: Value at 'lifecycleHookNames' failed to satisfy constraint: Member must have length less than or equal to 50"_s));
    }
    QList<SimHook> hooks;
    for (const SimHook& hook : group->hooks) {
        if (names.isEmpty() || names.contains(hook.name))
            hooks.append(hook);
    }
    Answer answer;
    answer.result = [hooks](QXmlStreamWriter& w) {
        w.writeStartElement(u"LifecycleHooks"_s);
        for (const SimHook& h : hooks) {
            w.writeStartElement(u"member"_s);
            w.writeTextElement(u"LifecycleHookName"_s, h.name);
            w.writeTextElement(u"AutoScalingGroupName"_s, h.groupName);
            w.writeTextElement(u"LifecycleTransition"_s, h.transition);
            if (!h.notificationTargetArn.isEmpty())
                w.writeTextElement(u"NotificationTargetARN"_s, h.notificationTargetArn);
            if (!h.roleArn.isEmpty())
                w.writeTextElement(u"RoleARN"_s, h.roleArn);
            if (!h.notificationMetadata.isEmpty())
                w.writeTextElement(u"NotificationMetadata"_s, h.notificationMetadata);
            SimXml::number(w, u"HeartbeatTimeout"_s, h.heartbeatTimeout);
            SimXml::number(w, u"GlobalTimeout"_s, h.globalTimeout());
            w.writeTextElement(u"DefaultResult"_s, h.defaultResult);
            w.writeEndElement();
        }
        w.writeEndElement();
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::deleteHook(const SimParams& p)
{
    if (auto e = p.require({ u"LifecycleHookName"_s, u"AutoScalingGroupName"_s }))
        return fail(*e);
    if (auto e = m_engine.deleteHook(p.value(u"AutoScalingGroupName"_s), p.value(u"LifecycleHookName"_s)))
        return fail(*e);
    return {};
}

SimQueryApi::Answer SimQueryApi::completeAction(const SimParams& p, bool heartbeat)
{
    QStringList required { u"LifecycleHookName"_s, u"AutoScalingGroupName"_s };
    if (!heartbeat)
        required.append(u"LifecycleActionResult"_s);
    if (auto e = p.require(required))
        return fail(*e);
    const QString token = p.value(u"LifecycleActionToken"_s);
    if (p.has(u"LifecycleActionToken"_s) && token.size() != 36) {
        return fail(SimError::validation(
            u"1 validation error detected: Value '%1' at 'lifecycleActionToken' failed to satisfy constraint: Member must have length %2 than or equal to 36"_s
                .arg(token, token.size() < 36 ? u"greater"_s : u"less"_s)));
    }
    const QString instanceId = p.value(u"InstanceId"_s);
    if (p.has(u"InstanceId"_s)) {
        if (auto e = checkLength(u"instanceId"_s, instanceId, 19))
            return fail(*e);
    }
    const QString group = p.value(u"AutoScalingGroupName"_s);
    const QString hook = p.value(u"LifecycleHookName"_s);
    const std::optional<SimError> e = heartbeat
        ? m_engine.recordHeartbeat(group, hook, token, instanceId)
        : m_engine.completeAction(group, hook, token, instanceId, p.value(u"LifecycleActionResult"_s));
    if (e)
        return fail(*e);
    return {};
}
