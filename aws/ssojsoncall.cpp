#include "ssojsoncall.h"

#include "networkerror.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype kMaxAnswerBytes = qsizetype(1024) * 1024;

AwsError serviceError(int status, const QByteArray& errorType, const QJsonObject& body)
{
    AwsError error;
    error.kind = AwsError::Kind::Service;
    error.httpStatus = status;
    // "AuthorizationPendingException:http://internal.amazon.com/…" — the name is the part before the colon.
    error.code = QString::fromLatin1(errorType).section(u':', 0, 0).trimmed();
    if (error.code.isEmpty())
        error.code = SsoJson::exceptionForOAuthError(body.value(u"error"_s).toString());
    error.message = body.value(u"error_description"_s).toString();
    if (error.message.isEmpty())
        error.message = body.value(u"message"_s).toString();
    if (error.message.isEmpty())
        error.message = body.value(u"Message"_s).toString();
    // Service texts are short; a long one is cut so a misbehaving server cannot flood a dialog.
    error.message = error.message.left(300);
    error.type = status >= 500 ? u"Receiver"_s : u"Sender"_s;
    return error;
}
} // namespace

SsoJsonCall::SsoJsonCall(QNetworkAccessManager* network, const QUrl& url, bool post, const QJsonObject& body,
    const Headers& headers, QObject* parent)
    : ResultJob<QJsonObject>(parent)
    , m_network(network)
    , m_request(url)
    , m_post(post)
{
    m_request.setTransferTimeout(TimeoutMs);
    m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : headers)
        m_request.setRawHeader(name, value);
    if (post) {
        m_request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        m_body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    send();
}

SsoJsonCall::~SsoJsonCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void SsoJsonCall::send()
{
    if (!m_network) { // the window closed its connection while a retry waited
        AwsError error;
        error.kind = AwsError::Kind::Network;
        error.code = u"OperationCanceled"_s;
        error.message = QCoreApplication::translate("SsoJsonCall", "The request was cancelled.");
        finishWithError(error);
        return;
    }
    ++m_attempt;
    setAttempts(m_attempt, m_uncertain);
    m_reply = m_post ? m_network->post(m_request, m_body) : m_network->get(m_request);
    connect(m_reply, &QNetworkReply::finished, this, &SsoJsonCall::onFinished);
}

void SsoJsonCall::onFinished()
{
    QNetworkReply* reply = std::exchange(m_reply, nullptr);
    reply->deleteLater();
    conclude(reply);
    if (isFinished())
        m_body.clear(); // no longer needed for a retry
}

void SsoJsonCall::conclude(QNetworkReply* reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    setRequestId(QString::fromLatin1(reply->rawHeader("x-amzn-RequestId")));
    if (status == 0) {
        // Transfer timeouts surface as OperationCanceledError: nothing else cancels a reply that is still connected
        // (the destructor disconnects first).
        return failOrRetry(networkError(reply, reply->error() == QNetworkReply::OperationCanceledError));
    }
    const QByteArray bytes = reply->read(kMaxAnswerBytes + 1);
    QJsonParseError parseError;
    const QJsonDocument document
        = bytes.trimmed().isEmpty() ? QJsonDocument(QJsonObject()) : QJsonDocument::fromJson(bytes, &parseError);
    if (status >= 200 && status < 300 && document.isObject() && bytes.size() <= kMaxAnswerBytes)
        return finishWithResult(document.object());
    if (status >= 300 && document.isObject())
        return failOrRetry(serviceError(status, reply->rawHeader("x-amzn-ErrorType"), document.object()));
    AwsError error;
    error.kind = AwsError::Kind::UnreadableBody;
    error.httpStatus = status;
    error.message = QCoreApplication::translate(
        "SsoJsonCall", "IAM Identity Center answered HTTP %1 with %2 bytes that are not the expected JSON.")
                        .arg(status)
                        .arg(bytes.size());
    // A 2xx answer cut short is a transfer that failed, like a dropped connection.
    if (status >= 200 && status < 300)
        error.httpStatus = 502;
    failOrRetry(error);
}

void SsoJsonCall::failOrRetry(const AwsError& error)
{
    if (m_attempt >= MaxAttempts || !RetryPolicy::isRetryable(error))
        return finishWithError(error);
    if (RetryPolicy::mayHaveBeenApplied(error))
        ++m_uncertain;
    QTimer::singleShot(m_retry.backoffMs(m_attempt), this, &SsoJsonCall::send);
}

QUrl SsoJson::operationUrl(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(QString());
    return url;
}

QString SsoJson::exceptionForOAuthError(const QString& error)
{
    // RFC 6749 / 8628 error names as the OIDC service spells them in its body.
    static const QHash<QString, QString> names {
        { u"authorization_pending"_s, u"AuthorizationPendingException"_s },
        { u"slow_down"_s, u"SlowDownException"_s },
        { u"expired_token"_s, u"ExpiredTokenException"_s },
        { u"access_denied"_s, u"AccessDeniedException"_s },
        { u"invalid_grant"_s, u"InvalidGrantException"_s },
        { u"invalid_client"_s, u"InvalidClientException"_s },
        { u"invalid_request"_s, u"InvalidRequestException"_s },
        { u"invalid_scope"_s, u"InvalidScopeException"_s },
        { u"unauthorized_client"_s, u"UnauthorizedClientException"_s },
        { u"unsupported_grant_type"_s, u"UnsupportedGrantTypeException"_s },
    };
    return names.value(error, error);
}
