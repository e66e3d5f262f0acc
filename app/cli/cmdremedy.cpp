// Remediation commands: `terminate` (TerminateInstanceInAutoScalingGroup) and `protect on|off`
// (SetInstanceProtection). The shared run (target check, confirmation, audit, read-back) is RemedyCommand.
#include "autoscalingclient.h"
#include "awssession.h"
#include "clicommand.h"
#include "lifecycle.h"
#include "lifecyclestate.h"
#include "remedycommand.h"

#include <QCoreApplication>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

QString instanceList(const QStringList& ids)
{
    return ids.join(u", "_s);
}

class TerminateCommand : public RemedyCommand {
    Q_OBJECT
public:
    using RemedyCommand::RemedyCommand;

protected:
    QString actionName() const override { return u"TerminateInstanceInAutoScalingGroup"_s; }
    QString operation() const override { return u"terminate"_s; }
    bool parse() override
    {
        m_decrement = args().isSet(u"decrement-desired-capacity"_s);
        return true;
    }
    QString why() const override { return tr("terminate instances"); }
    QString auditNote() const override
    {
        return m_decrement ? u"ShouldDecrementDesiredCapacity=true"_s : u"ShouldDecrementDesiredCapacity=false"_s;
    }
    QString consequences(const AutoScalingGroup& group) const override
    {
        const QStringList retained = retainedIds();
        if (retained.isEmpty())
            return usualConsequences(group, targetIds(), group.desiredCapacity);
        // A retained instance already went through its hooks and no longer counts towards the desired capacity:
        // terminating it ends it, nothing else, unless the desired capacity is lowered as well.
        QStringList others = targetIds();
        others.removeIf([&retained](const QString& id) { return retained.contains(id); });
        QString text = (retained.size() == 1
                ? tr("%1 in %2 is retained, not terminated (Terminating:Retained): this terminates it now; its "
                     "terminating hooks do not run again and no replacement is launched for it.")
                : tr("%1 in %2 are retained, not terminated (Terminating:Retained): this terminates them now; their "
                     "terminating hooks do not run again and no replacements are launched for them."))
                           .arg(instanceList(retained), group.name);
        if (m_decrement)
            text += u" "_s
                + tr("With --decrement-desired-capacity the desired capacity still drops from %1 to %2, so the group "
                     "also terminates an instance in service to match it.")
                      .arg(group.desiredCapacity)
                      .arg(group.desiredCapacity - int(retained.size()));
        if (!others.isEmpty())
            text += u" "_s
                + usualConsequences(group, others, group.desiredCapacity - (m_decrement ? int(retained.size()) : 0));
        return text;
    }
    // `from`: the desired capacity before these instances are terminated.
    QString usualConsequences(const AutoScalingGroup& group, const QStringList& idList, int from) const
    {
        const QString ids = instanceList(idList);
        const int count = int(idList.size());
        if (m_decrement)
            return tr("This terminates %1 in %2 and lowers desired capacity from %3 to %4; terminating lifecycle hooks "
                      "run first.")
                .arg(ids, group.name)
                .arg(from)
                .arg(from - count);
        return tr("This terminates %1 in %2 and the group launches a replacement (desired capacity stays %3); "
                  "terminating lifecycle hooks run first.")
            .arg(ids, group.name)
            .arg(group.desiredCapacity);
    }
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
    bool applied(const GroupInstance* read, const AutoScalingGroup& /*after*/) const override
    {
        if (!read)
            return true; // gone from the group
        const Lifecycle::StateValue state = Lifecycle::parseState(read->lifecycleState);
        // A retained instance was already on its way out: only Terminating:Proceed or Terminated show it moved.
        if (retainedIds().contains(read->instanceId))
            return state == Lifecycle::State::TerminatingProceed || state == Lifecycle::State::Terminated;
        // On its way out (Terminating, Terminating:Wait, …).
        return Lifecycle::transitionOf(state) == Lifecycle::Transition::Terminate
            || read->lifecycleState.startsWith(u"Terminat"_s);
    }
    void addJsonFields(QJsonObject& document) const override
    {
        document.insert(u"decrementDesiredCapacity"_s, m_decrement);
        document.insert(u"desiredCapacityBefore"_s, m_before.desiredCapacity);
        document.insert(u"desiredCapacityAfter"_s, m_after.desiredCapacity);
    }

private:
    // The targets that were retained when the group was first read (m_before), before anything was sent.
    QStringList retainedIds() const
    {
        QStringList ids;
        for (const GroupInstance& instance : m_before.instances) {
            if (LifecycleState::isRetained(instance.lifecycleState) && targetIds().contains(instance.instanceId))
                ids.append(instance.instanceId);
        }
        return ids;
    }
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
    QString actionName() const override { return u"SetInstanceProtection"_s; }
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
    QString auditNote() const override
    {
        return m_protect ? u"ProtectedFromScaleIn=true"_s : u"ProtectedFromScaleIn=false"_s;
    }
    QString consequences(const AutoScalingGroup& group) const override
    {
        const QStringList ids = targetIds();
        if (m_protect)
            return tr("This protects %1 in %2 from scale-in: AWS will not pick them when the group shrinks (they can "
                      "still be terminated on request or replaced when unhealthy).")
                .arg(instanceList(ids), group.name);
        return tr("This removes scale-in protection from %1 in %2: AWS may pick them when the group shrinks.")
            .arg(instanceList(ids), group.name);
    }
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
    bool applied(const GroupInstance* read, const AutoScalingGroup& /*after*/) const override
    {
        return read && read->protectedFromScaleIn == m_protect;
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
