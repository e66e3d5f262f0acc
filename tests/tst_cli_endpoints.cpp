// hookdesk-cli with service-specific endpoints (EndpointOverrides): AWS_ENDPOINT_URL_<SERVICE> beats
// AWS_ENDPOINT_URL, and a ~/.aws profile's [services] section beats its endpoint_url, so a command reaches the
// simulator although the broader setting points at a port where nothing listens.
#include "tst_cli_simsession.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// The discard port: nothing listens there, so a request sent to it fails at once.
const QString DeadEndpoint = u"http://127.0.0.1:9"_s;
} // namespace

class TestCliEndpoints : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        QVERIFY2(startCliSimulator(m_sim, m_cli, &error), qPrintable(error));
    }

    void serviceVariableBeatsGlobalOne()
    {
        m_cli->environment.insert(u"AWS_ENDPOINT_URL"_s, DeadEndpoint);
        m_cli->environment.insert(u"AWS_ENDPOINT_URL_AUTO_SCALING"_s, m_sim->url().toString());
        m_cli->environment.insert(u"AWS_ENDPOINT_URL_STS"_s, m_sim->url().toString());
        const CliRun run = m_cli->run({ u"--verbose"_s, u"pending"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.out.contains(u"api"_s), run.describe());
        QVERIFY2(run.err.contains(u"AWS_ENDPOINT_URL_AUTO_SCALING"_s), run.describe());

        const CliRun whoami = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s });
        QVERIFY2(whoami.exitCode == 0, whoami.describe());
        QCOMPARE(QUrl(whoami.json().value(u"endpoint"_s).toString()).port(), m_sim->url().port());
    }

    void serviceVariableAppliesToItsServiceOnly()
    {
        // STS alone is sent to the dead port: whoami fails, proving the variable reached the STS client.
        m_cli->environment.insert(u"AWS_ENDPOINT_URL_STS"_s, DeadEndpoint);
        const CliRun run = m_cli->run({ u"--timeout"_s, u"10"_s, u"whoami"_s }, 30000);
        QVERIFY2(run.exitCode != 0, run.describe());
    }

    void servicesSectionBeatsProfileEndpoint()
    {
        for (const QString& name :
            { u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s, u"AWS_REGION"_s, u"AWS_ENDPOINT_URL"_s })
            m_cli->environment.remove(name);
        const QString folder = m_cli->dir.filePath(u"aws"_s);
        QVERIFY(QDir().mkpath(folder));
        QFile config(folder + u"/config"_s);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(u"[profile local]\nregion = %1\naws_access_key_id = %2\naws_secret_access_key = %3\n"
                     "endpoint_url = %4\nservices = sim\n\n"
                     "[services sim]\nauto_scaling =\n  endpoint_url = %5\nsts =\n  endpoint_url = %5\n"_s
                         .arg((*m_sim)->options().region, m_sim->credentials().accessKeyId,
                             m_sim->credentials().secretAccessKey, DeadEndpoint, m_sim->url().toString())
                         .toUtf8());
        config.close();
        m_cli->environment.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
        m_cli->environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, folder + u"/credentials"_s);

        const CliRun run = m_cli->run({ u"--profile"_s, u"local"_s, u"pending"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.out.contains(u"api"_s), run.describe());
    }

    void badServiceUrlIsRefusedWithItsOrigin()
    {
        m_cli->environment.insert(u"AWS_ENDPOINT_URL_AUTO_SCALING"_s, u"http://192.0.2.10:4566"_s);
        const CliRun run = m_cli->run({ u"pending"_s });
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY2(run.err.contains(u"AWS_ENDPOINT_URL_AUTO_SCALING"_s), run.describe());
    }
};

QTEST_GUILESS_MAIN(TestCliEndpoints)
#include "tst_cli_endpoints.moc"
