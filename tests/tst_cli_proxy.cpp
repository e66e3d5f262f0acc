// Proxies the way the AWS CLI reads them (issue 13, corporate networks): HTTPS_PROXY sends every request through an
// HTTP CONNECT tunnel (TLS stays end to end, so AWS_CA_BUNDLE still decides trust), NO_PROXY exempts hosts, and a
// proxy asking for credentials gets those of the proxy URL, or a terminal's answer, at most once more: a wrong
// password ends in "proxy authentication failed" after a bounded number of 407s, and is never printed.
#include "connectproxy.h"
#include "fakeawsserver.h"
#include "networkpreferences.h"
#include "proxyauthenticator.h"
#include "testsupport.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QSettings>
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

class TestCliProxy : public QObject {
    Q_OBJECT

private:
    FakeAwsServer m_server;
    ConnectProxy m_proxy;
    std::unique_ptr<CliHarness> m_cli;

    QByteArray serverTarget() const { return "127.0.0.1:" + QByteArray::number(m_server.url().port()); }
    QString proxyUrl(const QString& userInfo = {}) const
    {
        return u"http://"_s + userInfo + u"127.0.0.1:"_s + QString::number(m_proxy.port());
    }
    bool onlyServerTargets() const
    {
        return std::all_of(m_proxy.targets().cbegin(), m_proxy.targets().cend(),
            [this](const QByteArray& target) { return target == serverTarget(); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_server.listenTls(tlsFile(u"server.pem"_s), tlsFile(u"server.key"_s)));
        QVERIFY(m_proxy.listen());
    }

    void init()
    {
        // No user name kept by an earlier test: each starts from "the proxy was never answered".
        QSettings().remove(u"network/proxyUsers"_s);
        m_proxy.reset();
        m_cli = std::make_unique<CliHarness>();
        m_cli->setEnvironmentCredentials(u"AKIAPROXIEDEXAMPLE01"_s, u"proxied-secret"_s, u"eu-central-1"_s);
        m_cli->environment.insert(u"AWS_ENDPOINT_URL"_s, m_server.url().toString());
        m_cli->environment.insert(u"HTTPS_PROXY"_s, proxyUrl());
    }

    // First: once the bundle is trusted it stays trusted for the process.
    void tunnelStillChecksTheCertificate()
    {
        const qsizetype before = m_server.requests().size();
        const CliRun run = m_cli->run({ u"whoami"_s });
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY2(run.err.contains(u"certificate"_s, Qt::CaseInsensitive) || run.err.contains(u"TLS"_s)
                || run.err.contains(u"SSL"_s),
            run.describe());
        QVERIFY(!m_proxy.targets().isEmpty());
        QVERIFY(onlyServerTargets());
        QCOMPARE(m_server.requests().size(), before); // nothing accepted over the untrusted tunnel
    }

    void everyRequestGoesThroughTheProxy()
    {
        m_cli->environment.insert(u"AWS_CA_BUNDLE"_s, tlsFile(u"test-ca.pem"_s));
        m_server.respond(200, Identity);
        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.json().value(u"account"_s).toString(), u"210987654321"_s);
        QCOMPARE(run.json().value(u"proxy"_s).toString(), u"127.0.0.1:"_s + QString::number(m_proxy.port()));
        QVERIFY(run.json().value(u"caBundles"_s).toArray().contains(tlsFile(u"test-ca.pem"_s)));
        QVERIFY(!m_proxy.targets().isEmpty());
        QVERIFY(onlyServerTargets());
    }

    void noProxyNamingTheHostGoesDirect()
    {
        m_cli->environment.insert(u"NO_PROXY"_s, u"example.com, 127.0.0.1"_s);
        m_server.respond(200, Identity);
        const CliRun run = m_cli->run({ u"whoami"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.out.contains(u"(direct)"_s), run.describe());
        QVERIFY(m_proxy.targets().isEmpty());
    }

    void credentialsOfTheProxyUrlAreSent()
    {
        m_proxy.requireBasic("alice", "pa ss@1");
        m_cli->environment.insert(u"HTTPS_PROXY"_s, proxyUrl(u"alice:pa%20ss%401@"_s));
        m_server.respond(200, Identity);
        const CliRun run = m_cli->run({ u"whoami"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(onlyServerTargets());
        QVERIFY(!run.out.contains(u"pa ss"_s) && !run.err.contains(u"pa ss"_s));
        QVERIFY(!run.out.contains(u"pa%20ss"_s) && !run.err.contains(u"pa%20ss"_s));
    }

    void wrongPasswordFailsAfterBoundedChallenges()
    {
        m_proxy.requireBasic("alice", "right-password");
        m_cli->environment.insert(u"HTTPS_PROXY"_s, proxyUrl(u"alice:wrong-password-7@"_s));
        const qsizetype before = m_server.requests().size();
        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s });
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY2(run.err.contains(u"proxy authentication failed"_s, Qt::CaseInsensitive), run.describe());
        QVERIFY2(m_proxy.challenges() >= 1 && m_proxy.challenges() <= 4, QByteArray::number(m_proxy.challenges()));
        QVERIFY(!run.out.contains(u"wrong-password-7"_s) && !run.err.contains(u"wrong-password-7"_s));
        QCOMPARE(m_server.requests().size(), before);
    }

    void terminalIsAskedOnceAndThePasswordKept()
    {
        m_proxy.requireBasic("bob", "typed-secret-9");
        MemorySecretStore secrets;
        m_cli->secrets = &secrets;
        m_cli->terminal = true;
        m_cli->input = "bob\ntyped-secret-9\n";
        m_server.respond(200, Identity);
        const CliRun run = m_cli->run({ u"whoami"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(!run.out.contains(u"typed-secret-9"_s) && !run.err.contains(u"typed-secret-9"_s));
        const QString hostPort = u"127.0.0.1:"_s + QString::number(m_proxy.port());
        const QString field = ProxyAuthenticator::passwordField(hostPort);
        QCOMPARE(secrets.entries().value(SecretStore::keyFor(u"proxy"_s, field)), u"typed-secret-9"_s);
        // The user name goes to the settings, never the password.
        QCOMPARE(NetworkPreferences::load().proxyUsers.value(hostPort), u"bob"_s);

        // The next run, with nobody at a terminal, answers with the kept pair and asks nothing.
        m_cli->terminal = false;
        m_cli->input.clear();
        const int challengesBefore = m_proxy.challenges();
        m_server.respond(200, Identity);
        const CliRun again = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s });
        QVERIFY2(again.exitCode == 0, again.describe());
        QVERIFY2(!again.err.contains(u"User name"_s) && !again.err.contains(u"Password"_s), again.describe());
        QVERIFY(m_proxy.challenges() - challengesBefore <= 1); // the first request only, then the kept answer

        // The proxy's password changed: the kept one is tried once, then (nobody to ask) the run fails and says so.
        m_proxy.requireBasic("bob", "changed-secret-2");
        const CliRun stale = m_cli->run({ u"whoami"_s });
        QVERIFY2(stale.exitCode != 0, stale.describe());
        QVERIFY2(stale.err.contains(u"proxy authentication failed"_s, Qt::CaseInsensitive), stale.describe());
        QVERIFY(!stale.err.contains(u"typed-secret-9"_s));
    }

    void noTerminalNoCredentialsSaysWhatToSet()
    {
        m_proxy.requireBasic("bob", "typed-secret-9");
        const CliRun run = m_cli->run({ u"whoami"_s });
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY2(run.err.contains(u"HTTPS_PROXY"_s)
                && run.err.contains(u"proxy authentication failed"_s, Qt::CaseInsensitive),
            run.describe());
        QVERIFY(m_proxy.challenges() <= 2);
    }
};

QTEST_GUILESS_MAIN(TestCliProxy)
#include "tst_cli_proxy.moc"
