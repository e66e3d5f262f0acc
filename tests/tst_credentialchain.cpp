// The credential provider chain's decisions (explicit profile → environment → keychain profiles) and the
// keychain-profile provider, over an in-memory SecretStore. AssumeRole on the wire: tst_assumerole,
// tst_peer_assumerole.
#include "assumerolecredentialprovider.h"
#include "credentialchain.h"
#include "credentialfetch.h"
#include "credentialprovider.h"
#include "mfaprompter.h"
#include "processcredentialprovider.h"
#include "profilecredentialprovider.h"
#include "profilestore.h"
#include "secretstore.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::fetchCredentialsNow;
using Fetched = TestSupport::FetchedCredentials;

class TestCredentialChain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void explicitProfileWinsOverEnvironment();
    void environmentKeys();
    void environmentKeysNeedBothAndARegion();
    void awsProfileNamesAKeychainProfile();
    void defaultOrOnlyProfile();
    void severalProfilesWithoutDefaultIsAnError();
    void unknownProfileIsAnError();
    void roleProfileBuildsAssumeRoleOverItsSource();
    void sourceProfileCyclesAndGapsAreErrors();
    void mfaRoleWithoutPrompterFailsClearly();
    void keychainIsReadOncePerProvider();
    void awsConfigProfilesAreReadAtRunTime();
    void awsConfigRoleChainsAssumeOverTheirSource();
    void userWithAnMfaDeviceWorksInAnMfaSession();
    void awsConfigCyclesAndUnusableKindsAreRefused();
    void awsConfigRoleWithEnvironmentKeys();
    void awsConfigDefaultWhenNoKeychainProfile();

private:
    // Writes the AWS CLI's two files into the test's folder and returns an environment naming them.
    QProcessEnvironment awsFiles(const QByteArray& credentials, const QByteArray& config);
    void addProfile(const Profile& profile, const Credentials& keys = {});
    Profile plain(const QString& name, const QString& region = u"eu-west-1"_s);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    QNetworkAccessManager m_network;
};

void TestCredentialChain::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_secrets.get(), m_dir->filePath(u"profiles.ini"_s));
}

Profile TestCredentialChain::plain(const QString& name, const QString& region)
{
    Profile p;
    p.name = name;
    p.region = region;
    return p;
}

void TestCredentialChain::addProfile(const Profile& profile, const Credentials& keys)
{
    auto* job = m_store->addProfile(profile, keys);
    job->setAutoDelete(false);
    QVERIFY(QTest::qWaitFor([job] { return job->isFinished(); }, 5000));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    delete job;
}

void TestCredentialChain::explicitProfileWinsOverEnvironment()
{
    Profile prod = plain(u"prod"_s, u"eu-central-1"_s);
    prod.endpointUrl = QUrl(u"https://vpce-1.autoscaling.eu-central-1.vpce.amazonaws.com"_s);
    addProfile(prod, { u"AKIAPROD"_s, u"prodsecret"_s, {}, {} });
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    QProcessEnvironment env;
    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIAENV"_s);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"envsecret"_s);
    env.insert(u"AWS_REGION"_s, u"us-west-2"_s);
    env.insert(u"AWS_ENDPOINT_URL"_s, u"http://127.0.0.1:1"_s);
    chain.setEnvironment(env);

    QObject owner;
    const auto outcome = chain.resolve(u"prod"_s, &owner);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.resolved.source, ResolvedCredentials::Source::ExplicitProfile);
    // The chosen profile's own region and endpoint: the GUI picked it on purpose.
    QCOMPARE(outcome.resolved.region, u"eu-central-1"_s);
    QCOMPARE(outcome.resolved.endpoints.url(EndpointResolver::Service::AutoScaling), prod.endpointUrl);
    QCOMPARE(outcome.resolved.provider->parent(), &owner);
    const Fetched f = fetchCredentialsNow(outcome.resolved.provider);
    QCOMPARE(f.credentials.accessKeyId, u"AKIAPROD"_s);
    QCOMPARE(f.credentials.secretAccessKey, u"prodsecret"_s);
}

void TestCredentialChain::environmentKeys()
{
    addProfile(plain(u"default"_s), { u"AKIADEF"_s, u"defsecret"_s, {}, {} });
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    QProcessEnvironment env;
    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"ASIAENV"_s);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"envsecret"_s);
    env.insert(u"AWS_SESSION_TOKEN"_s, u"envtoken"_s);
    env.insert(u"AWS_DEFAULT_REGION"_s, u"ap-south-1"_s);
    env.insert(u"AWS_ENDPOINT_URL"_s, u"http://127.0.0.1:4566"_s);
    chain.setEnvironment(env);
    QObject owner;
    auto outcome = chain.resolve({}, &owner);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.resolved.source, ResolvedCredentials::Source::EnvironmentKeys);
    QCOMPARE(outcome.resolved.region, u"ap-south-1"_s);
    QCOMPARE(outcome.resolved.endpoints.url(EndpointResolver::Service::AutoScaling), QUrl(u"http://127.0.0.1:4566"_s));
    QVERIFY(outcome.resolved.endpoint(EndpointResolver::Service::AutoScaling).ok());
    const Fetched f = fetchCredentialsNow(outcome.resolved.provider);
    QCOMPARE(f.credentials.accessKeyId, u"ASIAENV"_s);
    QCOMPARE(f.credentials.sessionToken, u"envtoken"_s);
    QVERIFY(!outcome.resolved.description().contains(u"envsecret"_s));

    // AWS_REGION beats AWS_DEFAULT_REGION, as in the AWS CLI.
    env.insert(u"AWS_REGION"_s, u"sa-east-1"_s);
    chain.setEnvironment(env);
    QCOMPARE(chain.resolve({}, &owner).resolved.region, u"sa-east-1"_s);
}

void TestCredentialChain::environmentKeysNeedBothAndARegion()
{
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    QProcessEnvironment env;
    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIAENV"_s);
    env.insert(u"AWS_REGION"_s, u"eu-west-1"_s);
    chain.setEnvironment(env);
    auto outcome = chain.resolve();
    QCOMPARE(outcome.error.kind, AwsError::Kind::Credentials);
    QVERIFY(outcome.error.message.contains(u"AWS_SECRET_ACCESS_KEY"_s));
    QVERIFY(!outcome.resolved.provider);

    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"envsecret"_s);
    env.remove(u"AWS_REGION"_s);
    chain.setEnvironment(env);
    outcome = chain.resolve();
    QCOMPARE(outcome.error.kind, AwsError::Kind::Validation);
    QVERIFY(outcome.error.message.contains(u"AWS_REGION"_s));
    QVERIFY(!outcome.error.message.contains(u"envsecret"_s));
}

void TestCredentialChain::awsProfileNamesAKeychainProfile()
{
    addProfile(plain(u"default"_s), { u"AKIADEF"_s, u"defsecret"_s, {}, {} });
    addProfile(plain(u"staging"_s, u"us-east-2"_s), { u"AKIASTG"_s, u"stgsecret"_s, {}, {} });
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    QProcessEnvironment env;
    env.insert(u"AWS_PROFILE"_s, u"staging"_s);
    chain.setEnvironment(env);
    QObject owner;
    auto outcome = chain.resolve({}, &owner);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.resolved.source, ResolvedCredentials::Source::EnvironmentProfile);
    QCOMPARE(outcome.resolved.profileName, u"staging"_s);
    QCOMPARE(outcome.resolved.region, u"us-east-2"_s);
    QCOMPARE(fetchCredentialsNow(outcome.resolved.provider).credentials.accessKeyId, u"AKIASTG"_s);
    env.insert(u"AWS_REGION"_s, u"eu-north-1"_s);
    chain.setEnvironment(env);
    QCOMPARE(chain.resolve({}, &owner).resolved.region, u"eu-north-1"_s);
}

void TestCredentialChain::defaultOrOnlyProfile()
{
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment({});
    QCOMPARE(chain.resolve().error.kind, AwsError::Kind::Credentials); // nothing at all
    addProfile(plain(u"solo"_s), { u"AKIASOLO"_s, u"s"_s, {}, {} });
    QObject owner;
    auto outcome = chain.resolve({}, &owner);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.resolved.profileName, u"solo"_s);
    addProfile(plain(u"default"_s), { u"AKIADEF"_s, u"d"_s, {}, {} });
    outcome = chain.resolve({}, &owner);
    QCOMPARE(outcome.resolved.profileName, u"default"_s);
    QCOMPARE(outcome.resolved.source, ResolvedCredentials::Source::DefaultProfile);
}

void TestCredentialChain::severalProfilesWithoutDefaultIsAnError()
{
    addProfile(plain(u"a"_s), { u"AKIAA"_s, u"a"_s, {}, {} });
    addProfile(plain(u"b"_s), { u"AKIAB"_s, u"b"_s, {}, {} });
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment({});
    const auto outcome = chain.resolve();
    QCOMPARE(outcome.error.kind, AwsError::Kind::Credentials);
    QVERIFY(outcome.error.message.contains(u"a, b"_s));
}

void TestCredentialChain::unknownProfileIsAnError()
{
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment({});
    const auto outcome = chain.resolve(u"nope"_s);
    QCOMPARE(outcome.error.kind, AwsError::Kind::Credentials);
    QVERIFY(outcome.error.message.contains(u"nope"_s));
}

void TestCredentialChain::roleProfileBuildsAssumeRoleOverItsSource()
{
    Profile base = plain(u"base"_s);
    base.endpointUrl = QUrl(u"http://127.0.0.1:9"_s);
    addProfile(base, { u"AKIABASE"_s, u"basesecret"_s, {}, {} });
    Profile admin = plain(u"admin"_s, u"eu-west-2"_s);
    admin.role.roleArn = u"arn:aws:iam::123456789012:role/admin"_s;
    admin.role.sourceProfile = u"base"_s;
    addProfile(admin);
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment({});
    QObject owner;
    const auto outcome = chain.resolve(u"admin"_s, &owner);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
    auto* role = qobject_cast<AssumeRoleCredentialProvider*>(outcome.resolved.provider);
    QVERIFY(role);
    QCOMPARE(outcome.resolved.region, u"eu-west-2"_s);
    auto* source = qobject_cast<ProfileCredentialProvider*>(role->source());
    QVERIFY(source);
    QCOMPARE(source->profileName(), u"base"_s);
    QCOMPARE(source->parent(), role);
}

void TestCredentialChain::sourceProfileCyclesAndGapsAreErrors()
{
    Profile a = plain(u"a"_s);
    a.role.roleArn = u"arn:aws:iam::123456789012:role/a"_s;
    a.role.sourceProfile = u"b"_s;
    Profile b = plain(u"b"_s);
    b.role.roleArn = u"arn:aws:iam::123456789012:role/b"_s;
    b.role.sourceProfile = u"a"_s;
    Profile c = plain(u"c"_s);
    c.role.roleArn = u"arn:aws:iam::123456789012:role/c"_s;
    c.role.sourceProfile = u"missing"_s;
    addProfile(a);
    addProfile(b);
    addProfile(c);
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment({});
    auto outcome = chain.resolve(u"a"_s);
    QCOMPARE(outcome.error.kind, AwsError::Kind::Credentials);
    QVERIFY(outcome.error.message.contains(u"a → b → a"_s));
    outcome = chain.resolve(u"c"_s);
    QCOMPARE(outcome.error.kind, AwsError::Kind::Credentials);
    QVERIFY(outcome.error.message.contains(u"missing"_s));
}

void TestCredentialChain::mfaRoleWithoutPrompterFailsClearly()
{
    addProfile(plain(u"base"_s), { u"AKIABASE"_s, u"basesecret"_s, {}, {} });
    Profile admin = plain(u"admin"_s);
    admin.role.roleArn = u"arn:aws:iam::123456789012:role/admin"_s;
    admin.role.sourceProfile = u"base"_s;
    admin.role.mfaSerial = u"arn:aws:iam::123456789012:mfa/me"_s;
    addProfile(admin);
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment({});
    QObject owner;
    const auto outcome = chain.resolve(u"admin"_s, &owner);
    QVERIFY(outcome.ok());
    const Fetched f = fetchCredentialsNow(outcome.resolved.provider);
    QVERIFY(f.done);
    QCOMPARE(f.error.kind, AwsError::Kind::Credentials);
    QVERIFY(f.error.message.contains(u"MFA"_s));
    QCOMPARE(qobject_cast<AssumeRoleCredentialProvider*>(outcome.resolved.provider)->assumeRoleCalls(), 0);

    // A cancelled prompt is the same clear refusal, and no request goes out.
    ScriptedMfaPrompter cancelled;
    CredentialChain prompting(m_store.get(), &m_network, &cancelled);
    prompting.setEnvironment({});
    const auto again = prompting.resolve(u"admin"_s, &owner);
    const Fetched g = fetchCredentialsNow(again.resolved.provider);
    QCOMPARE(g.error.kind, AwsError::Kind::Credentials);
    QCOMPARE(cancelled.requests().size(), 1);
    QCOMPARE(cancelled.requests().first().mfaSerial, admin.role.mfaSerial);
    QCOMPARE(qobject_cast<AssumeRoleCredentialProvider*>(again.resolved.provider)->assumeRoleCalls(), 0);
}

void TestCredentialChain::keychainIsReadOncePerProvider()
{
    addProfile(plain(u"prod"_s), { u"AKIAPROD"_s, u"prodsecret"_s, {}, {} });
    ProfileCredentialProvider provider(m_store.get(), u"prod"_s);
    const int before = m_secrets->operationCount();
    // Three requests at once share one keychain read.
    int answered = 0;
    for (int i = 0; i < 3; ++i)
        provider.fetchCredentials([&](const Credentials& c, const AwsError& e) {
            QVERIFY(!e.isError());
            QCOMPARE(c.secretAccessKey, u"prodsecret"_s);
            ++answered;
        });
    QTRY_COMPARE(answered, 3);
    QCOMPARE(fetchCredentialsNow(&provider).credentials.secretAccessKey, u"prodsecret"_s);
    const int reads = m_secrets->operationCount() - before;
    QCOMPARE(reads, 2); // access key ID + secret, once

    // New keys through the store: the provider forgets the old ones.
    auto* edit
        = m_store->updateProfile(u"prod"_s, plain(u"prod"_s), Credentials { u"AKIANEW"_s, u"newsecret"_s, {}, {} });
    edit->setAutoDelete(false);
    QTRY_VERIFY(edit->isFinished());
    QCOMPARE(fetchCredentialsNow(&provider).credentials.secretAccessKey, u"newsecret"_s);
    delete edit;

    m_secrets->setFailure(SecretError::Kind::Locked);
    provider.invalidate();
    const Fetched locked = fetchCredentialsNow(&provider);
    QCOMPARE(locked.error.kind, AwsError::Kind::Credentials);
    QVERIFY(locked.error.message.contains(u"locked"_s));
}

QProcessEnvironment TestCredentialChain::awsFiles(const QByteArray& credentials, const QByteArray& config)
{
    const QString folder = m_dir->filePath(u"aws"_s);
    QDir().mkpath(folder);
    QFile credentialsFile(folder + u"/credentials"_s);
    QFile configFile(folder + u"/config"_s);
    if (!credentialsFile.open(QIODevice::WriteOnly) || !configFile.open(QIODevice::WriteOnly))
        return {};
    credentialsFile.write(credentials);
    credentialsFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    configFile.write(config);
    QProcessEnvironment env;
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, credentialsFile.fileName());
    env.insert(u"AWS_CONFIG_FILE"_s, configFile.fileName());
    return env;
}

void TestCredentialChain::awsConfigProfilesAreReadAtRunTime()
{
    const QProcessEnvironment env
        = awsFiles("[ops]\naws_access_key_id = AKIAOPSKEY\naws_secret_access_key = opssecret\n",
            "[profile ops]\nregion = ap-southeast-2\nendpoint_url = http://127.0.0.1:9\n");
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment(env);
    QObject owner;
    const auto outcome = chain.resolve(u"ops"_s, &owner);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
    QCOMPARE(outcome.resolved.region, u"ap-southeast-2"_s);
    QCOMPARE(outcome.resolved.endpoints.url(EndpointResolver::Service::AutoScaling), QUrl(u"http://127.0.0.1:9"_s));
    QVERIFY(outcome.resolved.description().contains(u"config"_s));
    const Fetched fetched = fetchCredentialsNow(outcome.resolved.provider);
    QCOMPARE(fetched.credentials.accessKeyId, u"AKIAOPSKEY"_s);
    QCOMPARE(fetched.credentials.secretAccessKey, u"opssecret"_s);

    // Read fresh each time, never copied: nothing lands in the keychain, and a changed file is what counts.
    QVERIFY(m_store->profileNames().isEmpty());
    const QProcessEnvironment changed
        = awsFiles("[ops]\naws_access_key_id = AKIAROTATED\naws_secret_access_key = newsecret\n",
            "[profile ops]\nregion = eu-north-1\n");
    chain.setEnvironment(changed);
    const auto again = chain.resolve(u"ops"_s, &owner);
    QVERIFY2(again.ok(), qPrintable(again.error.toString()));
    QCOMPARE(again.resolved.region, u"eu-north-1"_s);
    QCOMPARE(fetchCredentialsNow(again.resolved.provider).credentials.accessKeyId, u"AKIAROTATED"_s);

    // A keychain profile of the same name comes first.
    addProfile(plain(u"ops"_s, u"us-west-2"_s), { u"AKIAKEYCHAIN"_s, u"kcsecret"_s, {}, {} });
    const auto keychain = chain.resolve(u"ops"_s, &owner);
    QVERIFY2(keychain.ok(), qPrintable(keychain.error.toString()));
    QCOMPARE(keychain.resolved.region, u"us-west-2"_s);
    QVERIFY(keychain.resolved.configFile.isEmpty());
}

void TestCredentialChain::userWithAnMfaDeviceWorksInAnMfaSession()
{
    // mfa_serial on a profile with keys and no role: GetSessionToken with the keys, for that profile only; a source
    // profile's own mfa_serial does not turn its keys into a session under someone else's role.
    const QString device = u"arn:aws:iam::123456789012:mfa/alice"_s;
    const QProcessEnvironment env
        = awsFiles("[alice]\naws_access_key_id = AKIAALICE\naws_secret_access_key = alicesecret\n",
            "[profile alice]\nmfa_serial = " + device.toUtf8()
                + "\nduration_seconds = 7200\nregion = eu-west-1\n"
                  "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = alice\n");
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment(env);
    QObject owner;
    const auto config = chain.resolve(u"alice"_s, &owner);
    QVERIFY2(config.ok(), qPrintable(config.error.toString()));
    auto* session = qobject_cast<AssumeRoleCredentialProvider*>(config.resolved.provider);
    QVERIFY(session);
    QVERIFY(!session->role().isSet());
    QCOMPARE(session->role().mfaSerial, device);
    QCOMPARE(session->role().durationSeconds, 7200);
    QCOMPARE(fetchCredentialsNow(session->source()).credentials.accessKeyId, u"AKIAALICE"_s);
    const auto ops = chain.resolve(u"ops"_s, &owner);
    QVERIFY2(ops.ok(), qPrintable(ops.error.toString()));
    auto* role = qobject_cast<AssumeRoleCredentialProvider*>(ops.resolved.provider);
    QVERIFY(role);
    QVERIFY(!qobject_cast<AssumeRoleCredentialProvider*>(role->source()));

    // The same for a saved profile; its MFA device is kept with it.
    Profile saved = plain(u"bob"_s, u"us-east-1"_s);
    saved.role.mfaSerial = u"arn:aws:iam::123456789012:mfa/bob"_s;
    QVERIFY(saved.validationError().isEmpty());
    addProfile(saved, { u"AKIABOB"_s, u"bobsecret"_s, {}, {} });
    QCOMPARE(m_store->profile(u"bob"_s)->role.mfaSerial, saved.role.mfaSerial);
    const auto bob = chain.resolve(u"bob"_s, &owner);
    QVERIFY2(bob.ok(), qPrintable(bob.error.toString()));
    auto* bobSession = qobject_cast<AssumeRoleCredentialProvider*>(bob.resolved.provider);
    QVERIFY(bobSession);
    QCOMPARE(fetchCredentialsNow(bobSession->source()).credentials.accessKeyId, u"AKIABOB"_s);
    // Keys that are a session already are used as they are: STS makes no session from a session.
    Profile temporary = plain(u"carol"_s, u"us-east-1"_s);
    temporary.role.mfaSerial = u"arn:aws:iam::123456789012:mfa/carol"_s;
    addProfile(temporary, { u"ASIACAROL"_s, u"carolsecret"_s, u"carol-token"_s, {} });
    const auto carol = chain.resolve(u"carol"_s, &owner);
    QVERIFY2(carol.ok(), qPrintable(carol.error.toString()));
    QVERIFY(!qobject_cast<AssumeRoleCredentialProvider*>(carol.resolved.provider));
    QCOMPARE(fetchCredentialsNow(carol.resolved.provider).credentials.sessionToken, u"carol-token"_s);
    const QProcessEnvironment tokenFiles = awsFiles(
        "[dave]\naws_access_key_id = ASIADAVE\naws_secret_access_key = davesecret\naws_session_token = dave-token\n",
        "[profile dave]\nmfa_serial = arn:aws:iam::123456789012:mfa/dave\nregion = eu-west-1\n");
    chain.setEnvironment(tokenFiles);
    const auto dave = chain.resolve(u"dave"_s, &owner);
    QVERIFY2(dave.ok(), qPrintable(dave.error.toString()));
    QVERIFY(!qobject_cast<AssumeRoleCredentialProvider*>(dave.resolved.provider));

    // A user's MFA session may last 36 hours, no longer; an external ID still needs a role.
    saved.role.durationSeconds = 129601;
    QVERIFY(!saved.validationError().isEmpty());
    saved.role.durationSeconds = 3600;
    saved.role.externalId = u"xyz"_s;
    QVERIFY(!saved.validationError().isEmpty());
}

void TestCredentialChain::awsConfigRoleChainsAssumeOverTheirSource()
{
    QProcessEnvironment env = awsFiles("[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = basesecret\n",
        "[profile prod]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = base\n"
        "mfa_serial = arn:aws:iam::123456789012:mfa/alice\nexternal_id = xyz\nduration_seconds = 1800\n"
        "region = eu-west-1\n");
    env.insert(u"AWS_PROFILE"_s, u"prod"_s);
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment(env);
    QObject owner;
    const auto outcome = chain.resolve({}, &owner);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
    QCOMPARE(outcome.resolved.source, ResolvedCredentials::Source::EnvironmentProfile);
    QCOMPARE(outcome.resolved.region, u"eu-west-1"_s);
    auto* role = qobject_cast<AssumeRoleCredentialProvider*>(outcome.resolved.provider);
    QVERIFY(role);
    QCOMPARE(role->role().roleArn, u"arn:aws:iam::123456789012:role/ops"_s);
    QCOMPARE(role->role().mfaSerial, u"arn:aws:iam::123456789012:mfa/alice"_s);
    QCOMPARE(role->role().externalId, u"xyz"_s);
    QCOMPARE(role->role().durationSeconds, 1800);
    QVERIFY(role->source());
    QCOMPARE(role->source()->parent(), role);
    QCOMPARE(fetchCredentialsNow(role->source()).credentials.accessKeyId, u"AKIABASE"_s);
}

void TestCredentialChain::awsConfigCyclesAndUnusableKindsAreRefused()
{
    const QProcessEnvironment env = awsFiles({},
        "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n"
        "[profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n"
        "[profile imds]\ncredential_source = Ec2InstanceMetadata\nrole_arn = arn:aws:iam::123456789012:role/i\n"
        "[profile proc]\ncredential_process = /usr/bin/false\n");
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment(env);
    const auto cycle = chain.resolve(u"a"_s);
    QCOMPARE(cycle.error.kind, AwsError::Kind::Credentials);
    QVERIFY2(cycle.error.message.contains(u"circle"_s) || cycle.error.message.contains(u"cycle"_s),
        qPrintable(cycle.error.message));
    const auto unusable = chain.resolve(u"imds"_s);
    QCOMPARE(unusable.error.kind, AwsError::Kind::Credentials);
    QVERIFY2(unusable.error.message.contains(u"cannot be used"_s), qPrintable(unusable.error.message));
    // credential_process is used at run time (tst_processcredentials runs real programs): this one fails.
    QObject owner;
    const auto process = chain.resolve(u"proc"_s, &owner);
    QVERIFY2(process.ok(), qPrintable(process.error.toString()));
    QVERIFY(qobject_cast<ProcessCredentialProvider*>(process.resolved.provider));
    const Fetched fetched = fetchCredentialsNow(process.resolved.provider);
    QVERIFY2(fetched.error.message.contains(u"exited with code 1"_s), qPrintable(fetched.error.message));
    const auto missing = chain.resolve(u"nope"_s);
    QVERIFY(missing.error.message.contains(u"There is no profile named nope"_s));
}

void TestCredentialChain::awsConfigRoleWithEnvironmentKeys()
{
    QProcessEnvironment env = awsFiles({},
        "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\ncredential_source = Environment\n"
        "role_session_name = alice\nexternal_id = xyz\nduration_seconds = 1800\nregion = eu-west-2\n"
        "[profile audit]\nrole_arn = arn:aws:iam::210987654321:role/audit\nsource_profile = ops\n"
        "[profile both]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = ops\n"
        "credential_source = Environment\n"
        "[profile norole]\ncredential_source = Environment\n");
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment(env);

    // Without keys in the environment: said, naming the setting, before anything is sent.
    const auto withoutKeys = chain.resolve(u"ops"_s);
    QCOMPARE(withoutKeys.error.kind, AwsError::Kind::Credentials);
    QVERIFY2(withoutKeys.error.message.contains(u"credential_source = Environment"_s)
            && withoutKeys.error.message.contains(u"AWS_ACCESS_KEY_ID"_s),
        qPrintable(withoutKeys.error.message));

    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIAFROMENV"_s);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"envsecret"_s);
    env.insert(u"AWS_SESSION_TOKEN"_s, u"envtoken"_s);
    chain.setEnvironment(env);
    QObject owner;
    const auto outcome = chain.resolve(u"ops"_s, &owner);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
    QCOMPARE(outcome.resolved.region, u"eu-west-2"_s);
    auto* role = qobject_cast<AssumeRoleCredentialProvider*>(outcome.resolved.provider);
    QVERIFY(role);
    QCOMPARE(role->role().roleArn, u"arn:aws:iam::123456789012:role/ops"_s);
    QCOMPARE(role->role().externalId, u"xyz"_s);
    QCOMPARE(role->role().durationSeconds, 1800);
    QCOMPARE(role->roleSessionName(), u"alice"_s);
    const Fetched source = fetchCredentialsNow(role->source());
    QCOMPARE(source.credentials.accessKeyId, u"AKIAFROMENV"_s);
    QCOMPARE(source.credentials.sessionToken, u"envtoken"_s);

    // As the source of another role: a chain of two AssumeRole calls, the first with the environment's keys.
    const auto chained = chain.resolve(u"audit"_s, &owner);
    QVERIFY2(chained.ok(), qPrintable(chained.error.toString()));
    auto* audit = qobject_cast<AssumeRoleCredentialProvider*>(chained.resolved.provider);
    QVERIFY(audit);
    QCOMPARE(audit->roleSessionName(), u"hookdesk-audit"_s); // no role_session_name of its own
    auto* inner = qobject_cast<AssumeRoleCredentialProvider*>(audit->source());
    QVERIFY(inner);
    QCOMPARE(inner->role().roleArn, u"arn:aws:iam::123456789012:role/ops"_s);

    // Both sources at once, or a source without a role: refused with the reason.
    const auto both = chain.resolve(u"both"_s);
    QVERIFY2(
        both.error.message.contains(u"both source_profile and credential_source"_s), qPrintable(both.error.message));
    const auto norole = chain.resolve(u"norole"_s);
    QVERIFY2(norole.error.message.contains(u"no role_arn"_s), qPrintable(norole.error.message));
}

void TestCredentialChain::awsConfigDefaultWhenNoKeychainProfile()
{
    // HOME names the folder whose .aws the SDKs read; an environment without HOME reads no file at all.
    const QString home = m_dir->filePath(u"home"_s);
    QDir().mkpath(home + u"/.aws"_s);
    QFile credentials(home + u"/.aws/credentials"_s);
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write(
        "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = defsecret\nregion = sa-east-1\n");
    credentials.close();
    CredentialChain chain(m_store.get(), &m_network, nullptr);
    chain.setEnvironment({});
    QVERIFY(!chain.resolve().ok());
    QProcessEnvironment env;
    env.insert(u"HOME"_s, home);
    chain.setEnvironment(env);
    QObject owner;
    const auto outcome = chain.resolve({}, &owner);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
    QCOMPARE(outcome.resolved.profileName, u"default"_s);
    QCOMPARE(fetchCredentialsNow(outcome.resolved.provider).credentials.accessKeyId, u"AKIADEFAULT"_s);
}

QTEST_GUILESS_MAIN(TestCredentialChain)
#include "tst_credentialchain.moc"
