#pragma once

#include "awserror.h"

// The AWS SDKs' "standard" retry mode: which failures are worth another attempt, how long to wait, and a retry
// quota (token bucket, 500 tokens; a retry costs 5, a retry after a timeout 10; a success gives back what its
// retries took, or 1) so that a broken endpoint is not hammered by every caller.
class RetryPolicy {
public:
    static constexpr int DefaultMaxAttempts = 3;
    static constexpr int MaxBackoffMs = 20000;
    static constexpr int InitialQuota = 500;
    static constexpr int RetryCost = 5;
    static constexpr int TimeoutRetryCost = 10;

    // Connection errors, timeouts, HTTP 500/502/503/504, throttling codes and ResourceContention.
    static bool isRetryable(const AwsError& error);
    // The attempt ended without saying whether the server acted on it: the connection broke after the request may
    // have left, the transfer timed out, the server failed (500, 502, 504) or its answer was unreadable. A refused
    // connection, a TLS failure, an unknown host, a throttle or a 503 prove the request was not applied.
    static bool mayHaveBeenApplied(const AwsError& error);
    // A rejected signature whose cause is the local clock (expired / not yet current).
    static bool isClockSkewError(const AwsError& error);

    // random(0,1) × min(base × 2^(attempt−1), 20 s); attempt counts from 1 (the attempt that failed).
    int backoffMs(int attempt) const;
    void setBaseDelayMs(int ms) { m_baseDelayMs = ms; }
    int baseDelayMs() const { return m_baseDelayMs; }
    void setMaxAttempts(int attempts) { m_maxAttempts = attempts; }
    int maxAttempts() const { return m_maxAttempts; }

    // Takes the retry's cost from the quota; false (nothing taken) when the quota is spent.
    bool acquireRetry(const AwsError& error, int* cost);
    // After a successful answer: give back what the call's retries took, or 1 when it needed none.
    void releaseOnSuccess(int costTaken);
    int quota() const { return m_quota; }

private:
    int m_baseDelayMs = 1000;
    int m_maxAttempts = DefaultMaxAttempts;
    int m_quota = InitialQuota;
};
