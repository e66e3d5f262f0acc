// AssumeRole with MFA through the real wire (SigV4, Query, XML) against the in-process simulator, which demands the
// MFA device and code for its role and expires the sessions it issues on its own clock.
#include "assumerolecredentialprovider.h"
#include "credentialchain.h"
#include "credentialfetch.h"
#include "mfaprompter.h"
#include "profileconnectiontest.h"
#include "profilestore.h"
#include "secretstore.h"
#include "sessioncache.h"
#include "simulatorfixture.h"
#include "stsclient.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::fetchCredentialsNow;
using Fetched = TestSupport::FetchedCredentials;

namespace {
const QString roleArn = u"arn:aws:iam::123456789012:role/hookdesk-operator"_s;
const QString mfaSerial = u"arn:aws:iam::123456789012:mfa/operator"_s;

SimulatorOptions mfaOptions()
{
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    options.rolesRequiringMfa << roleArn;
    options.mfaCode = u"246810"_s;
    return options;
}
} // namespace

class TestAssumeRole : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void assumesRoleWithMfaAndCaches();
    void concurrentFetchesShareOnePromptAndCall();
    void wrongCodeIsRefusedAndNotCached();
    void refreshesFiveMinutesBeforeExpiry();
    void expiredSessionIsRefreshed();
    void aSecondRunStartsWithTheKeychainSession();
    void keychainSessionOfAnEditedRoleIsNotUsed();
    void keychainSessionNearItsEndIsNotUsed();
    void refusedSessionLeavesTheKeychain();
    void damagedOrLockedEntryMeansSigningInAgain();
    void cacheEntryFormat();
    void userMfaSessionComesFromGetSessionToken();
    void aRoleWithoutMfaIsNotKept();

private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    QNetworkAccessManager m_network;
    ScriptedMfaPrompter* m_prompter = nullptr;
    std::unique_ptr<CredentialChain> m_chain;
    std::unique_ptr<QObject> m_owner;

    AssumeRoleCredentialProvider* resolveAdmin();
    // What a new hookdesk-cli run does: a fresh chain and provider over the same keychain and profiles.
    AssumeRoleCredentialProvider* resolveAdminInANewRun();
    QString keychainSession() const;
    CallerIdentity whoAmI(CredentialProvider* provider, AwsError* error = nullptr);
};

void TestAssumeRole::init()
{
    m_sim = std::make_unique<SimulatorFixture>(mfaOptions());
    QString error;
    QVERIFY2(m_sim->start(&error), qPrintable(error));
    m_dir = std::make_unique<QTemporaryDir>();
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_secrets.get(), m_dir->filePath(u"profiles.ini"_s));
    Profile base;
    base.name = u"base"_s;
    base.region = u"us-east-1"_s;
    base.endpointUrl = m_sim->url();
    Profile admin = base;
    admin.name = u"admin"_s;
    admin.role = { roleArn, u"base"_s, {}, mfaSerial, 900 };
    for (const auto& [profile, keys] :
        { std::pair { base, m_sim->credentials() }, std::pair { admin, Credentials() } }) {
        auto* job = m_store->addProfile(profile, keys);
        job->setAutoDelete(false);
        QVERIFY(QTest::qWaitFor([job] { return job->isFinished(); }, 5000));
        QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
        delete job;
    }
    m_owner = std::make_unique<QObject>();
    m_prompter = new ScriptedMfaPrompter({}, m_owner.get());
    m_chain = std::make_unique<CredentialChain>(m_store.get(), &m_network, m_prompter);
    m_chain->setEnvironment({});
}

AssumeRoleCredentialProvider* TestAssumeRole::resolveAdmin()
{
    const auto outcome = m_chain->resolve(u"admin"_s, m_owner.get());
    if (!outcome.ok())
        qWarning() << outcome.error.toString();
    auto* provider = qobject_cast<AssumeRoleCredentialProvider*>(outcome.resolved.provider);
    if (provider) // the simulator's clock, not the wall clock, says when its sessions expire
        provider->setClock([this] { return m_sim->simulator().now(); });
    return provider;
}

AssumeRoleCredentialProvider* TestAssumeRole::resolveAdminInANewRun()
{
    m_chain = std::make_unique<CredentialChain>(m_store.get(), &m_network, m_prompter);
    m_chain->setEnvironment({});
    return resolveAdmin();
}

QString TestAssumeRole::keychainSession() const
{
    return m_secrets->entries().value(SecretStore::keyFor(u"admin"_s, SessionCache::field()));
}

CallerIdentity TestAssumeRole::whoAmI(CredentialProvider* provider, AwsError* error)
{
    ResolvedCredentials resolved;
    resolved.region = u"us-east-1"_s;
    resolved.endpoints = EndpointOverrides::forAll(m_sim->url(), u"simulator"_s);
    resolved.provider = provider;
    ProfileConnectionTest test(&m_network);
    auto* job = test.run(resolved);
    job->setAutoDelete(false);
    if (!QTest::qWaitFor([job] { return job->isFinished(); }, 20000))
        return {};
    if (error)
        *error = job->error();
    const CallerIdentity identity = job->result();
    delete job;
    return identity;
}

void TestAssumeRole::assumesRoleWithMfaAndCaches()
{
    m_prompter->addCode(u"246810"_s);
    AssumeRoleCredentialProvider* provider = resolveAdmin();
    QVERIFY(provider);
    const Fetched first = fetchCredentialsNow(provider);
    QVERIFY2(!first.error.isError(), qPrintable(first.error.toString()));
    QVERIFY(first.credentials.isTemporary());
    QVERIFY(first.credentials.accessKeyId != m_sim->credentials().accessKeyId);
    QCOMPARE(m_prompter->requests().size(), 1);
    QCOMPARE(m_prompter->requests().first().mfaSerial, mfaSerial);
    QCOMPARE(m_prompter->requests().first().profile, u"admin"_s);

    // The role's credentials sign the next call: the simulator sees the assumed role.
    AwsError error;
    const CallerIdentity identity = whoAmI(provider, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(identity.account, u"123456789012"_s);
    QVERIFY2(identity.arn.contains(u"assumed-role/hookdesk-operator/hookdesk-admin"_s), qPrintable(identity.arn));

    // Held in memory: no second call, no second prompt.
    const Fetched second = fetchCredentialsNow(provider);
    QCOMPARE(second.credentials.accessKeyId, first.credentials.accessKeyId);
    QCOMPARE(provider->assumeRoleCalls(), 1);
    QCOMPARE(m_prompter->requests().size(), 1);
}

void TestAssumeRole::concurrentFetchesShareOnePromptAndCall()
{
    m_prompter->addCode(u"246810"_s);
    AssumeRoleCredentialProvider* provider = resolveAdmin();
    QVERIFY(provider);
    QStringList keys;
    for (int i = 0; i < 4; ++i)
        provider->fetchCredentials([&](const Credentials& c, const AwsError& e) {
            QVERIFY(!e.isError());
            keys << c.accessKeyId;
        });
    QTRY_COMPARE_WITH_TIMEOUT(keys.size(), 4, 20000);
    QCOMPARE(keys.count(keys.first()), 4);
    QCOMPARE(provider->assumeRoleCalls(), 1);
    QCOMPARE(m_prompter->requests().size(), 1);
}

void TestAssumeRole::wrongCodeIsRefusedAndNotCached()
{
    m_prompter->addCode(u"000000"_s);
    m_prompter->addCode(u"246810"_s);
    AssumeRoleCredentialProvider* provider = resolveAdmin();
    QVERIFY(provider);
    const Fetched refused = fetchCredentialsNow(provider);
    QVERIFY(refused.done);
    QCOMPARE(refused.error.kind, AwsError::Kind::Service);
    QCOMPARE(refused.error.code, u"AccessDenied"_s);
    QVERIFY(refused.error.message.contains(u"admin"_s));
    // The next use asks again and succeeds.
    const Fetched accepted = fetchCredentialsNow(provider);
    QVERIFY2(!accepted.error.isError(), qPrintable(accepted.error.toString()));
    QCOMPARE(m_prompter->requests().size(), 2);
    QCOMPARE(provider->assumeRoleCalls(), 2);
}

void TestAssumeRole::refreshesFiveMinutesBeforeExpiry()
{
    m_prompter->addCode(u"246810"_s);
    m_prompter->addCode(u"246810"_s);
    AssumeRoleCredentialProvider* provider = resolveAdmin();
    QVERIFY(provider);
    const Fetched first = fetchCredentialsNow(provider);
    QVERIFY(!first.error.isError());
    const QDateTime expiration = provider->cachedExpiration();
    QVERIFY(expiration.isValid());
    QVERIFY(std::abs(m_sim->simulator().now().secsTo(expiration) - 900) <= 1); // STS gives whole seconds

    // 6 minutes before expiry: still held.
    m_sim->simulator().advance(900 - 6 * 60);
    QCOMPARE(fetchCredentialsNow(provider).credentials.accessKeyId, first.credentials.accessKeyId);
    QCOMPARE(provider->assumeRoleCalls(), 1);
    // 4 minutes before expiry: a new session (and a new MFA code), before requests start failing.
    m_sim->simulator().advance(2 * 60);
    const Fetched second = fetchCredentialsNow(provider);
    QVERIFY2(!second.error.isError(), qPrintable(second.error.toString()));
    QVERIFY(second.credentials.accessKeyId != first.credentials.accessKeyId);
    QCOMPARE(provider->assumeRoleCalls(), 2);
    QCOMPARE(m_prompter->requests().size(), 2);
}

void TestAssumeRole::expiredSessionIsRefreshed()
{
    m_prompter->addCode(u"246810"_s);
    m_prompter->addCode(u"246810"_s);
    AssumeRoleCredentialProvider* provider = resolveAdmin();
    QVERIFY(provider);
    const Fetched first = fetchCredentialsNow(provider);
    QVERIFY(!first.error.isError());

    // The session runs out (laptop asleep over lunch), and the server refuses the old token from then on.
    m_sim->simulator().advance(901);
    StaticCredentialProvider stale(first.credentials);
    AwsError staleError;
    whoAmI(&stale, &staleError);
    QCOMPARE(staleError.code, u"ExpiredToken"_s);

    // The provider does not hand the old keys out again: the next use assumes the role anew and works.
    AwsError error;
    const CallerIdentity identity = whoAmI(provider, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QVERIFY(identity.arn.contains(u"assumed-role"_s));
    QCOMPARE(provider->assumeRoleCalls(), 2);

    // invalidate() (what a client does after ExpiredToken) forces a new session even when the cache looks fresh.
    m_prompter->addCode(u"246810"_s);
    provider->invalidate();
    QVERIFY(!fetchCredentialsNow(provider).error.isError());
    QCOMPARE(provider->assumeRoleCalls(), 3);
}

void TestAssumeRole::aSecondRunStartsWithTheKeychainSession()
{
    m_prompter->addCode(u"246810"_s);
    const Fetched first = fetchCredentialsNow(resolveAdmin());
    QVERIFY2(!first.error.isError(), qPrintable(first.error.toString()));
    QCOMPARE(m_prompter->requests().size(), 1);
    const QString entry = keychainSession();
    QVERIFY(!entry.isEmpty());
    QVERIFY(entry.contains(first.credentials.accessKeyId));

    // The next run within the session's life: no MFA prompt, no AssumeRole, and the session still signs.
    AssumeRoleCredentialProvider* again = resolveAdminInANewRun();
    QVERIFY(again);
    const Fetched second = fetchCredentialsNow(again);
    QVERIFY2(!second.error.isError(), qPrintable(second.error.toString()));
    QCOMPARE(second.credentials.accessKeyId, first.credentials.accessKeyId);
    QCOMPARE(second.credentials.expiration, first.credentials.expiration);
    QVERIFY(again->sessionFromKeychain());
    QCOMPARE(again->assumeRoleCalls(), 0);
    QCOMPARE(m_prompter->requests().size(), 1);
    AwsError error;
    const CallerIdentity identity = whoAmI(again, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QVERIFY(identity.arn.contains(u"assumed-role/hookdesk-operator"_s));

    // Removing the profile removes its session with it.
    auto* removal = m_store->removeProfile(u"admin"_s);
    removal->setAutoDelete(false);
    QVERIFY(QTest::qWaitFor([removal] { return removal->isFinished(); }, 5000));
    QVERIFY(!removal->hasError());
    delete removal;
    QVERIFY(keychainSession().isEmpty());
}

void TestAssumeRole::keychainSessionOfAnEditedRoleIsNotUsed()
{
    m_prompter->addCode(u"246810"_s);
    m_prompter->addCode(u"246810"_s);
    QVERIFY(!fetchCredentialsNow(resolveAdmin()).error.isError());

    // The role now needs an external ID: its old session is not the session of this role.
    Profile admin = *m_store->profile(u"admin"_s);
    admin.role.externalId = u"ticket-4711"_s;
    auto* update = m_store->updateProfile(u"admin"_s, admin);
    update->setAutoDelete(false);
    QVERIFY(QTest::qWaitFor([update] { return update->isFinished(); }, 5000));
    QVERIFY2(!update->hasError(), qPrintable(update->error().toString()));
    delete update;
    QTRY_VERIFY(keychainSession().isEmpty()); // the edit dropped it

    AssumeRoleCredentialProvider* again = resolveAdminInANewRun();
    const Fetched second = fetchCredentialsNow(again);
    QVERIFY2(!second.error.isError(), qPrintable(second.error.toString()));
    QVERIFY(!again->sessionFromKeychain());
    QCOMPARE(again->assumeRoleCalls(), 1);
    QCOMPARE(m_prompter->requests().size(), 2);
    QVERIFY(keychainSession().contains(second.credentials.accessKeyId)); // the new session replaced the old
}

void TestAssumeRole::keychainSessionNearItsEndIsNotUsed()
{
    m_prompter->addCode(u"246810"_s);
    m_prompter->addCode(u"246810"_s);
    const Fetched first = fetchCredentialsNow(resolveAdmin());
    QVERIFY(!first.error.isError());
    // 4 minutes left: the next run signs in anew rather than start with a session about to fail.
    m_sim->simulator().advance(900 - 4 * 60);
    AssumeRoleCredentialProvider* again = resolveAdminInANewRun();
    const Fetched second = fetchCredentialsNow(again);
    QVERIFY2(!second.error.isError(), qPrintable(second.error.toString()));
    QVERIFY(second.credentials.accessKeyId != first.credentials.accessKeyId);
    QCOMPARE(m_prompter->requests().size(), 2);
}

void TestAssumeRole::refusedSessionLeavesTheKeychain()
{
    m_prompter->addCode(u"246810"_s);
    AssumeRoleCredentialProvider* provider = resolveAdmin();
    QVERIFY(!fetchCredentialsNow(provider).error.isError());
    QVERIFY(!keychainSession().isEmpty());
    // What a client does when AWS says ExpiredToken: the session is dropped here and for the next run.
    provider->invalidate();
    QTRY_VERIFY(keychainSession().isEmpty());
}

void TestAssumeRole::damagedOrLockedEntryMeansSigningInAgain()
{
    // A damaged entry (another version, cut short) is not read as a session: the operator is asked, once.
    auto* write = new QObject(m_owner.get());
    bool written = false;
    m_secrets->write(u"admin"_s, SessionCache::field(), u"{\"v\":1,\"AccessKeyId\":\"ASIA"_s, write,
        [&written](const SecretError& error) { written = !error.isError(); });
    QTRY_VERIFY(written);
    m_prompter->addCode(u"246810"_s);
    const Fetched first = fetchCredentialsNow(resolveAdmin());
    QVERIFY2(!first.error.isError(), qPrintable(first.error.toString()));
    QCOMPARE(m_prompter->requests().size(), 1);

    // A locked keychain costs a prompt, never the sign-in itself.
    m_secrets->setFailureFor(u"/"_s + SessionCache::field(), SecretError::Kind::Locked);
    m_prompter->addCode(u"246810"_s);
    AssumeRoleCredentialProvider* again = resolveAdminInANewRun();
    const Fetched second = fetchCredentialsNow(again);
    QVERIFY2(!second.error.isError(), qPrintable(second.error.toString()));
    QCOMPARE(again->assumeRoleCalls(), 1);
    QCOMPARE(m_prompter->requests().size(), 2);
}

void TestAssumeRole::userMfaSessionComesFromGetSessionToken()
{
    // A user profile whose policies ask for MFA: its own keys, a code, and a session that acts as the user.
    Profile user;
    user.name = u"alice"_s;
    user.region = u"us-east-1"_s;
    user.endpointUrl = m_sim->url();
    user.role.mfaSerial = mfaSerial;
    auto* add = m_store->addProfile(user, m_sim->credentials());
    add->setAutoDelete(false);
    QVERIFY(QTest::qWaitFor([add] { return add->isFinished(); }, 5000));
    QVERIFY2(!add->hasError(), qPrintable(add->error().toString()));
    delete add;
    AwsError error;
    StaticCredentialProvider keys(m_sim->credentials());
    const QString userArn = whoAmI(&keys, &error).arn;
    QVERIFY2(userArn.contains(u":user/"_s), qPrintable(userArn));

    m_prompter->addCode(u"135790"_s); // wrong: refused, and said for which profile
    m_prompter->addCode(u"246810"_s);
    auto* session
        = qobject_cast<AssumeRoleCredentialProvider*>(m_chain->resolve(u"alice"_s, m_owner.get()).resolved.provider);
    QVERIFY(session);
    const Fetched refused = fetchCredentialsNow(session);
    QCOMPARE(refused.error.code, u"AccessDenied"_s);
    QVERIFY2(refused.error.message.contains(u"MFA session for profile alice"_s), qPrintable(refused.error.message));
    const Fetched accepted = fetchCredentialsNow(session);
    QVERIFY2(!accepted.error.isError(), qPrintable(accepted.error.toString()));
    QVERIFY(accepted.credentials.isTemporary());
    QCOMPARE(m_prompter->requests().size(), 2);
    QCOMPARE(m_prompter->requests().constLast().mfaSerial, mfaSerial);
    QCOMPARE(whoAmI(session, &error).arn, userArn); // the session is the user, not a role
    QVERIFY2(!error.isError(), qPrintable(error.toString()));

    // A session cannot make another one (the service says so), and the next run starts with the kept one.
    StaticCredentialProvider temporary(accepted.credentials);
    QueryClient query(
        &m_network, ServiceEndpoint { m_sim->url(), u"us-east-1"_s, u"sts"_s, u"2011-06-15"_s }, &temporary);
    StsClient sts(&query);
    auto* again = sts.getSessionToken(3600, {}, {});
    again->setAutoDelete(false);
    QVERIFY(QTest::qWaitFor([again] { return again->isFinished(); }, 5000));
    QCOMPARE(again->error().code, u"AccessDenied"_s);
    delete again;
    m_chain = std::make_unique<CredentialChain>(m_store.get(), &m_network, m_prompter);
    m_chain->setEnvironment({});
    auto* later
        = qobject_cast<AssumeRoleCredentialProvider*>(m_chain->resolve(u"alice"_s, m_owner.get()).resolved.provider);
    QVERIFY(later);
    QCOMPARE(fetchCredentialsNow(later).credentials.accessKeyId, accepted.credentials.accessKeyId);
    QVERIFY(later->sessionFromKeychain());
    QCOMPARE(m_prompter->requests().size(), 2);
}

void TestAssumeRole::aRoleWithoutMfaIsNotKept()
{
    // Nothing to save without an MFA prompt: such a session never touches the keychain (which may not be there).
    Profile reader;
    reader.name = u"reader"_s;
    reader.region = u"us-east-1"_s;
    reader.endpointUrl = m_sim->url();
    reader.role = { u"arn:aws:iam::123456789012:role/reader"_s, u"base"_s, {}, {}, 900 };
    auto* add = m_store->addProfile(reader);
    add->setAutoDelete(false);
    QVERIFY(QTest::qWaitFor([add] { return add->isFinished(); }, 5000));
    QVERIFY(!add->hasError());
    delete add;
    const int before = m_secrets->operationCount();
    auto* provider
        = qobject_cast<AssumeRoleCredentialProvider*>(m_chain->resolve(u"reader"_s, m_owner.get()).resolved.provider);
    QVERIFY(provider);
    const Fetched fetched = fetchCredentialsNow(provider);
    QVERIFY2(!fetched.error.isError(), qPrintable(fetched.error.toString()));
    QCOMPARE(provider->assumeRoleCalls(), 1);
    QTest::qWait(20);
    // The source's keys are read (two entries and the token), nothing is written or looked up for a session.
    QVERIFY(!m_secrets->entries().contains(SecretStore::keyFor(u"reader"_s, SessionCache::field())));
    QVERIFY2(
        m_secrets->operationCount() - before <= 3, qPrintable(QString::number(m_secrets->operationCount() - before)));
}

void TestAssumeRole::cacheEntryFormat()
{
    Credentials session { u"ASIAEXAMPLE"_s, u"secret"_s, u"token"_s,
        QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC) };
    const QString fingerprint = SessionCache::fingerprint({ roleArn, mfaSerial });
    const auto back = SessionCache::decode(SessionCache::encode(session, fingerprint), fingerprint);
    QVERIFY(back);
    QCOMPARE(back->accessKeyId, session.accessKeyId);
    QCOMPARE(back->secretAccessKey, session.secretAccessKey);
    QCOMPARE(back->sessionToken, session.sessionToken);
    QCOMPARE(back->expiration, session.expiration);
    // Another role's entry, parts that only join alike, long-term keys and an entry without an end: never served.
    QVERIFY(!SessionCache::decode(SessionCache::encode(session, fingerprint), SessionCache::fingerprint({ roleArn })));
    QVERIFY(SessionCache::fingerprint({ u"a|b"_s, u"c"_s }) != SessionCache::fingerprint({ u"a"_s, u"b|c"_s }));
    Credentials keys { u"AKIAEXAMPLE"_s, u"secret"_s, {}, session.expiration };
    QVERIFY(!SessionCache::decode(SessionCache::encode(keys, fingerprint), fingerprint));
    Credentials endless { u"ASIAEXAMPLE"_s, u"secret"_s, u"token"_s, {} };
    QVERIFY(!SessionCache::decode(SessionCache::encode(endless, fingerprint), fingerprint));
    QVERIFY(!SessionCache::decode(u"not json"_s, fingerprint));
}

QTEST_GUILESS_MAIN(TestAssumeRole)
#include "tst_assumerole.moc"
