#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"
#include "cmdactions.h"
#include "remediation.h"

#include <QJsonObject>
#include <functional>

class AwsJob;
class AwsSession;

// Base of the remediation commands (terminate, protect, set-health, standby): they act on instances of one group rather
// than on lifecycle actions. Each run: refuse in read-only mode → read the group and refuse a wrong target (nothing
// sent) → say what AWS will do and confirm → audit intent → send → read the group back → audit outcome (decided by the
// read-back) → report. Exit codes as `complete`: 0 done, 2 refused, the AWS error's code for one failed target, 5
// when only some went through.
class RemedyCommand : public ActionCommand {
    Q_OBJECT
public:
    using ActionCommand::ActionCommand;
    void start() override;
    // --group, --instance and --yes, which every remediation command takes.
    static QList<CliOption> targetOptions();
    // --decrement-desired-capacity (terminate, standby enter).
    static CliOption decrementOption();
    // The factory of a command whose constructor also takes one choice: protect on|off, standby enter|exit.
    template <typename T> static std::function<CliCommand*(CliContext*, const CliArguments&)> factoryWith(bool choice)
    {
        return
            [choice](CliContext* context, const CliArguments& arguments) { return new T(context, arguments, choice); };
    }

protected:
    struct Item {
        QString instanceId;
        QString outcome; // "done" | "failed" | "unknown"
        bool verified = false;
        QString state; // the lifecycle state the read-back showed; empty when the instance is gone
        QString message;
        QString requestId;
        QString activityId;
        AwsError error;
        QString auditId;
    };

    // The operation and its choices: models/remediation.h says what AWS does with it and how a read shows it, for
    // the window and the commands alike.
    virtual Remediation::Request remedy() const = 0;
    // The AWS operation (audit records) and the command's name (JSON "operation").
    virtual QString actionName() const { return Remediation::actionName(remedy().operation); }
    virtual QString operation() const = 0;
    // Parses the command's own options; false after failUsage().
    virtual bool parse() = 0;
    // "terminate instances" in "refusing to terminate instances without --yes".
    virtual QString why() const = 0;
    // Why AWS would refuse the selection in `group` as it is (an instance in the wrong state, a capacity bound),
    // checked after every instance was found in the group; empty when there is nothing to refuse.
    // By default: Remediation::stateRefusal() of each instance, then Remediation::groupRefusal().
    virtual QString targetProblem(const AutoScalingGroup& group) const;
    // What AWS will do to `group`, in one sentence per instance, for the confirmation.
    virtual QString consequences(const AutoScalingGroup& group) const
    {
        return Remediation::consequences(remedy(), group);
    }
    // Sends the request(s), fills each item's requestId / activityId / error, then calls `done`.
    virtual void send(AwsSession* session, const std::function<void()>& done) = 0;
    // Whether `read` (nullptr: the instance is no longer in the group) shows the action applied.
    virtual bool applied(const GroupInstance* read, const AutoScalingGroup& after) const
    {
        Q_UNUSED(after)
        return Remediation::applied(remedy().operation, read);
    }
    // Fields of the JSON document beyond operation, group and items.
    virtual void addJsonFields(QJsonObject& document) const { Q_UNUSED(document) }
    // The audit records' note: the choice the command sends (ShouldDecrementDesiredCapacity=true, …).
    virtual QString auditNote() const { return Remediation::auditNote(remedy()); }

    // For operations that take one instance a call: `request` sends the item's request; the next item is sent
    // once it answered (its request ID and error are kept in the item), then `done` runs.
    void sendEach(const std::function<AwsJob*(Item&)>& request, const std::function<void()>& done, int index = 0);
    QStringList targetIds() const;

    QString m_group;
    QList<Item> m_items;
    AutoScalingGroup m_before;
    AutoScalingGroup m_after;

private:
    void readGroup(AwsSession* session, const std::function<void(bool found)>& then);
    bool refuseWrongTargets();
    bool confirmed();
    bool writeAudit(const Item& item, const QString& phase, QString* problem);
    void readBack(AwsSession* session);
    void report();
    CliExit exitCode() const;

    AwsSession* m_session = nullptr;
};
