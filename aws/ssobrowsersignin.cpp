#include "ssobrowsersignin.h"

#include "credentials.h"
#include "ssoloopbackreceiver.h"
#include "ssooidcclient.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

SsoBrowserSignIn::SsoBrowserSignIn(SsoOidcClient* client, QString startUrl, QString region, QStringList scopes,
    BrowserOpener openBrowser, QObject* parent)
    : ResultJob<SsoToken>(parent)
    , m_client(client)
    , m_scopes(std::move(scopes))
    , m_openBrowser(std::move(openBrowser))
{
    m_token.startUrl = std::move(startUrl);
    m_token.region = std::move(region);
    m_state = randomUrlSafe(32);
    m_verifier = randomUrlSafe(64);
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        fail(QCoreApplication::translate(
            "SsoSignIn", "The browser sign-in was not completed within ten minutes. Sign in again."));
    });
}

SsoBrowserSignIn::~SsoBrowserSignIn()
{
    Credentials::wipe(m_verifier);
}

QString SsoBrowserSignIn::randomUrlSafe(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    return QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString SsoBrowserSignIn::challengeFor(const QString& verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void SsoBrowserSignIn::start()
{
    m_receiver = new SsoLoopbackReceiver(m_state, this);
    QString error;
    if (!m_receiver->listen(&error))
        return fail(error);
    connect(m_receiver, &SsoLoopbackReceiver::received, this, &SsoBrowserSignIn::codeReceived);
    connect(m_receiver, &SsoLoopbackReceiver::failed, this, &SsoBrowserSignIn::fail);
    // A client of its own for this redirect: the registration names the loopback port it may send codes to.
    m_token.grantTypes = QStringList { u"authorization_code"_s, u"refresh_token"_s };
    SsoJsonCall* call = m_client->registerClient(
        m_scopes, m_token.grantTypes, { m_receiver->redirectUri().toString() }, m_token.startUrl);
    call->setParent(this);
    connect(call, &AwsJob::finished, this, [this, call] {
        if (call->hasError())
            return finishWithError(call->error());
        registered(call->result());
    });
    m_timeout->start(m_timeoutMs);
}

void SsoBrowserSignIn::registered(const QJsonObject& answer)
{
    if (!SsoOidc::applyRegistration(answer, &m_token))
        return fail(QCoreApplication::translate("SsoSignIn", "IAM Identity Center registered no client."));
    QUrl url = SsoJson::operationUrl(m_client->endpoint(), u"/authorize"_s);
    QUrlQuery query;
    query.addQueryItem(u"response_type"_s, u"code"_s);
    query.addQueryItem(u"client_id"_s, m_token.clientId);
    query.addQueryItem(u"redirect_uri"_s, m_receiver->redirectUri().toString());
    query.addQueryItem(u"state"_s, m_state);
    query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    query.addQueryItem(u"code_challenge"_s, challengeFor(m_verifier));
    query.addQueryItem(u"scopes"_s, m_scopes.join(u' '));
    url.setQuery(query);
    Q_EMIT browserUrlReady(url, m_openBrowser && m_openBrowser(url));
}

void SsoBrowserSignIn::codeReceived(const QString& code)
{
    SsoJsonCall* call = m_client->createToken(m_token,
        { { u"grantType"_s, u"authorization_code"_s }, { u"code"_s, code },
            { u"redirectUri"_s, m_receiver->redirectUri().toString() }, { u"codeVerifier"_s, m_verifier } });
    call->setParent(this);
    connect(call, &AwsJob::finished, this, [this, call] {
        m_timeout->stop();
        if (call->hasError())
            return finishWithError(call->error());
        if (!SsoOidc::applyTokenAnswer(call->result(), &m_token))
            return fail(QCoreApplication::translate("SsoSignIn", "IAM Identity Center answered with no token."));
        finishWithResult(m_token);
    });
}

void SsoBrowserSignIn::fail(const QString& message)
{
    m_timeout->stop();
    finishWithError(AwsError::credentials(message));
}
