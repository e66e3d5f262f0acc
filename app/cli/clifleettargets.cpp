#include "clifleettargets.h"

#include "actioncontroller.h"
#include "clilifecycleoptions.h"
#include "connection.h"
#include "inventorystore.h"
#include "pendingaction.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

FleetTargets::FleetTargets(const CliFleet& fleet, const LifecycleActionOptions& options)
    : m_fleet(fleet)
{
    if (options.allPending)
        collectAllPending(options);
    else if (!options.token.isEmpty())
        locateToken(options);
    else
        locateInstances(options);
}

int FleetTargets::targetCount() const
{
    int count = 0;
    for (const QList<LifecycleActionTarget>& list : m_targets)
        count += int(list.size());
    return count;
}

QString FleetTargets::connectionName(const CliFleet::Member& member)
{
    const QString account = member.account();
    return QCoreApplication::translate("CliCommands", "%1 in %2")
        .arg(account.isEmpty() ? member.profileLabel() : account, member.regionLabel());
}

QList<int> FleetTargets::membersWithGroup(const QString& group) const
{
    QList<int> found;
    const QList<CliFleet::Member>& members = m_fleet.members();
    for (int i = 0; i < members.size(); ++i) {
        if (members.at(i).ok() && members.at(i).connection->store()->group(group))
            found.append(i);
    }
    return found;
}

QString FleetTargets::failedNames() const
{
    QStringList names;
    for (const CliFleet::Member& member : m_fleet.members()) {
        if (!member.ok())
            names.append(QCoreApplication::translate("CliCommands", "%1 (profile %2)")
                             .arg(connectionName(member), member.profileLabel()));
    }
    return names.join(u", "_s);
}

void FleetTargets::notFound(const LifecycleActionTarget& target, const QString& notFoundMessage)
{
    Unsent unsent { -1, target, false, notFoundMessage, {} };
    const QList<CliFleet::Member>& members = m_fleet.members();
    QList<int> failed;
    for (int i = 0; i < members.size(); ++i) {
        if (!members.at(i).ok())
            failed.append(i);
    }
    if (!failed.isEmpty()) {
        // It may well be in a connection that could not be read: that is a failure, not a wrong target.
        unsent.failed = true;
        unsent.member = failed.size() == 1 ? failed.constFirst() : -1;
        unsent.error = members.at(failed.constFirst()).error;
        unsent.message = notFoundMessage + u' '
            + QCoreApplication::translate("CliCommands", "Not read, so it may be there: %1 (%2).")
                  .arg(failedNames(), unsent.error.toString());
    }
    m_unsent.append(unsent);
}

void FleetTargets::locateInstances(const LifecycleActionOptions& options)
{
    for (const QString& instance : options.instances)
        locateInstance(instance, options);
}

void FleetTargets::locateInstance(const QString& instance, const LifecycleActionOptions& options)
{
    const QList<CliFleet::Member>& members = m_fleet.members();
    QList<int> waiting; // members listing it in a *:Wait state (of --group, when given)
    Unsent elsewhere; // where it is listed without waiting: the reason it is refused
    QString groupName;
    for (int i = 0; i < members.size(); ++i) {
        if (!members.at(i).ok())
            continue;
        const InventoryStore* store = members.at(i).connection->store();
        for (const GroupSnapshot* snapshot : store->groups()) {
            if (!options.group.isEmpty() && snapshot->group.name != options.group)
                continue;
            const GroupInstance* found = snapshot->instance(instance);
            if (!found)
                continue;
            const PendingAction* pending = store->pendingAction(snapshot->group.name, instance);
            if (pending && pending->actionable) {
                waiting.append(i);
                groupName = snapshot->group.name;
            } else {
                elsewhere = Unsent { i, LifecycleActionTarget { snapshot->group.name, options.hook, instance, {} },
                    false,
                    QCoreApplication::translate("CliCommands",
                        "Instance %1 is not waiting on a lifecycle hook: it is %2 in %3 (%4); nothing was sent.")
                        .arg(instance, found->lifecycleState, snapshot->group.name, connectionName(members.at(i))),
                    {} };
            }
        }
    }
    const LifecycleActionTarget target { groupName, options.hook, instance, QString() };
    if (waiting.size() == 1) {
        m_targets[waiting.constFirst()].append(target);
        return;
    }
    if (waiting.size() > 1) {
        QStringList names;
        for (int index : std::as_const(waiting))
            names.append(connectionName(members.at(index)));
        m_unsent.append(Unsent { -1, LifecycleActionTarget { QString(), options.hook, instance, QString() }, false,
            QCoreApplication::translate("CliCommands",
                "Instance %1 is listed waiting in %2 connections (%3): ambiguous, nothing was sent; name one "
                "connection with --profile and --region")
                .arg(instance)
                .arg(waiting.size())
                .arg(names.join(u", "_s)),
            {} });
        return;
    }
    if (elsewhere.member >= 0) {
        m_unsent.append(elsewhere);
        return;
    }
    notFound(target,
        options.group.isEmpty() ? QCoreApplication::translate(
            "CliCommands", "Instance %1 is not in any Auto Scaling group of the connections that answered.")
                                      .arg(instance)
                                : QCoreApplication::translate("CliCommands",
                                    "Instance %1 is not in a group named %2 in any connection that answered.")
                                      .arg(instance, options.group));
}

void FleetTargets::locateToken(const LifecycleActionOptions& options)
{
    const LifecycleActionTarget target { options.group, options.hook, QString(), options.token };
    const QList<int> found = membersWithGroup(options.group);
    if (found.size() == 1) {
        m_targets[found.constFirst()].append(target);
        return;
    }
    if (found.isEmpty()) {
        notFound(target,
            QCoreApplication::translate(
                "CliCommands", "No connection that answered has an Auto Scaling group named %1.")
                .arg(options.group));
        return;
    }
    // A token names no instance: which account it belongs to cannot be read from the inventories.
    QStringList names;
    for (int index : found)
        names.append(connectionName(m_fleet.members().at(index)));
    m_unsent.append(Unsent { -1, target, false,
        QCoreApplication::translate("CliCommands",
            "Group %1 is in %2 connections (%3) and a token does not say which one: ambiguous, nothing was sent; "
            "name one connection with --profile and --region")
            .arg(options.group)
            .arg(found.size())
            .arg(names.join(u", "_s)),
        {} });
}

void FleetTargets::collectAllPending(const LifecycleActionOptions& options)
{
    const QList<int> found = membersWithGroup(options.group);
    if (found.isEmpty()) {
        // A group no connection has is a typo, unless a connection that could not be read holds it.
        if (m_fleet.answered() == m_fleet.members().size())
            m_problem = QCoreApplication::translate(
                "CliCommands", "There is no Auto Scaling group named %1 in any of the %2 connections.")
                            .arg(options.group)
                            .arg(m_fleet.members().size());
        return;
    }
    bool hookKnown = options.hook.isEmpty();
    for (int index : found) {
        const Connection* connection = m_fleet.members().at(index).connection;
        const GroupSnapshot* snapshot = connection->store()->group(options.group);
        hookKnown = hookKnown || !snapshot->hooksLoaded
            || std::any_of(snapshot->hooks.cbegin(), snapshot->hooks.cend(),
                [&options](const LifecycleHook& hook) { return hook.name == options.hook; });
        const QList<LifecycleActionTarget> list = connection->actions()->allPendingTargets(options.group, options.hook);
        if (!list.isEmpty())
            m_targets[index] = list;
    }
    if (!hookKnown)
        m_problem
            = QCoreApplication::translate("CliCommands", "Group %1 has no lifecycle hook named %2 in any connection.")
                  .arg(options.group, options.hook);
}
