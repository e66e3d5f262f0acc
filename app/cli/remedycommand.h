#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"
#include "cmdactions.h"

#include <QJsonObject>
#include <functional>

class AwsSession;

// Base of the remediation commands (terminate, protect): they act on instances of one group rather than on
// lifecycle actions. Each run: refuse in read-only mode → read the group and refuse a wrong target (nothing sent)
// → say what AWS will do and confirm → audit intent → send → read the group back → audit outcome (decided by the
// read-back) → report. Exit codes as `complete`: 0 done, 2 refused, the AWS error's code for one failed target, 5
// when only some went through.
class RemedyCommand : public ActionCommand {
    Q_OBJECT
public:
    using ActionCommand::ActionCommand;
    void start() override;

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

    // The AWS operation (audit records) and the command's name (JSON "operation").
    virtual QString actionName() const = 0;
    virtual QString operation() const = 0;
    // Parses the command's own options; false after failUsage().
    virtual bool parse() = 0;
    // "terminate instances" in "refusing to terminate instances without --yes".
    virtual QString why() const = 0;
    // What AWS will do to `group`, in one sentence per instance, for the confirmation.
    virtual QString consequences(const AutoScalingGroup& group) const = 0;
    // Sends the request(s), fills each item's requestId / activityId / error, then calls `done`.
    virtual void send(AwsSession* session, const std::function<void()>& done) = 0;
    // Whether `read` (nullptr: the instance is no longer in the group) shows the action applied.
    virtual bool applied(const GroupInstance* read, const AutoScalingGroup& after) const = 0;
    // Fields of the JSON document beyond operation, group and items.
    virtual void addJsonFields(QJsonObject& document) const { Q_UNUSED(document) }
    // The audit records' note: the choice the command sends (ShouldDecrementDesiredCapacity=true, …).
    virtual QString auditNote() const = 0;

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
