#include "cliinvocation.h"

#include "clihelp.h"
#include "hookdeskversion.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// A command line cut in three: global options before the command, the command's name ("pending", "profile add"),
// and the words after it.
struct CommandWords {
    QStringList leading;
    QString name;
    QStringList rest;
};

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
    return std::ranges::any_of(
        specs, [&word](const CliCommandSpec& spec) { return spec.name.startsWith(word + u' '); });
}

// The command's name ends the global options; a group ("profile") takes the next word as its subcommand.
CommandWords splitWords(const QStringList& arguments, const QList<CliCommandSpec>& specs)
{
    const QList<CliOption> globals = CliHelp::globalOptions();
    CommandWords words;
    qsizetype i = 0;
    for (; i < arguments.size(); ++i) {
        const QString& word = arguments.at(i);
        if (word.startsWith(u'-')) {
            const CliOption* option = findGlobal(globals, word);
            words.leading.append(word);
            if (option && option->takesValue() && !word.contains(u'=') && i + 1 < arguments.size())
                words.leading.append(arguments.at(++i));
            continue;
        }
        words.name = word;
        ++i;
        // "help pending" and "help profile add" are the same as "pending --help".
        const bool helpWord = words.name == u"help"_s;
        if (helpWord) {
            words.name.clear();
            if (i < arguments.size() && !arguments.at(i).startsWith(u'-'))
                words.name = arguments.at(i++);
        }
        if (isCommandGroup(specs, words.name) && i < arguments.size() && !arguments.at(i).startsWith(u'-'))
            words.name += u' ' + arguments.at(i++);
        if (helpWord) {
            words.leading.append(u"--help"_s);
            if (words.name.isEmpty())
                words.name = u"help"_s;
        }
        break;
    }
    words.rest = arguments.mid(i);
    return words;
}

CliInvocation usageError(const QString& error, const QString& details)
{
    CliInvocation invocation;
    invocation.action = CliInvocation::Action::UsageError;
    invocation.error = error;
    invocation.details = details;
    return invocation;
}

CliInvocation printing(CliInvocation::Action action, const QString& text)
{
    CliInvocation invocation;
    invocation.action = action;
    invocation.text = text;
    return invocation;
}

// No command, or "help" alone: the version, the overview, or the overview as a usage error.
CliInvocation withoutCommand(const CliArguments& leading, bool helpWord)
{
    if (leading.isSet(u"version"_s))
        return printing(CliInvocation::Action::Version, u"hookdesk-cli "_s + QStringLiteral(HOOKDESK_VERSION) + u'\n');
    if (leading.isSet(u"help"_s) || helpWord)
        return printing(CliInvocation::Action::Help, CliHelp::overview());
    return usageError({}, CliHelp::overview());
}

CliInvocation unknownCommand(const QList<CliCommandSpec>& specs, const QString& name)
{
    if (!isCommandGroup(specs, name)) {
        return usageError(QCoreApplication::translate("CliRunner", "unknown command '%1'").arg(name),
            QCoreApplication::translate("CliRunner", "Run 'hookdesk-cli --help' for the list of commands.") + u'\n');
    }
    QString subcommands;
    for (const CliCommandSpec& candidate : specs) {
        if (candidate.name.startsWith(name + u' '))
            subcommands += u"  hookdesk-cli "_s + candidate.name + u' ' + candidate.synopsis + u'\n';
    }
    return usageError(QCoreApplication::translate("CliRunner", "'%1' needs a subcommand:").arg(name), subcommands);
}

// A global option after the command wins over the same option before it, as with most CLIs.
QString globalOptions(CliGlobalOptions* globals, const CliArguments& leading, const CliArguments& after)
{
    auto values = [&](const QString& name) { return after.isSet(name) ? after.values(name) : leading.values(name); };
    globals->profiles = values(u"profile"_s);
    globals->regions = values(u"region"_s);
    globals->allProfiles = leading.isSet(u"all-profiles"_s) || after.isSet(u"all-profiles"_s);
    if (globals->allProfiles && !globals->profiles.isEmpty())
        return QCoreApplication::translate("CliRunner", "use --all-profiles or --profile, not both");
    globals->endpointUrl = values(u"endpoint-url"_s).value(0);
    globals->verbose = leading.isSet(u"verbose"_s) || after.isSet(u"verbose"_s);
    globals->readOnly = leading.isSet(u"read-only"_s) || after.isSet(u"read-only"_s);
    const QString output = values(u"output"_s).value(0);
    if (!output.isEmpty() && output != u"table"_s && output != u"json"_s)
        return QCoreApplication::translate("CliRunner", "--output must be 'table' or 'json', not '%1'").arg(output);
    globals->json = output == u"json"_s;
    if (const QString timeout = values(u"timeout"_s).value(0); !timeout.isEmpty()) {
        bool ok = false;
        globals->timeoutSeconds = timeout.toInt(&ok);
        if (!ok || globals->timeoutSeconds < 1 || globals->timeoutSeconds > 3600)
            return QCoreApplication::translate(
                "CliRunner", "--timeout must be a number of seconds from 1 to 3600, not '%1'")
                .arg(timeout);
    }
    return {};
}
} // namespace

CliInvocation CliInvocation::parse(const QStringList& rawArguments)
{
    QStringList arguments = rawArguments;
    for (QString& word : arguments) {
        if (word == u"-h"_s)
            word = u"--help"_s;
    }
    const QList<CliOption> globals = CliHelp::globalOptions();
    const QList<CliCommandSpec> specs = CliCommands::all();
    const CommandWords words = splitWords(arguments, specs);

    CliArguments leading;
    if (!leading.parse(words.leading, globals)) {
        return usageError(leading.errorText(),
            QCoreApplication::translate("CliRunner", "Run 'hookdesk-cli --help' for usage.") + u'\n');
    }
    if (words.name.isEmpty() || words.name == u"help"_s)
        return withoutCommand(leading, words.name == u"help"_s);
    const CliCommandSpec* spec = findCommand(specs, words.name);
    if (!spec)
        return unknownCommand(specs, words.name);

    CliInvocation invocation;
    invocation.command = *spec;
    if (!invocation.arguments.parse(words.rest, spec->options + globals, spec->maxPositional)) {
        invocation.error = invocation.arguments.errorText();
        invocation.details
            = QCoreApplication::translate("CliRunner", "Run 'hookdesk-cli %1 --help' for usage.").arg(spec->name)
            + u'\n';
        return invocation;
    }
    if (leading.isSet(u"help"_s) || invocation.arguments.isSet(u"help"_s)) {
        invocation.action = Action::Help;
        invocation.text = CliHelp::command(*spec);
        return invocation;
    }
    invocation.error = globalOptions(&invocation.globals, leading, invocation.arguments);
    if (invocation.error.isEmpty() && invocation.globals.isFleet() && !spec->fleet) {
        invocation.error = QCoreApplication::translate("CliRunner",
            "%1 works on one connection: give --profile and --region once each (several, or --all-profiles, are for "
            "pending, groups, complete and heartbeat)")
                               .arg(spec->name);
    }
    if (invocation.error.isEmpty())
        invocation.error = invocation.arguments.validate(spec->options);
    invocation.action = invocation.error.isEmpty() ? Action::Run : Action::InvalidValue;
    return invocation;
}
