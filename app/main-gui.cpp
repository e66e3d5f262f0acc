#include "cabundle.h"
#include "connectionopener.h"
#include "credentialchain.h"
#include "credentialprovider.h"
#include "fleetcatalog.h"
#include "hookdeskversion.h"
#include "languagemenu.h"
#include "mainwindow.h"
#include "mfapromptdialog.h"
#include "processhardening.h"
#include "profilestore.h"
#include "resources.h"
#include "secretstore.h"
#include "simulator.h"
#include "unixsignalwatcher.h"
#include "windowinstrument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Everything `hookdesk --demo` needs: the in-process simulator with the demo scenario and its fixed demo keys. The
// fleet board's second demo account is another one, with its own account ID, region and scenario.
struct DemoEndpoint {
    QString profileName;
    QString scenario = u":/simulator/scenarios/demo.json"_s;
    QString accountId; // empty: the simulator's default
    QString region; // empty: the simulator's default
    std::unique_ptr<Simulator> simulator;
    std::unique_ptr<StaticCredentialProvider> credentials;

    bool start(QString* error)
    {
        SimulatorOptions options;
        options.credentials = { Simulator::demoCredentials() };
        options.timeScale = 1.0; // the countdowns in the window run on the wall clock
        if (!accountId.isEmpty())
            options.accountId = accountId;
        if (!region.isEmpty())
            options.region = region;
        simulator = std::make_unique<Simulator>(options);
        SimResult<void> ready = simulator->loadScenarioFile(scenario);
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
        settings.profileName = profileName;
        settings.region = simulator->options().region;
        settings.endpointUrl = simulator->url();
        return settings;
    }
};

// The fleet board in the demo: both simulated accounts, each in its own region, ticked.
FleetCatalog demoFleetCatalog(const QList<const DemoEndpoint*>& endpoints)
{
    FleetCatalog catalog;
    catalog.settingsKey = u"fleetBoard/demoTicked"_s;
    QHash<QString, ConnectionSettings> settings;
    for (const DemoEndpoint* endpoint : endpoints) {
        const FleetSource source { endpoint->profileName, endpoint->simulator->options().region };
        catalog.sources.append(source);
        catalog.tickedByDefault.append(source.key());
        settings.insert(source.key(), endpoint->settings());
    }
    catalog.resolver = [settings](const FleetSource& source, QObject* parent) {
        FleetBoard::Opened opened;
        opened.settings = settings.value(source.key());
        opened.credentials = new StaticCredentialProvider(Simulator::demoCredentials(), parent);
        return opened;
    };
    return catalog;
}
// Names, icon, resources and translators, before any window or message exists.
void setUpApplication()
{
    QApplication::setApplicationName(u"hookdesk"_s);
    // No application display name: the platform would append it to every title, and the window's title already
    // starts with "Hookdesk" (issue 18.8: "Hookdesk — demo (123456789012) — us-east-1", said once).
    QApplication::setOrganizationName(u"Hookdesk"_s);
    QApplication::setApplicationVersion(QStringLiteral(HOOKDESK_VERSION));
    QApplication::setDesktopFileName(u"io.github.hookdesk.Hookdesk"_s);
    hookdesk_init_resources();
    QApplication::setWindowIcon(QIcon(u":/icons/hookdesk.svg"_s));

    // View > Language, else the system locale.
    hookdesk_install_translators(LanguageMenu::savedLanguage());
}

// AWS_CA_BUNDLE's certificate authorities, trusted before the first connection; a bundle that cannot be read is
// said at once (the error), instead of surfacing later as an untrusted endpoint.
QString trustCaBundle()
{
    const QString bundle = qEnvironmentVariable("AWS_CA_BUNDLE");
    QString problem;
    if (!bundle.isEmpty() && !CaBundle::trust(bundle, &problem))
        return problem;
    return {};
}

struct StartOptions {
    bool demo = false;
    bool readOnly = false;
    bool fleet = false;
    QString profile;
    QString region;
};

StartOptions parseCommandLine(const QApplication& app)
{
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
    const QCommandLineOption fleetOption(u"fleet"_s,
        QCoreApplication::translate(
            "main", "Open the fleet board too: every waiting instance across several accounts and regions."));
    parser.addOptions({ demoOption, profileOption, regionOption, readOnlyOption, fleetOption });
    parser.process(app);

    StartOptions options;
    options.demo = parser.isSet(demoOption);
    options.readOnly = parser.isSet(readOnlyOption);
    options.fleet = parser.isSet(fleetOption);
    options.profile = parser.value(profileOption);
    options.region = parser.value(regionOption);
    return options;
}

// Connects the window to the demo simulator or to a profile's account, at start and when the window asks.
class WindowConnector {
public:
    WindowConnector(MainWindow* window, CredentialChain* chain, bool readOnly)
        : m_window(window)
        , m_readOnly(readOnly)
        , m_opener(chain)
    {
    }

    bool demoRunning() const { return m_demo.simulator != nullptr; }

    bool startDemo()
    {
        QString error;
        m_demo.profileName = QCoreApplication::translate("main", "demo");
        m_demoEu.profileName = QCoreApplication::translate("main", "demo-eu");
        if (!m_demo.start(&error) || !m_demoEu.start(&error)) {
            std::fprintf(stderr, "hookdesk: %s\n",
                qPrintable(QCoreApplication::translate("main", "cannot start the simulator: %1").arg(error)));
            return false;
        }
        m_window->setDemoMode(true, m_demo.simulator->url().toString());
        ConnectionSettings settings = m_demo.settings();
        settings.readOnly = m_readOnly;
        m_window->connectTo(m_demo.credentials.get(), settings);
        m_opener.retireAllBut(nullptr); // a profile's connection before the demo is gone
        m_window->setFleetCatalog(demoFleetCatalog({ &m_demo, &m_demoEu }));
        return true;
    }

    AwsError connectProfile(const QString& profile, const QString& region)
    {
        const ConnectionOpener::Opened opened = m_opener.open(profile, region, m_readOnly);
        if (!opened.ok())
            return opened.error;
        m_window->setDemoMode(false);
        m_window->connectTo(opened.provider, opened.settings);
        // The window has torn the previous connection down: its provider goes too.
        m_opener.retireAllBut(opened.provider);
        return AwsError {};
    }

private:
    MainWindow* m_window;
    bool m_readOnly;
    DemoEndpoint m_demo;
    // The fleet board's second demo account (issue 14 item 3): another account ID, another region.
    DemoEndpoint m_demoEu { {}, u":/simulator/scenarios/demo-eu.json"_s, u"210987654321"_s, u"eu-west-1"_s, {}, {} };
    ConnectionOpener m_opener;
};

// The window's "connect to this profile" and "open the demo" requests, answered through `connector`.
void answerConnectionRequests(MainWindow* window, WindowConnector* connector)
{
    QObject::connect(
        window, &MainWindow::connectionRequested, window, [=](const QString& profile, const QString& region) {
            const AwsError error = connector->connectProfile(profile, region);
            if (error.isError())
                QMessageBox::warning(window, QCoreApplication::translate("main", "Cannot connect"), error.toString());
        });

    // The demo only when asked for (--demo, or "Open the demo" in the error view): a credential error at start (a
    // mistyped AWS_PROFILE, missing keys) is shown as such, never replaced by made-up data.
    QObject::connect(window, &MainWindow::demoRequested, window, [=] {
        if (!connector->demoRunning() && !connector->startDemo())
            QMessageBox::warning(window, QCoreApplication::translate("main", "Cannot start the demo"),
                QCoreApplication::translate("main", "The built-in simulator could not start."));
    });
}

} // namespace

int main(int argc, char* argv[])
{
    ProcessHardening::disableCoreDumps(); // first, before any key is read
    QApplication app(argc, argv);
    // Benchmarks only (HOOKDESK_INSTRUMENT=FILE): times are measured from here.
    const std::unique_ptr<WindowInstrument> instrument = WindowInstrument::fromEnvironment();
    setUpApplication();
    const StartOptions options = parseCommandLine(app);

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

    WindowConnector connector(&window, &chain, options.readOnly);
    answerConnectionRequests(&window, &connector);
    if (options.demo) {
        if (!connector.startDemo())
            return 1;
    } else if (const QString problem = trustCaBundle(); !problem.isEmpty()) {
        std::fprintf(stderr, "hookdesk: %s\n", qPrintable(problem));
        window.showStartupError(problem);
    } else {
        const AwsError error = connector.connectProfile(options.profile, options.region);
        if (error.isError()) {
            std::fprintf(stderr, "hookdesk: %s\n", qPrintable(error.toString()));
            window.showStartupError(error.toString());
        }
    }

    if (instrument)
        instrument->watch(&window);
    window.show();
    if (options.fleet)
        window.showFleetBoard();
    const int code = QApplication::exec();
    return code;
}
