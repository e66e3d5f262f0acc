#include "clirunner.h"

#include "clicommand.h"
#include "clicontext.h"
#include "cliexitcode.h"
#include "cliinvocation.h"
#include "hookdeskversion.h"
#include "secretstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>
#include <unistd.h>

using namespace Qt::StringLiterals;

CliRunner::CliRunner(const CliIo& io, QObject* parent)
    : QObject(parent)
    , m_io(io)
{
}

CliRunner::~CliRunner() = default;

void CliRunner::setEnvironment(const QProcessEnvironment& environment)
{
    m_environment = environment;
    m_environmentSet = true;
}

void CliRunner::finishLater(int exitCode)
{
    m_io.out->flush();
    m_io.err->flush();
    QTimer::singleShot(0, this, [this, exitCode] {
        m_exitCode = exitCode;
        Q_EMIT finished(exitCode);
    });
}

void CliRunner::start(const QStringList& arguments)
{
    Q_ASSERT(!m_started);
    m_started = true;
    const CliInvocation invocation = CliInvocation::parse(arguments);
    switch (invocation.action) {
    case CliInvocation::Action::Help:
    case CliInvocation::Action::Version:
        *m_io.out << invocation.text;
        finishLater(toInt(CliExit::Ok));
        return;
    case CliInvocation::Action::UsageError:
        printUsageError(invocation);
        finishLater(toInt(CliExit::Usage));
        return;
    case CliInvocation::Action::InvalidValue:
        // Worded and shaped (JSON too) as the usage errors a running command finds.
        createContext(invocation.globals)->printUsageError(invocation.error);
        finishLater(toInt(CliExit::Usage));
        return;
    case CliInvocation::Action::Run:
        runCommand(invocation);
        return;
    }
}

void CliRunner::printUsageError(const CliInvocation& invocation)
{
    QTextStream& err = *m_io.err;
    if (!invocation.error.isEmpty()) {
        err << "hookdesk-cli";
        if (invocation.command)
            err << u' ' << invocation.command->name;
        err << ": " << invocation.error << Qt::endl;
    }
    err << invocation.details;
}

CliContext* CliRunner::createContext(const CliGlobalOptions& options)
{
    // The CLI reports every failure itself, in its own words; the libraries' log lines would say it twice. With
    // --verbose it prints each send itself ("-> Action"), so the client's own debug line for it stays off; its
    // retries, throttling and failures (info and up) are shown. QT_LOGGING_RULES still overrides this, for debugging.
    QLoggingCategory::setFilterRules(options.verbose ? u"hookdesk.*=true\nhookdesk.aws.debug=false"_s
                                                     : u"hookdesk.*=false\nhookdesk.*.critical=true"_s);
    m_context = new CliContext(m_io, options, this);
    if (m_environmentSet)
        m_context->setEnvironment(m_environment);
    if (m_secretStore)
        m_context->setSecretStore(m_secretStore);
    if (!m_auditLogPath.isEmpty())
        m_context->setAuditLogPath(m_auditLogPath);
    if (!m_profileSettingsPath.isEmpty())
        m_context->setProfileSettingsPath(m_profileSettingsPath);
    return m_context;
}

void CliRunner::runCommand(const CliInvocation& invocation)
{
    m_command = invocation.command->create(createContext(invocation.globals), invocation.arguments);
    m_command->setParent(this);
    connect(m_command, &CliCommand::finished, this, [this](int exitCode) { finishAfterKeychain(exitCode, 0); });
    m_command->start();
}

void CliRunner::finishAfterKeychain(int exitCode, int waitedMs)
{
    // A keychain write still running (the role session kept for the next run) is let finish, for a few seconds at
    // most: the process would otherwise exit under it, and the next run would ask for the MFA code again.
    constexpr int PollMs = 20;
    constexpr int LimitMs = 5000;
    SecretStore* secrets = m_context ? m_context->openSecretStore() : nullptr;
    if (secrets && secrets->pendingOperations() > 0 && waitedMs < LimitMs) {
        QTimer::singleShot(
            PollMs, this, [this, exitCode, waitedMs] { finishAfterKeychain(exitCode, waitedMs + PollMs); });
        return;
    }
    m_exitCode = exitCode;
    Q_EMIT finished(exitCode);
}

int CliRunner::run(QCoreApplication& app)
{
    // The product's name, not the executable's: the CLI writes the same audit log (AppDataLocation) as the GUI.
    QCoreApplication::setApplicationName(u"hookdesk"_s);
    QCoreApplication::setOrganizationName(u"Hookdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKDESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile in;
    // Unbuffered: a prompt's answer is read line by line and nothing after it is swallowed into a buffer.
    in.open(STDIN_FILENO, QIODevice::ReadOnly | QIODevice::Unbuffered);
    CliIo io;
    io.out = &out;
    io.err = &err;
    io.in = &in;
    io.inputIsTerminal = isatty(STDIN_FILENO) == 1;
    io.inputFd = io.inputIsTerminal ? STDIN_FILENO : -1;
    io.outputIsTerminal = isatty(STDOUT_FILENO) == 1;

    CliRunner runner(io);
    QObject::connect(&runner, &CliRunner::finished, &app, [](int code) { QCoreApplication::exit(code); });
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    QTimer::singleShot(0, &runner, [&runner, arguments] { runner.start(arguments); });
    return QCoreApplication::exec();
}
