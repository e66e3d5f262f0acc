#include "hookdeskversion.h"
#include "mainwindow.h"
#include "resources.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hookdesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hookdesk"));
    QApplication::setOrganizationName(QStringLiteral("Hookdesk"));
    QApplication::setApplicationVersion(QStringLiteral(HOOKDESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.hookdesk.Hookdesk"));
    hookdesk_init_resources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hookdesk.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Desktop console for EC2 Auto Scaling lifecycle hooks"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QApplication::translate("main", "Run against the built-in simulator with demo data (no AWS account needed)."));
    parser.addOption(demoOption);
    parser.process(app);

    MainWindow window;
    window.show();
    return QApplication::exec();
}
