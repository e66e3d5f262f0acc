#pragma once

#include "awsjob.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// One unsigned REST-JSON request of IAM Identity Center (the OIDC service and the portal), through the injected
// QNetworkAccessManager. Its result is the JSON object of a 2xx answer (empty for an empty body). An error answer
// becomes a Service AwsError whose code is the exception name (x-amzn-ErrorType, or the OIDC "error" member mapped
// back) and whose message is the service's description. These calls carry bearer tokens, client secrets and role
// credentials: nothing of a request or an answer is logged, and an unreadable answer is reported by its size only.
class SsoJsonCall : public ResultJob<QJsonObject> {
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // POST with `body` as JSON when `post`, else GET (the query belongs in `url`).
    SsoJsonCall(QNetworkAccessManager* network, const QUrl& url, bool post, const QJsonObject& body,
        const Headers& headers, QObject* parent = nullptr);
    ~SsoJsonCall() override;

    static constexpr int TimeoutMs = 30000;

private:
    void onFinished();

    QNetworkReply* m_reply = nullptr;
};

namespace SsoJson {
// An endpoint's base URL joined with an operation path ("/token"), keeping a base path a proxy may add.
QUrl operationUrl(const QUrl& base, const QString& path);
// The exception name for the OIDC body's "error" member ("authorization_pending" → AuthorizationPendingException).
QString exceptionForOAuthError(const QString& error);
} // namespace SsoJson
