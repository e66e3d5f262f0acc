#pragma once

#include "awsjob.h"
#include "requestgate.h"
#include "retrypolicy.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <memory>

class CredentialProvider;
class QueryCall;
class QNetworkAccessManager;
class RateLimiter;

// Parameters of one Query call in order, already flattened: {"AutoScalingGroupNames.member.1", "web"}, …
using QueryParameters = QList<QPair<QString, QString>>;

struct ServiceEndpoint {
    QUrl url; // https://autoscaling.eu-west-1.amazonaws.com/ or an override (http only for loopback)
    QString region; // signing region
    QString signingName; // "autoscaling" | "sts"
    QString apiVersion; // "2011-01-01" | "2011-06-15"
};

// Sends Query-protocol calls (form-encoded POST, SigV4-signed) through one injected QNetworkAccessManager, with
// retries, a retry quota, adaptive rate limiting after throttles and clock-skew correction (design.md §4).
// The job's result is the raw XML body of a 2xx response; AWS error bodies become typed AwsErrors.
class QueryClient : public QObject {
    Q_OBJECT
public:
    QueryClient(QNetworkAccessManager* network, ServiceEndpoint endpoint, CredentialProvider* credentials,
        QObject* parent = nullptr);
    ~QueryClient() override;

    // Mutating calls go through the account's request gate as the operator's, reads as background ones.
    ResultJob<QByteArray>* call(const QString& action, const QueryParameters& parameters = {});
    ResultJob<QByteArray>* call(
        const QString& action, const QueryParameters& parameters, RequestGate::Priority priority);
    // Calls that change state (everything but Describe*, Get*, List* and AssumeRole*). They are sent exactly once
    // per attempt (no transparent resend by Qt) and not retried after an attempt that may have been applied.
    static bool isMutating(const QString& action);

    // Calls sent without a signature (STS AssumeRoleWithWebIdentity, where the token in the body is the proof):
    // no credential provider is asked, and `credentials` may be null.
    void setUnsigned(bool isUnsigned) { m_unsigned = isUnsigned; }
    bool isUnsigned() const { return m_unsigned; }

    const ServiceEndpoint& endpoint() const { return m_endpoint; }
    CredentialProvider* credentialProvider() const { return m_credentials; }
    QNetworkAccessManager* network() const { return m_network; }
    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    int transferTimeout() const { return m_transferTimeoutMs; }
    // The longest one attempt may take from sending to the last byte of its answer, however steadily a server
    // trickles (the transfer timeout above only measures silence). 0: none. A mutating call that hits it may have
    // been applied (RetryPolicy::mayHaveBeenApplied).
    void setDeadline(int milliseconds) { m_deadlineMs = milliseconds; }
    int deadline() const { return m_deadlineMs; }
    static constexpr int DefaultDeadlineMs = 60 * 1000;
    // The largest answer read, by Content-Length or by bytes received; a larger one is aborted (ResponseTooLarge).
    void setBodyLimit(qint64 bytes) { m_bodyLimit = bytes; }
    qint64 bodyLimit() const { return m_bodyLimit; }
    static constexpr qint64 DefaultBodyLimit = qint64(64) * 1024 * 1024;
    // Why the endpoint could not be resolved (EndpointResolver's message): every call then fails with it as a
    // Validation error, nothing is sent and nothing retried.
    void setEndpointError(const QString& message) { m_endpointError = message; }
    QString endpointError() const { return m_endpointError; }
    // Counters for the status bar ("3 requests · 0 errors"). Every attempt counts, retries included.
    int requestsSent() const { return m_requestsSent; }

    // Retries (standard mode). Tests make the base delay small; 1 s by default.
    RetryPolicy& retryPolicy() { return m_retry; }
    void setRetryBaseDelay(int milliseconds) { m_retry.setBaseDelayMs(milliseconds); }

    // The adaptive rate limiter is shared by every client with the same bucket: "<bucket>|<region>". The bucket is
    // the account ID when the caller knows it (setThrottleBucket), else the access key ID of the credentials.
    void setThrottleBucket(const QString& accountOrAccessKey) { m_throttleBucket = accountOrAccessKey; }
    std::shared_ptr<RateLimiter> rateLimiter(const QString& accessKeyId);
    // The bound on requests in flight for the same bucket and region of this service ("autoscaling|<bucket>|<region>"),
    // shared by every client that reaches it (RequestGate).
    std::shared_ptr<RequestGate> requestGate(const QString& accessKeyId);

    // Milliseconds added to the local clock when signing for this endpoint (host:port), learnt from a server that
    // rejected a signature as expired or not yet current. Shared by every client of the endpoint.
    qint64 clockOffset() const;
    static QString endpointKey(const QUrl& url);
    static void setClockOffset(const QString& endpointKey, qint64 milliseconds);

Q_SIGNALS:
    void requestSent(const QString& action);
    void throttled();

private:
    QNetworkAccessManager* m_network;
    ServiceEndpoint m_endpoint;
    CredentialProvider* m_credentials;
    int m_transferTimeoutMs = 30000;
    int m_deadlineMs = DefaultDeadlineMs;
    qint64 m_bodyLimit = DefaultBodyLimit;
    QString m_endpointError;
    bool m_unsigned = false;
    int m_requestsSent = 0;
    RetryPolicy m_retry;
    QString m_throttleBucket;
    QList<QueryCall*> m_calls; // in flight; each ends with "connection closed" when this client goes away

    friend class QueryCall;
};
