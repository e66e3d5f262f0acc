#include "clirunner.h"

#include "clicommand.h"
#include "clicontext.h"
#include "cliexitcode.h"
#include "hookdeskversion.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int HelpWidth = 100;
constexpr int OptionColumn = 28;

QList<CliOption> globalOptions()
{
    return {
        { u"profile"_s, u"NAME"_s,
            QCoreApplication::translate(
                "CliRunner", "Use the saved profile NAME (default: AWS_PROFILE, else the AWS_* environment keys)") },
        { u"region"_s, u"R"_s,
            QCoreApplication::translate(
                "CliRunner", "AWS region, e.g. eu-west-1 (default: the profile's, else AWS_REGION)") },
        { u"endpoint-url"_s, u"URL"_s,
            QCoreApplication::translate("CliRunner",
                "Send requests to URL instead of AWS (hookdesk-sim, moto, a VPC endpoint); default: the profile's, "
                "else AWS_ENDPOINT_URL") },
        { u"output"_s, u"table|json"_s,
            QCoreApplication::translate(
                "CliRunner", "table (default): aligned columns for people; json: one stable JSON document") },
        { u"verbose"_s, QString(),
            QCoreApplication::translate("CliRunner", "Print every request and the debug log to standard error") },
        { u"help"_s, QString(),
            QCoreApplication::translate("CliRunner", "Show help (for a command: hookdesk-cli COMMAND --help)") },
        { u"version"_s, QString(), QCoreApplication::translate("CliRunner", "Show the version") },
    };
}

const CliOption* findGlobal(const QList<CliOption>& options, const QString& word)
{
    if (!word.startsWith(u"--"_s))
        return nullptr;
    const QString name = word.mid(2).section(u'=', 0, 0);
    for (const CliOption& option : options) {
        if (option.name == name)
            return &option;
    }
    return nullptr;
}

// Words wrapped to `width` columns, every line but the first indented by `indent`.
QString wrap(const QString& text, int indent, int width)
{
    QString result;
    int column = indent;
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    for (const QString& word : words) {
        if (column > indent && column + 1 + word.size() > width) {
            result += u'\n' + QString(indent, u' ');
            column = indent;
        } else if (column > indent) {
            result += u' ';
            ++column;
        }
        result += word;
        column += int(word.size());
    }
    return result;
}

QString optionLines(const QList<CliOption>& options)
{
    QString text;
    for (const CliOption& option : options) {
        QString left = u"  --"_s + option.name;
        if (option.takesValue())
            left += u' ' + option.valueName;
        if (option.greedy)
            left += u" …"_s;
        if (left.size() + 2 > OptionColumn)
            text += left + u'\n' + QString(OptionColumn, u' ');
        else
            text += left.leftJustified(OptionColumn);
        text += wrap(option.description, OptionColumn, HelpWidth) + u'\n';
    }
    return text;
}

const CliCommandSpec* findCommand(const QList<CliCommandSpec>& specs, const QString& name)
{
    for (const CliCommandSpec& spec : specs) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

bool isCommandGroup(const QList<CliCommandSpec>& specs, const QString& word)
{
    for (const CliCommandSpec& spec : specs) {
        if (spec.name.startsWith(word + u' '))
            return true;
    }
    return false;
}
} // namespace

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

QString CliRunner::mainHelp()
{
    QString text = QCoreApplication::translate("CliRunner", "Usage: hookdesk-cli [GLOBAL OPTIONS] COMMAND [OPTIONS]")
        + u"\n\n"_s
        + wrap(QCoreApplication::translate("CliRunner",
                   "Shows EC2 Auto Scaling lifecycle hooks and the instances waiting on them, and completes or extends "
                   "those waits. Every deadline is an estimate: AWS does not publish when a wait started."),
            0, HelpWidth)
        + u"\n\n"_s + QCoreApplication::translate("CliRunner", "Commands:") + u'\n';
    const QList<CliCommandSpec> specs = CliCommands::all();
    for (const CliCommandSpec& spec : specs)
        text += QString(u"  "_s + spec.name).leftJustified(20) + wrap(spec.summary, 20, HelpWidth) + u'\n';
    text += u'\n' + QCoreApplication::translate("CliRunner", "Global options (before or after the command):") + u'\n'
        + optionLines(globalOptions());
    text += u'\n'
        + wrap(QCoreApplication::translate("CliRunner",
                   "Exit codes: 0 success; 1 AWS error; 2 usage error or confirmation refused; 3 credentials or "
                   "keychain error; 4 network error; 5 some items of a bulk action failed."),
            0, HelpWidth)
        + u'\n' + QCoreApplication::translate("CliRunner", "Run 'hookdesk-cli COMMAND --help' for a command's options.")
        + u'\n';
    return text;
}

QString CliRunner::commandHelp(const CliCommandSpec& spec)
{
    QString text = QCoreApplication::translate("CliRunner", "Usage: hookdesk-cli [GLOBAL OPTIONS] %1").arg(spec.name);
    if (!spec.synopsis.isEmpty())
        text += u' ' + spec.synopsis;
    text = wrap(text, 8, HelpWidth) + u"\n\n"_s + wrap(spec.summary, 0, HelpWidth) + u'\n';
    if (!spec.description.isEmpty()) {
        const QStringList paragraphs = spec.description.split(u"\n\n"_s);
        for (const QString& paragraph : paragraphs)
            text += u'\n' + wrap(paragraph, 0, HelpWidth) + u'\n';
    }
    if (!spec.options.isEmpty())
        text += u'\n' + QCoreApplication::translate("CliRunner", "Options:") + u'\n' + optionLines(spec.options);
    text += u'\n'
        + QCoreApplication::translate("CliRunner",
            "Global options: --profile, --region, --endpoint-url, --output, --verbose (see hookdesk-cli --help).")
        + u'\n';
    return text;
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

void CliRunner::start(const QStringList& rawArguments)
{
    Q_ASSERT(!m_started);
    m_started = true;
    QStringList arguments = rawArguments;
    for (QString& word : arguments) {
        if (word == u"-h"_s)
            word = u"--help"_s;
    }
    QTextStream& out = *m_io.out;
    QTextStream& err = *m_io.err;
    const QList<CliOption> globals = globalOptions();
    const QList<CliCommandSpec> specs = CliCommands::all();

    // Global options before the command; then the command's words ("pending", "profile add").
    QStringList leading;
    QString commandName;
    qsizetype i = 0;
    for (; i < arguments.size(); ++i) {
        const QString& word = arguments.at(i);
        if (word.startsWith(u'-')) {
            const CliOption* option = findGlobal(globals, word);
            leading.append(word);
            if (option && option->takesValue() && !word.contains(u'=') && i + 1 < arguments.size())
                leading.append(arguments.at(++i));
            continue;
        }
        commandName = word;
        ++i;
        // "help pending" and "help profile add" are the same as "pending --help".
        const bool helpWord = commandName == u"help"_s;
        if (helpWord) {
            commandName.clear();
            if (i < arguments.size() && !arguments.at(i).startsWith(u'-'))
                commandName = arguments.at(i++);
        }
        if (isCommandGroup(specs, commandName) && i < arguments.size() && !arguments.at(i).startsWith(u'-'))
            commandName += u' ' + arguments.at(i++);
        if (helpWord) {
            leading.append(u"--help"_s);
            if (commandName.isEmpty())
                commandName = u"help"_s;
        }
        break;
    }
    const QStringList rest = arguments.mid(i);

    CliArguments leadingArgs;
    if (!leadingArgs.parse(leading, globals)) {
        err << "hookdesk-cli: " << leadingArgs.errorText() << Qt::endl;
        err << QCoreApplication::translate("CliRunner", "Run 'hookdesk-cli --help' for usage.") << Qt::endl;
        finishLater(toInt(CliExit::Usage));
        return;
    }
    if (commandName.isEmpty() || commandName == u"help"_s) {
        if (leadingArgs.isSet(u"version"_s)) {
            out << "hookdesk-cli " << HOOKDESK_VERSION << Qt::endl;
            finishLater(toInt(CliExit::Ok));
            return;
        }
        const bool asked = leadingArgs.isSet(u"help"_s) || commandName == u"help"_s;
        (asked ? out : err) << mainHelp();
        finishLater(toInt(asked ? CliExit::Ok : CliExit::Usage));
        return;
    }
    const CliCommandSpec* spec = findCommand(specs, commandName);
    if (!spec) {
        if (isCommandGroup(specs, commandName)) {
            err << "hookdesk-cli: "
                << QCoreApplication::translate("CliRunner", "'%1' needs a subcommand:").arg(commandName) << u'\n';
            for (const CliCommandSpec& candidate : specs) {
                if (candidate.name.startsWith(commandName + u' '))
                    err << "  hookdesk-cli " << candidate.name << u' ' << candidate.synopsis << u'\n';
            }
        } else {
            err << "hookdesk-cli: " << QCoreApplication::translate("CliRunner", "unknown command '%1'").arg(commandName)
                << u'\n'
                << QCoreApplication::translate("CliRunner", "Run 'hookdesk-cli --help' for the list of commands.")
                << u'\n';
        }
        finishLater(toInt(CliExit::Usage));
        return;
    }

    QList<CliOption> accepted = spec->options;
    accepted += globals;
    CliArguments commandArgs;
    if (!commandArgs.parse(rest, accepted, spec->maxPositional)) {
        err << "hookdesk-cli " << spec->name << ": " << commandArgs.errorText() << Qt::endl;
        err << QCoreApplication::translate("CliRunner", "Run 'hookdesk-cli %1 --help' for usage.").arg(spec->name)
            << Qt::endl;
        finishLater(toInt(CliExit::Usage));
        return;
    }
    if (leadingArgs.isSet(u"help"_s) || commandArgs.isSet(u"help"_s)) {
        out << commandHelp(*spec);
        finishLater(toInt(CliExit::Ok));
        return;
    }

    // A global option after the command wins over the same option before it, as with most CLIs.
    CliGlobalOptions options;
    auto global = [&](const QString& name) {
        return commandArgs.isSet(name) ? commandArgs.value(name) : leadingArgs.value(name);
    };
    options.profile = global(u"profile"_s);
    options.region = global(u"region"_s);
    options.endpointUrl = global(u"endpoint-url"_s);
    options.verbose = leadingArgs.isSet(u"verbose"_s) || commandArgs.isSet(u"verbose"_s);
    const QString output = global(u"output"_s);
    if (!output.isEmpty() && output != u"table"_s && output != u"json"_s) {
        err << "hookdesk-cli: "
            << QCoreApplication::translate("CliRunner", "--output must be 'table' or 'json', not '%1'").arg(output)
            << Qt::endl;
        finishLater(toInt(CliExit::Usage));
        return;
    }
    options.json = output == u"json"_s;
    // The CLI reports every failure itself, in its own words; the libraries' log lines would say it twice.
    // QT_LOGGING_RULES still overrides this, for debugging.
    QLoggingCategory::setFilterRules(
        options.verbose ? u"hookdesk.*=true"_s : u"hookdesk.*=false\nhookdesk.*.critical=true"_s);

    m_context = new CliContext(m_io, options, this);
    if (m_environmentSet)
        m_context->setEnvironment(m_environment);
    if (m_secretStore)
        m_context->setSecretStore(m_secretStore);
    if (!m_auditLogPath.isEmpty())
        m_context->setAuditLogPath(m_auditLogPath);
    if (!m_profileSettingsPath.isEmpty())
        m_context->setProfileSettingsPath(m_profileSettingsPath);
    m_command = spec->create(m_context, commandArgs);
    m_command->setParent(this);
    connect(m_command, &CliCommand::finished, this, [this](int exitCode) {
        m_exitCode = exitCode;
        Q_EMIT finished(exitCode);
    });
    m_command->start();
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

    CliRunner runner(io);
    QObject::connect(&runner, &CliRunner::finished, &app, [](int code) { QCoreApplication::exit(code); });
    QStringList arguments = app.arguments();
    arguments.removeFirst();
    QTimer::singleShot(0, &runner, [&runner, arguments] { runner.start(arguments); });
    return QCoreApplication::exec();
}
