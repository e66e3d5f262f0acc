#include "credentialchain.h"
#include "credentialprovider.h"
#include "hookdeskversion.h"
#include "mainwindow.h"
#include "mfapromptdialog.h"
#include "processhardening.h"
#include "profilestore.h"
#include "resources.h"
#include "secretstore.h"
#include "simulator.h"
#include "unixsignalwatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Everything `hookdesk --demo` needs: the in-process simulator with the demo scenario and its fixed demo keys.
struct DemoEndpoint {
    std::unique_ptr<Simulator> simulator;
    std::unique_ptr<StaticCredentialProvider> credentials;

    bool start(QString* error)
    {
        SimulatorOptions options;
        options.credentials = { Simulator::demoCredentials() };
        options.timeScale = 1.0; // the countdowns in the window run on the wall clock
        simulator = std::make_unique<Simulator>(options);
        SimResult<void> ready = simulator->loadDemoScenario();
        if (ready)
            ready = simulator->start(0);
        if (!ready) {
            *error = ready.errorMessage();
            return false;
        }
        credentials = std::make_unique<StaticCredentialProvider>(Simulator::demoCredentials());
        return true;
    }

    ConnectionSettings settings() const
    {
        ConnectionSettings settings;
        settings.profileName = QCoreApplication::translate("main", "demo");
        settings.region = simulator->options().region;
        settings.endpointUrl = simulator->url();
        return settings;
    }
};
} // namespace

int main(int argc, char* argv[])
{
    ProcessHardening::disableCoreDumps(); // first, before any key is read
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"hookdesk"_s);
    QApplication::setApplicationDisplayName(u"Hookdesk"_s);
    QApplication::setOrganizationName(u"Hookdesk"_s);
    QApplication::setApplicationVersion(QStringLiteral(HOOKDESK_VERSION));
    QApplication::setDesktopFileName(u"io.github.hookdesk.Hookdesk"_s);
    hookdesk_init_resources();
    QApplication::setWindowIcon(QIcon(u":/icons/hookdesk.svg"_s));

    hookdesk_install_translators();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Desktop console for EC2 Auto Scaling lifecycle hooks"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(u"demo"_s,
        QCoreApplication::translate(
            "main", "Run against the built-in simulator with demo data (no AWS account needed)."));
    const QCommandLineOption profileOption(u"profile"_s,
        QCoreApplication::translate("main", "Profile to connect with."), QCoreApplication::translate("main", "name"));
    const QCommandLineOption regionOption(u"region"_s,
        QCoreApplication::translate("main", "Region to use instead of the profile's."),
        QCoreApplication::translate("main", "region"));
    const QCommandLineOption readOnlyOption(
        u"read-only"_s, QCoreApplication::translate("main", "Start in read-only mode: nothing can be changed."));
    parser.addOptions({ demoOption, profileOption, regionOption, readOnlyOption });
    parser.process(app);

    // SIGTERM/SIGINT quit like closing the window: destructors run, settings are saved, the simulator stops.
    UnixSignalWatcher signalWatcher;
    MainWindow window;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &window, &QWidget::close);
    QObject::connect(
        &signalWatcher, &UnixSignalWatcher::terminationRequested, &app, &QApplication::quit, Qt::QueuedConnection);

    KeychainSecretStore secrets;
    ProfileStore profiles(&secrets);
    DialogMfaPrompter prompter(&window);
    CredentialChain chain(&profiles, window.network(), &prompter);
    window.setProfileSupport(&profiles, &chain);
    window.setMfaPrompter(&prompter);

    DemoEndpoint demo;
    const bool readOnly = parser.isSet(readOnlyOption);
    auto startDemo = [&] {
        QString error;
        if (!demo.start(&error)) {
            std::fprintf(stderr, "hookdesk: %s\n",
                qPrintable(QCoreApplication::translate("main", "cannot start the simulator: %1").arg(error)));
            return false;
        }
        window.setDemoMode(true, demo.simulator->url().toString());
        ConnectionSettings settings = demo.settings();
        settings.readOnly = readOnly;
        window.connectTo(demo.credentials.get(), settings);
        return true;
    };

    // Providers of earlier connections stay alive until the window has moved on (the session holds a raw pointer).
    QObject providers;
    auto connectProfile = [&](const QString& profile, const QString& region) {
        const CredentialChain::Outcome outcome = chain.resolve(profile, &providers);
        if (!outcome.ok())
            return outcome.error;
        ConnectionSettings settings;
        settings.profileName = outcome.resolved.profileName;
        settings.region = region.isEmpty() ? outcome.resolved.region : region;
        settings.endpointUrl = outcome.resolved.endpointUrl;
        settings.readOnly = readOnly;
        window.setDemoMode(false);
        window.connectTo(outcome.resolved.provider, settings);
        return AwsError {};
    };
    QObject::connect(
        &window, &MainWindow::connectionRequested, &window, [&](const QString& profile, const QString& region) {
            const AwsError error = connectProfile(profile, region);
            if (error.isError())
                QMessageBox::warning(&window, QCoreApplication::translate("main", "Cannot connect"), error.toString());
        });

    // The demo only when asked for (--demo, or "Open the demo" in the error view): a credential error at start (a
    // mistyped AWS_PROFILE, missing keys) is shown as such, never replaced by made-up data.
    QObject::connect(&window, &MainWindow::demoRequested, &window, [&] {
        if (!demo.simulator && !startDemo())
            QMessageBox::warning(&window, QCoreApplication::translate("main", "Cannot start the demo"),
                QCoreApplication::translate("main", "The built-in simulator could not start."));
    });
    if (parser.isSet(demoOption)) {
        if (!startDemo())
            return 1;
    } else {
        const AwsError error = connectProfile(parser.value(profileOption), parser.value(regionOption));
        if (error.isError()) {
            std::fprintf(stderr, "hookdesk: %s\n", qPrintable(error.toString()));
            window.showStartupError(error.toString());
        }
    }

    window.show();
    const int code = QApplication::exec();
    return code;
}
