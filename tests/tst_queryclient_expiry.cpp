// QueryClient and expired session tokens: after ExpiredToken (and its variants) the client drops the provider's
// cached credentials and re-signs the call once with fresh ones; a second expiry is an error, never a loop.
#include "credentialprovider.h"
#include "fakeawsserver.h"
#include "queryclient.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Ok = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                      "<GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult>"
                      "<ResponseMetadata><RequestId>ok-1</RequestId></ResponseMetadata>"
                      "</GetCallerIdentityResponse>";

// Hands out a new session (ASIA key + token) after every invalidate(), as an AssumeRole provider does.
class SessionProvider : public CredentialProvider {
    Q_OBJECT
public:
    using CredentialProvider::CredentialProvider;
    void fetchCredentials(const Callback& done) override
    {
        ++fetches;
        done(current(), {});
    }
    void invalidate() override { ++invalidations; }
    Credentials current() const
    {
        Credentials credentials;
        credentials.accessKeyId = u"ASIASESSION%1"_s.arg(invalidations, 9, 10, QLatin1Char('0'));
        credentials.secretAccessKey = u"secret-%1"_s.arg(invalidations);
        credentials.sessionToken = u"token-%1"_s.arg(invalidations);
        credentials.expiration = QDateTime::currentDateTimeUtc().addSecs(3600);
        return credentials;
    }
    int fetches = 0;
    int invalidations = 0;
};

} // namespace

class TestQueryClientExpiry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void expiredTokenIsRetriedOnceWithNewCredentials_data();
    void expiredTokenIsRetriedOnceWithNewCredentials();
    void secondExpiryIsReported();
    void otherAuthErrorsDoNotRenewCredentials_data();
    void otherAuthErrorsDoNotRenewCredentials();

private:
    std::unique_ptr<ResultJob<QByteArray>> call();

    QNetworkAccessManager m_network;
    std::unique_ptr<FakeAwsServer> m_server;
    std::unique_ptr<SessionProvider> m_provider;
    std::unique_ptr<QueryClient> m_client;
};

void TestQueryClientExpiry::init()
{
    m_server = std::make_unique<FakeAwsServer>();
    QVERIFY(m_server->listen());
    m_provider = std::make_unique<SessionProvider>();
    ServiceEndpoint endpoint { m_server->url(), u"us-east-1"_s, u"sts"_s, u"2011-06-15"_s };
    m_client = std::make_unique<QueryClient>(&m_network, endpoint, m_provider.get());
    m_client->setRetryBaseDelay(20);
}

std::unique_ptr<ResultJob<QByteArray>> TestQueryClientExpiry::call()
{
    auto* job = m_client->call(u"GetCallerIdentity"_s);
    job->setAutoDelete(false);
    std::unique_ptr<ResultJob<QByteArray>> owned(job);
    QSignalSpy spy(job, &AwsJob::finished);
    if (!job->isFinished())
        spy.wait(20000);
    return owned;
}

void TestQueryClientExpiry::expiredTokenIsRetriedOnceWithNewCredentials_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("ExpiredToken") << 403 << QByteArray("ExpiredToken")
                                  << QByteArray("The security token included in the request is expired");
    QTest::newRow("ExpiredTokenException") << 400 << QByteArray("ExpiredTokenException")
                                           << QByteArray("The security token included in the request is expired");
    QTest::newRow("RequestExpired for the token")
        << 400 << QByteArray("RequestExpired") << QByteArray("The provided token has expired.");
}

void TestQueryClientExpiry::expiredTokenIsRetriedOnceWithNewCredentials()
{
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, message);
    m_server->respondError(status, code, message);
    m_server->respond(200, Ok);

    const auto job = call();
    QVERIFY(job->isFinished());
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QVERIFY(job->result().contains("123456789012"));

    QCOMPARE(m_provider->invalidations, 1);
    QCOMPARE(m_provider->fetches, 2);
    QCOMPARE(m_server->requests().size(), 2);
    // The first attempt carried the old session, the retry the one fetched after invalidate().
    const auto& requests = m_server->requests();
    QCOMPARE(requests.at(0).header("X-Amz-Security-Token"), QByteArray("token-0"));
    QVERIFY(requests.at(0).header("Authorization").contains("Credential=ASIASESSION000000000/"));
    QCOMPARE(requests.at(1).header("X-Amz-Security-Token"), QByteArray("token-1"));
    QVERIFY(requests.at(1).header("Authorization").contains("Credential=ASIASESSION000000001/"));
    QCOMPARE(m_server->pendingAnswers(), 0);
}

void TestQueryClientExpiry::secondExpiryIsReported()
{
    const QByteArray message = "The security token included in the request is expired";
    m_server->respondError(403, "ExpiredToken", message);
    m_server->respondError(403, "ExpiredToken", message);
    m_server->respond(200, Ok); // must stay unused: the client gives up after one renewal

    const auto job = call();
    QVERIFY(job->isFinished());
    QVERIFY(job->hasError());
    QCOMPARE(job->error().code, u"ExpiredToken"_s);
    QCOMPARE(job->error().httpStatus, 403);
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_provider->invalidations, 1);
    QCOMPARE(m_server->pendingAnswers(), 1);
}

void TestQueryClientExpiry::otherAuthErrorsDoNotRenewCredentials_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("InvalidClientTokenId")
        << QByteArray("InvalidClientTokenId") << QByteArray("The security token included in the request is invalid.");
    QTest::newRow("AccessDenied") << QByteArray("AccessDenied") << QByteArray("User is not authorized");
}

void TestQueryClientExpiry::otherAuthErrorsDoNotRenewCredentials()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, message);
    m_server->respondError(403, code, message);
    m_server->respond(200, Ok);

    const auto job = call();
    QVERIFY(job->hasError());
    QCOMPARE(job->error().code, QString::fromLatin1(code));
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_provider->invalidations, 0);
}

QTEST_GUILESS_MAIN(TestQueryClientExpiry)
#include "tst_queryclient_expiry.moc"
