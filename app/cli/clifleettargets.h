#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"
#include "clifleet.h"

#include <QList>
#include <QMap>
#include <QString>

struct LifecycleActionOptions;

// `complete`/`heartbeat` over several connections: which connection each target goes through, decided from the
// inventories the connections loaded, before anything is sent. An instance goes to the one connection that lists it
// waiting (instance IDs are unique across AWS, so two listing it means something is wrong: refused as ambiguous);
// one listed by none is refused, or failed with the error of a connection that could not be read, since it may be
// there. --all-pending acts within every connection that has the group; a token (which names no instance) only
// where exactly one connection has the group.
class FleetTargets {
public:
    // A target not sent: `member` is the connection it is reported under (-1: none).
    struct Unsent {
        int member = -1;
        LifecycleActionTarget target;
        bool failed = false; // Failed (a connection that may hold it could not be read), else Refused
        QString message;
        AwsError error;
    };

    FleetTargets(const CliFleet& fleet, const LifecycleActionOptions& options);

    // A problem with the whole command (exit 2, nothing sent): --all-pending on a group or hook no connection has.
    QString problem() const { return m_problem; }
    // Targets per member index, in member order.
    const QMap<int, QList<LifecycleActionTarget>>& targets() const { return m_targets; }
    const QList<Unsent>& unsent() const { return m_unsent; }
    int targetCount() const;
    int connectionCount() const { return int(m_targets.size()); }

    // "111111111111 in eu-west-1" (the profile when STS did not say the account): how messages name a connection.
    static QString connectionName(const CliFleet::Member& member);

private:
    void locateInstances(const LifecycleActionOptions& options);
    void locateInstance(const QString& instance, const LifecycleActionOptions& options);
    void locateToken(const LifecycleActionOptions& options);
    void collectAllPending(const LifecycleActionOptions& options);
    // Not found in any connection that answered: refused, or failed when some connection could not be read.
    void notFound(const LifecycleActionTarget& target, const QString& notFoundMessage);
    QList<int> membersWithGroup(const QString& group) const;
    QString failedNames() const;

    const CliFleet& m_fleet;
    QMap<int, QList<LifecycleActionTarget>> m_targets;
    QList<Unsent> m_unsent;
    QString m_problem;
};
