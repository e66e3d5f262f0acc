// `pending`: every instance waiting on a lifecycle hook, across groups, most urgent first.
#include "awssession.h"
#include "clicommand.h"
#include "clicontext.h"
#include "clifleet.h"
#include "cliinterrupted.h"
#include "clijson.h"
#include "clilisting.h"
#include "cliretention.h"
#include "connection.h"
#include "deadlineestimator.h"
#include "inventorystore.h"
#include "pendingaction.h"
#include "unixsignalwatcher.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

QString emptyNote(const QString& group)
{
    return group.isEmpty()
        ? QCoreApplication::translate("CliCommands", "No instance is waiting on a lifecycle hook.")
        : QCoreApplication::translate("CliCommands", "No instance of %1 is waiting on a lifecycle hook.").arg(group);
}

QList<CliTable::Column> pendingColumns(bool fleet)
{
    QList<CliTable::Column> columns;
    if (fleet) {
        columns << CliTable::Column { QCoreApplication::translate("CliCommands", "PROFILE") }
                << CliTable::Column { QCoreApplication::translate("CliCommands", "ACCOUNT") }
                << CliTable::Column { QCoreApplication::translate("CliCommands", "REGION") };
    }
    columns << CliTable::Column { QCoreApplication::translate("CliCommands", "GROUP"), CliTable::Align::Left, true, 12 }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "INSTANCE") }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "STATE") }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "HOOKS"), CliTable::Align::Left, true, 10 }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "TRANSITION"), CliTable::Align::Left, true,
                   9 }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "DEFAULT") }
            << CliTable::Column { QCoreApplication::translate("CliCommands", "LEFT (EST.)"), CliTable::Align::Right };
    return columns;
}

QStringList pendingRow(const PendingAction& action, const QDateTime& now)
{
    QString hooks = !action.hooksKnown ? QCoreApplication::translate("CliCommands", "(unknown)")
        : action.waits.isEmpty()       ? u"-"_s
                                       : action.hookNames().join(u", "_s);
    // A warm-pool wait whose hooks cannot be told apart (launching into the pool or returning to it).
    if (action.actionable && action.hooksKnown && action.hookTransition.isEmpty())
        hooks = QCoreApplication::translate("CliCommands", "unknown");
    return QStringList { action.groupName, action.instanceId, action.lifecycleState, hooks,
        LifecycleState::transitionLabel(action.transition),
        action.defaultResult.isEmpty() ? u"-"_s : action.defaultResult, CliRetention::leftText(action, now) };
}

class PendingCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        m_group = args().value(u"group"_s).trimmed();
        m_watchSeconds = int(args().number(u"watch"_s));
        if (m_watchSeconds > 0) {
            // Ctrl+C ends the watch between two lists: exit 0, nothing is half-printed.
            auto* watcher = new UnixSignalWatcher(this);
            connect(watcher, &UnixSignalWatcher::terminationRequested, this, [this] { finish(CliExit::Ok); });
            m_next.setSingleShot(true);
            connect(&m_next, &QTimer::timeout, this, [this] { m_store->refresh(); });
        }
        withSession([this](AwsSession* session) {
            Q_UNUSED(session)
            // The connection's store comes with the heartbeat feed: heartbeats sent by earlier runs
            // (`hookdesk-cli heartbeat`) or the GUI are in the estimate before refreshed() prints.
            m_store = context()->connection()->store();
            connect(m_store, &InventoryStore::refreshFinished, this, &PendingCommand::refreshed);
            m_store->refresh();
        });
    }

private:
    void refreshed(bool ok)
    {
        const QList<AwsError> errors = m_store->errors();
        if (m_printed) { // --watch: the next list, from the change-driven refresh
            printAndWait(errors);
            return;
        }
        if (!ok && !m_store->hasLoaded() && !errors.isEmpty()) {
            fail(errors.constFirst());
            return;
        }
        if (!m_group.isEmpty() && !m_store->group(m_group)) {
            if (!errors.isEmpty())
                fail(errors.constFirst());
            else
                failWith(CliExit::AwsError,
                    QCoreApplication::translate("CliCommands", "no Auto Scaling group named '%1'").arg(m_group));
            return;
        }
        // Intents a killed process left without an outcome: decided by reading back, reported once.
        CliInterrupted::settle(context(), m_store->session(), m_store, this,
            [this, errors](
                const QList<AuditReconciler::Interrupted>& interrupted) { reconciled(interrupted, errors); });
    }

    void reconciled(const QList<AuditReconciler::Interrupted>& interrupted, const QList<AwsError>& errors)
    {
        for (const AuditReconciler::Interrupted& item : interrupted) {
            m_interrupted.append(QJsonObject { { u"action"_s, item.intent.action }, { u"group"_s, item.intent.group },
                { u"hook"_s, CliJson::text(item.intent.hook) },
                { u"instanceId"_s, CliJson::text(item.intent.instance) },
                { u"result"_s, CliJson::text(item.intent.result) }, { u"sentAt"_s, CliJson::time(item.intent.time) },
                { u"outcome"_s, item.outcome }, { u"state"_s, CliJson::text(item.state) } });
        }
        printAndWait(errors);
    }

    void printAndWait(const QList<AwsError>& errors)
    {
        QList<PendingAction> actions;
        for (const PendingAction& action : m_store->pendingActions()) {
            if (m_group.isEmpty() || action.groupName == m_group)
                actions.append(action);
        }
        if (m_watchSeconds > 0 && !context()->json() && context()->io().outputIsTerminal)
            *context()->io().out << "\x1b[H\x1b[2J"; // redraw: cursor home, clear the screen
        print(actions);
        m_printed = true;
        // A group whose hooks could not be read still lists its instances (hooks unknown); say why, and exit 1
        // so a script does not mistake a partial picture for the whole one.
        for (const AwsError& error : errors)
            context()->printNote(
                u"hookdesk-cli: "_s + QCoreApplication::translate("CliCommands", "warning: %1").arg(error.toString()));
        if (m_watchSeconds > 0) {
            m_interrupted = {}; // reported once, with the first list
            m_next.start(m_watchSeconds * 1000);
            return;
        }
        finish(errors.isEmpty() ? CliExit::Ok : exitCodeFor(errors.constFirst()));
    }

    void print(const QList<PendingAction>& actions)
    {
        const QDateTime now = m_store->estimator()->now();
        CliListing listing { u"pending"_s, { { u"time"_s, CliJson::time(now) }, { u"interrupted"_s, m_interrupted } },
            emptyNote(m_group), pendingColumns(false) };
        listing.jsonLines = m_watchSeconds > 0;
        listing.print(
            *context(), actions, [now](const PendingAction& action) { return CliJson::pending(action, now); },
            [now](const PendingAction& action) { return pendingRow(action, now); });
        CliRetention::printPendingNotes(*context(), actions);
    }

    QString m_group;
    InventoryStore* m_store = nullptr;
    QJsonArray m_interrupted;
    int m_watchSeconds = 0; // --watch: list again this long after each refresh, until interrupted
    bool m_printed = false;
    QTimer m_next;
};

// `pending` over several connections (--profile/--region repeated, --all-profiles): each loads in parallel, one
// list across all of them, most urgent first; a connection that fails is reported beside the others.
class FleetPendingCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;
    void start() override
    {
        m_group = args().value(u"group"_s).trimmed();
        QString problem;
        if (args().isSet(u"watch"_s))
            problem = QCoreApplication::translate("CliCommands", "--watch works on one connection: give one --profile");
        if (!problem.isEmpty() || !m_fleet.plan(&problem)) {
            failUsage(problem);
            return;
        }
        m_fleet.run(
            [this](int, Connection* connection, const CliFleet::Loaded& loaded) {
                InventoryStore* store = connection->store();
                connect(
                    store, &InventoryStore::refreshFinished, this,
                    [store, loaded](bool ok) {
                        const QList<AwsError> errors = store->errors();
                        loaded(!ok && !store->hasLoaded() && !errors.isEmpty() ? errors.constFirst() : AwsError());
                    },
                    Qt::SingleShotConnection);
                store->refresh();
            },
            [this] { print(); });
    }

private:
    struct Row {
        int member;
        PendingAction action;
        QDateTime now;
    };

    void print()
    {
        const QList<CliFleet::Member>& members = m_fleet.members();
        QList<Row> rows;
        QDateTime time;
        for (int i = 0; i < members.size(); ++i) {
            const CliFleet::Member& member = members.at(i);
            if (!member.ok())
                continue;
            const InventoryStore* store = member.connection->store();
            const QDateTime now = store->estimator()->now();
            time = std::max(time, now);
            for (const PendingAction& action : store->pendingActions()) {
                if (m_group.isEmpty() || action.groupName == m_group)
                    rows.append(Row { i, action, now });
            }
        }
        std::stable_sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return PendingActions::moreUrgent(a.action, b.action); });
        CliListing listing { u"pending"_s,
            { { u"time"_s, CliJson::time(time) }, { u"errors"_s, m_fleet.errorsJson() } }, emptyNote(m_group),
            pendingColumns(true) };
        listing.print(
            *context(), rows,
            [&members](const Row& row) {
                return CliFleet::tagged(CliJson::pending(row.action, row.now), members.at(row.member));
            },
            [&members](const Row& row) {
                const CliFleet::Member& member = members.at(row.member);
                return QStringList { member.profileLabel(), CliFleet::accountCell(member), member.regionLabel() }
                + pendingRow(row.action, row.now);
            });
        QList<PendingAction> actions;
        for (const Row& row : std::as_const(rows))
            actions.append(row.action);
        CliRetention::printPendingNotes(*context(), actions);
        if (!context()->json())
            m_fleet.printErrors();
        finish(m_fleet.exitCode());
    }

    QString m_group;
    CliFleet m_fleet { context() };
};

} // namespace

QList<CliCommandSpec> CliCommands::pending()
{
    return {
        { u"pending"_s, u"[--group G] [--watch SECONDS]"_s,
            QCoreApplication::translate("CliCommands",
                "List every instance waiting on a lifecycle hook: group, state, hooks, transition, default result, "
                "estimated time left"),
            QCoreApplication::translate("CliCommands",
                "Most urgent first. The time left is an estimate (AWS does not publish when a wait started) that "
                "errs early, never late: it counts from the scaling activity that started the wait and from the "
                "moment a heartbeat was sent. Without such an activity the start is unknown and the row reads "
                "\"unknown — at most\" the longest the wait can still last. When the time runs out, the hook's "
                "default result applies: ABANDON if any waiting hook defaults to ABANDON.\n\n"
                "Instances in *:Proceed are listed too, without a deadline: they move on by themselves. So are "
                "instances in Terminating:Retained: a terminating hook was abandoned in a group whose instance "
                "lifecycle policy retains, so the instance is retained, not terminated, until someone terminates it "
                "(hookdesk-cli terminate). Lines under the table say which instances are retained and which an "
                "ABANDON would retain.\n\n"
                "With --watch the list is printed again after every refresh, SECONDS apart, until Ctrl+C: a table "
                "is redrawn on a terminal, JSON is one document per line. Refreshes after the first read only what "
                "the account's scaling activities say changed, plus the groups with a waiting instance, and a full "
                "sweep every 5 minutes."),
            { CliOption::text(
                  u"group"_s, u"G"_s, QCoreApplication::translate("CliCommands", "Only this Auto Scaling group")),
                CliOption::integer(u"watch"_s, u"SECONDS"_s,
                    QCoreApplication::translate("CliCommands", "Print the list again every SECONDS (5 to 86400)"),
                    QCoreApplication::translate("CliCommands", "--watch takes a number of seconds from 5 to 86400"), 5,
                    86400) },
            0,
            [](CliContext* context, const CliArguments& arguments) -> CliCommand* {
                if (context->options().isFleet())
                    return new FleetPendingCommand(context, arguments);
                return new PendingCommand(context, arguments);
            },
            true },
    };
}

#include "cmdpending.moc"
