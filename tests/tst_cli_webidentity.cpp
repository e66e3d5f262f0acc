// hookdesk-cli with a web identity from the environment (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, as EKS and CI
// runners set them): whoami prints the assumed role, and the token appears in no output.
#include "tst_cli_simsession.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliWebIdentity : public QObject {
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
        // No keys: the web identity is the only way in (AWS_REGION and AWS_ENDPOINT_URL stay).
        m_cli->environment.remove(u"AWS_ACCESS_KEY_ID"_s);
        m_cli->environment.remove(u"AWS_SECRET_ACCESS_KEY"_s);
    }

    void whoamiPrintsTheAssumedRole()
    {
        auto part = [](const QByteArray& bytes) {
            return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        };
        const QByteArray token
            = part(R"({"alg":"RS256"})") + '.' + part(R"({"sub":"ci:job-7"})") + '.' + part("cli-secret-signature");
        QFile file(m_cli->dir.filePath(u"token"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(token);
        file.close();
        m_cli->environment.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, file.fileName());
        m_cli->environment.insert(u"AWS_ROLE_ARN"_s, u"arn:aws:iam::123456789012:role/ci-deployer"_s);
        m_cli->environment.insert(u"AWS_ROLE_SESSION_NAME"_s, u"job-7"_s);

        const CliRun run = m_cli->run({ u"--verbose"_s, u"--output"_s, u"json"_s, u"whoami"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.json().value(u"arn"_s).toString(), u"arn:aws:sts::123456789012:assumed-role/ci-deployer/job-7"_s);
        QVERIFY2(run.err.contains(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s), run.describe());
        QVERIFY(!run.out.contains(QString::fromLatin1(token)) && !run.err.contains(QString::fromLatin1(token)));

        // A token STS refuses: its message, and still not the token.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("refused-token-content");
        file.close();
        const CliRun refused = m_cli->run({ u"whoami"_s });
        QVERIFY2(refused.exitCode != 0, refused.describe());
        QVERIFY2(refused.err.contains(u"verification key"_s), refused.describe());
        QVERIFY(!refused.err.contains(u"refused-token-content"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliWebIdentity)
#include "tst_cli_webidentity.moc"
