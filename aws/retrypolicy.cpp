#include "retrypolicy.h"

#include <QRandomGenerator>
#include <algorithm>

using namespace Qt::StringLiterals;

bool RetryPolicy::isRetryable(const AwsError& error)
{
    switch (error.kind) {
    case AwsError::Kind::Timeout:
        return true;
    case AwsError::Kind::Network:
        // code carries the QNetworkReply error name; TLS failures are never retried (nor ignored), nor a proxy's
        // refusal of our credentials (a retry would only present them again).
        return error.code != u"TlsError"_s && error.code != u"HostNotFound"_s
            && error.code != u"ProxyAuthenticationFailed"_s;
    case AwsError::Kind::Service:
        if (error.isThrottling() || error.code == u"ResourceContention"_s || error.code == u"InternalFailure"_s
            || error.code == u"ServiceUnavailable"_s || error.code == u"RequestTimeout"_s
            || error.code == u"RequestTimeoutException"_s || error.code == u"PriorRequestNotComplete"_s)
            return true;
        [[fallthrough]];
    case AwsError::Kind::UnreadableBody:
        return error.httpStatus == 500 || error.httpStatus == 502 || error.httpStatus == 503 || error.httpStatus == 504;
    default:
        return false;
    }
}

bool RetryPolicy::mayHaveBeenApplied(const AwsError& error)
{
    switch (error.kind) {
    case AwsError::Kind::Timeout:
    case AwsError::Kind::UnreadableBody:
        return true;
    case AwsError::Kind::Network:
        return error.code != u"TlsError"_s && error.code != u"HostNotFound"_s && error.code != u"ConnectionRefused"_s;
    case AwsError::Kind::Service:
        // 503 ServiceUnavailable turns a request away before handling it, like a throttle, and so does the 500
        // ResourceContention ("you already have a pending update"); any other 500, 502 or 504 may come after the
        // service acted.
        return error.httpStatus >= 500 && error.httpStatus != 503 && !error.isThrottling()
            && error.code != u"ResourceContention"_s;
    default:
        return false;
    }
}

bool RetryPolicy::isClockSkewError(const AwsError& error)
{
    if (error.kind != AwsError::Kind::Service)
        return false;
    if (error.code == u"RequestTimeTooSkewed"_s || error.code == u"RequestExpired"_s
        || error.code == u"RequestInTheFuture"_s)
        return true;
    const bool signatureCode = error.code == u"SignatureDoesNotMatch"_s || error.code == u"InvalidSignatureException"_s
        || error.code == u"AuthFailure"_s;
    return signatureCode
        && (error.message.contains(u"Signature expired"_s, Qt::CaseInsensitive)
            || error.message.contains(u"not yet current"_s, Qt::CaseInsensitive)
            || error.message.contains(u"skew"_s, Qt::CaseInsensitive));
}

int RetryPolicy::backoffMs(int attempt) const
{
    const double cap
        = std::min(double(m_baseDelayMs) * double(1LL << std::clamp(attempt - 1, 0, 30)), double(MaxBackoffMs));
    return int(QRandomGenerator::global()->generateDouble() * cap);
}

bool RetryPolicy::acquireRetry(const AwsError& error, int* cost)
{
    const int needed = error.kind == AwsError::Kind::Timeout ? TimeoutRetryCost : RetryCost;
    if (m_quota < needed)
        return false;
    m_quota -= needed;
    if (cost)
        *cost += needed;
    return true;
}

void RetryPolicy::releaseOnSuccess(int costTaken)
{
    m_quota = std::min(InitialQuota, m_quota + (costTaken > 0 ? costTaken : 1));
}
