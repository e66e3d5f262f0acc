// Auto Scaling (2011-01-01) Describe* operations of the Query front, with MaxRecords/NextToken pagination. Element
// names and order follow the service model (tests/data/models/autoscaling-2011-01-01.json).
#include "simqueryapi.h"

using namespace Qt::StringLiterals;
using SimApiDetail::fail;
using SimApiDetail::writeActivity;

namespace {
SimResult<void> checkMaxRecords(std::optional<int> value, int max)
{
    if (!value)
        return {};
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
    return {};
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
    w.writeTextElement(u"LifecycleState"_s, i.state.toString());
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
SimResult<Page> paginate(const SimParams& p, const QString& kind, qsizetype total, int defaultSize, int max)
{
    const SimResult<std::optional<int>> maxRecordsParam = p.integer(u"MaxRecords"_s);
    if (!maxRecordsParam)
        return maxRecordsParam.error();
    const std::optional<int> maxRecords = *maxRecordsParam;
    if (auto checked = checkMaxRecords(maxRecords, max); !checked)
        return checked.error();
    Page page;
    if (p.has(u"NextToken"_s)) {
        const auto decoded = SimXml::pageOffset(kind, p.value(u"NextToken"_s));
        if (!decoded || *decoded > total)
            return invalidToken(p.value(u"NextToken"_s));
        page.offset = *decoded;
    }
    page.end = qMin(total, page.offset + maxRecords.value_or(defaultSize));
    page.next = page.end < total ? SimXml::pageToken(kind, page.end) : QString();
    return page;
}

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

// DescribeScalingActivities' Filters as the service model documents them: Status (any of the values; only with a
// group name), StartTimeLowerBound / StartTimeUpperBound (inclusive; ISO 8601, UTC when no offset is given).
struct ActivityFilter {
    QStringList statuses;
    QDateTime lower;
    QDateTime upper;

    bool matches(const SimActivity& a) const
    {
        return (statuses.isEmpty() || statuses.contains(a.statusCode)) && (!lower.isValid() || a.startTime >= lower)
            && (!upper.isValid() || a.startTime <= upper);
    }
};

SimResult<ActivityFilter> parseActivityFilters(const SimParams& p, bool hasGroup)
{
    ActivityFilter filter;
    for (int i = 1; p.has(u"Filters.member.%1.Name"_s.arg(i)); ++i) {
        const QString name = p.value(u"Filters.member.%1.Name"_s.arg(i));
        const QStringList values = p.list(u"Filters.member.%1.Values"_s.arg(i));
        if (values.isEmpty())
            return SimError::validation(u"The filter '%1' needs at least one value."_s.arg(name));
        if (name == u"Status") {
            if (!hasGroup) {
                return SimError::validation(
                    u"The Status filter can only be used in combination with the AutoScalingGroupName parameter."_s);
            }
            filter.statuses += values;
            continue;
        }
        if (name != u"StartTimeLowerBound" && name != u"StartTimeUpperBound")
            return SimError::validation(u"The filter name '%1' is not supported."_s.arg(name));
        QDateTime time = QDateTime::fromString(values.constFirst(), Qt::ISODateWithMs);
        if (!time.isValid() || values.size() > 1)
            return SimError::validation(u"Invalid value '%1' for filter %2."_s.arg(values.join(u','), name));
        if (time.timeSpec() == Qt::LocalTime) // no offset: the service reads it as UTC
            time = QDateTime(time.date(), time.time(), Qt::UTC);
        (name == u"StartTimeLowerBound" ? filter.lower : filter.upper) = time.toUTC();
    }
    return filter;
}
// A group as DescribeAutoScalingGroups lists it, copied when the call is answered: the reply is written later.
struct GroupRow {
    SimGroup group;
    QList<SimInstance> instances;
};

void writeGroupTags(QXmlStreamWriter& w, const SimGroup& g)
{
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
}

// One <member> of AutoScalingGroups.
void writeGroup(QXmlStreamWriter& w, const GroupRow& row, bool includeInstances)
{
    const SimGroup& g = row.group;
    w.writeStartElement(u"member"_s);
    w.writeTextElement(u"AutoScalingGroupName"_s, g.name);
    w.writeTextElement(u"AutoScalingGroupARN"_s, g.arn);
    SimXml::text(
        w, u"LaunchConfigurationName"_s, g.launchConfigurationName.isEmpty() ? QString() : g.launchConfigurationName);
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
    writeGroupTags(w, g);
    SimXml::list(w, u"TerminationPolicies"_s, g.terminationPolicies);
    SimXml::boolean(w, u"NewInstancesProtectedFromScaleIn"_s, g.newInstancesProtectedFromScaleIn);
    w.writeTextElement(u"ServiceLinkedRoleARN"_s,
        u"arn:aws:iam::%1:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"_s.arg(
            g.arn.section(u':', 4, 4)));
    SimXml::boolean(w, u"CapacityRebalance"_s, g.capacityRebalance);
    w.writeEndElement();
}
} // namespace

SimQueryApi::Answer SimQueryApi::describeGroups(const SimParams& p)
{
    const SimResult<std::optional<bool>> includeInstancesParam = p.boolean(u"IncludeInstances"_s);
    if (!includeInstancesParam)
        return includeInstancesParam.error();
    const bool includeInstances = includeInstancesParam->value_or(true);
    const QStringList names = p.list(u"AutoScalingGroupNames"_s);
    // 50 names a call, or up to MaxRecords when that is larger (the service model); a bad MaxRecords is refused by
    // paginate() below.
    const SimResult<std::optional<int>> maxRecords = p.integer(u"MaxRecords"_s);
    const qsizetype nameLimit = qMax(50, maxRecords ? qMin(100, maxRecords->value_or(0)) : 0);
    if (names.size() > nameLimit) {
        return fail(SimError::validation(
            u"1 validation error detected: Value at 'autoScalingGroupNames' failed to satisfy constraint: Member must have length less than or equal to %1"_s
                .arg(nameLimit)));
    }
    QList<QPair<QString, QStringList>> filters;
    for (int i = 1; p.has(u"Filters.member.%1.Name"_s.arg(i)); ++i)
        filters.append({ p.value(u"Filters.member.%1.Name"_s.arg(i)), p.list(u"Filters.member.%1.Values"_s.arg(i)) });

    QList<const SimGroup*> selected;
    for (const SimGroup* group : m_engine.groups()) {
        if ((names.isEmpty() || names.contains(group->name)) && matchesFilters(*group, filters))
            selected.append(group);
    }
    const SimResult<Page> paged = paginate(p, u"groups"_s, selected.size(), 50, 100);
    if (!paged)
        return paged.error();
    const Page& page = *paged;
    QList<GroupRow> rows;
    for (qsizetype i = page.offset; i < page.end; ++i) {
        GroupRow row { *selected.at(i), {} };
        for (const SimInstance* instance : m_engine.instancesOf(row.group.name))
            row.instances.append(*instance);
        rows.append(row);
    }
    Reply answer;
    answer.result = [rows, next = page.next, includeInstances](QXmlStreamWriter& w) {
        w.writeStartElement(u"AutoScalingGroups"_s);
        for (const GroupRow& row : rows)
            writeGroup(w, row, includeInstances);
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
    const SimResult<Page> paged = paginate(p, u"instances"_s, selected.size(), 50, 50);
    if (!paged)
        return paged.error();
    const Page& page = *paged;
    QList<QPair<SimInstance, SimGroup>> rows;
    for (qsizetype i = page.offset; i < page.end; ++i) {
        const SimGroup* group = m_engine.group(selected.at(i).groupName);
        rows.append({ selected.at(i), group ? *group : SimGroup {} });
    }
    Reply answer;
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
    const SimResult<std::optional<bool>> includeDeletedParam = p.boolean(u"IncludeDeletedGroups"_s);
    if (!includeDeletedParam)
        return includeDeletedParam.error();
    const bool includeDeleted = includeDeletedParam->value_or(false);
    const QString groupName = p.value(u"AutoScalingGroupName"_s);
    const QStringList ids = p.list(u"ActivityIds"_s);
    const SimResult<ActivityFilter> filter = parseActivityFilters(p, !groupName.isEmpty());
    if (!filter)
        return filter.error();
    QList<SimActivity> selected;
    for (const SimActivity* activity : m_engine.activities(groupName)) {
        if ((!ids.isEmpty() && !ids.contains(activity->id)) || !filter->matches(*activity))
            continue;
        if (!includeDeleted && !m_engine.group(activity->groupName))
            continue;
        selected.append(*activity);
    }
    const SimResult<Page> paged = paginate(p, u"activities"_s, selected.size(), 100, 100);
    if (!paged)
        return paged.error();
    const Page& page = *paged;
    Reply answer;
    answer.result = [items = selected.mid(page.offset, page.end - page.offset), next = page.next](QXmlStreamWriter& w) {
        w.writeStartElement(u"Activities"_s);
        for (const SimActivity& a : items)
            writeActivity(w, a, u"member"_s);
        w.writeEndElement();
        SimXml::text(w, u"NextToken"_s, next);
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::describeHookTypes(const SimParams& /*p*/)
{
    Reply answer;
    answer.result = [](QXmlStreamWriter& w) {
        QStringList types;
        for (const auto& type : Lifecycle::enumNames(Lifecycle::HookTransition {}))
            types.append(type.name);
        SimXml::list(w, u"LifecycleHookTypes"_s, types);
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::describeHooks(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
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
    Reply answer;
    answer.result = [hooks](QXmlStreamWriter& w) {
        w.writeStartElement(u"LifecycleHooks"_s);
        for (const SimHook& h : hooks) {
            w.writeStartElement(u"member"_s);
            w.writeTextElement(u"LifecycleHookName"_s, h.name);
            w.writeTextElement(u"AutoScalingGroupName"_s, h.groupName);
            w.writeTextElement(u"LifecycleTransition"_s, nameOf(h.transition));
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

SimResult<SimApiDetail::PageRange> SimApiDetail::pageRange(
    const SimParams& p, const QString& kind, qsizetype total, int defaultSize, int max)
{
    const SimResult<Page> page = paginate(p, kind, total, defaultSize, max);
    if (!page)
        return page.error();
    return PageRange { page->offset, page->end, page->next };
}
