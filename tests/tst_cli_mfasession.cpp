// hookdesk-cli with a user profile whose keys need MFA (issue 13 items 4 and 5): `profile add --mfa-serial` without a
// role, one prompt for a GetSessionToken session that acts as the user, the session kept in the keychain for the next
// run, and the wrong combinations refused before anything is saved.
#include "secretstore.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString device = u"arn:aws:iam::123456789012:mfa/alice"_s;
}

class TestCliMfaSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void userProfileWithAnMfaDeviceAsksOncePerSession();
    void anExternalIdStillNeedsARole();

private:
    MemorySecretStore m_secrets;
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
    int m_sessionTokens = 0;
};

void TestCliMfaSession::init()
{
    m_sim = std::make_unique<SimulatorFixture>();
    QString error;
    QVERIFY2(m_sim->start(&error), qPrintable(error));
    m_sessionTokens = 0;
    connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
        if (action == u"GetSessionToken"_s)
            ++m_sessionTokens;
    });
    m_cli = std::make_unique<CliHarness>();
    m_cli->secrets = &m_secrets;
}

void TestCliMfaSession::cleanup()
{
    m_cli.reset();
    m_sim.reset();
}

void TestCliMfaSession::userProfileWithAnMfaDeviceAsksOncePerSession()
{
    const Credentials& keys = m_sim->credentials();
    m_cli->input = keys.accessKeyId.toUtf8() + '\n' + keys.secretAccessKey.toUtf8() + "\n\n";
    const CliRun add = m_cli->run({ u"--output"_s, u"json"_s, u"profile"_s, u"add"_s, u"alice"_s, u"--region"_s,
        u"us-east-1"_s, u"--endpoint-url"_s, m_sim->url().toString(), u"--mfa-serial"_s, device });
    QVERIFY2(add.exitCode == 0, add.describe());
    const QJsonObject profile = add.json().value(u"profile"_s).toObject();
    QCOMPARE(profile.value(u"mfaSerial"_s).toString(), device);
    QCOMPARE(profile.value(u"durationSeconds"_s).toInt(), 3600);
    QVERIFY(profile.value(u"roleArn"_s).isNull());
    QVERIFY(profile.value(u"hasStoredKeys"_s).toBool());

    // The user's own identity, reached through a session made with the code typed once.
    m_cli->terminal = true;
    m_cli->input = m_sim->simulator().options().mfaCode.toUtf8() + '\n';
    const CliRun first = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s, u"--profile"_s, u"alice"_s });
    QVERIFY2(first.exitCode == 0, first.describe());
    QCOMPARE(first.err.count(u"MFA code for "_s + device), 1);
    QVERIFY2(first.json().value(u"arn"_s).toString().contains(u":user/"_s), first.describe());
    QCOMPARE(m_sessionTokens, 1);

    // The next run, unattended: the kept session, no prompt, no new session.
    m_cli->terminal = false;
    m_cli->input.clear();
    const CliRun second = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s, u"--profile"_s, u"alice"_s });
    QVERIFY2(second.exitCode == 0, second.describe());
    QVERIFY(!second.err.contains(u"MFA code"_s));
    QCOMPARE(second.json().value(u"arn"_s).toString(), first.json().value(u"arn"_s).toString());
    QCOMPARE(m_sessionTokens, 1);

    // Forgotten, and nobody at a terminal: the run fails with the reason instead of hanging on a prompt.
    QCOMPARE(m_cli->run({ u"profile"_s, u"forget"_s, u"alice"_s }).exitCode, 0);
    const CliRun unattended = m_cli->run({ u"whoami"_s, u"--profile"_s, u"alice"_s });
    QCOMPARE(unattended.exitCode, 3);
    QVERIFY2(unattended.err.contains(u"alice"_s), unattended.describe());
    QCOMPARE(m_sessionTokens, 1);
}

void TestCliMfaSession::anExternalIdStillNeedsARole()
{
    const auto stored = m_secrets.entries().size();
    m_cli->input = "AKIAEXAMPLE\nsecret\n\n";
    const CliRun add = m_cli->run({ u"profile"_s, u"add"_s, u"bob"_s, u"--region"_s, u"us-east-1"_s, u"--mfa-serial"_s,
        device, u"--external-id"_s, u"xyz"_s });
    QCOMPARE(add.exitCode, 2);
    QVERIFY2(add.err.contains(u"needs a role ARN"_s), add.describe());
    QCOMPARE(m_secrets.entries().size(), stored);
    const CliRun tooLong = m_cli->run({ u"profile"_s, u"add"_s, u"bob"_s, u"--region"_s, u"us-east-1"_s,
        u"--mfa-serial"_s, device, u"--duration"_s, u"129601"_s });
    QVERIFY(tooLong.exitCode != 0);
    QCOMPARE(m_secrets.entries().size(), stored);
}

QTEST_GUILESS_MAIN(TestCliMfaSession)
#include "tst_cli_mfasession.moc"
