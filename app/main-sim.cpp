#include "hookdeskversion.h"

#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookdesk-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Local EC2 Auto Scaling + STS simulator"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
