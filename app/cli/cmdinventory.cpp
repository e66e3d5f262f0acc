// Read-only commands that list what is there: whoami, groups, hooks, instances, activities.
#include "autoscalingclient.h"
#include "awssession.h"
#include "clicommand.h"
#include "clicontext.h"
#include "clientjobs.h"
#include "clifleet.h"
#include "cliformat.h"
#include "clijson.h"
#include "clilisting.h"
#include "cliretention.h"
#include "connection.h"
#include "lifecyclestate.h"
#include "lifecyclevalidation.h"
#include "stsclient.h"
#include "warmpooltext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace {

int waitingCount(const AutoScalingGroup& group)
{
    return int(std::count_if(group.instances.cbegin(), group.instances.cend(),
        [](const GroupInstance& instance) { return LifecycleState::isWait(instance.lifecycleState); }));
}

// "3: min 2, max 5, Stopped, reuse" — the pool's size, MinSize, MaxGroupPreparedCapacity ("max -" when unset),
// PoolState and the reuse policy; "-" without a pool.
QString warmPoolCell(const AutoScalingGroup& group)
{
    if (!group.warmPool)
        return u"-"_s;
    const WarmPoolConfiguration& pool = *group.warmPool;
    QString cell
        = QCoreApplication::translate("CliCommands", "%1: min %2, max %3, %4")
              .arg(group.warmPoolSize)
              .arg(pool.minSize)
              .arg(pool.maxGroupPreparedCapacity >= 0 ? QString::number(pool.maxGroupPreparedCapacity) : u"-"_s,
                  pool.poolState);
    if (pool.reuseOnScaleIn)
        cell += QCoreApplication::translate("CliCommands", ", reuse");
    if (!pool.status.isEmpty())
        cell += u", "_s + pool.status;
    return cell;
}

// --filter tag:KEY=VALUE | tag-key=KEY | tag-value=VALUE into the request; false with the usage message.
bool groupFilters(const CliArguments& arguments, DescribeGroupsRequest* request, QString* problem)
{
    // Repeated filters with the same name are OR-ed values of one filter, as in the AWS API.
    QMap<QString, QStringList> filters;
    const QStringList given = arguments.values(u"filter"_s);
    for (const QString& filter : given) {
        const qsizetype eq = filter.indexOf(u'=');
        const QString name = eq < 0 ? filter : filter.left(eq);
        const bool tagFilter = name.startsWith(u"tag:"_s) && name.size() > 4;
        if (eq < 0 || !(tagFilter || name == u"tag-key"_s || name == u"tag-value"_s)) {
            *problem = QCoreApplication::translate(
                "CliCommands", "--filter takes tag:KEY=VALUE, tag-key=KEY or tag-value=VALUE, not '%1'")
                           .arg(filter);
            return false;
        }
        filters[name].append(filter.mid(eq + 1));
    }
    for (auto it = filters.cbegin(); it != filters.cend(); ++it)
        request->filters.append(GroupFilter { it.key(), it.value() });
    return true;
}

QList<CliTable::Column> groupColumns(bool fleet)
{
    QList<CliTable::Column> columns;
    if (fleet) {
        columns << CliTable::Column { QCoreApplication::translate("CliCommands", "PROFILE") }
                << CliTable::Column { QCoreApplication::translate("CliCommands", "ACCOUNT") }
                << CliTable::Column { QCoreApplication::translate("CliCommands", "REGION") };
    }
    columns << CliTable::Column { QCoreApplication::translate("CliCommands", "GROUP") }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "MIN"), CliTable::Align::Right }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "DESIRED"), CliTable::Align::Right }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "MAX"), CliTable::Align::Right }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "INSTANCES"), CliTable::Align::Right }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "WAITING"), CliTable::Align::Right }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "WARM POOL"), CliTable::Align::Left, true,
                   12, true }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "ON ABANDON") }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "STATUS"), CliTable::Align::Left, true, 8,
                   true };
    return columns;
}

QStringList groupRow(const AutoScalingGroup& group)
{
    return QStringList { group.name, QString::number(group.minSize), QString::number(group.desiredCapacity),
        QString::number(group.maxSize), QString::number(group.instances.size()), QString::number(waitingCount(group)),
        warmPoolCell(group), CliRetention::onAbandon(group), group.status };
}

class WhoamiCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        withSession([this](AwsSession* session) {
            onSuccess(session->sts()->getCallerIdentity(), [this, session](ResultJob<CallerIdentity>* job) {
                CliCommands::printIdentity(context(), session, job->result());
                finish(CliExit::Ok);
            });
        });
    }
};

class GroupsCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        DescribeGroupsRequest request;
        if (QString problem; !groupFilters(args(), &request, &problem)) {
            failUsage(problem);
            return;
        }
        withSettledSession([this, request](AwsSession* session) {
            onSuccess(session->autoScaling()->describeAutoScalingGroups(request),
                [this](ResultJob<QList<AutoScalingGroup>>* job) { print(job->result()); });
        });
    }

private:
    void print(QList<AutoScalingGroup> groups)
    {
        std::sort(groups.begin(), groups.end(),
            [](const AutoScalingGroup& a, const AutoScalingGroup& b) { return a.name < b.name; });
        const CliListing listing { u"groups"_s, {},
            QCoreApplication::translate("CliCommands", "No Auto Scaling groups found."), groupColumns(false) };
        listing.print(
            *context(), groups,
            [](const AutoScalingGroup& group) { return CliJson::group(group, waitingCount(group)); }, groupRow);
        finish(CliExit::Ok);
    }
};

// `groups` over several connections: every profile × region at once, one list sorted by account, region and name.
class FleetGroupsCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        DescribeGroupsRequest request;
        QString problem;
        if (!groupFilters(args(), &request, &problem) || !m_fleet.plan(&problem)) {
            failUsage(problem);
            return;
        }
        m_groups.resize(m_fleet.members().size());
        m_fleet.run(
            [this, request](int index, Connection* connection, const CliFleet::Loaded& loaded) {
                auto* job = connection->session()->autoScaling()->describeAutoScalingGroups(request);
                connect(job, &AwsJob::finished, this, [this, index, job, loaded] {
                    if (!job->error().isError())
                        m_groups[index] = job->result();
                    loaded(job->error());
                });
            },
            [this] { print(); });
    }

private:
    struct Row {
        int member;
        AutoScalingGroup group;
    };

    void print()
    {
        QList<Row> rows;
        for (int i = 0; i < m_groups.size(); ++i) {
            for (const AutoScalingGroup& group : std::as_const(m_groups.at(i)))
                rows.append(Row { i, group });
        }
        const QList<CliFleet::Member>& members = m_fleet.members();
        std::sort(rows.begin(), rows.end(), [&members](const Row& a, const Row& b) {
            const auto key = [&members](const Row& row) {
                const CliFleet::Member& member = members.at(row.member);
                return std::make_tuple(member.account(), member.regionLabel(), member.profile, row.group.name);
            };
            return key(a) < key(b);
        });
        CliListing listing { u"groups"_s, { { u"errors"_s, m_fleet.errorsJson() } },
            QCoreApplication::translate("CliCommands", "No Auto Scaling groups found."), groupColumns(true) };
        listing.print(
            *context(), rows,
            [&members](const Row& row) {
                return CliFleet::tagged(CliJson::group(row.group, waitingCount(row.group)), members.at(row.member));
            },
            [&members](const Row& row) {
                const CliFleet::Member& member = members.at(row.member);
                return QStringList { member.profileLabel(), CliFleet::accountCell(member), member.regionLabel() }
                + groupRow(row.group);
            });
        if (!context()->json())
            m_fleet.printErrors();
        finish(m_fleet.exitCode());
    }

    CliFleet m_fleet { context() };
    QList<QList<AutoScalingGroup>> m_groups; // per fleet member
};

class HooksCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        const QString group = args().value(u"group"_s).trimmed();
        withSettledSession([this, group](AwsSession* session) {
            onSuccess(session->autoScaling()->describeLifecycleHooks(group),
                [this, group](ResultJob<QList<LifecycleHook>>* job) { print(group, job->result()); });
        });
    }

private:
    void print(const QString& group, const QList<LifecycleHook>& hooks)
    {
        const CliListing listing { u"hooks"_s, { { u"group"_s, group } },
            QCoreApplication::translate("CliCommands", "Group %1 has no lifecycle hooks.").arg(group),
            { { QCoreApplication::translate("CliCommands", "HOOK") },
                { QCoreApplication::translate("CliCommands", "TRANSITION") },
                { QCoreApplication::translate("CliCommands", "HEARTBEAT"), CliTable::Align::Right },
                { QCoreApplication::translate("CliCommands", "GLOBAL"), CliTable::Align::Right },
                { QCoreApplication::translate("CliCommands", "DEFAULT") },
                { QCoreApplication::translate("CliCommands", "TARGET"), CliTable::Align::Left, true, 12, true } } };
        listing.print(*context(), hooks, CliJson::hook, [](const LifecycleHook& hook) {
            return QStringList { hook.name, CliFormat::hookTransition(hook.transition),
                CliFormat::duration(hook.heartbeatTimeout), CliFormat::duration(hook.globalTimeout), hook.defaultResult,
                hook.notificationTargetArn.isEmpty() ? u"-"_s : hook.notificationTargetArn };
        });
        finish(CliExit::Ok);
    }
};

class InstancesCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        const QString group = args().value(u"group"_s).trimmed();
        DescribeGroupsRequest request;
        request.groupNames = QStringList { group };
        withSettledSession([this, request, group](AwsSession* session) {
            m_session = session;
            onSuccess(session->autoScaling()->describeAutoScalingGroups(request),
                [this, group](ResultJob<QList<AutoScalingGroup>>* job) {
                    if (job->result().isEmpty()) {
                        failWith(CliExit::AwsError,
                            QCoreApplication::translate("CliCommands", "no Auto Scaling group named '%1'").arg(group));
                        return;
                    }
                    withWarmPool(job->result().constFirst());
                });
        });
    }

private:
    // The pool's instances are never in the group's Instances: DescribeWarmPool lists them, after the group's own.
    void withWarmPool(const AutoScalingGroup& group)
    {
        if (!group.warmPool) {
            print(group, {});
            return;
        }
        onSuccess(m_session->autoScaling()->describeWarmPool(group.name),
            [this, group](ResultJob<WarmPool>* job) { print(group, job->result().instances); });
    }

    void print(const AutoScalingGroup& group, QList<GroupInstance> warm)
    {
        QList<GroupInstance> instances = group.instances;
        const auto byId = [](const GroupInstance& a, const GroupInstance& b) { return a.instanceId < b.instanceId; };
        std::sort(instances.begin(), instances.end(), byId);
        std::sort(warm.begin(), warm.end(), byId);
        instances += warm;
        for (GroupInstance& instance : instances)
            instance.groupName = group.name;
        const CliListing listing { u"instances"_s, { { u"group"_s, group.name } },
            QCoreApplication::translate("CliCommands", "Group %1 has no instances.").arg(group.name),
            { { QCoreApplication::translate("CliCommands", "INSTANCE") },
                { QCoreApplication::translate("CliCommands", "AZ") },
                { QCoreApplication::translate("CliCommands", "TYPE") },
                { QCoreApplication::translate("CliCommands", "STATE") },
                { QCoreApplication::translate("CliCommands", "HEALTH") },
                { QCoreApplication::translate("CliCommands", "PROTECTED") } } };
        listing.print(*context(), instances, CliJson::instance, [](const GroupInstance& instance) {
            return QStringList { instance.instanceId, instance.availabilityZone,
                instance.instanceType.isEmpty() ? u"-"_s : instance.instanceType, instance.lifecycleState,
                instance.healthStatus,
                instance.protectedFromScaleIn ? QCoreApplication::translate("CliCommands", "yes")
                                              : QCoreApplication::translate("CliCommands", "no") };
        });
        CliRetention::printInstanceNotes(*context(), instances);
        finish(CliExit::Ok);
    }

    AwsSession* m_session = nullptr;
};

class ActivitiesCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        m_group = args().value(u"group"_s).trimmed();
        m_max = int(args().number(u"max"_s, 20));
        withSettledSession([this](AwsSession* session) {
            m_session = session;
            fetch({});
        });
    }

private:
    // DescribeScalingActivities pages hold at most 100 records; follow NextToken until --max are read.
    void fetch(const QString& nextToken)
    {
        const int pageSize = std::min(100, m_max - int(m_activities.size()));
        onSuccess(m_session->autoScaling()->describeScalingActivities(m_group, pageSize, nextToken),
            [this](ResultJob<ScalingActivitiesPage>* job) {
                m_activities += job->result().activities;
                // A token seen before would page for ever (pages of zero records never reach --max).
                if (const AwsError loop = m_tokens.check(u"DescribeScalingActivities"_s, job->result().nextToken);
                    loop.isError()) {
                    fail(loop);
                    return;
                }
                if (!job->result().nextToken.isEmpty() && m_activities.size() < m_max)
                    fetch(job->result().nextToken);
                else
                    print();
            });
    }

    void print()
    {
        if (m_activities.size() > m_max)
            m_activities.resize(m_max);
        const CliListing listing { u"activities"_s, { { u"group"_s, m_group } },
            QCoreApplication::translate("CliCommands", "No scaling activities for group %1.").arg(m_group),
            { { QCoreApplication::translate("CliCommands", "START (UTC)") },
                { QCoreApplication::translate("CliCommands", "END (UTC)") },
                { QCoreApplication::translate("CliCommands", "STATUS") },
                { QCoreApplication::translate("CliCommands", "DESCRIPTION"), CliTable::Align::Left, true, 20 } } };
        listing.print(*context(), m_activities, CliJson::activity, [](const ScalingActivity& activity) {
            return QStringList { CliFormat::utc(activity.startTime),
                activity.endTime.isValid() ? CliFormat::utc(activity.endTime) : u"-"_s, activity.statusCode,
                activity.description };
        });
        finish(CliExit::Ok);
    }

    AwsSession* m_session = nullptr;
    QString m_group;
    int m_max = 20;
    ClientJobs::PageTokens m_tokens;
    QList<ScalingActivity> m_activities;
};

CliOption groupOption()
{
    return CliOption::text(
        u"group"_s, u"G"_s, QCoreApplication::translate("CliCommands", "Name of the Auto Scaling group"))
        .asRequired();
}

} // namespace

namespace {

// The proxy the STS request went through ("host:port", never a password) and the extra CA bundles trusted: what a
// person behind a corporate proxy checks first when a connection fails.
struct NetworkPath {
    QString proxy;
    QStringList caBundles;
};

NetworkPath networkPath(CliContext* context, const QUrl& endpoint)
{
    NetworkPath path;
    const NetworkSetup& setup = context->networkSetup();
    if (const ProxyServer server = setup.proxy.proxyFor(endpoint); server.isValid())
        path.proxy = server.hostPort();
    if (const QString bundle = context->environment().value(u"AWS_CA_BUNDLE"_s); !bundle.isEmpty())
        path.caBundles.append(bundle);
    if (!setup.caBundle.isEmpty())
        path.caBundles.append(setup.caBundle);
    return path;
}

} // namespace

void CliCommands::printIdentity(CliContext* context, AwsSession* session, const CallerIdentity& identity)
{
    const QString endpoint = session->stsEndpoint().toString();
    const NetworkPath path = networkPath(context, session->stsEndpoint());
    if (context->json()) {
        QJsonObject document = CliJson::identity(identity);
        document.insert(u"profile"_s, CliJson::text(session->profileName()));
        document.insert(u"region"_s, session->region());
        document.insert(u"endpoint"_s, endpoint);
        document.insert(u"proxy"_s, CliJson::text(path.proxy));
        document.insert(u"caBundles"_s, QJsonArray::fromStringList(path.caBundles));
        context->printJson(document);
        return;
    }
    CliTable table({ { QCoreApplication::translate("CliCommands", "FIELD") },
        { QCoreApplication::translate("CliCommands", "VALUE") } });
    table.addRow({ QCoreApplication::translate("CliCommands", "Account"), identity.account });
    table.addRow({ QCoreApplication::translate("CliCommands", "ARN"), identity.arn });
    table.addRow({ QCoreApplication::translate("CliCommands", "User ID"), identity.userId });
    table.addRow({ QCoreApplication::translate("CliCommands", "Profile"),
        session->profileName().isEmpty() ? QCoreApplication::translate("CliCommands", "(environment)")
                                         : session->profileName() });
    table.addRow({ QCoreApplication::translate("CliCommands", "Region"), session->region() });
    table.addRow({ QCoreApplication::translate("CliCommands", "Endpoint"), endpoint });
    table.addRow({ QCoreApplication::translate("CliCommands", "Proxy"),
        path.proxy.isEmpty() ? QCoreApplication::translate("CliCommands", "(direct)") : path.proxy });
    for (const QString& bundle : path.caBundles)
        table.addRow({ QCoreApplication::translate("CliCommands", "CA bundle"), bundle });
    context->printTable(table);
}

QList<CliCommandSpec> CliCommands::inventory()
{
    return {
        { u"whoami"_s, {},
            QCoreApplication::translate(
                "CliCommands", "Show the account and ARN of the credentials in use (STS GetCallerIdentity)"),
            QCoreApplication::translate("CliCommands",
                "Also shows the profile, region and endpoint the other commands would use: a quick check that a "
                "profile or the environment keys work."),
            {}, 0, cliFactory<WhoamiCommand>() },
        { u"groups"_s, u"[--filter tag:KEY=VALUE]…"_s,
            QCoreApplication::translate("CliCommands",
                "List Auto Scaling groups: min, desired, max, instances, how many wait on a lifecycle hook, and "
                "what an abandoned terminating hook does (terminated, or retained by an instance lifecycle policy)"),
            QCoreApplication::translate("CliCommands",
                "Filters are those of DescribeAutoScalingGroups: tag:KEY=VALUE, tag-key=KEY, tag-value=VALUE. "
                "Repeat --filter to combine them; repeated values of one filter match any of them.\n\n"
                "WARM POOL shows a group's warm pool: its size, MinSize, MaxGroupPreparedCapacity (- when unset, "
                "the group's max size stands in), PoolState and whether instances are reused on scale in; JSON "
                "gives AWS's fields under \"warmPool\". The pool's instances are not counted in INSTANCES."),
            { CliOption::list(u"filter"_s, u"NAME=VALUE"_s,
                QCoreApplication::translate("CliCommands", "Only groups matching this tag filter (repeatable)")) },
            0,
            [](CliContext* context, const CliArguments& arguments) -> CliCommand* {
                if (context->options().isFleet())
                    return new FleetGroupsCommand(context, arguments);
                return new GroupsCommand(context, arguments);
            },
            true },
        { u"hooks"_s, u"--group G"_s,
            QCoreApplication::translate("CliCommands",
                "List a group's lifecycle hooks: transition, heartbeat and global timeouts, default result, target"),
            {}, { groupOption() }, 0, cliFactory<HooksCommand>() },
        { u"instances"_s, u"--group G"_s,
            QCoreApplication::translate(
                "CliCommands", "List a group's instances: availability zone, type, lifecycle state, health"),
            QCoreApplication::translate("CliCommands",
                "Instances in the group's warm pool (DescribeWarmPool, every page) follow the group's own, in their "
                "warm-pool states; JSON marks them \"warmPool\": true."),
            { groupOption() }, 0, cliFactory<InstancesCommand>() },
        { u"activities"_s, u"--group G [--max N]"_s,
            QCoreApplication::translate("CliCommands", "List a group's recent scaling activities, newest first"), {},
            { groupOption(),
                CliOption::integer(u"max"_s, u"N"_s,
                    QCoreApplication::translate(
                        "CliCommands", "How many activities to show (default 20, at most 1000)"),
                    QCoreApplication::translate("CliCommands", "--max takes a number from 1 to 1000"), 1, 1000) },
            0, cliFactory<ActivitiesCommand>() },
    };
}

#include "cmdinventory.moc"
