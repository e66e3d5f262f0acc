#include "warmpooltext.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace WarmPoolText {

QString summary(const AutoScalingGroup& group)
{
    if (!group.warmPool)
        return {};
    const WarmPoolConfiguration& pool = *group.warmPool;
    const QString maxPrepared = pool.maxGroupPreparedCapacity >= 0
        ? QString::number(pool.maxGroupPreparedCapacity)
        : QCoreApplication::translate("WarmPoolText", "group max");
    QString text = QCoreApplication::translate(
        "WarmPoolText", "warm pool: %n instance(s), min %1, max prepared %2, %3", nullptr, group.warmPoolSize)
                       .arg(pool.minSize)
                       .arg(maxPrepared, pool.poolState);
    if (pool.reuseOnScaleIn)
        text += QCoreApplication::translate("WarmPoolText", ", reuse on scale in");
    if (!pool.status.isEmpty())
        text += QCoreApplication::translate("WarmPoolText", ", being deleted (%1)").arg(pool.status);
    return text;
}

QJsonObject json(const AutoScalingGroup& group)
{
    if (!group.warmPool)
        return {};
    const WarmPoolConfiguration& pool = *group.warmPool;
    return QJsonObject {
        { u"minSize"_s, pool.minSize },
        { u"maxGroupPreparedCapacity"_s,
            pool.maxGroupPreparedCapacity >= 0 ? QJsonValue(pool.maxGroupPreparedCapacity) : QJsonValue() },
        { u"poolState"_s, pool.poolState },
        { u"status"_s, pool.status.isEmpty() ? QJsonValue() : QJsonValue(pool.status) },
        { u"reuseOnScaleIn"_s, pool.reuseOnScaleIn },
        { u"size"_s, group.warmPoolSize },
    };
}

} // namespace WarmPoolText
