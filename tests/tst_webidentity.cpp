// Web identity credentials (STS AssumeRoleWithWebIdentity) against the in-process simulator: the environment form
// (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN), the ~/.aws profile form (web_identity_token_file + role_arn), a
// missing or bad token file, a refused and an expired token, and a refresh that reads the file again.
#include "credentialchain.h"
#include "credentialfetch.h"
#include "profileconnectiontest.h"
#include "simulatorfixture.h"
#include "webidentitycredentialprovider.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::fetchCredentialsNow;

namespace {
QStringList capturedLog;
void captureMessage(QtMsgType /*type*/, const QMessageLogContext& /*context*/, const QString& message)
{
    capturedLog << message;
}

const QString RoleArn = u"arn:aws:iam::123456789012:role/ci-deployer"_s;

// A JWT-shaped token (the simulator checks the shape and the expiry, not the signature).
QByteArray jwt(const QJsonObject& claims)
{
    auto part = [](const QByteArray& bytes) {
        return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return part(R"({"alg":"RS256","kid":"test"})") + '.' + part(QJsonDocument(claims).toJson(QJsonDocument::Compact))
        + '.' + part("signature-not-checked");
}
} // namespace

class TestWebIdentity : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimulatorFixture> m_sim;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    QString m_tokenFile;

    void writeToken(const QByteArray& content)
    {
        QFile file(m_tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
    }
    QProcessEnvironment webIdentityEnvironment() const
    {
        QProcessEnvironment env;
        env.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, m_tokenFile);
        env.insert(u"AWS_ROLE_ARN"_s, RoleArn);
        env.insert(u"AWS_REGION"_s, (*m_sim)->options().region);
        env.insert(u"AWS_ENDPOINT_URL"_s, m_sim->url().toString());
        return env;
    }
    WebIdentityCredentialProvider* provider(QObject* parent, const QString& sessionName = {})
    {
        ServiceEndpoint sts
            = EndpointResolver::resolve(EndpointResolver::Service::Sts, (*m_sim)->options().region, false, m_sim->url())
                  .endpoint;
        auto* p = new WebIdentityCredentialProvider(m_tokenFile, RoleArn, sessionName, sts, &m_network, parent);
        return p;
    }
    QString whoAmI(const ResolvedCredentials& resolved)
    {
        ProfileConnectionTest test(&m_network);
        auto* job = test.run(resolved);
        job->setAutoDelete(false);
        if (!QTest::qWaitFor([job] { return job->isFinished(); }, 30000))
            return u"timeout"_s;
        const QString arn = job->hasError() ? job->error().toString() : job->result().arn;
        delete job;
        return arn;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_sim = std::make_unique<SimulatorFixture>();
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        m_tokenFile = m_dir.filePath(u"token"_s);
        writeToken(jwt({ { u"sub"_s, u"system:serviceaccount:ci:deployer"_s } }));
    }

    void environmentVariables()
    {
        CredentialChain chain(nullptr, &m_network, nullptr);
        QProcessEnvironment env = webIdentityEnvironment();
        env.insert(u"AWS_ROLE_SESSION_NAME"_s, u"pipeline-42"_s);
        chain.setEnvironment(env);
        QObject owner;
        const CredentialChain::Outcome outcome = chain.resolve({}, &owner);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
        QCOMPARE(outcome.resolved.source, ResolvedCredentials::Source::EnvironmentWebIdentity);
        const QString arn = whoAmI(outcome.resolved);
        QVERIFY2(arn.contains(u"assumed-role/ci-deployer/pipeline-42"_s), qPrintable(arn));
    }

    void profileForm()
    {
        QFile config(m_dir.filePath(u"config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(u"[profile ci]\nweb_identity_token_file = %1\nrole_arn = %2\nrole_session_name = from-profile\n"
                     "region = %3\nendpoint_url = %4\n"
                     "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/release\nsource_profile = ci\n"
                     "region = %3\nendpoint_url = %4\n"_s
                         .arg(m_tokenFile, RoleArn, (*m_sim)->options().region, m_sim->url().toString())
                         .toUtf8());
        config.close();
        QProcessEnvironment env;
        env.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir.filePath(u"credentials"_s));
        CredentialChain chain(nullptr, &m_network, nullptr);
        chain.setEnvironment(env);
        QObject owner;
        const CredentialChain::Outcome outcome = chain.resolve(u"ci"_s, &owner);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
        const QString arn = whoAmI(outcome.resolved);
        QVERIFY2(arn.contains(u"assumed-role/ci-deployer/from-profile"_s), qPrintable(arn));

        // As the source of another role: AssumeRole signed with the web identity's credentials.
        const CredentialChain::Outcome chained = chain.resolve(u"deploy"_s, &owner);
        QVERIFY2(chained.ok(), qPrintable(chained.error.toString()));
        const QString chainedArn = whoAmI(chained.resolved);
        QVERIFY2(chainedArn.contains(u"assumed-role/release/hookdesk-deploy"_s), qPrintable(chainedArn));
    }

    void missingFileNamesTheFile()
    {
        QFile::remove(m_tokenFile);
        QObject owner;
        const auto fetched = fetchCredentialsNow(provider(&owner));
        QVERIFY(fetched.done);
        QVERIFY(fetched.error.isError());
        QVERIFY2(fetched.error.message.contains(u"token"_s), qPrintable(fetched.error.message));
        QVERIFY2(fetched.error.message.contains(m_dir.path()), qPrintable(fetched.error.message));

        writeToken("   \n");
        QVERIFY(fetchCredentialsNow(provider(&owner)).error.message.contains(u"empty"_s));
        writeToken(QByteArray(WebIdentityCredentialProvider::MaxTokenFileSize + 1, 'a'));
        QVERIFY(fetchCredentialsNow(provider(&owner)).error.message.contains(u"16 KiB"_s));
    }

    void badTokenIsRefusedWithTheStsMessage()
    {
        writeToken("not-a-jwt-but-secret-ish");
        QObject owner;
        const auto fetched = fetchCredentialsNow(provider(&owner));
        QVERIFY(fetched.error.isError());
        QCOMPARE(fetched.error.code, u"InvalidIdentityToken"_s);
        QVERIFY2(fetched.error.message.contains(u"verification key"_s), qPrintable(fetched.error.message));
        QVERIFY(!fetched.error.toString().contains(u"secret-ish"_s)); // the token never appears

        writeToken(jwt({ { u"sub"_s, u"x"_s }, { u"expired"_s, true } }));
        const auto expired = fetchCredentialsNow(provider(&owner));
        QCOMPARE(expired.error.code, u"ExpiredTokenException"_s);
    }

    void refreshReadsTheFileAgain()
    {
        QObject owner;
        WebIdentityCredentialProvider* p = provider(&owner);
        QVERIFY(p->roleSessionName().startsWith(u"hookdesk-"_s));
        QDateTime now = QDateTime::currentDateTimeUtc();
        p->setClock([&now] { return now; });
        const auto first = fetchCredentialsNow(p);
        QVERIFY2(!first.error.isError(), qPrintable(first.error.toString()));
        QVERIFY(first.credentials.isTemporary());
        QVERIFY(!fetchCredentialsNow(p).error.isError());
        QCOMPARE(p->calls(), 1); // held in memory while fresh

        // The issuer replaced the token with one STS refuses: the next refresh must read it, not reuse the old one.
        writeToken("replaced");
        now = now.addSecs(qint64(2) * 3600);
        const auto second = fetchCredentialsNow(p);
        QCOMPARE(p->calls(), 2);
        QCOMPARE(second.error.code, u"InvalidIdentityToken"_s);
        writeToken(jwt({ { u"sub"_s, u"renewed"_s } }));
        QVERIFY(!fetchCredentialsNow(p).error.isError());
        QCOMPARE(p->calls(), 3);
    }

    void tokenIsNeverLogged()
    {
        const QByteArray token = jwt({ { u"sub"_s, u"leak-canary-subject"_s } });
        writeToken(token);
        QLoggingCategory::setFilterRules(u"*.debug=true"_s);
        capturedLog.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        QObject owner;
        const auto fetched = fetchCredentialsNow(provider(&owner));
        writeToken("leak-canary-invalid");
        const auto refused = fetchCredentialsNow(provider(&owner));
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(u"*.debug=false"_s);
        QVERIFY(!fetched.error.isError());
        QVERIFY(refused.error.isError());
        const QString log = capturedLog.join(u'\n');
        QVERIFY2(!log.contains(QString::fromLatin1(token)), qPrintable(log));
        QVERIFY2(!log.contains(u"leak-canary-invalid"_s), qPrintable(log));
        QVERIFY(!refused.error.toString().contains(u"leak-canary"_s));
    }
};

QTEST_GUILESS_MAIN(TestWebIdentity)
#include "tst_webidentity.moc"
