// Query front of the instance refresh operations: StartInstanceRefresh, DescribeInstanceRefreshes,
// CancelInstanceRefresh and RollbackInstanceRefresh. Element names and order follow the service model
// (tests/data/models/autoscaling-2011-01-01.json); SimEngine (simenginerefresh.cpp) runs the refreshes.
#include "simqueryapi.h"

using namespace Qt::StringLiterals;

namespace {
using Answer = SimQueryApi::Answer;

void writeProgress(QXmlStreamWriter& w, const QString& element, int percentage, int toUpdate)
{
    // A group without a warm pool reports its live pool only.
    w.writeStartElement(element);
    w.writeStartElement(u"LivePoolProgress"_s);
    SimXml::number(w, u"PercentageComplete"_s, percentage);
    SimXml::number(w, u"InstancesToUpdate"_s, toUpdate);
    w.writeEndElement();
    w.writeEndElement();
}

void writeRefresh(QXmlStreamWriter& w, const SimRefresh& r)
{
    w.writeStartElement(u"member"_s);
    w.writeTextElement(u"InstanceRefreshId"_s, r.id);
    w.writeTextElement(u"AutoScalingGroupName"_s, r.groupName);
    w.writeTextElement(u"Status"_s, r.status);
    if (!r.statusReason.isEmpty())
        w.writeTextElement(u"StatusReason"_s, r.statusReason);
    SimXml::time(w, u"StartTime"_s, r.startTime);
    SimXml::time(w, u"EndTime"_s, r.endTime);
    SimXml::number(w, u"PercentageComplete"_s, r.percentageComplete());
    SimXml::number(w, u"InstancesToUpdate"_s, r.instancesToUpdate());
    writeProgress(w, u"ProgressDetails"_s, r.percentageComplete(), r.instancesToUpdate());
    w.writeStartElement(u"Preferences"_s);
    SimXml::number(w, u"MinHealthyPercentage"_s, r.minHealthyPercentage);
    SimXml::number(w, u"InstanceWarmup"_s, r.instanceWarmup);
    SimXml::boolean(w, u"SkipMatching"_s, r.skipMatching);
    SimXml::boolean(w, u"AutoRollback"_s, r.autoRollback);
    w.writeTextElement(u"ScaleInProtectedInstances"_s, r.scaleInProtectedInstances);
    w.writeTextElement(u"StandbyInstances"_s, r.standbyInstances);
    w.writeEndElement();
    if (r.rolledBack) {
        w.writeStartElement(u"RollbackDetails"_s);
        w.writeTextElement(u"RollbackReason"_s, r.rollbackReason);
        SimXml::time(w, u"RollbackStartTime"_s, r.rollbackStartTime);
        SimXml::number(w, u"PercentageCompleteOnRollback"_s, r.percentageOnRollback);
        SimXml::number(w, u"InstancesToUpdateOnRollback"_s, r.instancesToUpdateOnRollback);
        writeProgress(w, u"ProgressDetailsOnRollback"_s, r.percentageOnRollback, r.instancesToUpdateOnRollback);
        w.writeEndElement();
    }
    w.writeTextElement(u"Strategy"_s, r.strategy);
    w.writeEndElement();
}

// The answer of Start, Cancel and Rollback: the refresh's ID.
Answer refreshId(const SimResult<QString>& id)
{
    if (!id)
        return id.error();
    SimQueryApi::Reply reply;
    reply.result = [value = *id](QXmlStreamWriter& w) { w.writeTextElement(u"InstanceRefreshId"_s, value); };
    return reply;
}

SimResult<void> readFlag(const SimParams& p, const QString& name, std::optional<bool>& into)
{
    const SimResult<std::optional<bool>> value = p.boolean(name);
    if (!value)
        return value.error();
    into = *value;
    return {};
}
} // namespace

SimQueryApi::Answer SimQueryApi::startInstanceRefresh(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    SimEngine::RefreshSpec spec;
    spec.groupName = p.value(u"AutoScalingGroupName"_s);
    spec.strategy = p.value(u"Strategy"_s);
    const SimResult<std::optional<int>> minHealthy = p.integer(u"Preferences.MinHealthyPercentage"_s);
    if (!minHealthy)
        return minHealthy.error();
    spec.minHealthyPercentage = *minHealthy;
    const SimResult<std::optional<int>> warmup = p.integer(u"Preferences.InstanceWarmup"_s);
    if (!warmup)
        return warmup.error();
    spec.instanceWarmup = *warmup;
    if (auto read = readFlag(p, u"Preferences.SkipMatching"_s, spec.skipMatching); !read)
        return read.error();
    if (auto read = readFlag(p, u"Preferences.AutoRollback"_s, spec.autoRollback); !read)
        return read.error();
    spec.scaleInProtectedInstances = p.value(u"Preferences.ScaleInProtectedInstances"_s);
    spec.standbyInstances = p.value(u"Preferences.StandbyInstances"_s);
    return refreshId(m_engine.startInstanceRefresh(spec));
}

SimQueryApi::Answer SimQueryApi::describeInstanceRefreshes(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    const SimResult<QList<SimRefresh>> refreshes
        = m_engine.instanceRefreshes(p.value(u"AutoScalingGroupName"_s), p.list(u"InstanceRefreshIds"_s));
    if (!refreshes)
        return refreshes.error();
    const SimResult<SimApiDetail::Page> page = SimApiDetail::paginate(p, u"refreshes"_s, refreshes->size(), 50, 100);
    if (!page)
        return page.error();
    Reply reply;
    reply.result
        = [items = refreshes->mid(page->offset, page->end - page->offset), next = page->next](QXmlStreamWriter& w) {
              w.writeStartElement(u"InstanceRefreshes"_s);
              for (const SimRefresh& refresh : items)
                  writeRefresh(w, refresh);
              w.writeEndElement();
              SimXml::text(w, u"NextToken"_s, next);
          };
    return reply;
}

SimQueryApi::Answer SimQueryApi::cancelInstanceRefresh(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    std::optional<bool> waitForTransitioning; // accepted; the batch in flight always finishes here
    if (auto read = readFlag(p, u"WaitForTransitioningInstances"_s, waitForTransitioning); !read)
        return read.error();
    return refreshId(m_engine.cancelInstanceRefresh(p.value(u"AutoScalingGroupName"_s)));
}

SimQueryApi::Answer SimQueryApi::rollbackInstanceRefresh(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    return refreshId(m_engine.rollbackInstanceRefresh(p.value(u"AutoScalingGroupName"_s)));
}
