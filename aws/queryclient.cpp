#include "queryclient.h"

#include "awslogging.h"
#include "credentialprovider.h"
#include "hookdeskversion.h"
#include "networkerror.h"
#include "oneshotbody.h"
#include "queryencoder.h"
#include "ratelimiter.h"
#include "sigv4signer.h"
#include "xmlnode.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 SkewThresholdMs = qint64(5) * 60 * 1000;

QHash<QString, qint64>& clockOffsets()
{
    static QHash<QString, qint64> offsets;
    return offsets;
}

// The codes services use when the session token of temporary credentials has run out. EC2-style services say
// RequestExpired for both an old signature and an old token; only the token case is about credentials.
bool isExpiredTokenError(const AwsError& error)
{
    if (error.kind != AwsError::Kind::Service)
        return false;
    if (error.code == u"ExpiredToken"_s || error.code == u"ExpiredTokenException"_s)
        return true;
    return error.code == u"RequestExpired"_s && error.message.contains(u"token"_s, Qt::CaseInsensitive);
}

// "Thu, 26 Nov 2026 05:00:30 GMT" (RFC 7231 IMF-fixdate).
QDateTime parseHttpDate(const QByteArray& value)
{
    const QString text = QString::fromLatin1(value).trimmed();
    QDateTime parsed = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!parsed.isValid())
        return {};
    parsed.setTimeSpec(Qt::UTC);
    return parsed;
}

QByteArray hostHeader(const QUrl& url)
{
    QString host = url.host(QUrl::FullyEncoded);
    if (host.contains(u':'))
        host = u'[' + host + u']';
    const int port = url.port();
    const int defaultPort = url.scheme() == u"https"_s ? 443 : 80;
    if (port != -1 && port != defaultPort)
        host += u':' + QString::number(port);
    return host.toLatin1();
}

} // namespace

// One call with its attempts. Child of its job: deleting the job cancels the call.
class QueryCall : public QObject {
public:
    QueryCall(QueryClient* client, ResultJob<QByteArray>* job, QString action, QByteArray body,
        RequestGate::Priority priority)
        : QObject(job)
        , m_client(client)
        , m_job(job)
        , m_action(std::move(action))
        , m_body(std::move(body))
        , m_mutating(QueryClient::isMutating(m_action))
        , m_priority(priority)
    {
        m_deadlineTimer.setSingleShot(true);
        connect(&m_deadlineTimer, &QTimer::timeout, this, [this] { abortReply(Abort::Deadline); });
        client->m_calls.append(this);
    }

    ~QueryCall() override
    {
        if (m_client)
            m_client->m_calls.removeOne(this);
        releaseSlot();
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
        }
    }

    void start()
    {
        // An endpoint that could not be resolved: say why, send nothing, retry nothing.
        if (m_client && !m_client->endpointError().isEmpty())
            return fail(AwsError::validation(m_client->endpointError()));
        fetchCredentials();
    }

    // The client goes away (its connection is closed): end now, not when a backoff or rate-limit timer fires, so
    // whoever waits hears the outcome at once and nothing is left behind waiting on a timer. A request already on
    // the wire may have been acted on: the error says so in its kind (Network, like a reset), unlike one never sent.
    void closeWithClient()
    {
        if (m_finished)
            return;
        const bool onTheWire = !m_reply.isNull();
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
            m_reply = nullptr;
        }
        const QString message = QCoreApplication::translate("QueryClient", "The connection was closed.");
        AwsError error = AwsError::credentials(message);
        if (onTheWire) {
            error.kind = AwsError::Kind::Network;
            error.code = u"ConnectionClosed"_s;
        }
        fail(error);
    }

private:
    void fetchCredentials()
    {
        if (!m_client)
            return fail(
                AwsError::credentials(QCoreApplication::translate("QueryClient", "The connection was closed.")));
        QPointer<QueryCall> self(this);
        if (m_client->isUnsigned()) {
            // Nothing to sign with: limited and gated under the endpoint's name instead of an access key.
            const QString bucket = QueryClient::endpointKey(m_client->endpoint().url);
            m_limiter = m_client->rateLimiter(bucket);
            m_gate = m_client->requestGate(bucket);
            QTimer::singleShot(0, this, [self] {
                if (self && !self->m_finished)
                    self->waitForToken();
            });
            return;
        }
        m_client->credentialProvider()->fetchCredentials([self](const Credentials& credentials, const AwsError& error) {
            if (!self)
                return;
            // Queued: a provider may answer from inside another job's finished() handler.
            QTimer::singleShot(0, self, [self, credentials, error] {
                if (self)
                    self->onCredentials(credentials, error);
            });
        });
    }

    void onCredentials(const Credentials& credentials, const AwsError& error)
    {
        if (m_finished) // closed with its client while the provider worked
            return;
        if (error.isError())
            return fail(error);
        if (!credentials.isValid())
            return fail(AwsError::credentials(
                QCoreApplication::translate("QueryClient", "No usable credentials for this profile.")));
        m_credentials.wipeSecrets();
        m_credentials = credentials;
        if (m_client) {
            m_limiter = m_client->rateLimiter(credentials.accessKeyId);
            m_gate = m_client->requestGate(credentials.accessKeyId);
        }
        waitForToken();
    }

    void waitForToken()
    {
        if (m_finished) // closed with its client during a backoff: take no token from the shared limiter
            return;
        const int delay = m_limiter ? m_limiter->acquire() : 0;
        if (delay <= 0)
            return send();
        qCDebug(lcAws) << m_action << "rate limited for" << delay << "ms";
        QTimer::singleShot(delay, this, &QueryCall::send);
    }

    // The rate limiter's token is taken (waitForToken); now a slot of the account's request gate, then the send.
    void send()
    {
        if (m_finished)
            return;
        if (!m_gate || m_holdingSlot)
            return transmit();
        const bool free = m_gate->enter(this, m_priority, [this] {
            m_waitingForSlot = false;
            m_holdingSlot = true;
            // Granted from inside another call's answer: send from the event loop, not from that stack.
            QTimer::singleShot(0, this, &QueryCall::transmit);
        });
        if (!free) {
            m_waitingForSlot = true;
            return;
        }
        m_holdingSlot = true;
        transmit();
    }

    // The slot is given back when an attempt's answer is in (a retry waits for its backoff without one), and when
    // the call ends or goes away while it still waits for one.
    void releaseSlot()
    {
        if (!m_gate)
            return;
        if (m_waitingForSlot) {
            m_waitingForSlot = false;
            m_gate->cancel(this);
        }
        if (m_holdingSlot) {
            m_holdingSlot = false;
            m_gate->leave();
        }
    }

    void transmit()
    {
        if (m_finished)
            return;
        if (!m_client)
            return fail(
                AwsError::credentials(QCoreApplication::translate("QueryClient", "The connection was closed.")));
        const ServiceEndpoint& endpoint = m_client->endpoint();
        ++m_attempt;

        SignableRequest signable;
        signable.method = "POST";
        signable.path = endpoint.url.path(QUrl::FullyEncoded).toLatin1();
        if (signable.path.isEmpty())
            signable.path = "/";
        signable.query = endpoint.url.query(QUrl::FullyEncoded).toLatin1();
        signable.headers = { { "Host", hostHeader(endpoint.url) },
            { "Content-Type", "application/x-www-form-urlencoded; charset=utf-8" } };
        signable.body = m_body;
        const QDateTime now = QDateTime::currentDateTimeUtc().addMSecs(m_client->clockOffset());
        if (!m_client->isUnsigned())
            SigV4Signer(endpoint.region, endpoint.signingName).sign(signable, m_credentials, now);

        QNetworkRequest request(endpoint.url);
        for (const auto& [name, value] : std::as_const(signable.headers))
            request.setRawHeader(name, value);
        request.setRawHeader("User-Agent", "Hookdesk/" HOOKDESK_VERSION " Qt/" QT_VERSION_STR);
        request.setTransferTimeout(m_client->transferTimeout());
        // Redirects would resend a signed body elsewhere; AWS Query endpoints never redirect.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

        ++m_client->m_requestsSent;
        Q_EMIT m_client->requestSent(m_action);
        qCDebug(lcAws) << "->" << m_action << endpoint.url.host() << "attempt" << m_attempt;
        if (m_mutating) {
            // Sent exactly once per attempt: see OneShotBody. Its length must be known up front, since the body
            // is not buffered.
            request.setHeader(QNetworkRequest::ContentLengthHeader, m_body.size());
            request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
            auto* body = new OneShotBody(m_body, this);
            m_reply = m_client->network()->post(request, body);
            connect(m_reply, &QObject::destroyed, body, &QObject::deleteLater);
        } else {
            m_reply = m_client->network()->post(request, m_body);
        }
        // No ignoreSslErrors() anywhere: a TLS error ends the call.
        connect(m_reply, &QNetworkReply::finished, this, &QueryCall::onFinished);
        watchLimits();
        // Qt sends a request again by itself when the connection closes before any answer arrives (it takes the
        // connection for a stale keep-alive one). For a mutating call that second send is an attempt like any
        // other: count every complete upload so that it is seen, logged and decided like one of our retries.
        m_uploads = 0;
        connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
            if (total > 0 && sent == total)
                ++m_uploads;
        });
    }

    // The transfer timeout only measures silence: a server trickling a byte now and then would keep a call (and
    // a window's refresh) alive for ever. The deadline covers the whole attempt, the body limit its size.
    // The deadline runs from the first send over every retry, so a trickling server cannot stretch a call to
    // three deadlines either.
    void watchLimits()
    {
        const int deadline = m_client->deadline();
        if (deadline > 0 && !m_deadlineStarted) {
            m_deadlineStarted = true;
            m_deadlineTimer.start(deadline);
        }
        const qint64 limit = m_client->bodyLimit();
        if (limit <= 0)
            return;
        QNetworkReply* reply = m_reply;
        connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, limit] {
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() > limit)
                abortReply(Abort::TooLarge);
        });
        connect(reply, &QNetworkReply::downloadProgress, this, [this, limit](qint64 received, qint64) {
            if (received > limit)
                abortReply(Abort::TooLarge);
        });
    }

    void abortReply(int reason)
    {
        if (m_finished || m_abort != Abort::None)
            return;
        m_abort = reason;
        if (m_reply)
            m_reply->abort(); // finished() follows, synchronously
        else
            fail(abortError(0)); // between attempts: the retry waiting for its turn is not sent
    }

    AwsError abortError(int status) const
    {
        AwsError error;
        const QString host = m_client ? m_client->endpoint().url.host() : QString();
        if (m_abort == Abort::Deadline) {
            error.kind = AwsError::Kind::Timeout;
            error.code = u"Timeout"_s;
            error.message = QCoreApplication::translate("QueryClient", "%1 took longer than %2 s to answer (%3).")
                                .arg(m_action)
                                .arg(m_client ? m_client->deadline() / 1000.0 : 0.0)
                                .arg(host);
            return error;
        }
        // Not retried (a body that large will be as large next time); for a mutating call it may have been applied.
        error.kind = AwsError::Kind::UnreadableBody;
        error.httpStatus = status;
        error.code = u"ResponseTooLarge"_s;
        error.message
            = QCoreApplication::translate("QueryClient", "The answer to %1 from %2 is larger than %3: stopped reading.")
                  .arg(m_action, host, QLocale::c().formattedDataSize(m_client ? m_client->bodyLimit() : 0, 0));
        return error;
    }

    void onFinished()
    {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        releaseSlot();
        reply->deleteLater();
        countResends();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
        const QString requestIdHeader = QString::fromLatin1(reply->rawHeader("x-amzn-RequestId"));

        AwsError error;
        // Codes below 200 are transport and proxy failures (refused, reset, timeout, TLS), even when a status
        // line had arrived before the connection broke.
        const int transportError = int(reply->error());
        if (m_abort != Abort::None) {
            error = abortError(status);
        } else if (status == 0 || (transportError > 0 && transportError < 200)) {
            // Transfer timeouts surface as OperationCanceledError: nothing else here cancels a reply.
            error = networkError(reply, reply->error() == QNetworkReply::OperationCanceledError);
        } else if (status >= 200 && status < 300) {
            return succeed(status, body, requestIdHeader);
        } else {
            error = AwsXml::errorFromResponse(status, body, requestIdHeader);
        }

        // An expired session (an assumed role past its Expiration, a laptop that slept): drop the cached keys and
        // re-sign once with fresh ones. A second expiry is reported, so a provider that keeps handing out the same
        // stale keys cannot loop.
        // Unsigned, an expired token is the caller's own (a web identity token): no credentials to renew.
        if (isExpiredTokenError(error) && m_client && !m_client->isUnsigned()) {
            if (!m_credentialsRenewed && m_client) {
                m_credentialsRenewed = true;
                --m_attempt; // a re-sign with new credentials is not one of the retries
                qCInfo(lcAws) << m_action << "session token expired; retrying once with fresh credentials";
                m_client->credentialProvider()->invalidate();
                return fetchCredentials();
            }
            qCInfo(lcAws) << m_action << "failed:" << error.toString();
            return fail(error);
        }

        if (error.kind == AwsError::Kind::Service && RetryPolicy::isClockSkewError(error) && !m_skewRetried
            && adjustClock(reply->rawHeader("Date"))) {
            m_skewRetried = true;
            --m_attempt; // a re-sign after fixing the clock is not one of the retries
            return send();
        }

        const bool throttled = error.isThrottling();
        if (m_limiter && error.kind != AwsError::Kind::Network && error.kind != AwsError::Kind::Timeout)
            m_limiter->update(throttled);
        if (throttled && m_client)
            Q_EMIT m_client->throttled();

        // A mutating call whose attempt may have been applied is not sent again here: a second heartbeat would
        // count twice. The caller reads the state back and decides (ActionController).
        const bool uncertain = m_mutating && RetryPolicy::mayHaveBeenApplied(error);
        if (!uncertain && retryLater(error))
            return;
        qCInfo(lcAws) << m_action << "failed:" << error.toString();
        fail(error);
    }

    // Qt sent the request more than once in this attempt: every send but the last ended without an answer after
    // the request had left, so each counts as an attempt that may have been applied.
    void countResends()
    {
        if (m_uploads <= 1)
            return;
        qCWarning(lcAws) << m_action << "was sent" << m_uploads << "times on attempt" << m_attempt
                         << "(the connection closed before an answer; Qt resent it)";
        m_attempt += m_uploads - 1;
        m_uncertainAttempts += m_uploads - 1;
        if (m_client)
            m_client->m_requestsSent += m_uploads - 1;
    }

    void succeed(int status, const QByteArray& body, const QString& requestId)
    {
        if (m_limiter)
            m_limiter->update(false);
        if (m_client)
            m_client->m_retry.releaseOnSuccess(m_retryCost);
        m_job->setRequestId(requestId);
        m_job->setAttempts(m_attempt, m_uncertainAttempts);
        qCDebug(lcAws) << "<-" << m_action << status;
        finish();
        m_job->finishWithResult(body);
    }

    // Schedules the next attempt when the error is retryable and the retry budget allows one; false otherwise.
    bool retryLater(const AwsError& error)
    {
        if (!m_client || m_abort != Abort::None || !RetryPolicy::isRetryable(error)
            || m_attempt >= m_client->m_retry.maxAttempts() || !m_client->m_retry.acquireRetry(error, &m_retryCost))
            return false;
        const int delay = m_client->m_retry.backoffMs(m_attempt);
        if (RetryPolicy::mayHaveBeenApplied(error))
            ++m_uncertainAttempts;
        qCInfo(lcAws) << m_action << "attempt" << m_attempt << "failed:" << error.toString() << "- retrying in" << delay
                      << "ms";
        QTimer::singleShot(delay, this, &QueryCall::waitForToken);
        return true;
    }

    // True when the server's Date shows the local clock off by more than 5 minutes; stores the offset.
    bool adjustClock(const QByteArray& dateHeader)
    {
        const QDateTime serverTime = parseHttpDate(dateHeader);
        if (!serverTime.isValid() || !m_client)
            return false;
        const qint64 offset = QDateTime::currentDateTimeUtc().msecsTo(serverTime);
        if (std::abs(offset - m_client->clockOffset()) <= SkewThresholdMs && std::abs(offset) <= SkewThresholdMs)
            return false;
        qCWarning(lcAws) << "local clock differs from" << m_client->endpoint().url.host() << "by" << offset / 1000
                         << "s; signing with the server's time";
        QueryClient::setClockOffset(QueryClient::endpointKey(m_client->endpoint().url), offset);
        return true;
    }

    void finish()
    {
        releaseSlot();
        m_finished = true;
        m_deadlineTimer.stop();
    }

    void fail(const AwsError& error)
    {
        finish();
        m_job->setAttempts(m_attempt, m_uncertainAttempts);
        m_job->finishWithError(error);
    }

    QPointer<QueryClient> m_client;
    ResultJob<QByteArray>* m_job;
    QString m_action;
    QByteArray m_body;
    Credentials m_credentials;
    std::shared_ptr<RateLimiter> m_limiter;
    std::shared_ptr<RequestGate> m_gate;
    bool m_waitingForSlot = false;
    bool m_holdingSlot = false;
    QPointer<QNetworkReply> m_reply;
    int m_attempt = 0;
    int m_retryCost = 0;
    int m_uncertainAttempts = 0;
    bool m_mutating = false;
    RequestGate::Priority m_priority;
    int m_uploads = 0; // complete uploads of the current attempt (more than one: Qt resent it)
    bool m_skewRetried = false;
    bool m_credentialsRenewed = false;
    struct Abort {
        enum { None, Deadline, TooLarge };
    };
    int m_abort = Abort::None; // why this code aborted the reply in flight
    QTimer m_deadlineTimer;
    bool m_deadlineStarted = false;
    bool m_finished = false;
};

QueryClient::QueryClient(
    QNetworkAccessManager* network, ServiceEndpoint endpoint, CredentialProvider* credentials, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
    , m_credentials(credentials)
{
    if (m_endpoint.url.path().isEmpty())
        m_endpoint.url.setPath(u"/"_s);
}

QueryClient::~QueryClient()
{
    // Guarded: a job's finished() handler may delete other jobs, and with them their calls.
    const QList<QPointer<QueryCall>> calls(m_calls.cbegin(), m_calls.cend());
    for (const QPointer<QueryCall>& call : calls) {
        if (call)
            call->closeWithClient();
    }
}

ResultJob<QByteArray>* QueryClient::call(const QString& action, const QueryParameters& parameters)
{
    // An operator's change goes ahead of background reads waiting for the same account.
    return call(
        action, parameters, isMutating(action) ? RequestGate::Priority::Operator : RequestGate::Priority::Background);
}

ResultJob<QByteArray>* QueryClient::call(
    const QString& action, const QueryParameters& parameters, RequestGate::Priority priority)
{
    auto* job = new ResultJob<QByteArray>();
    auto* call
        = new QueryCall(this, job, action, QueryEncoder::encode(action, m_endpoint.apiVersion, parameters), priority);
    // Start from the event loop so the caller can connect to finished() first.
    QTimer::singleShot(0, call, [call] { call->start(); });
    return job;
}

bool QueryClient::isMutating(const QString& action)
{
    // Reads by name; STS's credential calls are reads too (a repeated AssumeRole only mints another session).
    static const QStringList readPrefixes { u"Describe"_s, u"Get"_s, u"List"_s, u"AssumeRole"_s };
    return std::none_of(readPrefixes.cbegin(), readPrefixes.cend(),
        [&action](const QString& prefix) { return action.startsWith(prefix); });
}

std::shared_ptr<RateLimiter> QueryClient::rateLimiter(const QString& accessKeyId)
{
    const QString bucket = m_throttleBucket.isEmpty() ? accessKeyId : m_throttleBucket;
    return RateLimiter::shared(bucket + u'|' + m_endpoint.region);
}

std::shared_ptr<RequestGate> QueryClient::requestGate(const QString& accessKeyId)
{
    const QString bucket = m_throttleBucket.isEmpty() ? accessKeyId : m_throttleBucket;
    return RequestGate::shared(m_endpoint.signingName + u'|' + bucket + u'|' + m_endpoint.region);
}

qint64 QueryClient::clockOffset() const
{
    return clockOffsets().value(endpointKey(m_endpoint.url), 0);
}

QString QueryClient::endpointKey(const QUrl& url)
{
    return QString::fromLatin1(hostHeader(url)).toLower();
}

void QueryClient::setClockOffset(const QString& endpointKey, qint64 milliseconds)
{
    clockOffsets().insert(endpointKey, milliseconds);
}
