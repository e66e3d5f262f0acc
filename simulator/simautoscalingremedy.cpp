// Query front of the remediation operations that answer nothing but the envelope (SetInstanceProtection).
#include "simqueryapi.h"

using namespace Qt::StringLiterals;

SimQueryApi::Answer SimQueryApi::setInstanceProtection(const SimParams& p)
{
    if (auto required = p.require({ u"AutoScalingGroupName"_s, u"ProtectedFromScaleIn"_s }); !required)
        return required.error();
    const SimResult<std::optional<bool>> protect = p.boolean(u"ProtectedFromScaleIn"_s);
    if (!protect)
        return protect.error();
    const QStringList ids = p.list(u"InstanceIds"_s);
    if (ids.isEmpty()) {
        return SimApiDetail::fail(SimError::validation(
            u"1 validation error detected: Value null at 'instanceIds' failed to satisfy constraint: Member must not be null"_s));
    }
    if (ids.size() > 50) {
        return SimApiDetail::fail(SimError::validation(
            u"1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50"_s));
    }
    if (auto set = m_engine.setInstanceProtection(p.value(u"AutoScalingGroupName"_s), ids, protect->value_or(false));
        !set)
        return set.error();
    return Reply {};
}
