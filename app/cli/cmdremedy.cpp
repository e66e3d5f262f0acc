// Remediation commands: `terminate` (TerminateInstanceInAutoScalingGroup) and `protect on|off`
// (SetInstanceProtection). The shared run (target check, confirmation, audit, read-back) is RemedyCommand.
#include "autoscalingclient.h"
#include "awssession.h"
#include "clicommand.h"
#include "remedycommand.h"

#include <QCoreApplication>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

class TerminateCommand : public RemedyCommand {
    Q_OBJECT
public:
    using RemedyCommand::RemedyCommand;

protected:
    Remediation::Request remedy() const override
    {
        return { Remediation::Operation::Terminate, m_group, targetIds(), m_decrement };
    }
    QString operation() const override { return u"terminate"_s; }
    bool parse() override
    {
        m_decrement = args().isSet(u"decrement-desired-capacity"_s);
        return true;
    }
    QString why() const override { return tr("terminate instances"); }
    // One instance a call (the operation takes one); the next is sent once the previous answered.
    void send(AwsSession* session, const std::function<void()>& done) override
    {
        sendEach(
            [this, session](Item& item) {
                auto* job = session->autoScaling()->terminateInstanceInAutoScalingGroup(item.instanceId, m_decrement);
                connect(job, &AwsJob::finished, this, [job, &item] {
                    if (!job->hasError())
                        item.activityId = job->result().activityId;
                });
                return job;
            },
            done);
    }
    void addJsonFields(QJsonObject& document) const override
    {
        document.insert(u"decrementDesiredCapacity"_s, m_decrement);
        document.insert(u"desiredCapacityBefore"_s, m_before.desiredCapacity);
        document.insert(u"desiredCapacityAfter"_s, m_after.desiredCapacity);
    }

private:
    bool m_decrement = false;
};

class ProtectCommand : public RemedyCommand {
    Q_OBJECT
public:
    ProtectCommand(CliContext* context, const CliArguments& arguments, bool protect)
        : RemedyCommand(context, arguments)
        , m_protect(protect)
    {
    }

protected:
    Remediation::Request remedy() const override
    {
        return { m_protect ? Remediation::Operation::ProtectOn : Remediation::Operation::ProtectOff, m_group,
            targetIds(), false };
    }
    QString operation() const override { return m_protect ? u"protect on"_s : u"protect off"_s; }
    bool parse() override
    {
        if (args().items(u"instance"_s).size() > 50) {
            failUsage(tr("AWS takes at most 50 instances in one SetInstanceProtection call"));
            return false;
        }
        return true;
    }
    QString why() const override { return tr("change scale-in protection"); }
    void send(AwsSession* session, const std::function<void()>& done) override
    {
        auto* job = session->autoScaling()->setInstanceProtection(m_group, targetIds(), m_protect);
        connect(job, &AwsJob::finished, this, [this, job, done] {
            // One call for all: its answer is every item's.
            for (Item& item : m_items) {
                item.requestId = job->requestId();
                item.error = job->error();
            }
            done();
        });
    }
    void addJsonFields(QJsonObject& document) const override { document.insert(u"protectedFromScaleIn"_s, m_protect); }

private:
    bool m_protect = true;
};

} // namespace

QList<CliCommandSpec> CliCommands::remedy()
{
    QList<CliOption> terminateOptions = RemedyCommand::targetOptions();
    terminateOptions.append(RemedyCommand::decrementOption());
    const QString protectDescription = QCoreApplication::translate("CliCommands",
        "Scale-in protection keeps AWS from choosing the instances when the group shrinks; it does not stop a "
        "termination on request or a health replacement. Asks on a terminal (type the group name); needs --yes "
        "otherwise.");
    return {
        { u"terminate"_s, u"--group G --instance I… [--decrement-desired-capacity] [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Terminate instances of a group"),
            QCoreApplication::translate("CliCommands",
                "Sends TerminateInstanceInAutoScalingGroup for each instance: its terminating lifecycle hooks run "
                "first, then it is terminated. Without --decrement-desired-capacity the group launches a "
                "replacement. An instance retained by an instance lifecycle policy (Terminating:Retained) is "
                "terminated without running its hooks again, and without a replacement. Instances that are not in the "
                "group are refused before anything is sent. Asks on a "
                "terminal (type the group name); needs --yes otherwise."),
            terminateOptions, 0, cliFactory<TerminateCommand>() },
        { u"protect on"_s, u"--group G --instance I… [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Protect instances from scale-in"), protectDescription,
            RemedyCommand::targetOptions(), 0, RemedyCommand::factoryWith<ProtectCommand>(true) },
        { u"protect off"_s, u"--group G --instance I… [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Remove scale-in protection from instances"), protectDescription,
            RemedyCommand::targetOptions(), 0, RemedyCommand::factoryWith<ProtectCommand>(false) },
    };
}

#include "cmdremedy.moc"
