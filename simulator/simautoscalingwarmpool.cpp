// Query front of the warm-pool operations: PutWarmPool, DescribeWarmPool (MaxRecords ≤ 50, NextToken) and
// DeleteWarmPool. Element names and order follow the service model (shapes WarmPoolConfiguration and Instance).
#include "simqueryapi.h"

using namespace Qt::StringLiterals;

void SimApiDetail::writeWarmPoolConfiguration(QXmlStreamWriter& w, const SimWarmPool& pool)
{
    w.writeStartElement(u"WarmPoolConfiguration"_s);
    // -1 ("unset") is how the service answers when no MaxGroupPreparedCapacity was given: it is left out.
    if (pool.maxGroupPreparedCapacity >= 0)
        SimXml::number(w, u"MaxGroupPreparedCapacity"_s, pool.maxGroupPreparedCapacity);
    SimXml::number(w, u"MinSize"_s, pool.minSize);
    w.writeTextElement(u"PoolState"_s, pool.poolState);
    if (pool.pendingDelete)
        w.writeTextElement(u"Status"_s, u"PendingDelete"_s);
    w.writeStartElement(u"InstanceReusePolicy"_s);
    SimXml::boolean(w, u"ReuseOnScaleIn"_s, pool.reuseOnScaleIn);
    w.writeEndElement();
    w.writeEndElement();
}

SimQueryApi::Answer SimQueryApi::putWarmPool(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    SimEngine::WarmPoolSpec spec;
    spec.groupName = p.value(u"AutoScalingGroupName"_s);
    const SimResult<std::optional<int>> minSize = p.integer(u"MinSize"_s);
    if (!minSize)
        return minSize.error();
    const SimResult<std::optional<int>> maxPrepared = p.integer(u"MaxGroupPreparedCapacity"_s);
    if (!maxPrepared)
        return maxPrepared.error();
    const SimResult<std::optional<bool>> reuse = p.boolean(u"InstanceReusePolicy.ReuseOnScaleIn"_s);
    if (!reuse)
        return reuse.error();
    spec.minSize = *minSize;
    spec.maxGroupPreparedCapacity = *maxPrepared;
    spec.reuseOnScaleIn = *reuse;
    if (p.has(u"PoolState"_s))
        spec.poolState = p.value(u"PoolState"_s);
    if (auto put = m_engine.putWarmPool(spec); !put)
        return put.error();
    return Reply {};
}

SimQueryApi::Answer SimQueryApi::describeWarmPool(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    const QString groupName = p.value(u"AutoScalingGroupName"_s);
    const SimGroup* group = m_engine.group(groupName);
    if (!group) {
        return SimApiDetail::fail(
            SimError::validation(u"AutoScalingGroup name not found - No such Auto Scaling group: %1"_s.arg(groupName)));
    }
    const QList<const SimInstance*> pool = m_engine.warmPoolInstances(groupName);
    const SimResult<SimApiDetail::Page> paged = SimApiDetail::paginate(p, u"warmpool"_s, pool.size(), 50, 50);
    if (!paged)
        return paged.error();
    QList<SimInstance> instances;
    for (qsizetype i = paged->offset; i < paged->end; ++i)
        instances.append(*pool.at(i));
    // Copied now: the reply is written after the engine may have moved on.
    Reply answer;
    answer.result = [config = group->warmPool, groupCopy = *group, instances, next = paged->next](QXmlStreamWriter& w) {
        // A group without a pool answers an empty listing, without WarmPoolConfiguration.
        if (config)
            SimApiDetail::writeWarmPoolConfiguration(w, *config);
        w.writeStartElement(u"Instances"_s);
        for (const SimInstance& instance : instances)
            SimApiDetail::writeInstance(w, instance, groupCopy, false);
        w.writeEndElement();
        SimXml::text(w, u"NextToken"_s, next);
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::deleteWarmPool(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    const SimResult<std::optional<bool>> force = p.boolean(u"ForceDelete"_s);
    if (!force)
        return force.error();
    if (auto deleted = m_engine.deleteWarmPool(p.value(u"AutoScalingGroupName"_s), force->value_or(false)); !deleted)
        return deleted.error();
    return Reply {};
}
