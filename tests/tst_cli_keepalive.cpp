// `hookdesk-cli heartbeat --keep-alive` in-process against the simulator, whose clock runs 60 times faster than real
// time (HOOKDESK_TIME_SCALE=60 makes the command's clock match): the number of heartbeats a duration gives, one line
// or one JSON document per round, the exit code of each way it ends, Ctrl+C, and bad durations.
#include "auditlog.h"
#include "cliformat.h"
#include "launchscenario.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <csignal>

using namespace Qt::StringLiterals;

namespace {

// batch: a 60 s hook (a heartbeat every 30 s); short: a 30 s hook whose global timeout is 50 s away.
const QByteArray Scenario = R"({ "groups": [
  { "name": "batch", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "drain", "transition": "launching", "heartbeatTimeout": 60, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "Pending:Wait", "elapsed": 10 } ] },
  { "name": "short", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "quick", "transition": "launching", "heartbeatTimeout": 30, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "Pending:Wait", "elapsed": 2950 } ] }
] })";

} // namespace

class TestCliKeepAlive : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;

    QString waiting(const QString& group)
    {
        return LaunchScenario::waitingInstances(m_sim->simulator(), group).value(0);
    }

    // Heartbeat records in the audit log: {intents, outcomes}.
    QPair<int, int> audited() const
    {
        int intents = 0;
        int outcomes = 0;
        for (const AuditRecord& record : AuditLog(m_cli->auditPath).readAll()) {
            if (record.action == u"RecordLifecycleActionHeartbeat"_s)
                (record.phase == u"intent"_s ? intents : outcomes) += 1;
        }
        return { intents, outcomes };
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.timeScale = 60;
        options.clockRunning = true;
        m_sim = std::make_unique<SimulatorFixture>(options);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded((*m_sim)->loadScenario(Scenario), &error), qPrintable(error));
        m_cli = std::make_unique<CliHarness>();
        m_cli->setEnvironmentCredentials(
            m_sim->credentials().accessKeyId, m_sim->credentials().secretAccessKey, (*m_sim)->options().region);
        m_cli->environment.insert(u"AWS_ENDPOINT_URL"_s, m_sim->url().toString());
        m_cli->environment.insert(u"HOOKDESK_TIME_SCALE"_s, u"60"_s);
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void durations()
    {
        QCOMPARE(CliFormat::parseDuration(u"90m"_s), 5400);
        QCOMPARE(CliFormat::parseDuration(u"2h"_s), 7200);
        QCOMPARE(CliFormat::parseDuration(u"45s"_s), 45);
        QCOMPARE(CliFormat::parseDuration(u"1h30m"_s), 5400);
        QCOMPARE(CliFormat::parseDuration(u"90"_s), -1);
        QCOMPARE(CliFormat::parseDuration(u"0m"_s), -1);
        QCOMPARE(CliFormat::parseDuration(u"49h"_s), -1);
        QCOMPARE(CliFormat::parseDuration(u"m30"_s), -1);
    }

    void badDurationExitsTwo()
    {
        const QString id = waiting(u"batch"_s);
        for (const QString& bad : { u"90x"_s, u"0s"_s, u"soon"_s }) {
            const CliRun run
                = m_cli->run({ u"heartbeat"_s, u"--group"_s, u"batch"_s, u"--instance"_s, id, u"--keep-alive"_s, bad });
            QVERIFY2(run.exitCode == 2, run.describe());
            QVERIFY2(run.err.contains(u"--keep-alive"_s), run.describe());
        }
        const CliRun all = m_cli->run(
            { u"heartbeat"_s, u"--group"_s, u"batch"_s, u"--all-pending"_s, u"--keep-alive"_s, u"5m"_s, u"--yes"_s });
        QVERIFY2(all.exitCode == 2, all.describe());
        QCOMPARE(audited(), qMakePair(0, 0));
    }

    // 2 minutes with a 60 s hook: heartbeats at 0, 30, 60 and 90 s, one line each, then the reason.
    void durationTable()
    {
        const QString id = waiting(u"batch"_s);
        const CliRun run
            = m_cli->run({ u"heartbeat"_s, u"--group"_s, u"batch"_s, u"--instance"_s, id, u"--keep-alive"_s, u"2m"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.out.count(u"heartbeat "_s), 4);
        QVERIFY2(run.out.contains(u"heartbeat 4 sent"_s), run.describe());
        QVERIFY2(run.out.contains(u"stopped after 4 heartbeat(s): Kept alive until"_s), run.describe());
        QCOMPARE(audited(), qMakePair(4, 4));
        QVERIFY((*m_sim)->lifecycleState(id).endsWith(u":Wait"_s));
    }

    void durationJsonLines()
    {
        const QString id = waiting(u"batch"_s);
        const CliRun run = m_cli->run({ u"heartbeat"_s, u"--group"_s, u"batch"_s, u"--instance"_s, id,
            u"--keep-alive"_s, u"1m"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // heartbeats at 0 and 30 s, then the end
        for (int i = 0; i < 2; ++i) {
            const QJsonObject round = QJsonDocument::fromJson(lines.at(i).toUtf8()).object();
            QCOMPARE(round.value(u"event"_s).toString(), u"heartbeat"_s);
            QCOMPARE(round.value(u"round"_s).toInt(), i + 1);
            QCOMPARE(round.value(u"outcome"_s).toString(), u"done"_s);
            QCOMPARE(round.value(u"instanceId"_s).toString(), id);
            QCOMPARE(round.value(u"intervalSeconds"_s).toInt(), 30);
        }
        const QJsonObject end = QJsonDocument::fromJson(lines.at(2).toUtf8()).object();
        QCOMPARE(end.value(u"event"_s).toString(), u"stopped"_s);
        QCOMPARE(end.value(u"reason"_s).toString(), u"duration"_s);
        QCOMPARE(end.value(u"heartbeats"_s).toInt(), 2);
    }

    void globalTimeoutExitsSix()
    {
        const CliRun run = m_cli->run({ u"heartbeat"_s, u"--group"_s, u"short"_s, u"--instance"_s, waiting(u"short"_s),
            u"--keep-alive"_s, u"1h"_s });
        QVERIFY2(run.exitCode == 7, run.describe());
        QVERIFY2(run.out.contains(u"global timeout"_s), run.describe());
        QCOMPARE(audited().first, audited().second);
    }

    // Ctrl+C after the first heartbeat: a clean stop, exit 0, every intent with its outcome.
    void interruptStopsCleanly()
    {
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [this, &poll] {
            if (audited().second >= 1) {
                poll.stop();
                std::raise(SIGINT);
            }
        });
        poll.start();
        const CliRun run = m_cli->run({ u"heartbeat"_s, u"--group"_s, u"batch"_s, u"--instance"_s, waiting(u"batch"_s),
            u"--keep-alive"_s, u"1h"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        QCOMPARE(
            QJsonDocument::fromJson(lines.constLast().toUtf8()).object().value(u"reason"_s).toString(), u"stopped"_s);
        const QPair<int, int> records = audited();
        QVERIFY(records.first >= 1);
        QCOMPARE(records.first, records.second);
    }
};

QTEST_MAIN(TestCliKeepAlive)
#include "tst_cli_keepalive.moc"
