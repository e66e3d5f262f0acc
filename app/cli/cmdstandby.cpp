// Remediation commands that move an instance through its lifecycle: `set-health` (SetInstanceHealth) and
// `standby enter|exit` (EnterStandby / ExitStandby). The shared run (target check, confirmation, audit,
// read-back) is RemedyCommand; terminate and protect are in cmdremedy.cpp.
#include "autoscalingclient.h"
#include "awssession.h"
#include "clicommand.h"
#include "remedycommand.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

constexpr int StandbyIdsPerCall = 20; // EnterStandby / ExitStandby's InstanceIds (the service model)

class SetHealthCommand : public RemedyCommand {
    Q_OBJECT
public:
    using RemedyCommand::RemedyCommand;

protected:
    Remediation::Request remedy() const override
    {
        return { m_healthy ? Remediation::Operation::SetHealthy : Remediation::Operation::SetUnhealthy, m_group,
            targetIds(), false };
    }
    QString operation() const override { return u"set-health"_s; }
    bool parse() override
    {
        // AWS takes exactly Healthy or Unhealthy; the case is forgiven here, anything else is refused.
        const QString given = args().value(u"status"_s).trimmed();
        const bool healthy = given.compare(u"Healthy"_s, Qt::CaseInsensitive) == 0;
        if (!healthy && given.compare(u"Unhealthy"_s, Qt::CaseInsensitive) != 0) {
            failUsage(tr("--status takes Healthy or Unhealthy, not \"%1\"").arg(given));
            return false;
        }
        m_healthy = healthy;
        return true;
    }
    QString why() const override { return tr("set the health of instances"); }
    // One instance a call (the operation takes one).
    void send(AwsSession* session, const std::function<void()>& done) override
    {
        sendEach(
            [this, session](
                Item& item) { return session->autoScaling()->setInstanceHealth(item.instanceId, status(), false); },
            done);
    }
    void addJsonFields(QJsonObject& document) const override
    {
        document.insert(u"healthStatus"_s, status());
        document.insert(u"respectGracePeriod"_s, false);
    }

private:
    QString status() const { return m_healthy ? u"Healthy"_s : u"Unhealthy"_s; }

    bool m_healthy = true;
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
    Remediation::Request remedy() const override
    {
        return { m_enter ? Remediation::Operation::EnterStandby : Remediation::Operation::ExitStandby, m_group,
            targetIds(), m_decrement };
    }
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
    void send(AwsSession* session, const std::function<void()>& done) override;
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
