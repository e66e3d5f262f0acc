#pragma once

#include "autoscalingtypes.h"
#include "bulkactionjob.h"

#include <QHash>
#include <QStringList>

class InstanceGroupLocator;

// `complete`/`heartbeat --instance I…` without --group: the InstanceGroupLocator's answer turned into action
// targets — each instance in its own group, grouped by group, exactly as if --group had been given for each — and
// a refused item for every instance no group holds (nothing is sent for those).
class LocatedTargets {
public:
    LocatedTargets() = default;
    explicit LocatedTargets(const InstanceGroupLocator& locator);

    bool foundAny() const { return !m_groups.isEmpty(); }
    QStringList groupNames() const; // sorted
    // Targets of the instances found (`instances` gives the order), grouped by group; `hook` may be empty.
    QList<LifecycleActionTarget> targets(const QStringList& instances, const QString& hook) const;
    // Adds a refused item per unknown instance to `job` before it runs, so the report lists them with the rest.
    void addRefused(BulkActionJob* job) const;

private:
    QHash<QString, QString> m_groups; // instance → group
    QStringList m_unknown;
    QString m_region;
};
