// Remediation commands that move an instance through its lifecycle: `set-health` (SetInstanceHealth) and
// `standby enter|exit` (EnterStandby / ExitStandby). The shared run (target check, confirmation, audit,
// read-back) is RemedyCommand; terminate and protect are in cmdremedy.cpp.
#include "autoscalingclient.h"
#include "awssession.h"
#include "clicommand.h"
#include "lifecycle.h"
#include "remedycommand.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

constexpr int StandbyIdsPerCall = 20; // EnterStandby / ExitStandby's InstanceIds (the service model)

const GroupInstance* findInstance(const AutoScalingGroup& group, const QString& id)
{
    const auto found = std::find_if(group.instances.cbegin(), group.instances.cend(),
        [&id](const GroupInstance& instance) { return instance.instanceId == id; });
    return found == group.instances.cend() ? nullptr : &*found;
}

class SetHealthCommand : public RemedyCommand {
    Q_OBJECT
public:
    using RemedyCommand::RemedyCommand;

protected:
    QString actionName() const override { return u"SetInstanceHealth"_s; }
    QString operation() const override { return u"set-health"_s; }
    bool parse() override
    {
        // AWS takes exactly Healthy or Unhealthy; the case is forgiven here, anything else is refused.
        const QString given = args().value(u"status"_s).trimmed();
        for (const QString& status : { u"Healthy"_s, u"Unhealthy"_s }) {
            if (given.compare(status, Qt::CaseInsensitive) == 0)
                m_status = status;
        }
        if (m_status.isEmpty()) {
            failUsage(tr("--status takes Healthy or Unhealthy, not \"%1\"").arg(given));
            return false;
        }
        return true;
    }
    QString why() const override { return tr("set the health of instances"); }
    QString auditNote() const override { return u"HealthStatus=%1; ShouldRespectGracePeriod=false"_s.arg(m_status); }
    QString consequences(const AutoScalingGroup& group) const override
    {
        const QString ids = targetIds().join(u", "_s);
        if (m_status == u"Healthy"_s)
            return tr("This marks %1 in %2 Healthy: the group keeps it in service (an instance the group is already "
                      "replacing is not brought back).")
                .arg(ids, group.name);
        QString sentence = tr("This marks %1 in %2 Unhealthy, ignoring the health check grace period: the group "
                              "terminates and replaces it; its terminating hooks run first.")
                               .arg(ids, group.name);
        for (const QString& id : targetIds()) {
            const GroupInstance* instance = findInstance(group, id);
            if (instance && Lifecycle::parseState(instance->lifecycleState) == Lifecycle::State::Standby)
                sentence += u" "_s + tr("%1 is on Standby: AWS replaces it only once it leaves Standby.").arg(id);
        }
        return sentence;
    }
    // One instance a call (the operation takes one).
    void send(AwsSession* session, const std::function<void()>& done) override
    {
        sendEach(
            [this, session](
                Item& item) { return session->autoScaling()->setInstanceHealth(item.instanceId, m_status, false); },
            done);
    }
    bool applied(const GroupInstance* read, const AutoScalingGroup& /*after*/) const override
    {
        if (m_status == u"Healthy"_s)
            return read && read->healthStatus == m_status;
        // Unhealthy: the status shows, or the group is already taking the instance out (or has).
        return !read || read->healthStatus == m_status
            || Lifecycle::transitionOf(Lifecycle::parseState(read->lifecycleState)) == Lifecycle::Transition::Terminate;
    }
    void addJsonFields(QJsonObject& document) const override
    {
        document.insert(u"healthStatus"_s, m_status);
        document.insert(u"respectGracePeriod"_s, false);
    }

private:
    QString m_status;
};

class StandbyCommand : public RemedyCommand {
    Q_OBJECT
public:
    StandbyCommand(CliContext* context, const CliArguments& arguments, bool enter)
        : RemedyCommand(context, arguments)
        , m_enter(enter)
    {
    }

protected:
    QString actionName() const override { return m_enter ? u"EnterStandby"_s : u"ExitStandby"_s; }
    QString operation() const override { return m_enter ? u"standby enter"_s : u"standby exit"_s; }
    bool parse() override
    {
        m_decrement = m_enter && args().isSet(u"decrement-desired-capacity"_s);
        if (args().items(u"instance"_s).size() > StandbyIdsPerCall) {
            failUsage(tr("AWS takes at most %1 instances in one %2 call").arg(StandbyIdsPerCall).arg(actionName()));
            return false;
        }
        return true;
    }
    QString why() const override
    {
        return m_enter ? tr("move instances to Standby") : tr("move instances out of Standby");
    }
    QString auditNote() const override
    {
        if (!m_enter)
            return {};
        return m_decrement ? u"ShouldDecrementDesiredCapacity=true"_s : u"ShouldDecrementDesiredCapacity=false"_s;
    }
    QString targetProblem(const AutoScalingGroup& group) const override;
    QString consequences(const AutoScalingGroup& group) const override;
    void send(AwsSession* session, const std::function<void()>& done) override;
    bool applied(const GroupInstance* read, const AutoScalingGroup& /*after*/) const override
    {
        if (!read)
            return false;
        const Lifecycle::StateValue state = Lifecycle::parseState(read->lifecycleState);
        if (m_enter)
            return state == Lifecycle::State::EnteringStandby || state == Lifecycle::State::Standby;
        // Out of Standby: back through Pending (its launch hooks) or already in service.
        return state == Lifecycle::State::InService || Lifecycle::transitionOf(state) == Lifecycle::Transition::Launch;
    }
    void addJsonFields(QJsonObject& document) const override
    {
        if (m_enter)
            document.insert(u"decrementDesiredCapacity"_s, m_decrement);
        document.insert(u"desiredCapacityBefore"_s, m_before.desiredCapacity);
        document.insert(u"desiredCapacityAfter"_s, m_after.desiredCapacity);
    }

private:
    bool m_enter = true;
    bool m_decrement = false;
};

QString StandbyCommand::targetProblem(const AutoScalingGroup& group) const
{
    // The checks AWS makes, made first so that a refusal costs no request and no audit record.
    const Lifecycle::State required = m_enter ? Lifecycle::State::InService : Lifecycle::State::Standby;
    QStringList wrong;
    for (const QString& id : targetIds()) {
        const GroupInstance* instance = findInstance(group, id);
        if (instance && Lifecycle::parseState(instance->lifecycleState) != required)
            wrong.append(tr("%1 is %2").arg(id, instance->lifecycleState));
    }
    if (!wrong.isEmpty()) {
        return m_enter ? tr("only InService instances can enter Standby: %1").arg(wrong.join(u", "_s))
                       : tr("only Standby instances can exit Standby: %1").arg(wrong.join(u", "_s));
    }
    const int count = int(m_items.size());
    if (m_decrement && group.desiredCapacity - count < group.minSize)
        return tr("lowering desired capacity from %1 to %2 would go below the group's min size %3")
            .arg(group.desiredCapacity)
            .arg(group.desiredCapacity - count)
            .arg(group.minSize);
    if (!m_enter && group.desiredCapacity + count > group.maxSize)
        return tr("exiting Standby raises desired capacity from %1 to %2, above the group's max size %3")
            .arg(group.desiredCapacity)
            .arg(group.desiredCapacity + count)
            .arg(group.maxSize);
    return {};
}

QString StandbyCommand::consequences(const AutoScalingGroup& group) const
{
    const QString ids = targetIds().join(u", "_s);
    const int count = int(m_items.size());
    if (!m_enter)
        return tr("This moves %1 in %2 out of Standby: each goes back through Pending and its launch lifecycle hooks "
                  "run again (Pending:Wait) before it is InService; desired capacity from %3 to %4.")
            .arg(ids, group.name)
            .arg(group.desiredCapacity)
            .arg(group.desiredCapacity + count);
    if (m_decrement)
        return tr("This moves %1 in %2 to Standby and lowers desired capacity from %3 to %4: no replacement is "
                  "launched; the instances stay in the group (and are billed) until `standby exit`.")
            .arg(ids, group.name)
            .arg(group.desiredCapacity)
            .arg(group.desiredCapacity - count);
    return tr("This moves %1 in %2 to Standby; desired capacity stays %3, so the group launches %n replacement(s) "
              "(their launch hooks run). The instances stay in the group (and are billed) until `standby exit`.",
        nullptr, count)
        .arg(ids, group.name)
        .arg(group.desiredCapacity);
}

void StandbyCommand::send(AwsSession* session, const std::function<void()>& done)
{
    auto* job = m_enter ? session->autoScaling()->enterStandby(m_group, targetIds(), m_decrement)
                        : session->autoScaling()->exitStandby(m_group, targetIds());
    connect(job, &AwsJob::finished, this, [this, job, done] {
        // One call for all: its answer is every item's; each instance has its own activity.
        for (Item& item : m_items) {
            item.requestId = job->requestId();
            item.error = job->error();
            if (job->hasError())
                continue;
            for (const ScalingActivity& activity : job->result()) {
                if (activity.description.endsWith(item.instanceId))
                    item.activityId = activity.activityId;
            }
        }
        done();
    });
}

} // namespace

QList<CliCommandSpec> CliCommands::standby()
{
    QList<CliOption> healthOptions = RemedyCommand::targetOptions();
    healthOptions.append(CliOption::text(u"status"_s, u"Healthy|Unhealthy"_s,
        QCoreApplication::translate("CliCommands", "The health status to set: Healthy or Unhealthy"))
                             .asRequired());
    QList<CliOption> enterOptions = RemedyCommand::targetOptions();
    enterOptions.append(RemedyCommand::decrementOption());
    const QString asks = QCoreApplication::translate(
        "CliCommands", "Asks on a terminal (type the group name); needs --yes otherwise.");
    return {
        { u"set-health"_s, u"--group G --instance I… --status Healthy|Unhealthy [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Mark instances Healthy or Unhealthy"),
            QCoreApplication::translate("CliCommands",
                "Sends SetInstanceHealth for each instance, ignoring the health check grace period. Unhealthy: the "
                "group terminates and replaces the instance, its terminating lifecycle hooks running first (an "
                "instance on Standby is replaced once it leaves Standby). Instances that are not in the group and "
                "a --status other than Healthy or Unhealthy are refused before anything is sent.")
                + u" "_s + asks,
            healthOptions, 0, cliFactory<SetHealthCommand>() },
        { u"standby enter"_s, u"--group G --instance I… [--decrement-desired-capacity] [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Move InService instances to Standby"),
            QCoreApplication::translate("CliCommands",
                "Sends EnterStandby (up to 20 instances). With --decrement-desired-capacity the desired capacity "
                "drops by one per instance (never below the group's min size); without it the group launches a "
                "replacement for each. Only InService instances of the group are accepted; anything else is "
                "refused before anything is sent.")
                + u" "_s + asks,
            enterOptions, 0, RemedyCommand::factoryWith<StandbyCommand>(true) },
        { u"standby exit"_s, u"--group G --instance I… [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Return Standby instances to service"),
            QCoreApplication::translate("CliCommands",
                "Sends ExitStandby (up to 20 instances): each goes back through Pending, so the group's launch "
                "lifecycle hooks run again (Pending:Wait) before it is InService, and the desired capacity grows "
                "by one per instance (never above the group's max size). Only Standby instances of the group are "
                "accepted; anything else is refused before anything is sent.")
                + u" "_s + asks,
            RemedyCommand::targetOptions(), 0, RemedyCommand::factoryWith<StandbyCommand>(false) },
    };
}

#include "cmdstandby.moc"
