#include "networkerror.h"

#include <QCoreApplication>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

// The messages keep the QueryClient translation context they had when this was part of queryclient.cpp.
AwsError networkError(const QNetworkReply* reply, bool timedOut)
{
    AwsError error;
    const auto code = reply->error();
    if (timedOut) {
        error.kind = AwsError::Kind::Timeout;
        error.code = u"Timeout"_s;
        error.message
            = QCoreApplication::translate("QueryClient", "The request timed out (%1).").arg(reply->url().host());
        return error;
    }
    error.kind = AwsError::Kind::Network;
    switch (code) {
    case QNetworkReply::SslHandshakeFailedError:
        error.code = u"TlsError"_s;
        error.message = QCoreApplication::translate("QueryClient", "Secure connection to %1 failed: %2")
                            .arg(reply->url().host(), reply->errorString());
        break;
    case QNetworkReply::HostNotFoundError:
        error.code = u"HostNotFound"_s;
        error.message
            = QCoreApplication::translate("QueryClient", "Host %1 not found. Check the region and endpoint URL.")
                  .arg(reply->url().host());
        break;
    case QNetworkReply::ConnectionRefusedError:
        error.code = u"ConnectionRefused"_s;
        error.message
            = QCoreApplication::translate("QueryClient", "Connection to %1 refused.").arg(reply->url().authority());
        break;
    case QNetworkReply::ProxyAuthenticationRequiredError:
        // The proxy refused every user and password on offer (ProxyAuthenticator asks at most once more).
        error.code = u"ProxyAuthenticationFailed"_s;
        error.message = QCoreApplication::translate("QueryClient",
            "Proxy authentication failed on the way to %1: the proxy wants a user name and password that were not "
            "given or were refused.")
                            .arg(reply->url().host());
        break;
    case QNetworkReply::ContentReSendError:
        // The connection closed after the request was sent, and Qt could not send the one-shot body again.
        error.code = u"ConnectionClosed"_s;
        error.message = QCoreApplication::translate(
            "QueryClient", "%1 closed the connection after the request was sent: it may or may not have been applied.")
                            .arg(reply->url().authority());
        break;
    case QNetworkReply::RemoteHostClosedError:
        error.code = u"ConnectionClosed"_s;
        error.message = QCoreApplication::translate("QueryClient", "%1 closed the connection before answering.")
                            .arg(reply->url().authority());
        break;
    default:
        error.code = u"NetworkError"_s;
        error.message = QCoreApplication::translate("QueryClient", "Network error talking to %1: %2")
                            .arg(reply->url().host(), reply->errorString());
        break;
    }
    return error;
}
