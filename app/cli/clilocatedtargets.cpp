#include "clilocatedtargets.h"

#include "instancegrouplocator.h"

#include <QCoreApplication>

LocatedTargets::LocatedTargets(const InstanceGroupLocator& locator)
    : m_groups(locator.groups())
    , m_unknown(locator.unknownInstances())
    , m_region(locator.region())
{
}

QStringList LocatedTargets::groupNames() const
{
    QStringList names;
    for (const QString& group : m_groups) {
        if (!names.contains(group))
            names.append(group);
    }
    names.sort();
    return names;
}

QList<LifecycleActionTarget> LocatedTargets::targets(const QStringList& instances, const QString& hook) const
{
    QList<LifecycleActionTarget> list;
    for (const QString& group : groupNames()) {
        for (const QString& instance : instances) {
            if (m_groups.value(instance) == group)
                list.append(LifecycleActionTarget { group, hook, instance, QString() });
        }
    }
    return list;
}

void LocatedTargets::addRefused(BulkActionJob* job) const
{
    for (const QString& instance : m_unknown) {
        job->addItem(LifecycleActionTarget { QString(), QString(), instance, QString() });
        job->setItemState(int(job->count()) - 1, BulkActionJob::ItemState::Refused,
            QCoreApplication::translate("CliCommands", "Instance %1 is not in any Auto Scaling group (in region %2)")
                .arg(instance, m_region));
    }
}
