// `complete` and `heartbeat` over several connections (issue 14 item 4): every connection loads its inventory in
// parallel, each target is located in the one connection that lists it (FleetTargets), and each connection's
// targets go through that connection's own ActionController — its audit records, request gate and read-backs —
// never another's. One report across all of them, each item naming its account and region.
#include "cmdfleetlifecycle.h"

#include "actioncontroller.h"
#include "awssession.h"
#include "clicontext.h"
#include "clifleet.h"
#include "clifleettargets.h"
#include "cliinterrupted.h"
#include "clijson.h"
#include "clilifecycleoptions.h"
#include "cmdactions.h"
#include "connection.h"
#include "inventorystore.h"
#include "lifecyclestate.h"
#include "pendingaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

class FleetLifecycleActionCommand : public ActionCommand {
    Q_OBJECT
public:
    FleetLifecycleActionCommand(CliContext* context, CliArguments arguments, bool complete)
        : ActionCommand(context, std::move(arguments))
        , m_complete(complete)
    {
    }

    void start() override
    {
        QString problem;
        m_options = LifecycleActionOptions::parse(args(), m_complete, &problem);
        if (problem.isEmpty() && args().isSet(u"keep-alive"_s))
            problem = QCoreApplication::translate(
                "CliCommands", "--keep-alive works on one connection: give --profile and --region once each");
        if (!problem.isEmpty() || !m_fleet.plan(&problem)) {
            failUsage(problem);
            return;
        }
        // Asked before anything is opened, exactly as on one connection: a script without --yes sends nothing.
        if (m_options.needsConfirmation() && !mayProceedWithoutAsking(m_options.whatWeDo())) {
            if (isFinished())
                return;
            m_ask = true;
        }
        m_fleet.run([this](int, Connection* connection, const CliFleet::Loaded& loaded) { load(connection, loaded); },
            [this] { located(); });
    }

private:
    struct Row {
        int member; // -1: reported under no connection
        BulkActionJob::Item item;
    };

    // The whole inventory (targets are located in it), then the account (audit records name it), then the intents
    // an interrupted run left in this connection, settled before anything new is sent.
    void load(Connection* connection, const CliFleet::Loaded& loaded)
    {
        InventoryStore* store = connection->store();
        connect(
            store, &InventoryStore::refreshFinished, this,
            [this, store, loaded](bool ok) {
                const QList<AwsError> errors = store->errors();
                if (!ok && !store->hasLoaded() && !errors.isEmpty()) {
                    loaded(errors.constFirst());
                    return;
                }
                AwsSession* session = store->session();
                withIdentity(session, [this, session, store, loaded] {
                    CliInterrupted::settle(context(), session, store, this,
                        [loaded](const QList<AuditReconciler::Interrupted>&) { loaded({}); });
                });
            },
            Qt::SingleShotConnection);
        store->refresh();
    }

    void located()
    {
        m_targets.emplace(m_fleet, m_options);
        if (!m_targets->problem().isEmpty()) {
            failUsage(m_targets->problem());
            return;
        }
        if (m_targets->targetCount() == 0 && m_targets->unsent().isEmpty()) {
            printNothingToDo();
            return;
        }
        if (m_ask && m_targets->targetCount() > 0 && !askFor())
            return;
        send();
    }

    QString connectionsText(int count) const
    {
        return QCoreApplication::translate("CliCommands", "%n account(s)/region(s)", nullptr, count);
    }

    bool askFor()
    {
        const int count = m_targets->targetCount();
        const QString where = connectionsText(m_targets->connectionCount());
        context()->printNote(m_complete
                ? QCoreApplication::translate("CliCommands", "About to %1 %n instance(s) in %2:", nullptr, count)
                      .arg(m_options.result, where)
                : QCoreApplication::translate(
                    "CliCommands", "About to send a heartbeat for %n instance(s) in %1:", nullptr, count)
                      .arg(where));
        for (auto it = m_targets->targets().cbegin(); it != m_targets->targets().cend(); ++it) {
            const CliFleet::Member& member = m_fleet.members().at(it.key());
            for (const LifecycleActionTarget& target : it.value())
                context()->printNote(confirmationLine(member, target));
        }
        return confirm(m_complete ? QCoreApplication::translate("CliCommands", "%1 them?").arg(m_options.result)
                                  : QCoreApplication::translate("CliCommands", "Send the heartbeats?"),
            QString::number(count));
    }

    QString confirmationLine(const CliFleet::Member& member, const LifecycleActionTarget& target) const
    {
        QString line = u"  "_s
            + (target.instanceId.isEmpty() ? QCoreApplication::translate("CliCommands", "token %1").arg(target.token)
                                           : target.instanceId);
        const PendingAction* pending = member.connection->store()->pendingAction(target.groupName, target.instanceId);
        if (pending) {
            line += u"  "_s + pending->lifecycleState;
            if (m_complete)
                line += u"  → "_s
                    + LifecycleState::resultEffect(m_options.result, pending->transition, pending->retainsOnAbandon);
        }
        return line + u"  ("_s + target.groupName + u", "_s + FleetTargets::connectionName(member) + u')';
    }

    void send()
    {
        for (auto it = m_targets->targets().cbegin(); it != m_targets->targets().cend(); ++it) {
            ActionController* controller = m_fleet.members().at(it.key()).connection->actions();
            BulkActionJob* job
                = m_complete ? controller->complete(it.value(), m_options.result) : controller->heartbeat(it.value());
            m_jobs.append(Job { it.key(), it.value(), job });
            ++m_outstanding;
            connect(
                job, &BulkActionJob::finished, this,
                [this] {
                    if (--m_outstanding == 0)
                        report();
                },
                Qt::SingleShotConnection);
        }
        if (m_outstanding == 0)
            report();
    }

    // An item for a target that was never sent, with the reason.
    static BulkActionJob::Item unsentItem(const LifecycleActionTarget& target, BulkActionJob::ItemState state,
        const QString& message, const AwsError& error = {})
    {
        BulkActionJob::Item item;
        item.target = target;
        item.state = state;
        item.message = message;
        item.error = error;
        return item;
    }

    QList<Row> rows() const
    {
        QList<Row> list;
        for (const Job& job : m_jobs) {
            for (const BulkActionJob::Item& item : job.job->items())
                list.append(Row { job.member, item });
            // A job that could not start at all has no items: its targets failed with its reason.
            if (job.job->items().isEmpty()) {
                for (const LifecycleActionTarget& target : job.targets)
                    list.append(Row {
                        job.member, unsentItem(target, BulkActionJob::ItemState::Failed, job.job->errorMessage()) });
            }
        }
        for (const FleetTargets::Unsent& unsent : m_targets->unsent()) {
            const auto state = unsent.failed ? BulkActionJob::ItemState::Failed : BulkActionJob::ItemState::Refused;
            list.append(Row { unsent.member, unsentItem(unsent.target, state, unsent.message, unsent.error) });
        }
        return list;
    }

    QJsonObject rowJson(const Row& row) const
    {
        if (row.member >= 0)
            return CliFleet::tagged(ActionCommand::itemJson(row.item), m_fleet.members().at(row.member));
        QJsonObject item = ActionCommand::itemJson(row.item);
        item.insert(u"account"_s, QJsonValue());
        item.insert(u"region"_s, QJsonValue());
        item.insert(u"profile"_s, QJsonValue());
        return item;
    }

    QJsonObject document(const QList<Row>& rows) const
    {
        QJsonArray list;
        QList<BulkActionJob::Item> items;
        for (const Row& row : rows) {
            list.append(rowJson(row));
            items.append(row.item);
        }
        QJsonObject document { { u"operation"_s,
                                   operationName(
                                       m_complete ? BulkActionJob::Kind::Complete : BulkActionJob::Kind::Heartbeat) },
            { u"items"_s, list }, { u"summary"_s, summaryJson(items) }, { u"errors"_s, m_fleet.errorsJson() } };
        if (m_complete)
            document.insert(u"result"_s, m_options.result);
        return document;
    }

    void printTable(const QList<Row>& rows) const
    {
        QList<CliTable::Column> columns { { QCoreApplication::translate("CliCommands", "ACCOUNT") },
            { QCoreApplication::translate("CliCommands", "REGION") } };
        CliTable table(columns + itemColumns(false));
        QStringList reasons;
        for (const Row& row : rows) {
            QString reason;
            const QStringList where = row.member < 0
                ? QStringList { u"-"_s, u"-"_s }
                : QStringList { CliFleet::accountCell(m_fleet.members().at(row.member)),
                      m_fleet.members().at(row.member).regionLabel() };
            table.addRow(where + itemCells(row.item, false, &reason));
            if (!reason.isEmpty())
                reasons.append(reason);
        }
        context()->printTable(table);
        for (const QString& reason : std::as_const(reasons))
            context()->printLine(reason);
        m_fleet.printErrors();
    }

    void report()
    {
        const QList<Row> list = rows();
        // The results stand (the requests went out); a record that could not be written is said in the report.
        const QString auditProblem = unrecordedAudit();
        if (context()->json()) {
            QJsonObject json = document(list);
            if (!auditProblem.isEmpty()) {
                const AwsError error = AwsError::validation(
                    QCoreApplication::translate("CliCommands", "action sent, outcome not recorded: %1")
                        .arg(auditProblem));
                json.insert(
                    u"error"_s, CliJson::errorDocument(error, toInt(CliExit::OutcomeNotRecorded)).value(u"error"_s));
            }
            context()->printJson(json);
        } else {
            printTable(list);
        }
        finishReported(exitCode(list), auditProblem);
    }

    // 5 when some connection failed while others answered, a failed connection's code when none answered (as
    // CliFleet says), else the rules of one connection over all the items.
    CliExit exitCode(const QList<Row>& rows) const
    {
        if (const CliExit fleet = m_fleet.exitCode(); fleet != CliExit::Ok)
            return fleet;
        QList<BulkActionJob::Item> items;
        for (const Row& row : rows)
            items.append(row.item);
        const bool allThrough = std::all_of(items.cbegin(), items.cend(), [](const BulkActionJob::Item& item) {
            return item.state == BulkActionJob::ItemState::Done
                || item.state == BulkActionJob::ItemState::AlreadyCompleted;
        });
        return allThrough ? CliExit::Ok : exitCodeForItems(items);
    }

    void printNothingToDo()
    {
        if (context()->json()) {
            context()->printJson(document({}));
        } else {
            context()->printNote(QCoreApplication::translate(
                "CliCommands", "No instance of %1 is waiting on a lifecycle hook in %2: nothing to do.")
                                     .arg(m_options.group, connectionsText(m_fleet.answered())));
            m_fleet.printErrors();
        }
        finish(m_fleet.exitCode());
    }

    struct Job {
        int member;
        QList<LifecycleActionTarget> targets;
        BulkActionJob* job;
    };

    bool m_complete;
    bool m_ask = false;
    LifecycleActionOptions m_options;
    CliFleet m_fleet { context() };
    std::optional<FleetTargets> m_targets; // decided once every connection has loaded
    QList<Job> m_jobs;
    int m_outstanding = 0;
};

} // namespace

CliCommand* CliCommands::createFleetLifecycleAction(CliContext* context, const CliArguments& arguments, bool complete)
{
    return new FleetLifecycleActionCommand(context, arguments, complete);
}

#include "cmdfleetlifecycle.moc"
