// Mutating commands: complete, heartbeat, put-hook, delete-hook. All of them go through the models'
// ActionController, which validates, writes the audit log and sends; this file only parses, confirms and prints.
#include "cmdactions.h"

#include "actioncontroller.h"
#include "auditlog.h"
#include "awssession.h"
#include "clicontext.h"
#include "cliinterrupted.h"
#include "clijson.h"
#include "clitable.h"
#include "connection.h"
#include "enumnames.h"
#include "inventorystore.h"
#include "lifecyclestate.h"
#include "lifecyclevalidation.h"
#include "pendingaction.h"
#include "sessionidentity.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

ActionCommand::ActionCommand(CliContext* context, CliArguments arguments, QObject* parent)
    : CliCommand(context, std::move(arguments), parent)
{
}

bool ActionCommand::mayProceedWithoutAsking(const QString& why)
{
    if (args().isSet(u"yes"_s))
        return true;
    if (context()->io().inputIsTerminal)
        return false;
    // Scripts must say --yes: a destructive action never happens because nobody was there to answer.
    failUsage(tr("refusing to %1 without --yes: standard input is not a terminal, so nobody can confirm").arg(why));
    return false;
}

bool ActionCommand::confirm(const QString& question, const QString& expected)
{
    if (context()->prompt().confirmByTyping(question, expected))
        return true;
    failUsage(tr("not confirmed; nothing was sent"));
    return false;
}

void ActionCommand::withIdentity(AwsSession* session, const std::function<void()>& then)
{
    if (session->hasIdentity()) {
        then();
        return;
    }
    auto proceed = std::make_shared<std::function<void()>>(then);
    const auto once = [proceed] {
        if (*proceed)
            std::exchange(*proceed, nullptr)();
    };
    connect(session, &AwsSession::identityChanged, this, once);
    connect(session, &AwsSession::identityFailed, this, once);
    session->fetchIdentity();
}

AuditRecord ActionCommand::auditRecord(
    AwsSession* session, const QString& phase, const QString& action, const QString& group)
{
    AuditRecord record = SessionIdentity::auditRecord(session, phase);
    record.action = action;
    record.group = group;
    record.attempt = 1;
    return record;
}

QString ActionCommand::unrecordedAudit()
{
    AuditLog* audit = context()->auditLog();
    QString problem;
    if (audit && audit->unwrittenCount() > 0 && !audit->writeUnwritten(&problem))
        return problem.isEmpty() ? tr("the audit log could not be written") : problem;
    return {};
}

void ActionCommand::finishReported(CliExit code, const QString& auditProblem)
{
    if (auditProblem.isEmpty()) {
        finish(code);
        return;
    }
    context()->printNote(
        u"hookdesk-cli: "_s + tr("error: %1").arg(tr("action sent, outcome not recorded: %1").arg(auditProblem)));
    finish(CliExit::OutcomeNotRecorded);
}

void ActionCommand::openController(const std::function<void()>& then)
{
    withSession([this, then](AwsSession* session) {
        m_store = context()->connection()->store();
        m_controller = context()->connection()->actions();
        // Audit records name the account; learn it first. If STS cannot answer, the action is still tried (and
        // its own error is what the user sees): the record then has no account, as the GUI's would. Intents an
        // interrupted run left are settled before anything new is sent.
        auto settleThen = [this, session, then] {
            CliInterrupted::settle(
                context(), session, m_store, this, [then](const QList<AuditReconciler::Interrupted>&) { then(); });
        };
        if (session->hasIdentity()) {
            settleThen();
            return;
        }
        auto proceed = std::make_shared<std::function<void()>>(settleThen);
        connect(session, &AwsSession::identityChanged, this, [proceed] {
            if (*proceed)
                std::exchange(*proceed, nullptr)();
        });
        connect(session, &AwsSession::identityFailed, this, [proceed] {
            if (*proceed)
                std::exchange(*proceed, nullptr)();
        });
        session->fetchIdentity();
    });
}

void ActionCommand::refreshThen(const std::function<void()>& then)
{
    connect(
        m_store, &InventoryStore::refreshFinished, this,
        [this, then](bool ok) {
            const QList<AwsError> errors = m_store->errors();
            if (!ok && !m_store->hasLoaded() && !errors.isEmpty()) {
                fail(errors.constFirst());
                return;
            }
            then();
        },
        Qt::SingleShotConnection);
    m_store->refresh();
}

void ActionCommand::watch(BulkActionJob* job)
{
    connect(
        job, &BulkActionJob::finished, this, [this](BulkActionJob* finished) { report(finished); },
        Qt::SingleShotConnection);
}

void ActionCommand::report(BulkActionJob* job)
{
    const QList<BulkActionJob::Item>& items = job->items();
    if (!job->errorMessage().isEmpty() && items.isEmpty()) {
        failWith(CliExit::AwsError, job->errorMessage());
        return;
    }
    const int failed = job->countIn(BulkActionJob::ItemState::Failed);
    const int refused = job->countIn(BulkActionJob::ItemState::Refused);
    const int unknown = job->countIn(BulkActionJob::ItemState::Unknown);

    // The results stand (the requests went out); what failed is the record of them. The log keeps the outcomes in
    // memory and tries once more as the command ends; if that fails too, the report says so (exit 6), in the one
    // JSON document a script reads.
    AuditLog* audit = context()->auditLog();
    QString auditProblem;
    const bool unrecorded = audit->unwrittenCount() > 0 && !audit->writeUnwritten(&auditProblem);
    const AwsError auditError = AwsError::validation(
        QCoreApplication::translate("CliCommands", "action sent, outcome not recorded: %1").arg(auditProblem));

    if (context()->json()) {
        QJsonArray list;
        for (const BulkActionJob::Item& item : items)
            list.append(itemJson(item));
        QJsonObject document {
            { u"operation"_s, operationName(job->kind()) },
            { u"items"_s, list },
            { u"summary"_s, summaryJson(items) },
        };
        if (job->kind() == BulkActionJob::Kind::Complete)
            document.insert(u"result"_s, job->result());
        if (unrecorded) {
            document.insert(
                u"error"_s, CliJson::errorDocument(auditError, toInt(CliExit::OutcomeNotRecorded)).value(u"error"_s));
        }
        context()->printJson(document);
    } else {
        printItems(job);
    }
    if (unrecorded) {
        context()->printNote(
            u"hookdesk-cli: "_s + QCoreApplication::translate("CliCommands", "error: %1").arg(auditError.message));
        finish(CliExit::OutcomeNotRecorded);
        return;
    }
    if (failed + refused + unknown == 0) {
        finish(CliExit::Ok);
        return;
    }
    finish(exitCodeForItems(items));
}

CliExit ActionCommand::exitCodeForItems(const QList<BulkActionJob::Item>& items)
{
    // One target: its own code (refused before sending: usage, 2; AWS said no: 1; network, credentials…).
    // Several: 5, and the table tells which — unless nothing got through for one reason that is not about the
    // targets (network down, keys refused), which the first such error says best.
    if (items.size() == 1) {
        const BulkActionJob::Item& item = items.constFirst();
        if (item.state == BulkActionJob::ItemState::Refused)
            return item.error.isError() && item.error.kind != AwsError::Kind::Validation ? exitCodeFor(item.error)
                                                                                         : CliExit::Usage;
        return item.error.isError() ? exitCodeFor(item.error) : CliExit::AwsError;
    }
    const bool anyThrough = std::any_of(items.cbegin(), items.cend(), [](const BulkActionJob::Item& item) {
        return item.state == BulkActionJob::ItemState::Done || item.state == BulkActionJob::ItemState::AlreadyCompleted;
    });
    if (!anyThrough) {
        const auto notAboutTargets = [](const BulkActionJob::Item& item) {
            return item.error.kind == AwsError::Kind::Network || item.error.kind == AwsError::Kind::Timeout
                || item.error.kind == AwsError::Kind::Credentials;
        };
        if (std::all_of(items.cbegin(), items.cend(), notAboutTargets))
            return exitCodeFor(items.constFirst().error);
    }
    return CliExit::PartialFailure;
}

QJsonObject ActionCommand::itemJson(const BulkActionJob::Item& item)
{
    return QJsonObject {
        { u"group"_s, item.target.groupName },
        { u"hook"_s, CliJson::text(item.target.hookName) },
        { u"instanceId"_s, CliJson::text(item.target.instanceId) },
        { u"token"_s, CliJson::text(item.target.token) },
        { u"outcome"_s, BulkActionJob::stateName(item.state) },
        { u"verified"_s, item.verified },
        { u"message"_s, CliJson::text(item.message) },
        { u"requestId"_s, CliJson::text(item.requestId) },
        { u"error"_s, item.error.isError() ? QJsonValue(CliJson::error(item.error)) : QJsonValue() },
    };
}

QJsonObject ActionCommand::summaryJson(const QList<BulkActionJob::Item>& items)
{
    const auto count = [&items](BulkActionJob::ItemState state) {
        return int(std::count_if(
            items.cbegin(), items.cend(), [state](const BulkActionJob::Item& item) { return item.state == state; }));
    };
    const int verified = int(
        std::count_if(items.cbegin(), items.cend(), [](const BulkActionJob::Item& item) { return item.verified; }));
    return QJsonObject { { u"total"_s, int(items.size()) }, { u"done"_s, count(BulkActionJob::ItemState::Done) },
        { u"alreadyCompleted"_s, count(BulkActionJob::ItemState::AlreadyCompleted) },
        { u"failed"_s, count(BulkActionJob::ItemState::Failed) },
        { u"refused"_s, count(BulkActionJob::ItemState::Refused) },
        { u"unknown"_s, count(BulkActionJob::ItemState::Unknown) }, { u"verified"_s, verified } };
}

QList<CliTable::Column> ActionCommand::itemColumns(bool hookOperation)
{
    if (hookOperation)
        return { { tr("GROUP") }, { tr("HOOK") }, { tr("OUTCOME") },
            { tr("DETAIL"), CliTable::Align::Left, true, 16 } };
    return { { tr("INSTANCE") }, { tr("HOOK") }, { tr("OUTCOME") }, { tr("DETAIL"), CliTable::Align::Left, true, 16 } };
}

QStringList ActionCommand::itemCells(const BulkActionJob::Item& item, bool hookOperation, QString* reason)
{
    // The decision explains itself best; the AWS error it was made from is in the JSON output.
    QString detail = !item.message.isEmpty() ? item.message : item.error.isError() ? item.error.toString() : QString();
    if (detail.isEmpty() && !item.requestId.isEmpty())
        detail = tr("request %1").arg(item.requestId);
    const QString first = hookOperation    ? item.target.groupName
        : item.target.instanceId.isEmpty() ? tr("token %1").arg(item.target.token)
                                           : item.target.instanceId;
    // ✓: reading the instance back confirmed the outcome.
    const QString outcome = BulkActionJob::stateName(item.state) + (item.verified ? u" ✓"_s : QString());
    // The table may cut DETAIL to the terminal's width; a refusal or failure is repeated whole below it.
    const bool needsReading = item.state == BulkActionJob::ItemState::Failed
        || item.state == BulkActionJob::ItemState::Refused || item.state == BulkActionJob::ItemState::Unknown
        || (item.state == BulkActionJob::ItemState::Done && !item.verified && !hookOperation);
    reason->clear();
    if (needsReading && !detail.isEmpty())
        *reason = u"%1%2: %3"_s.arg(
            first, item.target.hookName.isEmpty() ? QString() : u" ("_s + item.target.hookName + u')', detail);
    return { first, item.target.hookName.isEmpty() ? u"-"_s : item.target.hookName, outcome, detail };
}

void ActionCommand::printItems(BulkActionJob* job)
{
    const bool hookOperation = !job->isLifecycleAction();
    CliTable table(itemColumns(hookOperation));
    QStringList reasons;
    for (const BulkActionJob::Item& item : job->items()) {
        QString reason;
        table.addRow(itemCells(item, hookOperation, &reason));
        if (!reason.isEmpty())
            reasons.append(reason);
    }
    context()->printTable(table);
    for (const QString& reason : std::as_const(reasons))
        context()->printLine(reason);
}

QString ActionCommand::operationName(BulkActionJob::Kind kind)
{
    static constexpr EnumName<BulkActionJob::Kind> kOperations[] = {
        { BulkActionJob::Kind::Complete, "complete"_L1 },
        { BulkActionJob::Kind::Heartbeat, "heartbeat"_L1 },
        { BulkActionJob::Kind::PutHook, "put-hook"_L1 },
        { BulkActionJob::Kind::DeleteHook, "delete-hook"_L1 },
    };
    return nameOf(kOperations, kind);
}
