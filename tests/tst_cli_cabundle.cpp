// AWS_CA_BUNDLE (issue 13, corporate networks): an endpoint whose certificate a private CA signed is refused until
// the bundle names that CA, and then trusted beside the system's roots, never instead of them. The endpoint is a
// TLS fake on loopback presenting tests/data/tls/server.pem (signed by tests/data/tls/test-ca.pem).
#include "fakeawsserver.h"
#include "testsupport.h"
#include "tst_cli_harness.h"

#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QByteArray Identity = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            "<GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/proxied</Arn>"
                            "<UserId>AIDAPROXIED</UserId><Account>210987654321</Account></GetCallerIdentityResult>"
                            "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

QString tlsFile(const QString& name)
{
    return TestSupport::dataDir() + u"/tls/"_s + name;
}
} // namespace

class TestCliCaBundle : public QObject {
    Q_OBJECT

private:
    FakeAwsServer m_server;
    std::unique_ptr<CliHarness> m_cli;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_server.listenTls(tlsFile(u"server.pem"_s), tlsFile(u"server.key"_s)));
        QCOMPARE(m_server.url().scheme(), u"https"_s);
    }

    void init()
    {
        m_cli = std::make_unique<CliHarness>();
        m_cli->setEnvironmentCredentials(u"AKIAPROXIEDEXAMPLE01"_s, u"proxied-secret"_s, u"eu-central-1"_s);
        m_cli->environment.insert(u"AWS_ENDPOINT_URL"_s, m_server.url().toString());
    }

    // Order matters: the bundle, once trusted, stays trusted for the process (as for a real run).
    void privateCaIsRefusedWithoutTheBundle()
    {
        const CliRun run = m_cli->run({ u"whoami"_s });
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY2(run.err.contains(u"certificate"_s, Qt::CaseInsensitive) || run.err.contains(u"TLS"_s)
                || run.err.contains(u"SSL"_s),
            run.describe());
        QVERIFY(m_server.requests().isEmpty()); // nothing was sent over the untrusted connection
        QVERIFY(m_server.handshakeFailures() > 0);
    }

    void unreadableBundleIsAUsageError()
    {
        m_cli->environment.insert(u"AWS_CA_BUNDLE"_s, m_cli->dir.filePath(u"missing.pem"_s));
        const CliRun run = m_cli->run({ u"whoami"_s });
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.err.contains(u"AWS_CA_BUNDLE"_s) && run.err.contains(u"missing.pem"_s), run.describe());
        QVERIFY(m_server.requests().isEmpty());
    }

    void bundleNamesTheCaAndTheEndpointIsTrusted()
    {
        const qsizetype systemRoots = QSslConfiguration::systemCaCertificates().size();
        m_cli->environment.insert(u"AWS_CA_BUNDLE"_s, tlsFile(u"test-ca.pem"_s));
        m_server.respond(200, Identity);
        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.json().value(u"account"_s).toString(), u"210987654321"_s);
        QCOMPARE(m_server.requests().size(), 1);
        // Added to the system's roots, not instead of them.
        QCOMPARE(QSslConfiguration::defaultConfiguration().caCertificates().size(), systemRoots + 1);
    }
};

QTEST_GUILESS_MAIN(TestCliCaBundle)
#include "tst_cli_cabundle.moc"
