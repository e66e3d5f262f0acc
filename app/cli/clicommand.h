#pragma once

#include "autoscalingtypes.h"
#include "awsjob.h"
#include "cliarguments.h"
#include "cliexitcode.h"

#include <QObject>
#include <functional>

class AwsSession;
class CliContext;
class QJsonObject;

// One running command. It is asynchronous: start() sends requests and returns; the command emits finished() once,
// from the event loop, with its exit code. No command waits in a nested event loop.
class CliCommand : public QObject {
    Q_OBJECT
public:
    CliCommand(CliContext* context, CliArguments arguments, QObject* parent = nullptr);

    virtual void start() = 0;
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished(int exitCode);

protected:
    // Ends the command; later calls are ignored, so an error path cannot end it twice.
    void finish(CliExit code);
    // Ends the command successfully with its outcome: the JSON document on stdout with --output json, else the
    // one-line message for people.
    void finishWithDocument(const QJsonObject& document, const QString& message);
    // Prints the error (stderr; and as {"error": …} on stdout with --output json) and ends with its exit code.
    void fail(const AwsError& error);
    // A usage problem found after parsing (a missing --group, two of --instance/--token…): exit code 2.
    void failUsage(const QString& message);
    // failUsage() with the first non-empty problem and false; true when every problem is empty.
    bool failUsageOnFirst(const QStringList& problems);
    // Any other failure found by the CLI itself (a group that does not exist…), with the exit code to use.
    void failWith(CliExit code, const QString& message);

    // The value of an option required only in some forms of a command (declare always-required ones with
    // CliOption::asRequired() instead); empty after failUsage() when it is missing.
    QString requireOption(const QString& name);
    // Runs `then` with the session once it is open, or fails the command with the reason it could not open.
    void withSession(const std::function<void(AwsSession*)>& then);
    // withSession(), after intents an interrupted run left were settled and reported (CliInterrupted): for the
    // commands that read the inventory.
    void withSettledSession(const std::function<void(AwsSession*)>& then);
    // When `job` finishes: fail() on error, else `then(job)`. The job deletes itself afterwards.
    template <typename Job, typename Then> void onSuccess(Job* job, Then then)
    {
        connect(job, &AwsJob::finished, this, [this, job, then] {
            if (job->hasError())
                fail(job->error());
            else
                then(job);
        });
    }

    CliContext* context() const { return m_context; }
    const CliArguments& args() const { return m_arguments; }

private:
    CliContext* m_context;
    CliArguments m_arguments;
    bool m_finished = false;
};

// What the parser knows about a command before running it: its name ("complete", "profile add"), help and
// options (declared once: CliInvocation checks a command line against them, the help lists them), and how to make
// it. Each command-group file returns its list.
struct CliCommandSpec {
    QString name;
    QString synopsis; // after the name: "--group G [--max N]"
    QString summary; // one line for the command list
    QString description; // paragraphs for `COMMAND --help`
    QList<CliOption> options;
    int maxPositional = 0;
    std::function<CliCommand*(CliContext*, const CliArguments&)> create;
    bool fleet = false; // runs over several connections (--profile/--region repeated, --all-profiles)
};

template <typename T> std::function<CliCommand*(CliContext*, const CliArguments&)> cliFactory()
{
    return [](CliContext* context, const CliArguments& arguments) { return new T(context, arguments); };
}

namespace CliCommands {
QList<CliCommandSpec> inventory(); // whoami, groups, hooks, instances, activities
QList<CliCommandSpec> pending(); // pending
QList<CliCommandSpec> lifecycle(); // complete, heartbeat
QList<CliCommandSpec> hooks(); // put-hook, delete-hook
QList<CliCommandSpec> remedy(); // terminate, protect on|off
QList<CliCommandSpec> standby(); // set-health, standby enter|exit
QList<CliCommandSpec> refreshes(); // refreshes, refresh cancel|rollback
QList<CliCommandSpec> profiles(); // profile list|add|remove|import|test
QList<CliCommandSpec> sso(); // sso login|logout|accounts
QList<CliCommandSpec> all();
// whoami and `profile test`: account, ARN, user ID, profile, region, endpoint (table or JSON).
void printIdentity(CliContext* context, AwsSession* session, const CallerIdentity& identity);
} // namespace CliCommands
