// STS through the client against moto with authentication on: GetCallerIdentity and AssumeRole (also with an MFA
// device and external ID), and the assumed role's temporary credentials used for a signed call of their own.
#include "credentialprovider.h"
#include "motoserver.h"
#include "queryclient.h"
#include "runjob.h"
#include "stsclient.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

using TestSupport::run;

class TestPeerMotoSts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void getCallerIdentity();
    void assumeRoleAndUseIt();
    void assumeRoleWithMfaAndExternalId();
    void assumeRoleInvalidInputSendsNothing();
    void wrongSecret();

private:
    MotoServer m_moto;
    QJsonObject m_identity;
    QNetworkAccessManager m_network;
    std::unique_ptr<StaticCredentialProvider> m_provider;
    std::unique_ptr<QueryClient> m_query;
    std::unique_ptr<StsClient> m_sts;
};

void TestPeerMotoSts::initTestCase()
{
    if (!m_moto.start())
        QSKIP(qPrintable(m_moto.errorString()));
    m_provider = std::make_unique<StaticCredentialProvider>(m_moto.credentials());
    m_query = std::make_unique<QueryClient>(&m_network, m_moto.endpoint(MotoServer::Sts), m_provider.get());
    m_query->setRetryBaseDelay(10);
    m_sts = std::make_unique<StsClient>(m_query.get());
    QString error;
    m_identity = m_moto
                     .runBoto3(uR"(
i = client("sts").get_caller_identity()
result = {"account": i["Account"], "arn": i["Arn"], "userId": i["UserId"]}
)"_s,
                         &error)
                     .toObject();
    QVERIFY2(!m_identity.isEmpty(), qPrintable(error));
}

void TestPeerMotoSts::getCallerIdentity()
{
    auto job = run(m_sts->getCallerIdentity());
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().account, m_identity.value(u"account"_s).toString());
    QCOMPARE(job->result().arn, m_identity.value(u"arn"_s).toString());
    QCOMPARE(job->result().userId, m_identity.value(u"userId"_s).toString());
    QCOMPARE(job->result().arn, u"arn:aws:iam::123456789012:user/hookdesk-test"_s);
    QVERIFY(!job->requestId().isEmpty());
}

void TestPeerMotoSts::assumeRoleAndUseIt()
{
    AssumeRoleRequest request;
    request.roleArn = u"arn:aws:iam::123456789012:role/hookdesk-admin"_s;
    request.roleSessionName = u"hookdesk-test"_s;
    request.durationSeconds = 900;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    auto job = run(m_sts->assumeRole(request));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    const Credentials credentials = job->result();
    QVERIFY(credentials.accessKeyId.startsWith(u"ASIA"_s));
    QVERIFY(!credentials.secretAccessKey.isEmpty());
    QVERIFY(credentials.isTemporary());
    // Expiration is DurationSeconds from now (moto's clock is this machine's).
    QVERIFY(std::abs(before.secsTo(credentials.expiration) - 900) < 120);
    QVERIFY(!credentials.redacted().contains(credentials.secretAccessKey));

    // The temporary credentials sign a call of their own (X-Amz-Security-Token sent and signed).
    StaticCredentialProvider roleProvider(credentials);
    QueryClient roleQuery(&m_network, m_moto.endpoint(MotoServer::Sts), &roleProvider);
    StsClient roleSts(&roleQuery);
    auto identity = run(roleSts.getCallerIdentity());
    QVERIFY2(!identity->hasError(), qPrintable(identity->error().toString()));
    QCOMPARE(identity->result().arn, u"arn:aws:sts::123456789012:assumed-role/hookdesk-admin/hookdesk-test"_s);
    QCOMPARE(identity->result().account, u"123456789012"_s);
}

void TestPeerMotoSts::assumeRoleWithMfaAndExternalId()
{
    AssumeRoleRequest request;
    request.roleArn = u"arn:aws:iam::123456789012:role/mfa-role"_s;
    request.roleSessionName = u"op@example.com"_s;
    request.durationSeconds = 3600;
    request.externalId = u"tenant:42/blue"_s;
    request.serialNumber = u"arn:aws:iam::123456789012:mfa/operator"_s;
    request.tokenCode = u"123456"_s;
    auto job = run(m_sts->assumeRole(request));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QVERIFY(job->result().isTemporary());
}

void TestPeerMotoSts::assumeRoleInvalidInputSendsNothing()
{
    const int before = m_query->requestsSent();
    AssumeRoleRequest request;
    request.roleArn = u"arn:aws:iam::123456789012:role/x"_s;
    request.roleSessionName = u"has space"_s;
    QCOMPARE(run(m_sts->assumeRole(request))->error().kind, AwsError::Kind::Validation);
    request.roleSessionName = u"ok"_s;
    request.durationSeconds = 60;
    QCOMPARE(run(m_sts->assumeRole(request))->error().kind, AwsError::Kind::Validation);
    request.durationSeconds = 900;
    request.serialNumber = u"arn:aws:iam::123456789012:mfa/operator"_s; // code missing
    QCOMPARE(run(m_sts->assumeRole(request))->error().kind, AwsError::Kind::Validation);
    request.tokenCode = u"12345a"_s;
    QCOMPARE(run(m_sts->assumeRole(request))->error().kind, AwsError::Kind::Validation);
    QCOMPARE(m_query->requestsSent(), before);
}

void TestPeerMotoSts::wrongSecret()
{
    Credentials wrong = m_moto.credentials();
    wrong.secretAccessKey = u"wrong-secret-wrong-secret-wrong-secret-00"_s;
    StaticCredentialProvider provider(wrong);
    QueryClient query(&m_network, m_moto.endpoint(MotoServer::Sts), &provider);
    StsClient sts(&query);
    auto job = run(sts.getCallerIdentity());
    QCOMPARE(job->error().kind, AwsError::Kind::Service);
    QCOMPARE(job->error().code, u"SignatureDoesNotMatch"_s);
}

QTEST_GUILESS_MAIN(TestPeerMotoSts)
#include "tst_peer_moto_sts.moc"
