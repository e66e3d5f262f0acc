#include "clihelp.h"

#include "clicommand.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

constexpr int HelpWidth = 100;
constexpr int OptionColumn = 28;

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
} // namespace

namespace CliHelp {

QList<CliOption> globalOptions()
{
    return {
        CliOption::list(u"profile"_s, u"NAME"_s,
            QCoreApplication::translate("CliRunner",
                "Use the saved profile NAME (default: AWS_PROFILE, else the AWS_* environment keys); repeat it for "
                "pending and groups over several profiles")),
        CliOption::list(u"region"_s, u"R"_s,
            QCoreApplication::translate("CliRunner",
                "AWS region, e.g. eu-west-1 (default: the profile's, else AWS_REGION); repeated, every profile is "
                "read in every region named")),
        CliOption::flag(u"all-profiles"_s,
            QCoreApplication::translate("CliRunner", "pending and groups: every saved profile, each in its region")),
        CliOption::text(u"endpoint-url"_s, u"URL"_s,
            QCoreApplication::translate("CliRunner",
                "Send requests to URL instead of AWS (hookdesk-sim, moto, a VPC endpoint); default: the profile's, "
                "else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the ~/.aws profile's services and endpoint_url")),
        CliOption::text(u"output"_s, u"table|json"_s,
            QCoreApplication::translate(
                "CliRunner", "table (default): aligned columns for people; json: one stable JSON document")),
        CliOption::text(u"timeout"_s, u"SECONDS"_s,
            QCoreApplication::translate("CliRunner",
                "Give up on a request that has not fully answered after SECONDS, retries included (default: 60)")),
        CliOption::flag(u"read-only"_s,
            QCoreApplication::translate("CliRunner", "Refuse every command that would change something in AWS")),
        CliOption::flag(u"verbose"_s,
            QCoreApplication::translate("CliRunner", "Print every request and the debug log to standard error")),
        CliOption::flag(u"help"_s,
            QCoreApplication::translate("CliRunner", "Show help (for a command: hookdesk-cli COMMAND --help)")),
        CliOption::flag(u"version"_s, QCoreApplication::translate("CliRunner", "Show the version")),
    };
}

QString overview()
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

QString command(const CliCommandSpec& spec)
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
            "Global options: --profile, --region, --endpoint-url, --output, --timeout, --read-only, --verbose (see "
            "hookdesk-cli "
            "--help).")
        + u'\n';
    return text;
}

} // namespace CliHelp
