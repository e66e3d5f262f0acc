#pragma once

#include "cliarguments.h"
#include "clicommand.h"

#include <QString>
#include <QStringList>
#include <optional>

// What one hookdesk-cli command line asks for, parsed and checked against the command's declaration before anything
// runs: the command, the global options and the command's own options, every value already of its type. parse()
// needs no event loop and does no I/O, so tests parse command lines with it; CliRunner prints what it says or runs
// the command.
struct CliInvocation {
    enum class Action {
        Run, // run `command` with `arguments` and `globals`
        Help, // print `text` (the overview or a command's help) on standard output; exit 0
        Version, // print `text` on standard output; exit 0
        // "hookdesk-cli: error" ("hookdesk-cli COMMAND: error" once the command is known), then `details`, on
        // standard error; exit 2. With no command at all, `error` is empty and `details` is the overview.
        UsageError,
        // A value the command's declaration refuses (a required option missing, a number that is not one, an
        // unknown --output): printed as a running command prints its usage errors, also as JSON with
        // --output json; exit 2.
        InvalidValue,
    };

    Action action = Action::UsageError;
    std::optional<CliCommandSpec> command; // set once the command's name is known
    CliGlobalOptions globals;
    CliArguments arguments; // the command's options (globals included, as given) and positional words
    QString text; // Help and Version
    QString error; // UsageError and InvalidValue: the message
    QString details; // UsageError: the lines after the message, each ending in '\n'

    // Arguments without the program name. "-h" anywhere means --help; "help COMMAND" means COMMAND --help.
    static CliInvocation parse(const QStringList& arguments);
};
