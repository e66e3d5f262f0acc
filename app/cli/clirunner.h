#pragma once

#include "cliio.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QStringList>

class CliCommand;
class CliContext;
class QCoreApplication;
class SecretStore;
struct CliGlobalOptions;
struct CliInvocation;

// Runs one hookdesk-cli command line: CliInvocation::parse() says what it asks for; the runner prints the help or
// the usage error, or builds the context and runs the command asynchronously. finished(exitCode) is emitted exactly
// once, always from the event loop (also for --help and usage errors), so the real process runs
// QCoreApplication::exec() until it arrives and tests run the same code in-process with buffers for stdout/stderr/stdin
// and wait on the signal.
class CliRunner : public QObject {
    Q_OBJECT
public:
    explicit CliRunner(const CliIo& io, QObject* parent = nullptr);
    ~CliRunner() override;

    // The process entry point (main-cli.cpp): wires stdout/stderr/stdin, runs the event loop, returns the exit code.
    static int run(QCoreApplication& app);

    // Test injection. Defaults: the process environment, the OS keychain, the shared audit log.
    void setEnvironment(const QProcessEnvironment& environment);
    void setSecretStore(SecretStore* store) { m_secretStore = store; }
    void setAuditLogPath(const QString& path) { m_auditLogPath = path; }
    void setProfileSettingsPath(const QString& path) { m_profileSettingsPath = path; }

    // Arguments without the program name.
    void start(const QStringList& arguments);
    bool isFinished() const { return m_exitCode >= 0; }
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finishLater(int exitCode);
    void printUsageError(const CliInvocation& invocation);
    CliContext* createContext(const CliGlobalOptions& options);
    void runCommand(const CliInvocation& invocation);
    void finishAfterKeychain(int exitCode, int waitedMs);

    CliIo m_io;
    QProcessEnvironment m_environment;
    bool m_environmentSet = false;
    SecretStore* m_secretStore = nullptr;
    QString m_auditLogPath;
    QString m_profileSettingsPath;
    CliContext* m_context = nullptr;
    QPointer<CliCommand> m_command;
    int m_exitCode = -1;
    bool m_started = false;
};
