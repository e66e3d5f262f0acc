#pragma once

#include "cliarguments.h"

#include <QList>
#include <QString>

struct CliCommandSpec;

// hookdesk-cli's help texts and the global options they list, wrapped to 100 columns. The parser reads the
// global options from here too, so the help and what is accepted cannot drift apart.
namespace CliHelp {
// --profile, --region, --endpoint-url, --output, --verbose, --help, --version.
QList<CliOption> globalOptions();
// `hookdesk-cli --help`: usage, the command list, global options, exit codes.
QString overview();
// `hookdesk-cli COMMAND --help`: usage line, summary, description paragraphs, the command's options.
QString command(const CliCommandSpec& spec);
} // namespace CliHelp
