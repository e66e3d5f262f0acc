// The whole profile → AssumeRole (with MFA) → signed call path against moto with authentication on: keys from a
// keychain profile (in-memory store here), the role's temporary credentials used for GetCallerIdentity, and a new
// session once the old one is within five minutes of its end.
#include "assumerolecredentialprovider.h"
#include "credentialchain.h"
#include "credentialfetch.h"
#include "mfaprompter.h"
#include "motoserver.h"
#include "profileconnectiontest.h"
#include "profilestore.h"
#include "secretstore.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::fetchCredentialsNow;
using Fetched = TestSupport::FetchedCredentials;

class TestPeerAssumeRole : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void assumeRoleWithMfaThroughProfiles();

private:
    MotoServer m_moto;
    QTemporaryDir m_dir;
    MemorySecretStore m_secrets;
    QNetworkAccessManager m_network;
};

void TestPeerAssumeRole::initTestCase()
{
    if (!m_moto.start())
        QSKIP(qPrintable(m_moto.errorString()));
}

void TestPeerAssumeRole::assumeRoleWithMfaThroughProfiles()
{
    ProfileStore store(&m_secrets, m_dir.filePath(u"profiles.ini"_s));
    Profile base;
    base.name = u"moto"_s;
    base.region = m_moto.region();
    base.endpointUrl = m_moto.url();
    Profile admin = base;
    admin.name = u"moto-admin"_s;
    admin.endpointUrl = QUrl();
    admin.role = { u"arn:aws:iam::123456789012:role/hookdesk-admin"_s, base.name, u"ext-1"_s,
        u"arn:aws:iam::123456789012:mfa/operator"_s, 900 };
    for (const auto& [profile, keys] :
        { std::pair { base, m_moto.credentials() }, std::pair { admin, Credentials() } }) {
        auto* job = store.addProfile(profile, keys);
        job->setAutoDelete(false);
        QVERIFY(QTest::qWaitFor([job] { return job->isFinished(); }, 5000));
        QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
        delete job;
    }

    ScriptedMfaPrompter prompter({ u"123456"_s, u"654321"_s });
    CredentialChain chain(&store, &m_network, &prompter);
    chain.setEnvironment({});
    QObject owner;
    const auto outcome = chain.resolve(admin.name, &owner);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.toString()));
    auto* provider = qobject_cast<AssumeRoleCredentialProvider*>(outcome.resolved.provider);
    QVERIFY(provider);
    QDateTime now = QDateTime::currentDateTimeUtc();
    provider->setClock([&now] { return now; });

    // STS went to the source profile's endpoint (moto), since the role profile names none.
    ResolvedCredentials resolved = outcome.resolved;
    resolved.endpoints = EndpointOverrides::forAll(m_moto.url(), u"moto"_s);
    ProfileConnectionTest test(&m_network);
    auto* identity = test.run(resolved);
    identity->setAutoDelete(false);
    QTRY_VERIFY_WITH_TIMEOUT(identity->isFinished(), 30000);
    QVERIFY2(!identity->hasError(), qPrintable(identity->error().toString()));
    QCOMPARE(identity->result().account, u"123456789012"_s);
    QCOMPARE(identity->result().arn, u"arn:aws:sts::123456789012:assumed-role/hookdesk-admin/hookdesk-moto-admin"_s);
    QCOMPARE(prompter.requests().size(), 1);
    QCOMPARE(provider->assumeRoleCalls(), 1);
    delete identity;

    const Fetched first = fetchCredentialsNow(provider);
    QVERIFY(first.credentials.accessKeyId.startsWith(u"ASIA"_s));
    QVERIFY(std::abs(now.secsTo(provider->cachedExpiration()) - 900) < 120);
    QCOMPARE(provider->assumeRoleCalls(), 1); // cached

    // Ten minutes later (under five left): a new session, a new MFA code, and it works.
    now = now.addSecs(10 * 60 + 30);
    const Fetched second = fetchCredentialsNow(provider);
    QVERIFY2(!second.error.isError(), qPrintable(second.error.toString()));
    QVERIFY(second.credentials.accessKeyId != first.credentials.accessKeyId);
    QCOMPARE(provider->assumeRoleCalls(), 2);
    QCOMPARE(prompter.requests().size(), 2);
    // moto stamps expirations on the real clock, which this test moved past; go back to it for the last call.
    now = QDateTime::currentDateTimeUtc();
    auto* again = test.run(resolved);
    again->setAutoDelete(false);
    QTRY_VERIFY_WITH_TIMEOUT(again->isFinished(), 30000);
    QVERIFY2(!again->hasError(), qPrintable(again->error().toString()));
    delete again;
}

QTEST_GUILESS_MAIN(TestPeerAssumeRole)
#include "tst_peer_assumerole.moc"
