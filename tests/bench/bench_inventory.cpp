// End-to-end inventory load: a full InventoryStore::refresh() (every Describe* call the app makes when it loads a
// region) through the real AwsSession / QueryClient with SigV4, against a hookdesk-sim process that verifies every
// signature, beside boto3 doing the same calls (boto3_inventory.py) against the same simulator.
//
// Both clients run the load at the same concurrency: one call at a time, then N in flight (InventoryStore's
// default is 4; boto3 gets N threads over one client). Each variant gets one warm-up load (connections, lazy
// initialisation), then --repeat timed loads; the table shows median, min and max wall time, the median CPU time of
// the client process (all threads) during a load, and the number of HTTP requests of one load, which must be equal
// on both sides for the comparison to stand (else exit code 1). Wall time includes the simulator's work; client CPU
// does not, and is the steadier figure on a busy machine.
//
// The simulator runs in its own process with its clock frozen (--time-scale 0) so that nothing changes between
// loads and both clients see the same inventory. Figures only: no speed is asserted.

#include "awssession.h"
#include "credentialprovider.h"
#include "inventorystore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

void print(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// One variant's figures: wall time of each timed load, HTTP requests of one load, what was loaded.
struct Series {
    QString client; // "hookdesk" | "boto3"
    int concurrency = 1;
    QList<double> seconds;
    QList<double> cpuSeconds; // the client process's CPU time (all threads) during each load
    int requests = 0;
    int groups = 0;
    int details = 0; // groups whose hooks were loaded
    int peakInFlight = 0; // hookdesk only
    bool ok = true;

    double median() const { return medianOf(seconds); }
    static double medianOf(QList<double> values)
    {
        std::sort(values.begin(), values.end());
        const qsizetype n = values.size();
        return n == 0 ? 0 : n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
    }
    double min() const { return seconds.isEmpty() ? 0 : *std::min_element(seconds.cbegin(), seconds.cend()); }
    double max() const { return seconds.isEmpty() ? 0 : *std::max_element(seconds.cbegin(), seconds.cend()); }
    double medianCpu() const { return medianOf(cpuSeconds); }
};

QString randomText(int length, QLatin1StringView alphabet)
{
    QString text;
    for (int i = 0; i < length; ++i)
        text.append(QLatin1Char(alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size())))));
    return text;
}

// A hookdesk-sim process; the first stdout line tells where it listens.
class SimulatorProcess {
public:
    ~SimulatorProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool start(const QString& program, const QStringList& arguments, QString* error)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(program, arguments);
        if (!m_process.waitForStarted(30000)) {
            *error = program + u": "_s + m_process.errorString();
            return false;
        }
        QElapsedTimer waited;
        waited.start();
        while (!m_process.canReadLine() && waited.elapsed() < 60000 && m_process.state() == QProcess::Running)
            m_process.waitForReadyRead(100);
        const QByteArray line = m_process.readLine().trimmed();
        if (!line.startsWith("listening on http://127.0.0.1:")) {
            *error = u"hookdesk-sim did not start: '%1'"_s.arg(QString::fromUtf8(line));
            return false;
        }
        m_url = QUrl(QString::fromLatin1(line.mid(int(qstrlen("listening on ")))));
        return true;
    }
    QUrl url() const { return m_url; }

private:
    QProcess m_process;
    QUrl m_url;
};

double processCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    auto toSeconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return toSeconds(usage.ru_utime) + toSeconds(usage.ru_stime);
}

Series runHookdesk(AwsSession& session, int concurrency, int repeat)
{
    Series series;
    series.client = u"hookdesk"_s;
    series.concurrency = concurrency;
    for (int run = -1; run < repeat; ++run) { // run -1: warm-up
        InventoryStore store(&session); // empty, as when the app opens a region
        store.setMaxConcurrentRequests(concurrency);
        const int before = session.requestCount();
        bool ok = false;
        bool finished = false;
        QEventLoop loop;
        QObject::connect(&store, &InventoryStore::refreshFinished, &loop, [&](bool refreshOk, bool) {
            ok = refreshOk;
            finished = true;
            loop.quit();
        });
        QTimer::singleShot(300000, &loop, &QEventLoop::quit);
        const double cpuBefore = processCpuSeconds();
        QElapsedTimer timer;
        timer.start();
        if (!store.refresh()) {
            series.ok = false;
            return series;
        }
        if (!finished)
            loop.exec();
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const double cpuSeconds = processCpuSeconds() - cpuBefore;
        if (!finished || !ok) {
            for (const AwsError& error : store.errors())
                print(u"hookdesk refresh failed: "_s + error.toString());
            series.ok = false;
            return series;
        }
        if (run < 0)
            continue;
        series.seconds.append(seconds);
        series.cpuSeconds.append(cpuSeconds);
        series.requests = session.requestCount() - before;
        series.groups = int(store.groupNames().size());
        const auto groups = store.groups();
        series.details = int(std::count_if(
            groups.cbegin(), groups.cend(), [](const GroupSnapshot* group) { return group->hooksLoaded; }));
        series.peakInFlight = store.peakConcurrentRequests();
    }
    return series;
}

// HOOKDESK_PYTHON, else the first interpreter found that imports boto3 (as scripts/find-python.sh looks).
QString findPython()
{
    QStringList candidates;
    if (const QString env = qEnvironmentVariable("HOOKDESK_PYTHON"); !env.isEmpty())
        return env;
    candidates << QDir::homePath() + u"/.pyenv/versions/3.11.7/bin/python3"_s
               << QStandardPaths::findExecutable(u"python3"_s)
               << QString(QStringLiteral(HOOKDESK_SOURCE_DIR) + u"/build/venv/bin/python3"_s);
    for (const QString& candidate : std::as_const(candidates)) {
        if (candidate.isEmpty() || !QFileInfo(candidate).isExecutable())
            continue;
        QProcess probe;
        probe.start(candidate, { u"-c"_s, u"import boto3"_s });
        if (probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
            return candidate;
    }
    return {};
}

// Runs boto3_inventory.py for every concurrency; empty on failure (the reason printed).
QList<Series> runBoto3(const QString& python, const QUrl& url, const QString& region, const Credentials& credentials,
    const QList<int>& concurrencies, int repeat, double* clientSeconds)
{
    QStringList levels;
    for (int c : concurrencies)
        levels << QString::number(c);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"AWS_ACCESS_KEY_ID"_s, credentials.accessKeyId);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, credentials.secretAccessKey);
    env.remove(u"AWS_SESSION_TOKEN"_s);
    env.remove(u"AWS_PROFILE"_s);
    // No user configuration: it could add retries, a different endpoint or a proxy to one side only.
    env.insert(u"AWS_CONFIG_FILE"_s, u"/nonexistent"_s);
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/nonexistent"_s);
    env.insert(u"NO_PROXY"_s, u"127.0.0.1"_s);
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(python,
        { QStringLiteral(HOOKDESK_BENCH_BOTO3_SCRIPT), u"--endpoint-url"_s, url.toString(), u"--region"_s, region,
            u"--repeat"_s, QString::number(repeat), u"--concurrency"_s, levels.join(u',') });
    if (!process.waitForFinished(600000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        print(u"boto3_inventory.py failed (exit code %1, %2)"_s.arg(process.exitCode()).arg(process.errorString()));
        return {};
    }
    const QJsonObject result = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    *clientSeconds = result.value(u"client_seconds"_s).toDouble();
    QList<Series> all;
    for (const QJsonValue& value : result.value(u"runs"_s).toArray()) {
        const QJsonObject run = value.toObject();
        Series series;
        series.client = u"boto3 "_s + result.value(u"boto3"_s).toString();
        series.concurrency = run.value(u"concurrency"_s).toInt();
        for (const QJsonValue& s : run.value(u"seconds"_s).toArray())
            series.seconds.append(s.toDouble());
        for (const QJsonValue& s : run.value(u"cpu_seconds"_s).toArray())
            series.cpuSeconds.append(s.toDouble());
        series.requests = run.value(u"requests"_s).toInt();
        series.groups = run.value(u"groups"_s).toInt();
        series.details = run.value(u"details"_s).toInt();
        all.append(series);
    }
    if (all.size() != concurrencies.size()) {
        print(u"boto3_inventory.py gave no figures"_s);
        return {};
    }
    return all;
}

QString figure(double seconds)
{
    return QString::number(seconds, 'f', seconds < 1 ? 3 : 2) + u" s"_s;
}

QString row(const Series& s)
{
    QString mode = s.concurrency == 1 ? u"sequential"_s : u"%1 in flight"_s.arg(s.concurrency);
    if (s.concurrency > 1 && s.peakInFlight)
        mode += u" (peak %1)"_s.arg(s.peakInFlight);
    return u"  %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(s.client, -22)
        .arg(mode, -22)
        .arg(s.requests, 8)
        .arg(u"%1/%2"_s.arg(s.details).arg(s.groups), 9)
        .arg(figure(s.median()), 9)
        .arg(figure(s.min()), 9)
        .arg(figure(s.max()), 9)
        .arg(figure(s.medianCpu()), 9);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times a full Hookdesk inventory load against hookdesk-sim, beside boto3."_s);
    parser.addHelpOption();
    const QCommandLineOption groupsOption(u"groups"_s, u"Groups in the simulator."_s, u"n"_s, u"50"_s);
    const QCommandLineOption instancesOption(u"instances"_s, u"Instances per group."_s, u"n"_s, u"20"_s);
    const QCommandLineOption hooksOption(u"hooks"_s, u"Lifecycle hooks per group."_s, u"n"_s, u"2"_s);
    const QCommandLineOption waitingOption(
        u"waiting"_s, u"Share of each group's instances waiting on a hook."_s, u"f"_s, u"0.2"_s);
    const QCommandLineOption repeatOption(
        u"repeat"_s, u"Timed loads per variant (after one warm-up)."_s, u"n"_s, u"5"_s);
    const QCommandLineOption concurrencyOption(u"concurrency"_s,
        u"Calls in flight for the parallel variant (InventoryStore's default is 4); 1 runs only sequential."_s, u"n"_s,
        u"4"_s);
    const QCommandLineOption noBoto3Option(u"no-boto3"_s, u"Time Hookdesk only."_s);
    parser.addOptions(
        { groupsOption, instancesOption, hooksOption, waitingOption, repeatOption, concurrencyOption, noBoto3Option });
    parser.process(app);

    const int groups = parser.value(groupsOption).toInt();
    const int instances = parser.value(instancesOption).toInt();
    const int hooks = parser.value(hooksOption).toInt();
    const double waiting = parser.value(waitingOption).toDouble();
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    const int parallel = std::max(1, parser.value(concurrencyOption).toInt());
    QList<int> concurrencies { 1 };
    if (parallel > 1)
        concurrencies << parallel;

    Credentials credentials;
    credentials.accessKeyId = u"AKIA"_s + randomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"_L1);
    credentials.secretAccessKey = randomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+"_L1);
    const QString region = u"us-east-1"_s;

    QString program = qEnvironmentVariable("HOOKDESK_SIM");
    if (program.isEmpty())
        program = QStringLiteral(HOOKDESK_SIM_PATH);
    const QString spec
        = u"groups=%1,instances=%2,hooks=%3,waiting=%4"_s.arg(groups).arg(instances).arg(hooks).arg(waiting);
    SimulatorProcess simulator;
    QString error;
    if (!simulator.start(program,
            { u"--generate"_s, spec, u"--time-scale"_s, u"0"_s, u"--region"_s, region, u"--credentials"_s,
                credentials.accessKeyId + u':' + credentials.secretAccessKey },
            &error)) {
        print(error);
        return 2;
    }

    print(u"Inventory load: %1 groups × %2 instances × %3 hooks, %4 of instances waiting; hookdesk-sim %5 (separate "
          "process, signatures verified, clock frozen); %6 CPU cores; %7 timed loads per variant after a warm-up"_s
              .arg(groups)
              .arg(instances)
              .arg(hooks)
              .arg(waiting)
              .arg(simulator.url().toString())
              .arg(QThread::idealThreadCount())
              .arg(repeat));

    QList<Series> hookdesk;
    {
        QNetworkAccessManager network;
        StaticCredentialProvider provider(credentials);
        ConnectionSettings settings;
        settings.region = region;
        settings.endpointUrl = simulator.url();
        AwsSession session(&network, &provider, settings);
        if (!session.endpointError().isEmpty()) {
            print(session.endpointError());
            return 2;
        }
        for (int c : concurrencies)
            hookdesk.append(runHookdesk(session, c, repeat));
    }

    QList<Series> boto3;
    double clientSeconds = 0;
    if (!parser.isSet(noBoto3Option)) {
        const QString python = findPython();
        if (python.isEmpty()) {
            print(u"No Python with boto3 (set HOOKDESK_PYTHON, or pass --no-boto3)."_s);
            return 2;
        }
        boto3 = runBoto3(python, simulator.url(), region, credentials, concurrencies, repeat, &clientSeconds);
        if (boto3.isEmpty())
            return 2;
    }

    print(u"  %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(u"client"_s, -22)
              .arg(u"calls"_s, -22)
              .arg(u"requests"_s, 8)
              .arg(u"details"_s, 9)
              .arg(u"median"_s, 9)
              .arg(u"min"_s, 9)
              .arg(u"max"_s, 9)
              .arg(u"client CPU"_s, 10));
    bool ok = true;
    for (const Series& s : std::as_const(hookdesk)) {
        ok = ok && s.ok;
        print(s.ok ? row(s) : u"  hookdesk (%1 in flight): FAILED"_s.arg(s.concurrency));
    }
    for (const Series& s : std::as_const(boto3))
        print(row(s));
    if (!boto3.isEmpty())
        print(u"  (boto3 session + client creation, not timed above: %1)"_s.arg(figure(clientSeconds)));

    for (qsizetype i = 0; i < boto3.size() && i < hookdesk.size(); ++i) {
        const Series& h = hookdesk.at(i);
        const Series& b = boto3.at(i);
        if (!h.ok)
            continue;
        if (h.requests != b.requests || h.groups != b.groups || h.details != b.details) {
            print(u"MISMATCH at %1 in flight: hookdesk %2 requests (%3/%4 groups detailed), boto3 %5 (%6/%7): "
                  "the loads are not the same"_s.arg(h.concurrency)
                      .arg(h.requests)
                      .arg(h.details)
                      .arg(h.groups)
                      .arg(b.requests)
                      .arg(b.details)
                      .arg(b.groups));
            ok = false;
            continue;
        }
        auto faster = [](double slow, double fast) {
            const double ratio = slow / fast;
            return ratio >= 1 ? u"%1× faster"_s.arg(ratio, 0, 'f', 1) : u"%1× slower"_s.arg(1 / ratio, 0, 'f', 1);
        };
        print(u"%1: hookdesk %2, boto3 %3 (%4 requests each, medians): %5; client CPU %6 vs %7: %8"_s
                  .arg(h.concurrency == 1 ? u"sequential"_s : u"%1 in flight"_s.arg(h.concurrency), figure(h.median()),
                      figure(b.median()))
                  .arg(h.requests)
                  .arg(faster(b.median(), h.median()), figure(h.medianCpu()), figure(b.medianCpu()),
                      faster(b.medianCpu(), h.medianCpu())));
    }
    return ok ? 0 : 1;
}
