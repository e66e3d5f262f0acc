// Query front of the remediation operations: SetInstanceProtection and SetInstanceHealth (nothing but the
// envelope), EnterStandby and ExitStandby (one Activity per instance, as the service answers).
#include "simqueryapi.h"

using namespace Qt::StringLiterals;

namespace {
// InstanceIds as the service model bounds it for the operation: 1 to `limit` IDs.
SimResult<QStringList> instanceIds(const SimParams& p, int limit)
{
    const QStringList ids = p.list(u"InstanceIds"_s);
    if (ids.isEmpty()) {
        return SimError::validation(
            u"1 validation error detected: Value null at 'instanceIds' failed to satisfy constraint: Member must not be null"_s);
    }
    if (ids.size() > limit) {
        return SimError::validation(
            u"1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to %1"_s
                .arg(limit));
    }
    return ids;
}

SimQueryApi::Answer activities(const SimEngine& engine, const QStringList& activityIds)
{
    QList<SimActivity> copies;
    for (const QString& id : activityIds) {
        if (const SimActivity* activity = engine.activity(id))
            copies.append(*activity);
    }
    SimQueryApi::Reply answer;
    answer.result = [copies](QXmlStreamWriter& w) {
        w.writeStartElement(u"Activities"_s);
        for (const SimActivity& activity : copies)
            SimApiDetail::writeActivity(w, activity, u"member"_s);
        w.writeEndElement();
    };
    return answer;
}
} // namespace

SimQueryApi::Answer SimQueryApi::setInstanceProtection(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s, u"ProtectedFromScaleIn"_s }); !required)
        return required.error();
    const SimResult<std::optional<bool>> protect = p.boolean(u"ProtectedFromScaleIn"_s);
    if (!protect)
        return protect.error();
    const SimResult<QStringList> ids = instanceIds(p, 50);
    if (!ids)
        return ids.error();
    if (auto set = m_engine.setInstanceProtection(p.value(u"AutoScalingGroupName"_s), *ids, protect->value_or(false));
        !set)
        return set.error();
    return Reply {};
}

SimQueryApi::Answer SimQueryApi::setInstanceHealth(const SimParams& p)
{
    if (auto required = p.require({ u"InstanceId"_s, u"HealthStatus"_s }); !required)
        return required.error();
    const SimResult<std::optional<bool>> respect = p.boolean(u"ShouldRespectGracePeriod"_s);
    if (!respect)
        return respect.error();
    // The grace period is respected unless the caller says otherwise (the service model's documentation).
    if (auto set
        = m_engine.setInstanceHealth(p.value(u"InstanceId"_s), p.value(u"HealthStatus"_s), respect->value_or(true));
        !set)
        return set.error();
    return Reply { {}, false }; // SetInstanceHealth has no output shape: the answer has no Result element
}

SimQueryApi::Answer SimQueryApi::enterStandby(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s, u"ShouldDecrementDesiredCapacity"_s }); !required)
        return required.error();
    const SimResult<std::optional<bool>> decrement = p.boolean(u"ShouldDecrementDesiredCapacity"_s);
    if (!decrement)
        return decrement.error();
    const SimResult<QStringList> ids = instanceIds(p, 20);
    if (!ids)
        return ids.error();
    const SimResult<QStringList> moved
        = m_engine.enterStandby(p.value(u"AutoScalingGroupName"_s), *ids, decrement->value_or(false));
    if (!moved)
        return moved.error();
    return activities(m_engine, *moved);
}

SimQueryApi::Answer SimQueryApi::exitStandby(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s }); !required)
        return required.error();
    const SimResult<QStringList> ids = instanceIds(p, 20);
    if (!ids)
        return ids.error();
    const SimResult<QStringList> moved = m_engine.exitStandby(p.value(u"AutoScalingGroupName"_s), *ids);
    if (!moved)
        return moved.error();
    return activities(m_engine, *moved);
}
