// `complete` and `heartbeat`: finish or extend lifecycle actions, for listed instances, a token, or every
// instance that waits.
#include "actioncontroller.h"
#include "actiontargetcheck.h"
#include "awssession.h"
#include "clicontext.h"
#include "clijson.h"
#include "clilifecycleoptions.h"
#include "clilocatedtargets.h"
#include "cmdactions.h"
#include "cmdfleetlifecycle.h"
#include "cmdkeepalive.h"
#include "instancegrouplocator.h"
#include "inventorystore.h"
#include "lifecyclestate.h"
#include "pendingaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

class LifecycleActionCommand : public ActionCommand {
    Q_OBJECT
public:
    LifecycleActionCommand(CliContext* context, CliArguments arguments, bool complete)
        : ActionCommand(context, std::move(arguments))
        , m_complete(complete)
    {
    }

    void start() override
    {
        if (!parse())
            return;
        const bool needsConfirmation = m_allPending || m_result == u"ABANDON"_s;
        if (needsConfirmation && !mayProceedWithoutAsking(m_whatWeDo)) {
            if (isFinished())
                return;
            m_ask = true;
        }
        openController([this] {
            // To ask, the person must see which instances and what the result does to them: load the inventory.
            auto next = [this] {
                if (m_allPending || m_ask)
                    refreshThen([this] { proceed(); });
                else
                    proceed();
            };
            if (m_group.isEmpty())
                locateThen(next);
            else
                next();
        });
    }

private:
    bool parse()
    {
        QString problem;
        const LifecycleActionOptions options = LifecycleActionOptions::parse(args(), m_complete, &problem);
        if (!problem.isEmpty()) {
            failUsage(problem);
            return false;
        }
        m_group = options.group;
        m_hook = options.hook;
        m_instances = options.instances;
        m_token = options.token;
        m_allPending = options.allPending;
        m_result = options.result;
        m_whatWeDo = options.whatWeDo();
        return true;
    }

    QList<LifecycleActionTarget> targets() const
    {
        QList<LifecycleActionTarget> list;
        if (m_allPending) {
            // With --hook, only the instances that wait on that hook (of its transition).
            list = controller()->allPendingTargets(m_group, m_hook);
        } else if (!m_token.isEmpty()) {
            list.append(LifecycleActionTarget { m_group, m_hook, QString(), m_token });
        } else if (m_group.isEmpty()) {
            list = m_located.targets(m_instances, m_hook);
        } else {
            for (const QString& instance : m_instances)
                list.append(LifecycleActionTarget { m_group, m_hook, instance, QString() });
        }
        return list;
    }

    // Without --group: finds each instance's group first. Instances no group holds are refused in the report;
    // when none is found, nothing is sent and the command ends with exit 2.
    void locateThen(const std::function<void()>& then)
    {
        auto* locator = new InstanceGroupLocator(store()->session(), m_instances, this);
        connect(locator, &InstanceGroupLocator::finished, this, [this, then](InstanceGroupLocator* done) {
            done->deleteLater();
            if (done->error().isError()) {
                fail(done->error());
                return;
            }
            m_located = LocatedTargets(*done);
            if (m_located.foundAny()) {
                then();
                return;
            }
            auto* job = new BulkActionJob(
                m_complete ? BulkActionJob::Kind::Complete : BulkActionJob::Kind::Heartbeat, m_result, this);
            m_located.addRefused(job);
            job->markStarted();
            watch(job);
            job->emitFinished();
        });
    }

    QString groupsText() const { return m_group.isEmpty() ? m_located.groupNames().join(u", "_s) : m_group; }

    void proceed()
    {
        if (m_allPending && !checkAllPendingScope())
            return;
        const QList<LifecycleActionTarget> list = targets();
        if (list.isEmpty()) {
            printNothingToDo();
            return;
        }
        if (m_ask && !askFor(list))
            return;
        BulkActionJob* job = m_complete ? controller()->complete(list, m_result) : controller()->heartbeat(list);
        m_located.addRefused(job);
        watch(job);
    }

    // --all-pending acts on what the inventory lists, so a mistyped group or hook would silently find nothing to do.
    bool checkAllPendingScope()
    {
        const GroupSnapshot* snapshot = store()->group(m_group);
        if (!snapshot && store()->groupError(m_group).isError()) {
            fail(store()->groupError(m_group)); // a failed Describe is not a missing group
            return false;
        }
        if (!snapshot) {
            failUsage(QCoreApplication::translate("CliCommands", "There is no Auto Scaling group named %1 in %2.")
                          .arg(m_group, store()->session()->region()));
            return false;
        }
        if (m_hook.isEmpty() || !snapshot->hooksLoaded)
            return true;
        const bool known = std::any_of(snapshot->hooks.cbegin(), snapshot->hooks.cend(),
            [this](const LifecycleHook& hook) { return hook.name == m_hook; });
        if (!known) {
            failUsage(
                QCoreApplication::translate("CliCommands", "Group %1 has no lifecycle hook named %2. Its hooks: %3.")
                    .arg(m_group, m_hook,
                        snapshot->hooks.isEmpty() ? QCoreApplication::translate("CliCommands", "none")
                                                  : ActionTargetCheck::describeHooks(snapshot->hooks)));
            return false;
        }
        return true;
    }

    bool askFor(const QList<LifecycleActionTarget>& list)
    {
        context()->printNote(m_complete
                ? QCoreApplication::translate(
                    "CliCommands", "About to %1 %n lifecycle action(s) in %2:", nullptr, int(list.size()))
                      .arg(m_result, groupsText())
                : QCoreApplication::translate(
                    "CliCommands", "About to send a heartbeat for %n instance(s) in %1:", nullptr, int(list.size()))
                      .arg(groupsText()));
        for (const LifecycleActionTarget& target : list) {
            const PendingAction* pending = store()->pendingAction(target.groupName, target.instanceId);
            QString line = u"  "_s
                + (target.instanceId.isEmpty()
                        ? QCoreApplication::translate("CliCommands", "token %1").arg(target.token)
                        : target.instanceId);
            if (pending) {
                line += u"  "_s + pending->lifecycleState;
                if (m_complete)
                    line += u"  → "_s
                        + LifecycleState::resultEffect(m_result, pending->transition, pending->retainsOnAbandon);
            } else if (!target.instanceId.isEmpty()) {
                line += u"  "_s + QCoreApplication::translate("CliCommands", "(not waiting now)");
            }
            context()->printNote(line);
        }
        return confirm(m_complete ? QCoreApplication::translate("CliCommands", "%1 them?").arg(m_result)
                                  : QCoreApplication::translate("CliCommands", "Send the heartbeats?"),
            QString::number(list.size()));
    }

    void printNothingToDo()
    {
        if (context()->json()) {
            QJsonObject document {
                { u"operation"_s,
                    operationName(m_complete ? BulkActionJob::Kind::Complete : BulkActionJob::Kind::Heartbeat) },
                { u"items"_s, QJsonArray() },
                { u"summary"_s,
                    QJsonObject { { u"total"_s, 0 }, { u"done"_s, 0 }, { u"alreadyCompleted"_s, 0 }, { u"failed"_s, 0 },
                        { u"refused"_s, 0 }, { u"unknown"_s, 0 }, { u"verified"_s, 0 } } }
            };
            if (m_complete)
                document.insert(u"result"_s, m_result);
            context()->printJson(document);
        } else {
            context()->printNote(QCoreApplication::translate(
                "CliCommands", "No instance of %1 is waiting on a lifecycle hook: nothing to do.")
                                     .arg(groupsText()));
        }
        finish(CliExit::Ok);
    }

    bool m_complete;
    bool m_ask = false;
    bool m_allPending = false;
    QString m_group;
    QString m_hook;
    QString m_token;
    QString m_result;
    QString m_whatWeDo; // for "refusing to … without --yes"
    QStringList m_instances;
    LocatedTargets m_located; // without --group: where each instance is
};

// Over several connections (--profile/--region repeated, --all-profiles) the fleet command acts instead.
CliCommand* createComplete(CliContext* context, const CliArguments& arguments)
{
    if (context->options().isFleet())
        return CliCommands::createFleetLifecycleAction(context, arguments, true);
    return new LifecycleActionCommand(context, arguments, true);
}

CliCommand* createHeartbeat(CliContext* context, const CliArguments& arguments)
{
    if (context->options().isFleet()) // refuses --keep-alive, which follows one connection's instances
        return CliCommands::createFleetLifecycleAction(context, arguments, false);
    if (arguments.isSet(u"keep-alive"_s))
        return CliCommands::createKeepAlive(context, arguments);
    return new LifecycleActionCommand(context, arguments, false);
}

// The help's paragraph on several connections, shared by complete and heartbeat (cmdfleetlifecycle.cpp).
QString fleetParagraph()
{
    return QCoreApplication::translate("CliCommands",
        "With --profile or --region given more than once, or --all-profiles, every connection loads its inventory "
        "and each instance is acted on through the one connection that lists it waiting, with that connection's "
        "account in its audit records; an instance two connections list is refused as ambiguous, one that none "
        "lists is refused, and nothing is sent for either. --all-pending acts in every connection that has the "
        "group; --token only where one connection has it. The table gains ACCOUNT and REGION columns, JSON items "
        "gain account, region and profile, and connections that failed are listed under errors (exit 5 when "
        "others answered). --keep-alive works on one connection.");
}

QList<CliOption> targetOptions()
{
    return {
        CliOption::text(u"group"_s, u"G"_s,
            QCoreApplication::translate("CliCommands",
                "Auto Scaling group of the instances; needed with --token and --all-pending (with --instance "
                "alone, each instance's group is looked up)")),
        CliOption::text(u"hook"_s, u"H"_s,
            QCoreApplication::translate(
                "CliCommands", "Only this hook (default: every hook of the instance's current transition)")),
        CliOption::words(u"instance"_s, u"I"_s,
            QCoreApplication::translate("CliCommands", "Instance ID(s); repeat the option or list several after it")),
        CliOption::text(u"token"_s, u"T"_s,
            QCoreApplication::translate("CliCommands", "Lifecycle action token (from the notification), with --hook")),
        CliOption::flag(u"all-pending"_s,
            QCoreApplication::translate(
                "CliCommands", "Every instance of the group in a *:Wait state (asks for confirmation)")),
    };
}

} // namespace

QList<CliCommandSpec> CliCommands::lifecycle()
{
    QList<CliOption> completeOptions = targetOptions();
    completeOptions.append(CliOption::text(u"result"_s, u"CONTINUE|ABANDON"_s,
        QCoreApplication::translate("CliCommands",
            "CONTINUE lets the launch or termination go on; ABANDON terminates a launching instance (it is "
            "replaced) and skips the remaining hooks of a terminating one")));
    completeOptions.append(CliOption::flag(u"yes"_s,
        QCoreApplication::translate("CliCommands",
            "Do not ask for confirmation (needed for ABANDON and --all-pending "
            "when standard input is not a terminal)")));
    QList<CliOption> heartbeatOptions = targetOptions();
    heartbeatOptions.append(CliOption::flag(
        u"yes"_s, QCoreApplication::translate("CliCommands", "Do not ask for confirmation of --all-pending")));
    heartbeatOptions.append(CliOption::duration(u"keep-alive"_s, u"DURATION"_s,
        QCoreApplication::translate("CliCommands",
            "Keep sending heartbeats, every half heartbeat timeout, for DURATION (45s, 90m, 2h, 1h30m; at most "
            "48h)"),
        QCoreApplication::translate(
            "CliCommands", "--keep-alive needs a duration such as 45s, 90m, 2h or 1h30m (at most 48h), not '%1'")));
    return {
        { u"complete"_s,
            u"[--group G] [--hook H] (--instance I … | --group G --token T | --group G --all-pending) "
            "--result CONTINUE|ABANDON [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Complete lifecycle actions with CONTINUE or ABANDON"),
            QCoreApplication::translate("CliCommands",
                "Without --hook, every hook the instance still waits on in its current transition is completed. "
                "Before anything is sent, each target is checked: the group must exist, the instance must be in it "
                "and waiting, and the hook must exist for the transition it waits in; a mismatch is refused with "
                "what the instance actually waits on. After the answer the instance is read back: \"done ✓\" "
                "(verified: true in JSON) when it left the wait or moved on to its next hook. When AWS answers that "
                "no lifecycle action is active, the outcome is \"already-completed\" only if the instance has "
                "left that wait (completed elsewhere, timed out, or by an earlier attempt whose answer was lost); "
                "if it is still waiting, the outcome is \"failed\".\n\n"
                "With --instance and no --group, the group of each instance is looked up first "
                "(DescribeAutoScalingInstances); an instance that is in no group is reported as \"refused\" and "
                "nothing is sent for it, and when none is found the command exits with 2.\n\n"
                "ABANDON and --all-pending ask for confirmation on a terminal (type the number of actions); "
                "without a terminal they need --yes. With --all-pending, --hook limits the action to the instances "
                "waiting on that hook.\n\n"
                "Exit code 0 when every action is done or already completed; for one target, 2 when it was refused "
                "before sending and 1 when it failed; for several, 5 when some were refused or failed (each item's "
                "outcome is printed, and each reason in full below the table).")
                + u"\n\n"_s + fleetParagraph(),
            completeOptions, 0, createComplete, true },
        { u"heartbeat"_s,
            u"[--group G] [--hook H] (--instance I … | --group G --token T | --group G --all-pending) [--yes] | "
            u"--group G [--hook H] --instance I … --keep-alive DURATION"_s,
            QCoreApplication::translate(
                "CliCommands", "Record lifecycle action heartbeats: restart the hooks' heartbeat timeout"),
            QCoreApplication::translate("CliCommands",
                "A heartbeat gives the hook its full heartbeat timeout again, counted from now, but never beyond its "
                "global timeout (100 × heartbeat timeout, at most 48 hours, from the start of the wait).\n\n"
                "With --instance and no --group, the group of each instance is looked up first; an instance that is "
                "in no group is reported as \"refused\".\n\n"
                "With --keep-alive DURATION a heartbeat is sent at once and then every half of the smallest "
                "heartbeat timeout of the hooks kept alive, until DURATION has passed, the instance leaves the wait, "
                "the global timeout makes further heartbeats useless, or Ctrl+C / SIGTERM (the heartbeat in flight "
                "is answered and audited first). One line per heartbeat (one JSON document per line with --output "
                "json), then why it stopped. Exit code 0 when DURATION passed, the instance left the wait or it was "
                "interrupted; 7 when the global timeout ended it early; 5 when heartbeats failed after some went "
                "through, 1 when none did.")
                + u"\n\n"_s + fleetParagraph(),
            heartbeatOptions, 0, createHeartbeat, true },
    };
}

#include "cmdlifecycle.moc"
