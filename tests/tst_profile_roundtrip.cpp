#include "awssession.h"
#include "clirunner.h"
#include "credentialchain.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "profilestore.h"
#include "secretstore.h"
#include "simulatorfixture.h"
#include "testsupport.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Issue 5's promise: a profile added through the CLI is usable by the GUI, and one added the way the GUI's
// profile manager does is usable by the CLI. Both sides use the real Secret Service and one profiles file.
class TestProfileRoundTrip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!TestSupport::secretServiceAvailable()) {
            if (qEnvironmentVariableIsSet("HOOKDESK_REQUIRE_KEYRING"))
                QFAIL("No Secret Service on the session bus, but HOOKDESK_REQUIRE_KEYRING is set");
            QSKIP("No Secret Service on the session bus (run under scripts/run-tests.sh)");
        }
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sim.start(&error), qPrintable(error));
        m_settingsPath = m_dir.filePath(u"profiles.ini"_s);
    }

    void cliProfileIsUsedByTheGui()
    {
        KeychainSecretStore secrets;
        QByteArray input
            = m_sim.credentials().accessKeyId.toUtf8() + '\n' + m_sim.credentials().secretAccessKey.toUtf8() + "\n\n";
        QCOMPARE(runCli(secrets,
                     { u"profile"_s, u"add"_s, u"from-cli"_s, u"--region"_s, u"us-east-1"_s, u"--endpoint-url"_s,
                         m_sim.url().toString() },
                     input),
            0);

        // The GUI's wiring (app/main-gui.cpp): ProfileStore + CredentialChain → MainWindow::connectTo.
        ProfileStore profiles(&secrets, m_settingsPath);
        QVERIFY(profiles.contains(u"from-cli"_s));
        MainWindow window;
        CredentialChain chain(&profiles, window.network(), nullptr);
        chain.setEnvironment(QProcessEnvironment());
        window.setProfileSupport(&profiles, &chain);
        const CredentialChain::Outcome outcome = chain.resolve(u"from-cli"_s, &window);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
        ConnectionSettings settings;
        settings.profileName = outcome.resolved.profileName;
        settings.region = outcome.resolved.region;
        settings.endpoints = outcome.resolved.endpoints;
        window.connectTo(outcome.resolved.provider, settings);

        // Signed calls only succeed with the keys the CLI put in the keychain.
        QTRY_VERIFY_WITH_TIMEOUT(window.store()->hasLoaded(), 20000);
        QVERIFY(window.store()->errors().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!window.session()->account().isEmpty(), 20000);
    }

    void guiProfileIsUsedByTheCli()
    {
        KeychainSecretStore secrets;
        ProfileStore profiles(&secrets, m_settingsPath);
        Profile profile;
        profile.name = u"from-gui"_s;
        profile.region = u"us-east-1"_s;
        profile.endpointUrl = m_sim.url();
        auto* job = profiles.addProfile(profile, m_sim.credentials());
        QSignalSpy added(job, &AwsJob::finished);
        QVERIFY(added.wait(20000));
        QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));

        QString out;
        QCOMPARE(
            runCli(secrets, { u"--output"_s, u"json"_s, u"--profile"_s, u"from-gui"_s, u"whoami"_s }, {}, &out), 0);
        const QJsonObject whoami = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(!whoami.value(u"account"_s).toString().isEmpty(), qPrintable(out));
        QCOMPARE(whoami.value(u"profile"_s).toString(), u"from-gui"_s);
    }

    void cleanupTestCase()
    {
        // Leave no entries behind in the session keyring.
        KeychainSecretStore secrets;
        ProfileStore profiles(&secrets, m_settingsPath);
        for (const QString& name : profiles.profileNames()) {
            auto* job = profiles.removeProfile(name);
            QSignalSpy removed(job, &AwsJob::finished);
            removed.wait(20000);
        }
    }

private:
    int runCli(SecretStore& secrets, const QStringList& arguments, QByteArray input, QString* output = nullptr)
    {
        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        QBuffer in(&input);
        in.open(QIODevice::ReadOnly);
        CliIo io;
        io.out = &outStream;
        io.err = &errStream;
        io.in = &in;
        CliRunner runner(io);
        runner.setEnvironment(QProcessEnvironment());
        runner.setSecretStore(&secrets);
        runner.setProfileSettingsPath(m_settingsPath);
        runner.setAuditLogPath(m_dir.filePath(u"audit.jsonl"_s));
        QSignalSpy finished(&runner, &CliRunner::finished);
        runner.start(arguments);
        if (!finished.wait(30000))
            return -1;
        outStream.flush();
        errStream.flush();
        if (runner.exitCode() != 0)
            qWarning().noquote() << "hookdesk-cli" << arguments.join(u' ') << "→" << runner.exitCode() << err;
        if (output)
            *output = out;
        return runner.exitCode();
    }

    QTemporaryDir m_dir;
    QString m_settingsPath;
    SimulatorFixture m_sim;
};

QTEST_MAIN(TestProfileRoundTrip)
#include "tst_profile_roundtrip.moc"
