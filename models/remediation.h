#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// The remediation operations (issue 12 item 4) as the GUI and the CLI share them: which lifecycle states AWS
// accepts each in, what AWS will do (the confirmation's sentence), the choice recorded in the audit log, and how a
// read of the group afterwards decides the outcome. No I/O here: RemediationRunner (the window) and RemedyCommand
// (the CLI) send and read; these functions say what to expect.
class Remediation {
    Q_DECLARE_TR_FUNCTIONS(Remediation)
public:
    enum class Operation {
        Terminate, // TerminateInstanceInAutoScalingGroup
        SetHealthy, // SetInstanceHealth Healthy
        SetUnhealthy, // SetInstanceHealth Unhealthy
        EnterStandby,
        ExitStandby,
        ProtectOn, // SetInstanceProtection true
        ProtectOff,
    };

    // One operation on instances of one group. `decrementDesiredCapacity` applies to Terminate and EnterStandby.
    struct Request {
        Operation operation = Operation::Terminate;
        QString groupName;
        QStringList instanceIds;
        bool decrementDesiredCapacity = false;
    };

    enum class Outcome { Done, Failed, Unknown };
    struct Verdict {
        Outcome outcome = Outcome::Unknown;
        bool verified = false; // the read-back showed the change
        QString message; // translated; empty when the outcome says it all
    };

    // The API operation, as audit records name it: "TerminateInstanceInAutoScalingGroup", "SetInstanceHealth", …
    static QString actionName(Operation operation);
    // "done" | "failed" | "unknown", as audit records and the CLI's JSON write it.
    static QString outcomeName(Outcome outcome);
    // The parameters that make the choice, for the audit note: "ShouldDecrementDesiredCapacity=false", …
    static QString auditNote(const Request& request);
    // How many instance IDs AWS takes in one call (1 for the operations that take one instance).
    static int instancesPerCall(Operation operation);
    // The operation's name in a menu or a headline, translated: "Terminate", "Set health to Unhealthy", …
    static QString label(Operation operation);

    // Why AWS would not accept `operation` for an instance in `lifecycleState` (translated), or empty when it
    // would. Exit standby needs Standby, enter standby InService; terminate is refused only for an instance already
    // terminating (Terminating:Retained is the exception: terminating it is what ends the retention).
    static QString stateRefusal(Operation operation, const QString& lifecycleState);
    // The rule stateRefusal() applies, in general words ("only InService instances can enter Standby").
    static QString stateRule(Operation operation);
    // Why AWS would refuse the request for the whole group as it is (a capacity bound: entering standby with the
    // decrement below the min size, exiting it above the max size); empty when it would not.
    static QString groupRefusal(const Request& request, const AutoScalingGroup& group);
    // The refusal for instance `instanceId` in `group` as read: not a member of it, or in a state that refuses
    // the operation. Empty when it may be sent. `elsewhere`: the group the instance is known to be in, if another.
    static QString targetRefusal(const Request& request, const AutoScalingGroup& group, const QString& instanceId,
        const QString& elsewhere = {});

    // What AWS will do to `group` (as the inventory or a read shows it), one or two sentences, translated: names the
    // instances and the group and states the effect of the decrement choice on the desired capacity.
    static QString consequences(const Request& request, const AutoScalingGroup& group);

    // Whether `read` (nullptr: the instance is no longer in the group) shows the operation applied.
    static bool applied(Operation operation, const GroupInstance* read);
    // The outcome of one instance: `readOk` false when the group could not be read back (`readError` says why);
    // `shows` whether the read shows the operation applied; `answer` AWS's error, none when it accepted. The read
    // decides: an accepted request the read does not show (or that could not be read) is Unknown, not Done.
    static Verdict decide(bool readOk, const QString& readError, bool shows, const AwsError& answer);
    // For the refusals that only mean "not now" (ScalingActivityInProgress, ResourceContention): what to wait for,
    // then AWS's code and words. Empty for any other answer.
    static QString notNowText(const AwsError& answer);

    // The instance of `group` with that ID; nullptr when the group does not list it.
    static const GroupInstance* instanceIn(const AutoScalingGroup& group, const QString& instanceId);

private:
    static QString instanceList(const QStringList& ids);
    // Terminate's sentence when some targets are retained (Terminating:Retained); empty when none is.
    static QString retainedConsequences(const Request& request, const AutoScalingGroup& group);
    // " i-… is on Standby: AWS replaces it only once it leaves Standby." for each such instance, or empty.
    static QString standbyNote(const Request& request, const AutoScalingGroup& group);
};
