#pragma once

#include "awserror.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class AwsSession;

// Finds the Auto Scaling group of each instance ID with DescribeAutoScalingInstances, for an operator who has only
// the instance ID (from an alarm or a console). The client sends at most 50 IDs a call and follows NextToken; the
// calls go one after another, not in parallel, because every Auto Scaling API of an account and region shares one
// throttle bucket and the operator's complete/heartbeat comes right after. An ID AWS does not know is ignored by
// the API, so it ends up in unknownInstances(). Starts on the next event-loop turn, so connecting after
// construction is safe; finished() is emitted exactly once. Owned by its parent; not auto-deleted.
class InstanceGroupLocator : public QObject {
    Q_OBJECT
public:
    InstanceGroupLocator(AwsSession* session, const QStringList& instanceIds, QObject* parent = nullptr);

    bool isFinished() const { return m_finished; }
    // Set when the lookup itself failed (network, credentials, throttling…); nothing is then known.
    const AwsError& error() const { return m_error; }
    // Instance → group, for every ID some group holds.
    QHash<QString, QString> groups() const { return m_groups; }
    // The group of one instance; empty when unknown.
    QString groupOf(const QString& instanceId) const { return m_groups.value(instanceId); }
    // IDs that no group holds, in the order they were given.
    QStringList unknownInstances() const;
    QString region() const { return m_region; }

Q_SIGNALS:
    void finished(InstanceGroupLocator* locator);

private:
    void start();
    void finish(const AwsError& error);

    QPointer<AwsSession> m_session;
    QStringList m_ids;
    QString m_region;
    QHash<QString, QString> m_groups;
    AwsError m_error;
    bool m_finished = false;
};
