// After a profile is added and used (and after a sign-in to IAM Identity Center) — keys read from a real keychain,
// requests signed, a role assumed with MFA and its session kept in the keychain for a later run, an error provoked — no
// file under Hookdesk's config, data and cache directories and no log line holds the secret access key, the assumed
// role's secret or its session token. The bytes are searched, raw and encoded.
#include "assumerolecredentialprovider.h"
#include "credentialchain.h"
#include "keyringsession.h"
#include "mfaprompter.h"
#include "profileconnectiontest.h"
#include "profilestore.h"
#include "secretstore.h"
#include "simulatorfixture.h"
#include "ssooidcclient.h"
#include "ssoservices.h"
#include "ssotokenstore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog << QString::fromLatin1(context.category ? context.category : "") + u": "_s + message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

const QString roleArn = u"arn:aws:iam::123456789012:role/hookdesk-operator"_s;

template <typename Job> bool finish(Job* job)
{
    job->setAutoDelete(false);
    return QTest::qWaitFor([job] { return job->isFinished(); }, 20000);
}
} // namespace

class TestSecretLeak : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void addUseAndSearch();
    // IAM Identity Center: the access and refresh tokens, the client secret and the role credentials.
    void signInToIdentityCenterAndSearch();
    void cleanupTestCase();

private:
    // No file under the user's Hookdesk, Qt and keychain directories and no log line holds any needle.
    void verifyNowhere(const QList<QByteArray>& needles, const QString& settingsPath);
    QTemporaryDir m_home;
    TestSupport::KeyringSession m_session;
};

void TestSecretLeak::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toUtf8());
    // Everything, debug included, whatever QT_LOGGING_RULES the harness set.
    QLoggingCategory::setFilterRules(u"*.debug=true\n*.info=true"_s);
    previousHandler = qInstallMessageHandler(captureMessage);
    HOOKDESK_REQUIRE_SECRET_SERVICE(m_session);
}

void TestSecretLeak::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

void TestSecretLeak::addUseAndSearch()
{
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    options.rolesRequiringMfa << roleArn;
    SimulatorFixture sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));

    KeychainSecretStore secrets;
    ProfileStore store(&secrets); // the real default location, under this test's XDG_CONFIG_HOME
    QVERIFY(store.settingsPath().startsWith(m_home.path()));
    Profile base;
    base.name = u"leakcheck"_s;
    base.region = u"us-east-1"_s;
    base.endpointUrl = sim.url();
    Profile admin = base;
    admin.name = u"leakcheck-admin"_s;
    admin.role = { roleArn, base.name, u"ext-id-1"_s, u"arn:aws:iam::123456789012:mfa/op"_s, 900 };
    auto* addBase = store.addProfile(base, sim.credentials());
    QVERIFY(finish(addBase));
    QVERIFY2(!addBase->hasError(), qPrintable(addBase->error().toString()));
    auto* addAdmin = store.addProfile(admin);
    QVERIFY(finish(addAdmin));
    QVERIFY(!addAdmin->hasError());

    // Use them the way the GUI and the CLI do: a fresh store (another process) resolves and calls.
    KeychainSecretStore otherSecrets;
    ProfileStore other(&otherSecrets);
    QNetworkAccessManager network;
    ScriptedMfaPrompter prompter({ u"999999"_s, options.mfaCode });
    CredentialChain chain(&other, &network, &prompter);
    chain.setEnvironment({});
    QObject owner;
    ProfileConnectionTest test(&network);

    const auto direct = chain.resolve(base.name, &owner);
    QVERIFY(direct.ok());
    auto* identity = test.run(direct.resolved);
    QVERIFY(finish(identity));
    QVERIFY2(!identity->hasError(), qPrintable(identity->error().toString()));

    const auto role = chain.resolve(admin.name, &owner);
    QVERIFY(role.ok());
    auto* refused = test.run(role.resolved); // wrong MFA code first: an error path, with its messages
    QVERIFY(finish(refused));
    QVERIFY(refused->hasError());
    auto* assumed = test.run(role.resolved);
    QVERIFY(finish(assumed));
    QVERIFY2(!assumed->hasError(), qPrintable(assumed->error().toString()));
    QVERIFY(assumed->result().arn.contains(u"assumed-role"_s));

    Credentials roleCredentials;
    role.resolved.provider->fetchCredentials([&](const Credentials& c, const AwsError&) { roleCredentials = c; });
    QTRY_VERIFY(roleCredentials.isTemporary());

    // A later run finds the role's session in the real keychain: no MFA prompt, no AssumeRole, and it signs.
    QTRY_COMPARE(otherSecrets.pendingOperations(), 0);
    KeychainSecretStore laterSecrets;
    ProfileStore later(&laterSecrets);
    ScriptedMfaPrompter noCodes(QStringList {});
    CredentialChain laterChain(&later, &network, &noCodes);
    laterChain.setEnvironment({});
    const auto again = laterChain.resolve(admin.name, &owner);
    QVERIFY(again.ok());
    auto* reused = test.run(again.resolved);
    QVERIFY(finish(reused));
    QVERIFY2(!reused->hasError(), qPrintable(reused->error().toString()));
    QVERIFY(noCodes.requests().isEmpty());
    auto* laterRole = qobject_cast<AssumeRoleCredentialProvider*>(again.resolved.provider);
    QVERIFY(laterRole);
    QVERIFY(laterRole->sessionFromKeychain());
    QCOMPARE(laterRole->assumeRoleCalls(), 0);

    QList<QByteArray> needles;
    for (const QString& secret :
        { sim.credentials().secretAccessKey, roleCredentials.secretAccessKey, roleCredentials.sessionToken }) {
        QVERIFY(secret.size() >= 16);
        needles << secret.toUtf8() << secret.toUtf8().toBase64() << QUrl::toPercentEncoding(secret);
    }

    verifyNowhere(needles, store.settingsPath());
    for (auto* job : { addBase, addAdmin })
        delete job;
    for (auto* job : { identity, refused, assumed, reused })
        delete job;
}

void TestSecretLeak::verifyNowhere(const QList<QByteArray>& needles, const QString& settingsPath)
{
    // Every directory Hookdesk (or Qt, or QtKeychain) could write to for this user.
    QStringList roots { m_home.path() };
    for (auto location : { QStandardPaths::ConfigLocation, QStandardPaths::GenericConfigLocation,
             QStandardPaths::AppDataLocation, QStandardPaths::AppLocalDataLocation, QStandardPaths::GenericDataLocation,
             QStandardPaths::CacheLocation, QStandardPaths::GenericCacheLocation })
        roots << QStandardPaths::writableLocation(location);
    roots.removeDuplicates();
    int files = 0;
    bool sawMetadata = false;
    for (const QString& root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            ++files;
            sawMetadata |= file.fileName() == settingsPath;
            for (const QByteArray& needle : std::as_const(needles))
                QVERIFY2(!content.contains(needle), qPrintable(u"secret bytes in "_s + file.fileName()));
        }
    }
    QVERIFY(sawMetadata); // the search did cover the profiles file
    qInfo("searched %d files", files);

    QMutexLocker lock(&logMutex);
    QVERIFY(capturedLog.size() >= 3); // the log did capture Hookdesk's messages
    for (const QString& line : std::as_const(capturedLog)) {
        for (const QByteArray& needle : std::as_const(needles))
            QVERIFY2(!line.toUtf8().contains(needle), "secret bytes in a log line");
    }
}

void TestSecretLeak::signInToIdentityCenterAndSearch()
{
    SimulatorFixture sim;
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    KeychainSecretStore secrets;
    ProfileStore store(&secrets);
    QVERIFY(store.saveSsoSession(
        { u"leaksso"_s, u"https://d-1234567890.awsapps.com/start"_s, u"eu-west-1"_s, {} }, &error));
    Profile profile;
    profile.name = u"leakcheck-sso"_s;
    profile.region = u"eu-west-1"_s;
    profile.endpointUrl = sim.url();
    profile.sso = { u"leaksso"_s, sim->ssoAccountIds().constFirst(), u"ReadOnlyAccess"_s };
    auto* add = store.addProfile(profile);
    QVERIFY(finish(add));
    QVERIFY2(!add->hasError(), qPrintable(add->error().toString()));

    // The device sign-in (approved at once by the simulator), kept in the real keychain, as `sso login` does.
    QNetworkAccessManager network;
    SsoServices services(&network, EndpointOverrides::forAll(sim.url(), u"test"_s), u"eu-west-1"_s);
    auto* signIn = new SsoDeviceSignIn(services.oidc(), u"https://d-1234567890.awsapps.com/start"_s, u"eu-west-1"_s,
        { u"sso:account:access"_s }, SsoToken());
    signIn->start();
    QVERIFY(finish(signIn));
    QVERIFY2(!signIn->hasError(), qPrintable(signIn->error().toString()));
    const SsoToken token = signIn->result();
    bool kept = false;
    SsoTokenStore::write(&secrets, u"leaksso"_s, token, nullptr, [&](const SecretError& e) { kept = !e.isError(); });
    QTRY_VERIFY(kept);

    // Another process: its own store reads the sign-in from the keychain and gets role credentials.
    KeychainSecretStore otherSecrets;
    ProfileStore other(&otherSecrets);
    CredentialChain chain(&other, &network, nullptr);
    chain.setEnvironment({});
    QObject owner;
    const auto resolved = chain.resolve(profile.name, &owner);
    QVERIFY2(resolved.ok(), qPrintable(resolved.error.toString()));
    Credentials role;
    resolved.resolved.provider->fetchCredentials([&](const Credentials& c, const AwsError&) { role = c; });
    QTRY_VERIFY(role.isTemporary());

    QList<QByteArray> needles;
    for (const QString& secret :
        { token.accessToken, token.refreshToken, token.clientSecret, role.secretAccessKey, role.sessionToken }) {
        QVERIFY(secret.size() >= 16);
        needles << secret.toUtf8() << secret.toUtf8().toBase64() << QUrl::toPercentEncoding(secret);
    }
    verifyNowhere(needles, store.settingsPath());
    delete add;
    delete signIn;
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    TestSecretLeak test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretleak.moc"
