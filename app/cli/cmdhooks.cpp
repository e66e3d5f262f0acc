// `put-hook` and `delete-hook`.
#include "actioncontroller.h"
#include "clicontext.h"
#include "cliformat.h"
#include "cmdactions.h"
#include "lifecyclevalidation.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

class PutHookCommand : public ActionCommand {
    Q_OBJECT
public:
    using ActionCommand::ActionCommand;
    void start() override
    {
        PutLifecycleHookRequest request;
        request.groupName = args().value(u"group"_s).trimmed();
        request.hookName = args().value(u"hook"_s).trimmed();
        if (args().isSet(u"transition"_s)) {
            request.transition = CliFormat::hookTransitionFromUser(args().value(u"transition"_s).trimmed());
            if (request.transition.isEmpty()) {
                failUsage(QCoreApplication::translate("CliCommands", "--transition takes launch or terminate"));
                return;
            }
        }
        if (args().isSet(u"heartbeat-timeout"_s))
            request.heartbeatTimeout = int(args().number(u"heartbeat-timeout"_s));
        request.defaultResult = args().value(u"default-result"_s).trimmed().toUpper();
        request.notificationMetadata = args().value(u"metadata"_s);
        // Not given: left as it is. Given empty (--target-arn ''): removed.
        if (args().isSet(u"target-arn"_s))
            request.notificationTargetArn = args().value(u"target-arn"_s).trimmed();
        if (args().isSet(u"role-arn"_s))
            request.roleArn = args().value(u"role-arn"_s).trimmed();
        const bool newTarget = !request.notificationTargetArn.value_or(QString()).isEmpty();
        const bool newRole = !request.roleArn.value_or(QString()).isEmpty();
        if ((newTarget && !newRole) || (newRole && !request.notificationTargetArn)) {
            failUsage(QCoreApplication::translate(
                "CliCommands", "--target-arn and --role-arn go together: AWS needs the role to publish to the target"));
            return;
        }
        const AwsError invalid = LifecycleValidation::validate(request);
        if (invalid.isError()) {
            failUsage(invalid.message);
            return;
        }
        openController([this, request] { watch(controller()->putHook(request)); });
    }
};

class DeleteHookCommand : public ActionCommand {
    Q_OBJECT
public:
    using ActionCommand::ActionCommand;
    void start() override
    {
        const QString group = args().value(u"group"_s).trimmed();
        const QString hook = args().value(u"hook"_s).trimmed();
        if (!failUsageOnFirst({ LifecycleValidation::groupNameError(group), LifecycleValidation::hookNameError(hook) }))
            return;
        if (!mayProceedWithoutAsking(QCoreApplication::translate("CliCommands", "delete a lifecycle hook"))) {
            if (isFinished())
                return;
            context()->printNote(QCoreApplication::translate("CliCommands",
                "Deleting hook %1 of group %2 completes every action still waiting on it "
                "(ABANDON for launches, CONTINUE for terminations).")
                                     .arg(hook, group));
            if (!confirm(QCoreApplication::translate("CliCommands", "Delete it?"), hook))
                return;
        }
        openController([this, group, hook] { watch(controller()->deleteHook(group, hook)); });
    }
};

CliOption groupOption()
{
    return CliOption::text(u"group"_s, u"G"_s, QCoreApplication::translate("CliCommands", "Auto Scaling group"))
        .asRequired();
}

} // namespace

QList<CliCommandSpec> CliCommands::hooks()
{
    return {
        { u"put-hook"_s,
            u"--group G --hook H [--transition launch|terminate] [--heartbeat-timeout S] "
            "[--default-result CONTINUE|ABANDON] [--metadata TEXT] [--target-arn ARN --role-arn ARN | --target-arn '']"_s,
            QCoreApplication::translate("CliCommands", "Create a lifecycle hook, or change an existing one"),
            QCoreApplication::translate("CliCommands",
                "Creating a hook needs --transition. Options left out keep their current value on an existing hook "
                "(AWS defaults on a new one: heartbeat timeout 3600 s, default result ABANDON). Without a target the "
                "hook's events go to EventBridge only; --target-arn '' removes the target of an existing hook, and its "
                "role with it."),
            {
                groupOption(),
                CliOption::text(u"hook"_s, u"H"_s,
                    QCoreApplication::translate("CliCommands", "Hook name (letters, digits, - _ /; up to 255)"))
                    .asRequired(),
                CliOption::text(u"transition"_s, u"launch|terminate"_s,
                    QCoreApplication::translate("CliCommands", "Which transition the hook holds")),
                CliOption::integer(u"heartbeat-timeout"_s, u"S"_s,
                    QCoreApplication::translate(
                        "CliCommands", "Seconds before the default result applies (30 to 7200)"),
                    QCoreApplication::translate(
                        "CliCommands", "--heartbeat-timeout takes a number of seconds (30 to 7200)")),
                CliOption::text(u"default-result"_s, u"CONTINUE|ABANDON"_s,
                    QCoreApplication::translate("CliCommands", "Result applied when the timeout runs out")),
                CliOption::text(u"metadata"_s, u"TEXT"_s,
                    QCoreApplication::translate("CliCommands", "Notification metadata sent with each lifecycle event")),
                CliOption::text(u"target-arn"_s, u"ARN"_s,
                    QCoreApplication::translate(
                        "CliCommands", "SNS topic or SQS queue for lifecycle notifications; '' removes it")),
                CliOption::text(u"role-arn"_s, u"ARN"_s,
                    QCoreApplication::translate(
                        "CliCommands", "IAM role that lets Auto Scaling publish to the target")),
            },
            0, cliFactory<PutHookCommand>() },
        { u"delete-hook"_s, u"--group G --hook H [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Delete a lifecycle hook"),
            QCoreApplication::translate("CliCommands",
                "Actions still waiting on the hook are completed by AWS: ABANDON for launches, CONTINUE for "
                "terminations. Asks on a terminal (type the hook name); needs --yes otherwise."),
            { groupOption(),
                CliOption::text(u"hook"_s, u"H"_s, QCoreApplication::translate("CliCommands", "Hook name"))
                    .asRequired(),
                CliOption::flag(u"yes"_s, QCoreApplication::translate("CliCommands", "Do not ask for confirmation")) },
            0, cliFactory<DeleteHookCommand>() },
    };
}

#include "cmdhooks.moc"
