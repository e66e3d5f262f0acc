#pragma once

#include "awsjob.h"
#include "retrypolicy.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// One unsigned REST-JSON request of IAM Identity Center (the OIDC service and the portal), through the injected
// QNetworkAccessManager. Its result is the JSON object of a 2xx answer (empty for an empty body). An error answer
// becomes a Service AwsError whose code is the exception name (x-amzn-ErrorType, or the OIDC "error" member mapped
// back) and whose message is the service's description. These calls carry bearer tokens, client secrets and role
// credentials: nothing of a request or an answer is logged, and an unreadable answer is reported by its size only.
//
// A call that meets a dead connection, a timeout, a 5xx or throttling is sent again, at most MaxAttempts times in
// all with the SDKs' jittered backoff, as the AWS SDKs do for these services: a sign-in on a flaky network does not
// fail on one lost packet. A refusal (4xx: pending, slow down, denied, expired) is the service's answer, never
// retried here.
class SsoJsonCall : public ResultJob<QJsonObject> {
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // POST with `body` as JSON when `post`, else GET (the query belongs in `url`).
    SsoJsonCall(QNetworkAccessManager* network, const QUrl& url, bool post, const QJsonObject& body,
        const Headers& headers, QObject* parent = nullptr);
    ~SsoJsonCall() override;

    static constexpr int TimeoutMs = 30000;
    static constexpr int MaxAttempts = 3;

    // For tests: the backoff base (RetryPolicy's default otherwise).
    void setRetryBaseDelay(int milliseconds) { m_retry.setBaseDelayMs(milliseconds); }

private:
    void send();
    void onFinished();
    // The answer as a result, or as an error (service, network or unreadable).
    void conclude(QNetworkReply* reply);
    void failOrRetry(const AwsError& error);

    QPointer<QNetworkAccessManager> m_network;
    QNetworkRequest m_request;
    bool m_post = false;
    QByteArray m_body; // kept for a retry, until the call ends
    QNetworkReply* m_reply = nullptr;
    RetryPolicy m_retry;
    int m_attempt = 0;
    int m_uncertain = 0;
};

namespace SsoJson {
// An endpoint's base URL joined with an operation path ("/token"), keeping a base path a proxy may add.
QUrl operationUrl(const QUrl& base, const QString& path);
// The exception name for the OIDC body's "error" member ("authorization_pending" → AuthorizationPendingException).
QString exceptionForOAuthError(const QString& error);
} // namespace SsoJson
