#include "clicommand.h"

#include "awserror.h"
#include "clicontext.h"
#include "cliinterrupted.h"

#include <QJsonObject>
#include <QTextStream>
#include <QTimer>
#include <algorithm>

CliCommand::CliCommand(CliContext* context, CliArguments arguments, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_arguments(std::move(arguments))
{
}

void CliCommand::finish(CliExit code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_context->out().flush();
    m_context->err().flush();
    // Queued, so a command that fails inside start() still finishes from the event loop, after start() returned.
    QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(toInt(code)); });
}

void CliCommand::finishWithDocument(const QJsonObject& document, const QString& message)
{
    if (m_context->json())
        m_context->printJson(document);
    else
        m_context->printLine(message);
    finish(CliExit::Ok);
}

void CliCommand::fail(const AwsError& error)
{
    if (m_finished)
        return;
    m_context->printError(error);
    finish(exitCodeFor(error));
}

void CliCommand::failUsage(const QString& message)
{
    if (m_finished)
        return;
    m_context->printUsageError(message);
    finish(CliExit::Usage);
}

bool CliCommand::failUsageOnFirst(const QStringList& problems)
{
    const auto problem = std::ranges::find_if(problems, [](const QString& text) { return !text.isEmpty(); });
    if (problem == problems.cend())
        return true;
    failUsage(*problem);
    return false;
}

void CliCommand::failWith(CliExit code, const QString& message)
{
    if (m_finished)
        return;
    AwsError error;
    error.kind = code == CliExit::Credentials ? AwsError::Kind::Credentials : AwsError::Kind::Validation;
    error.message = message;
    m_context->printError(error, toInt(code));
    finish(code);
}

QString CliCommand::requireOption(const QString& name)
{
    const QString value = m_arguments.value(name).trimmed();
    if (value.isEmpty())
        failUsage(CliArguments::requiredText(name));
    return value;
}

void CliCommand::withSession(const std::function<void(AwsSession*)>& then)
{
    m_context->openSession([this, then](AwsSession* session, const AwsError& error) {
        if (error.isError())
            fail(error);
        else
            then(session);
    });
}

QList<CliCommandSpec> CliCommands::all()
{
    return inventory() + pending() + lifecycle() + hooks() + remedy() + standby() + refreshes() + profiles() + sso();
}

void CliCommand::withSettledSession(const std::function<void(AwsSession*)>& then)
{
    withSession([this, then](AwsSession* session) {
        CliInterrupted::settle(m_context, session, nullptr, this,
            [session, then](const QList<AuditReconciler::Interrupted>&) { then(session); });
    });
}
