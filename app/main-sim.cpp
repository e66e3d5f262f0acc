#include "hookdeskversion.h"
#include "processhardening.h"
#include "simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
// SIGTERM/SIGINT only set a flag (all a signal handler may safely do); a timer turns it into a clean quit.
std::atomic<bool> g_stopRequested { false };

extern "C" void onStopSignal(int /*signal*/)
{
    g_stopRequested.store(true);
}

int usageError(const QString& message)
{
    std::fprintf(stderr, "hookdesk-sim: %s\n", qPrintable(message));
    return 2;
}

bool parseRate(const QCommandLineParser& parser, const QString& name, double* out, QString* error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    *out = parser.value(name).toDouble(&ok);
    if (!ok || *out < 0) {
        *error = QCoreApplication::translate("main", "--%1 needs a non-negative number").arg(name);
        return false;
    }
    return true;
}
QList<QCommandLineOption> commandLineOptions()
{
    return {
        { u"port"_s, QCoreApplication::translate("main", "TCP port on 127.0.0.1 (0 = any free port)."), u"port"_s,
            u"0"_s },
        { u"scenario"_s, QCoreApplication::translate("main", "Load a JSON scenario file."), u"file"_s },
        { u"generate"_s,
            QCoreApplication::translate("main", "Generate an inventory: groups=N,instances=M,hooks=K,waiting=F."),
            u"spec"_s },
        { u"demo"_s,
            QCoreApplication::translate(
                "main", "Load the built-in demo scenario (the default when no scenario is given).") },
        { u"empty"_s, QCoreApplication::translate("main", "Start with no groups at all.") },
        { u"credentials"_s,
            QCoreApplication::translate("main",
                "Accepted access key as AKID:SECRET (repeatable), or 'none' to accept unsigned requests. Default: the "
                "demo key."),
            u"akid:secret"_s },
        { u"time-scale"_s, QCoreApplication::translate("main", "Simulated seconds per real second."), u"x"_s, u"1"_s },
        { u"account"_s, QCoreApplication::translate("main", "Account ID reported by STS."), u"id"_s,
            u"123456789012"_s },
        { u"region"_s, QCoreApplication::translate("main", "Region used in ARNs and zones."), u"region"_s,
            u"us-east-1"_s },
        { u"mfa-role"_s,
            QCoreApplication::translate("main", "Role ARN whose AssumeRole needs MFA ('*' = every role; repeatable)."),
            u"arn"_s },
        { u"mfa-code"_s, QCoreApplication::translate("main", "The MFA code AssumeRole accepts."), u"code"_s,
            u"123456"_s },
        { u"latency"_s, QCoreApplication::translate("main", "Fault: milliseconds added to every answer."), u"ms"_s },
        { u"error-rate"_s,
            QCoreApplication::translate("main", "Fault: share of requests answered 500 InternalFailure."), u"share"_s },
        { u"unavailable-rate"_s,
            QCoreApplication::translate("main", "Fault: share of requests answered 503 ServiceUnavailable."),
            u"share"_s },
        { u"throttle-rps"_s,
            QCoreApplication::translate("main", "Fault: answer Throttling above this many requests per second."),
            u"rps"_s },
        { u"drop-rate"_s, QCoreApplication::translate("main", "Fault: share of connections closed without an answer."),
            u"share"_s },
        { u"truncate-rate"_s,
            QCoreApplication::translate("main", "Fault: share of answers cut in the middle of the body."), u"share"_s },
        { u"drop-after-rate"_s,
            QCoreApplication::translate(
                "main", "Fault: share of requests applied, then their connection closed without an answer."),
            u"share"_s },
        { u"error-after-rate"_s,
            QCoreApplication::translate("main", "Fault: share of requests applied, then answered 500 InternalFailure."),
            u"share"_s },
        { u"contention-rate"_s,
            QCoreApplication::translate(
                "main", "Fault: share of Auto Scaling requests refused with 500 ResourceContention, not applied."),
            u"share"_s },
        { u"clock-skew"_s,
            QCoreApplication::translate("main", "Fault: seconds the server clock runs ahead (negative: behind)."),
            u"seconds"_s },
        { u"seed"_s, QCoreApplication::translate("main", "Random seed for faults and scenarios."), u"n"_s },
        { u"sso-approve"_s,
            QCoreApplication::translate("main",
                "IAM Identity Center sign-ins: 'auto' approves each at once, 'manual' waits for POST /sso/approve "
                "(or the browser page)."),
            u"auto|manual"_s, u"auto"_s },
    };
}

// Each --credentials value is AKID:SECRET, or 'none' (anywhere) for no signature check; none given: the demo key.
bool readCredentials(const QStringList& credentialArgs, SimulatorOptions* simOptions, QString* error)
{
    if (credentialArgs.contains(u"none"_s)) {
        simOptions->verifySignatures = false;
        return true;
    }
    if (credentialArgs.isEmpty()) {
        simOptions->credentials.append(Simulator::demoCredentials());
        return true;
    }
    for (const QString& arg : credentialArgs) {
        const qsizetype colon = arg.indexOf(u':');
        if (colon <= 0 || colon == arg.size() - 1) {
            *error = QCoreApplication::translate("main", "--credentials needs AKID:SECRET or none");
            return false;
        }
        Credentials credentials;
        credentials.accessKeyId = arg.left(colon);
        credentials.secretAccessKey = arg.mid(colon + 1);
        simOptions->credentials.append(credentials);
    }
    return true;
}

bool readFaults(const QCommandLineParser& parser, SimFaults* faults, QString* error)
{
    if (parser.isSet(u"latency"_s))
        faults->latencyMs = parser.value(u"latency"_s).toInt();
    if (parser.isSet(u"clock-skew"_s))
        faults->clockSkewSeconds = parser.value(u"clock-skew"_s).toInt();
    if (parser.isSet(u"seed"_s))
        faults->seed = parser.value(u"seed"_s).toUInt();
    return parseRate(parser, u"error-rate"_s, &faults->serverErrorRate, error)
        && parseRate(parser, u"unavailable-rate"_s, &faults->unavailableRate, error)
        && parseRate(parser, u"throttle-rps"_s, &faults->throttleAboveRps, error)
        && parseRate(parser, u"drop-rate"_s, &faults->dropRate, error)
        && parseRate(parser, u"truncate-rate"_s, &faults->truncateRate, error)
        && parseRate(parser, u"drop-after-rate"_s, &faults->dropAfterApplyingRate, error)
        && parseRate(parser, u"error-after-rate"_s, &faults->serverErrorAfterApplyingRate, error)
        && parseRate(parser, u"contention-rate"_s, &faults->resourceContentionRate, error);
}

// The simulator's options and the port from the parsed command line; false with `error` set on a bad value.
bool readOptions(const QCommandLineParser& parser, SimulatorOptions* simOptions, quint16* port, QString* error)
{
    bool ok = true;
    *port = quint16(parser.value(u"port"_s).toUShort(&ok));
    if (!ok) {
        *error = QCoreApplication::translate("main", "--port needs a number between 0 and 65535");
        return false;
    }
    simOptions->timeScale = parser.value(u"time-scale"_s).toDouble(&ok);
    if (!ok || simOptions->timeScale < 0) {
        *error = QCoreApplication::translate("main", "--time-scale needs a non-negative number");
        return false;
    }
    simOptions->accountId = parser.value(u"account"_s);
    simOptions->region = parser.value(u"region"_s);
    simOptions->rolesRequiringMfa = parser.values(u"mfa-role"_s);
    simOptions->mfaCode = parser.value(u"mfa-code"_s);
    const QString approval = parser.value(u"sso-approve"_s);
    if (approval != u"auto" && approval != u"manual") {
        *error = QCoreApplication::translate("main", "--sso-approve needs auto or manual");
        return false;
    }
    simOptions->ssoApproval = approval == u"auto" ? SimSsoApproval::Auto : SimSsoApproval::Manual;
    return readCredentials(parser.values(u"credentials"_s), simOptions, error)
        && readFaults(parser, &simOptions->faults, error);
}

// The inventory the simulator starts with: a scenario file, a generated one, the demo (the default) or none.
SimResult<void> loadInventory(Simulator& simulator, const QCommandLineParser& parser)
{
    if (parser.isSet(u"scenario"_s))
        return simulator.loadScenarioFile(parser.value(u"scenario"_s));
    if (parser.isSet(u"generate"_s))
        return simulator.generate(parser.value(u"generate"_s));
    if (!parser.isSet(u"empty"_s))
        return simulator.loadDemoScenario();
    return {};
}

// Runs the event loop until SIGTERM or SIGINT, then stops the simulator; returns the loop's exit code.
int serveUntilStopped(QCoreApplication& app, Simulator& simulator)
{
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &app, [] {
        if (g_stopRequested.load())
            QCoreApplication::quit();
    });
    stopPoll.start(100);
    const int rc = QCoreApplication::exec();
    simulator.stop();
    return rc;
}
} // namespace

int main(int argc, char* argv[])
{
    ProcessHardening::disableCoreDumps(); // first, before any key is read
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"hookdesk-sim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Local EC2 Auto Scaling + STS simulator"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(commandLineOptions());
    parser.process(app);

    SimulatorOptions simOptions;
    quint16 port = 0;
    if (QString error; !readOptions(parser, &simOptions, &port, &error))
        return usageError(error);

    Simulator simulator(simOptions);
    if (const SimResult<void> loaded = loadInventory(simulator, parser); !loaded)
        return usageError(loaded.errorMessage());

    if (auto listening = simulator.start(port); !listening)
        return usageError(QCoreApplication::translate("main", "cannot listen on 127.0.0.1:%1: %2")
                              .arg(port)
                              .arg(listening.errorMessage()));
    // The first line is the contract with scripts and tests that start us: flush it at once.
    std::printf("listening on http://127.0.0.1:%u\n", unsigned(simulator.port()));
    std::fflush(stdout);
    return serveUntilStopped(app, simulator);
}
