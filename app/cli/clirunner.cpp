#include "clirunner.h"

#include "hookdeskversion.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {
constexpr int ExitUsage = 2;

QString usage()
{
    return QCoreApplication::translate("cli",
        "Usage: hookdesk-cli [--profile NAME] [--region R] [--endpoint-url URL] [--output table|json] COMMAND ...\n"
        "\n"
        "Options:\n"
        "  --help       Show this help.\n"
        "  --version    Show the version.\n");
}
} // namespace

int CliRunner::run(QCoreApplication& app)
{
    QCoreApplication::setApplicationName(QStringLiteral("hookdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKDESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = app.arguments();
    args.removeFirst();
    return run(args, out, err);
}

int CliRunner::run(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    if (arguments.contains(QStringLiteral("--version"))) {
        out << "hookdesk-cli " << HOOKDESK_VERSION << Qt::endl;
        return 0;
    }
    if (arguments.isEmpty() || arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        (arguments.isEmpty() ? err : out) << usage();
        return arguments.isEmpty() ? ExitUsage : 0;
    }
    err << QCoreApplication::translate("cli", "Unknown command: %1").arg(arguments.first()) << Qt::endl;
    return ExitUsage;
}
