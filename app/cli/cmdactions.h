#pragma once

#include "bulkactionjob.h"
#include "clicommand.h"
#include "clitable.h"

#include <QJsonObject>
#include <functional>

class ActionController;
class AwsSession;
struct AuditRecord;
class InventoryStore;

// Base of the mutating commands: the confirmation rules, the ActionController they go through, and the per-item
// report (a table or JSON) with the exit code: 0 when every item is done or already completed, 5 when some failed,
// the first error's code when none went through.
class ActionCommand : public CliCommand {
    Q_OBJECT
public:
    ActionCommand(CliContext* context, CliArguments arguments, QObject* parent = nullptr);

protected:
    // True with --yes. Off a terminal without --yes: fails with exit 2 ("refusing to <why> without --yes") and
    // returns false; on a terminal returns false so the caller asks (after it knows what to show).
    bool mayProceedWithoutAsking(const QString& why);
    // Asks the person to type `expected`; on anything else fails with exit 2 and returns false.
    bool confirm(const QString& question, const QString& expected);

    // Runs `then` once the session knows its account (audit records name it); when STS cannot answer, `then` runs
    // anyway and the action is still tried, as with `complete`.
    void withIdentity(AwsSession* session, const std::function<void()>& then);
    // An audit record of `phase` for `action` on `group` with the session's profile, account and region, stamped
    // now (attempt 1): the commands that write their own records fill in the rest.
    static AuditRecord auditRecord(
        AwsSession* session, const QString& phase, const QString& action, const QString& group);
    // After an action was sent: the problem when the audit log still holds records it could not write (empty when
    // all are written). finishReported() then ends the command with OutcomeNotRecorded instead of `code`.
    QString unrecordedAudit();
    void finishReported(CliExit code, const QString& auditProblem);
    // Opens the session and builds the store and controller for it, then calls `then`.
    void openController(const std::function<void()>& then);
    // A full inventory refresh (to know states, hooks and what waits), then `then`; fails on a refresh error.
    void refreshThen(const std::function<void()>& then);
    // Prints the job's items when it finishes and ends the command with the matching exit code.
    void watch(BulkActionJob* job);

    // The per-item report, shared with the commands over several connections (cmdfleetlifecycle.cpp).
    static QJsonObject itemJson(const BulkActionJob::Item& item);
    static QJsonObject summaryJson(const QList<BulkActionJob::Item>& items);
    static QList<CliTable::Column> itemColumns(bool hookOperation);
    // The row of `item`; `reason` is set to the line repeated whole below the table, or cleared.
    static QStringList itemCells(const BulkActionJob::Item& item, bool hookOperation, QString* reason);
    static CliExit exitCodeForItems(const QList<BulkActionJob::Item>& items);

    ActionController* controller() const { return m_controller; }
    InventoryStore* store() const { return m_store; }
    static QString operationName(BulkActionJob::Kind kind);

private:
    void report(BulkActionJob* job);
    void printItems(BulkActionJob* job);

    InventoryStore* m_store = nullptr;
    ActionController* m_controller = nullptr;
};
