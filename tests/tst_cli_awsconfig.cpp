// hookdesk-cli with the AWS CLI's own files (issue 13, config profiles at run time): `AWS_PROFILE=prod` and
// `--profile prod` name a profile of ~/.aws/config when Hookdesk has none of that name, and it is used as `aws`
// would use it — here a role assumed over a source profile's keys, against the simulator's STS.
#include "tst_cli_simsession.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliAwsConfig : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;

    // The two files, with `base` holding the simulator's keys and `prod` assuming a role over it.
    void writeAwsFiles()
    {
        const QString folder = m_cli->dir.filePath(u"aws"_s);
        QVERIFY(QDir().mkpath(folder));
        QFile credentials(folder + u"/credentials"_s);
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write(u"[base]\naws_access_key_id = %1\naws_secret_access_key = %2\n"_s
                              .arg(m_sim->credentials().accessKeyId, m_sim->credentials().secretAccessKey)
                              .toUtf8());
        credentials.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        credentials.close();
        QFile config(folder + u"/config"_s);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(u"[profile base]\nregion = %1\nendpoint_url = %2\n"
                     "[profile prod]\nrole_arn = arn:aws:iam::123456789012:role/operators\nsource_profile = base\n"
                     "role_session_name = alice\nregion = %1\nendpoint_url = %2\n"
                     "[profile envrole]\nrole_arn = arn:aws:iam::123456789012:role/operators\n"
                     "credential_source = Environment\nrole_session_name = ci-runner\nregion = %1\n"
                     "endpoint_url = %2\n"_s.arg((*m_sim)->options().region, m_sim->url().toString())
                         .toUtf8());
        config.close();
        m_cli->environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, credentials.fileName());
        m_cli->environment.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        QVERIFY2(startCliSimulator(m_sim, m_cli, &error), qPrintable(error));
        // Only the files say how to connect: no keys, region or endpoint in the environment.
        for (const QString& name :
            { u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s, u"AWS_REGION"_s, u"AWS_ENDPOINT_URL"_s })
            m_cli->environment.remove(name);
        writeAwsFiles();
    }

    void awsProfileNamesAConfigProfile()
    {
        m_cli->environment.insert(u"AWS_PROFILE"_s, u"prod"_s);
        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        // role_session_name is who the session is in CloudTrail.
        QVERIFY2(run.json().value(u"arn"_s).toString().endsWith(u"assumed-role/operators/alice"_s), run.describe());
        // The file is read, not imported: Hookdesk's own profile list stays empty.
        const CliRun profiles = m_cli->run({ u"profile"_s, u"list"_s });
        QVERIFY2(!profiles.out.contains(u"prod"_s), profiles.describe());
    }

    void profileOptionNamesAConfigProfile()
    {
        const CliRun run = m_cli->run({ u"--profile"_s, u"base"_s, u"pending"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.out.contains(u"api"_s), run.describe());
    }

    void environmentKeysAssumeTheProfilesRole()
    {
        // credential_source = Environment: the role of the profile, assumed with the keys of this run.
        m_cli->setEnvironmentCredentials(
            m_sim->credentials().accessKeyId, m_sim->credentials().secretAccessKey, (*m_sim)->options().region);
        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"--profile"_s, u"envrole"_s, u"whoami"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.json().value(u"arn"_s).toString().endsWith(u"assumed-role/operators/ci-runner"_s), run.describe());

        // Keys the simulator does not know: STS refuses them, and the error says so.
        m_cli->setEnvironmentCredentials(u"AKIAUNKNOWN0000000000"_s, u"wrong"_s, (*m_sim)->options().region);
        const CliRun refused = m_cli->run({ u"--profile"_s, u"envrole"_s, u"whoami"_s });
        QVERIFY2(refused.exitCode != 0, refused.describe());
        QVERIFY2(!refused.err.isEmpty(), refused.describe());

        // No keys at all: the profile cannot be used, said before anything is sent.
        for (const QString& name : { u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s })
            m_cli->environment.remove(name);
        const CliRun missing = m_cli->run({ u"--profile"_s, u"envrole"_s, u"whoami"_s });
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains(u"credential_source = Environment"_s), missing.describe());
    }

    void unknownProfileSaysWhereItLooked()
    {
        m_cli->environment.insert(u"AWS_PROFILE"_s, u"nope"_s);
        const CliRun run = m_cli->run({ u"whoami"_s });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(u"There is no profile named nope"_s), run.describe());
    }
};

QTEST_GUILESS_MAIN(TestCliAwsConfig)
#include "tst_cli_awsconfig.moc"
