// `hookdesk-cli pending --watch SECONDS` in-process against the simulator: one JSON document per line after each
// refresh, the second one from the change-driven refresh (it finds an instance that started waiting in between),
// Ctrl+C ends it with exit 0, and a bad SECONDS is a usage error.
#include "launchscenario.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <csignal>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Scenario
    = "{ \"groups\": [" // NOLINT(modernize-raw-string-literal)
      " { \"name\": \"batch\", \"minSize\": 0, \"maxSize\": 10, \"hooks\": [ { \"name\": \"drain\","
      " \"transition\": \"launching\", \"heartbeatTimeout\": 3600, \"defaultResult\": \"ABANDON\" } ],"
      " \"instances\": [ { \"state\": \"Pending:Wait\", \"elapsed\": 10 } ] },"
      " { \"name\": \"web\", \"minSize\": 0, \"maxSize\": 10, \"hooks\": [ { \"name\": \"warm-up\","
      " \"transition\": \"launching\", \"heartbeatTimeout\": 3600, \"defaultResult\": \"ABANDON\" } ],"
      " \"instances\": [] } ] }";

QStringList instanceIds(const QJsonObject& document)
{
    QStringList ids;
    for (const auto& item : document.value(u"pending"_s).toArray())
        ids.append(item.toObject().value(u"instanceId"_s).toString());
    ids.sort();
    return ids;
}

} // namespace

class TestCliWatch : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.clockRunning = true;
        options.timeScale = 10;
        m_sim = std::make_unique<SimulatorFixture>(options);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded((*m_sim)->loadScenario(Scenario), &error), qPrintable(error));
        m_cli = std::make_unique<CliHarness>();
        m_cli->setEnvironmentCredentials(
            m_sim->credentials().accessKeyId, m_sim->credentials().secretAccessKey, (*m_sim)->options().region);
        m_cli->environment.insert(u"AWS_ENDPOINT_URL"_s, m_sim->url().toString());
        m_cli->environment.insert(u"HOOKDESK_TIME_SCALE"_s, u"10"_s);
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void eachRefreshPrintsOneLine()
    {
        // The simulator's answers mark the refreshes: the first Describe of groups is the first load. Once it is
        // answered, "web" scales out (its new instance waits on the launch hook); the refresh 5 s later must find
        // it; after that one, Ctrl+C.
        int groupReads = 0;
        bool scaled = false;
        QElapsedTimer clock;
        clock.start();
        qint64 secondStarted = -1;
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [&](const QString& action, int) {
            if (action != u"DescribeAutoScalingGroups"_s)
                return;
            ++groupReads;
            if (!scaled) {
                scaled = true;
                QTimer::singleShot(500, this, [this] { QVERIFY((*m_sim)->setDesiredCapacity(u"web"_s, 1)); });
            } else if (secondStarted < 0) {
                secondStarted = clock.elapsed();
                QTimer::singleShot(1000, this, [] { std::raise(SIGINT); });
            }
        });
        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"pending"_s, u"--watch"_s, u"5"_s }, 30000);
        QVERIFY2(run.exitCode == 0, run.describe());
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == 2, run.describe());
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0).toUtf8()).object();
        const QJsonObject second = QJsonDocument::fromJson(lines.at(1).toUtf8()).object();
        QVERIFY(first.contains(u"time"_s));
        QCOMPARE(instanceIds(first).size(), 1);
        const QStringList waitingNow = LaunchScenario::waitingInstances(m_sim->simulator(), u"batch"_s)
            + LaunchScenario::waitingInstances(m_sim->simulator(), u"web"_s);
        QCOMPARE(instanceIds(second).size(), 2);
        QStringList expected = waitingNow;
        expected.sort();
        QCOMPARE(instanceIds(second), expected);
        QVERIFY2(secondStarted >= 4500, qPrintable(QString::number(secondStarted))); // SECONDS apart
    }

    void badSecondsIsAUsageError()
    {
        for (const QString& seconds : { u"0"_s, u"4"_s, u"abc"_s, u"86401"_s }) {
            const CliRun run = m_cli->run({ u"pending"_s, u"--watch"_s, seconds });
            QVERIFY2(run.exitCode == 2, run.describe());
            QVERIFY2(run.err.contains(u"--watch"_s), run.describe());
        }
    }
};

QTEST_MAIN(TestCliWatch)
#include "tst_cli_watch.moc"
