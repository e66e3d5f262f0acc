#include "instancegrouplocator.h"

#include "autoscalingclient.h"
#include "awssession.h"
#include "jobhelpers.h"

#include <QCoreApplication>

InstanceGroupLocator::InstanceGroupLocator(AwsSession* session, const QStringList& instanceIds, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_ids(instanceIds)
    , m_region(session ? session->region() : QString())
{
    m_ids.removeDuplicates();
    QMetaObject::invokeMethod(this, &InstanceGroupLocator::start, Qt::QueuedConnection);
}

QStringList InstanceGroupLocator::unknownInstances() const
{
    QStringList unknown;
    for (const QString& id : m_ids) {
        if (!m_groups.contains(id))
            unknown.append(id);
    }
    return unknown;
}

void InstanceGroupLocator::start()
{
    if (!m_session) {
        finish(AwsError::validation(QCoreApplication::translate("InstanceGroupLocator", "Not connected.")));
        return;
    }
    // No IDs would make DescribeAutoScalingInstances list every instance of the account: nothing to look up.
    if (m_ids.isEmpty()) {
        finish({});
        return;
    }
    whenFinished(m_session->autoScaling()->describeAutoScalingInstances(m_ids), this,
        [this](const AwsError& error, const QList<GroupInstance>& instances, const QString&) {
            for (const GroupInstance& instance : instances) {
                if (m_ids.contains(instance.instanceId) && !instance.groupName.isEmpty())
                    m_groups.insert(instance.instanceId, instance.groupName);
            }
            finish(error);
        });
}

void InstanceGroupLocator::finish(const AwsError& error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (error.isError())
        m_groups.clear();
    Q_EMIT finished(this);
}
