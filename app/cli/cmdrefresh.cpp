// Instance refresh commands: `refreshes --group G` lists a group's refreshes (status, progress, reason and whether
// lifecycle actions hold it); `refresh cancel|rollback --group G` acts on the active one the way `terminate` acts
// on instances: refused in read-only mode, nothing sent without an active refresh, what AWS will do said and
// confirmed (type the group name), audited with intent and outcome, and decided by reading the refresh back.
#include "auditlog.h"
#include "autoscalingclient.h"
#include "awssession.h"
#include "clicommand.h"
#include "clicontext.h"
#include "cliformat.h"
#include "clijson.h"
#include "clilisting.h"
#include "cmdactions.h"
#include "lifecycle.h"
#include "lifecyclevalidation.h"
#include "refreshactioncommand.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CliCommands", text);
}

QString percent(const std::optional<int>& value)
{
    return value ? u"%1%"_s.arg(*value) : u"-"_s;
}

QString number(const std::optional<int>& value)
{
    return value ? QString::number(*value) : u"-"_s;
}

// The hooks an instance in a *:Wait state waits on: the group's hooks of its transition.
QStringList hooksFor(const GroupInstance& instance, const QList<LifecycleHook>& hooks)
{
    const Lifecycle::Transition transition = Lifecycle::transitionOf(Lifecycle::parseState(instance.lifecycleState));
    const bool launching = Lifecycle::isLaunchLike(transition);
    QStringList names;
    for (const LifecycleHook& hook : hooks) {
        if ((hook.transition == QLatin1StringView(LifecycleTransition::Launching)) == launching)
            names.append(hook.name);
    }
    return names;
}

// What holds a refresh, one entry per waiting instance: "i-0abc (Pending:Wait: smoke-test)".
QStringList waitingOn(const InstanceRefresh& refresh, const AutoScalingGroup& group, const QList<LifecycleHook>& hooks)
{
    QStringList entries;
    const QStringList ids = refresh.waitingInstances(group.instances);
    for (const GroupInstance& instance : group.instances) {
        if (!ids.contains(instance.instanceId))
            continue;
        const QStringList names = hooksFor(instance, hooks);
        entries.append(names.isEmpty()
                ? u"%1 (%2)"_s.arg(instance.instanceId, instance.lifecycleState)
                : u"%1 (%2: %3)"_s.arg(instance.instanceId, instance.lifecycleState, names.join(u", "_s)));
    }
    return entries;
}

QJsonObject refreshJson(const InstanceRefresh& refresh, const QStringList& waiting, bool waits)
{
    const auto optional = [](const std::optional<int>& value) { return value ? QJsonValue(*value) : QJsonValue(); };
    QJsonObject object {
        { u"instanceRefreshId"_s, refresh.instanceRefreshId },
        { u"status"_s, refresh.status },
        { u"statusReason"_s, CliJson::text(refresh.statusReason) },
        { u"startTime"_s, CliJson::time(refresh.startTime) },
        { u"endTime"_s, CliJson::time(refresh.endTime) },
        { u"percentageComplete"_s, optional(refresh.percentageComplete) },
        { u"instancesToUpdate"_s, optional(refresh.instancesToUpdate) },
        { u"minHealthyPercentage"_s, optional(refresh.minHealthyPercentage) },
        { u"instanceWarmup"_s, optional(refresh.instanceWarmup) },
        { u"active"_s, refresh.isActive() },
        { u"waitingOnLifecycleActions"_s, waits },
        { u"waitingInstances"_s, QJsonArray::fromStringList(waiting) },
    };
    object.insert(u"rollback"_s,
        refresh.rollbackStartTime.isValid()
            ? QJsonValue(QJsonObject { { u"reason"_s, CliJson::text(refresh.rollbackReason) },
                { u"startTime"_s, CliJson::time(refresh.rollbackStartTime) },
                { u"percentageCompleteOnRollback"_s, optional(refresh.percentageCompleteOnRollback) },
                { u"instancesToUpdateOnRollback"_s, optional(refresh.instancesToUpdateOnRollback) } })
            : QJsonValue());
    return object;
}

class RefreshesCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        m_group = args().value(u"group"_s).trimmed();
        if (!failUsageOnFirst({ LifecycleValidation::groupNameError(m_group) }))
            return;
        withSettledSession([this](AwsSession* session) {
            DescribeGroupsRequest request;
            request.groupNames = { m_group };
            onSuccess(session->autoScaling()->describeAutoScalingGroups(request),
                [this, session](ResultJob<QList<AutoScalingGroup>>* job) {
                    if (job->result().isEmpty() || job->result().constFirst().name != m_group) {
                        failWith(CliExit::AwsError, tr("no Auto Scaling group named '%1'").arg(m_group));
                        return;
                    }
                    m_state = job->result().constFirst();
                    onSuccess(session->autoScaling()->describeLifecycleHooks(m_group),
                        [this, session](ResultJob<QList<LifecycleHook>>* hooks) {
                            m_hooks = hooks->result();
                            onSuccess(session->autoScaling()->describeInstanceRefreshes(m_group),
                                [this](ResultJob<QList<InstanceRefresh>>* refreshes) { print(refreshes->result()); });
                        });
                });
        });
    }

private:
    void print(const QList<InstanceRefresh>& refreshes)
    {
        const CliListing listing { u"refreshes"_s, { { u"group"_s, m_group } },
            tr("Group %1 has no instance refreshes (AWS keeps six weeks of them).").arg(m_group),
            { { tr("REFRESH") }, { tr("STATUS") }, { tr("DONE") }, { tr("TO UPDATE") }, { tr("STARTED") },
                { tr("WAITING ON HOOKS") }, { tr("REASON"), CliTable::Align::Left, true, 16 } } };
        listing.print(
            *context(), refreshes,
            [this](const InstanceRefresh& refresh) {
                return refreshJson(
                    refresh, waitingOn(refresh, m_state, m_hooks), refresh.waitsOnLifecycleActions(m_state.instances));
            },
            [this](const InstanceRefresh& refresh) {
                const QStringList waiting = waitingOn(refresh, m_state, m_hooks);
                const bool waits = refresh.waitsOnLifecycleActions(m_state.instances);
                return QStringList { refresh.instanceRefreshId, refresh.status, percent(refresh.percentageComplete),
                    number(refresh.instancesToUpdate),
                    refresh.startTime.isValid() ? CliFormat::utc(refresh.startTime) : u"-"_s,
                    !waits                  ? tr("no")
                        : waiting.isEmpty() ? tr("yes")
                                            : tr("yes: %1").arg(waiting.join(u"; "_s)),
                    refresh.statusReason.isEmpty() ? u"-"_s : CliFormat::terminalSafe(refresh.statusReason) };
            });
        finish(CliExit::Ok);
    }

    QString m_group;
    AutoScalingGroup m_state;
    QList<LifecycleHook> m_hooks;
};

std::function<CliCommand*(CliContext*, const CliArguments&)> actionFactory(RefreshActionCommand::Operation operation)
{
    return [operation](CliContext* context, const CliArguments& arguments) {
        return new RefreshActionCommand(context, arguments, operation);
    };
}

} // namespace

QList<CliCommandSpec> CliCommands::refreshes()
{
    const QList<CliOption> groupOnly {
        CliOption::text(u"group"_s, u"G"_s, tr("Auto Scaling group")).asRequired(),
    };
    QList<CliOption> actionOptions = groupOnly;
    actionOptions.append(CliOption::flag(u"yes"_s, tr("Do not ask for confirmation")));
    return {
        { u"refreshes"_s, u"--group G"_s, tr("List a group's instance refreshes"),
            tr("Lists the group's instance refreshes of the last six weeks, newest first: status, percentage done, "
               "instances still to update, when it started, whether lifecycle actions hold it (the instances "
               "waiting and the hooks they wait on) and AWS's status reason."),
            groupOnly, 0, cliFactory<RefreshesCommand>() },
        { u"refresh cancel"_s, u"--group G [--yes]"_s, tr("Cancel a group's active instance refresh"),
            tr("Sends CancelInstanceRefresh: AWS lets the replacements in flight finish and starts no new ones; "
               "instances already replaced stay replaced. Without an active refresh nothing is sent. Asks on a "
               "terminal (type the group name); needs --yes otherwise."),
            actionOptions, 0, actionFactory(RefreshActionCommand::Operation::Cancel) },
        { u"refresh rollback"_s, u"--group G [--yes]"_s, tr("Roll back a group's active instance refresh"),
            tr("Sends RollbackInstanceRefresh: AWS stops the refresh and replaces the instances it already replaced "
               "with the group's previous configuration. Without an active refresh nothing is sent. Asks on a "
               "terminal (type the group name); needs --yes otherwise."),
            actionOptions, 0, actionFactory(RefreshActionCommand::Operation::Rollback) },
    };
}

#include "cmdrefresh.moc"
