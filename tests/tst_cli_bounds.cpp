// hookdesk-cli under issue 17's bounds: endpoint errors exit 2 with the resolver's message and send nothing,
// --timeout ends a trickling answer, and `activities --max` stops on a page token it has seen before.
#include "fakeawsserver.h"
#include "tst_cli_harness.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QByteArray activitiesPage(const QByteArray& nextToken)
{
    return "<DescribeScalingActivitiesResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
           "<DescribeScalingActivitiesResult><Activities/><NextToken>"
        + nextToken
        + "</NextToken></DescribeScalingActivitiesResult><ResponseMetadata><RequestId>r</RequestId>"
          "</ResponseMetadata></DescribeScalingActivitiesResponse>";
}
} // namespace

class TestCliBounds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void endpointErrorsExitTwo_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain http off loopback") << u"eu-west-1"_s << u"http://192.168.1.20:5000"_s << u"Plain http"_s;
        QTest::newRow("unknown region") << u"xx-east-1"_s << QString() << u"xx-east-1"_s;
        QTest::newRow("no scheme") << u"eu-west-1"_s << u"ftp://example.com"_s << u"https://"_s;
    }

    void endpointErrorsExitTwo()
    {
        QFETCH(QString, region);
        QFETCH(QString, endpoint);
        QFETCH(QString, expected);
        CliHarness cli;
        cli.setEnvironmentCredentials(u"AKIDCLIBOUNDS"_s, u"secret"_s, region);
        QStringList arguments { u"groups"_s, u"--verbose"_s };
        if (!endpoint.isEmpty())
            arguments += { u"--endpoint-url"_s, endpoint };
        const CliRun run = cli.run(arguments);
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.err.contains(expected), run.describe());
        QVERIFY2(!run.err.contains(u"Protocol"_s), run.describe());
        QVERIFY2(!run.err.contains(u"-> "_s), run.describe()); // --verbose shows every send: none
    }

    void timeoutOption()
    {
        FakeAwsServer server;
        QVERIFY(server.listen());
        server.trickle(QByteArray(4000, ' '), 100);
        CliHarness cli;
        cli.setEnvironmentCredentials(u"AKIDCLIBOUNDS2"_s, u"secret"_s, u"eu-west-1"_s);
        QElapsedTimer timer;
        timer.start();
        const CliRun run
            = cli.run({ u"groups"_s, u"--timeout"_s, u"1"_s, u"--endpoint-url"_s, server.url().toString() });
        QVERIFY2(run.exitCode == 4, run.describe());
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(server.requests().size(), 1);

        const CliRun bad = cli.run({ u"groups"_s, u"--timeout"_s, u"0"_s });
        QVERIFY2(bad.exitCode == 2 && bad.err.contains(u"--timeout"_s), bad.describe());
    }

    void activitiesStopOnAnOlderToken()
    {
        FakeAwsServer server;
        QVERIFY(server.listen());
        server.respond(200, activitiesPage("a"));
        server.respond(200, activitiesPage("b"));
        for (int i = 0; i < 20; ++i)
            server.respond(200, activitiesPage("a"));
        CliHarness cli;
        cli.setEnvironmentCredentials(u"AKIDCLIBOUNDS3"_s, u"secret"_s, u"eu-west-1"_s);
        const CliRun run = cli.run({ u"activities"_s, u"--group"_s, u"web"_s, u"--max"_s, u"50"_s, u"--endpoint-url"_s,
            server.url().toString() });
        QVERIFY2(run.exitCode != 0 && run.err.contains(u"page token"_s), run.describe());
        QCOMPARE(server.requests().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestCliBounds)
#include "tst_cli_bounds.moc"
