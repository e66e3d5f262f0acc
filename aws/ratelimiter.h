#pragma once

#include <QString>
#include <memory>

// The AWS SDKs' "adaptive" client-side rate limiter (botocore's ClientRateLimiter, a CUBIC-like controller):
// off until the first throttle, then a token bucket whose fill rate drops to 70 % of the measured send rate on
// every throttle and grows back along a cubic curve on successes. All Auto Scaling APIs share one throttle bucket
// per account and region, so clients share one limiter per bucket key (see shared()).
class RateLimiter {
public:
    RateLimiter();

    // Milliseconds to wait before sending one request (0 while disabled or when a token is there); the token is
    // taken now, so concurrent callers queue up one after another.
    int acquire();
    // After every answer: throttled (Throttling, RequestLimitExceeded, …) or not.
    void update(bool throttled);

    bool isEnabled() const { return m_enabled; }
    double fillRate() const { return m_fillRate; } // requests per second, once enabled
    double measuredRate() const { return m_measuredRate; }

    // One limiter per key ("<account or access key>|<region>"), alive while any client holds it.
    static std::shared_ptr<RateLimiter> shared(const QString& key);

private:
    static double now(); // seconds, monotonic
    void refill(double t);
    double recordSend(double t);

    double m_fillRate = 0;
    double m_maxCapacity = 1;
    double m_capacity = 0;
    double m_lastRefill = -1;
    bool m_enabled = false;
    double m_lastMaxRate = 0;
    double m_lastThrottleTime = 0;
    double m_timeWindow = 0;
    // Measured send rate, in half-second buckets with exponential smoothing.
    double m_measuredRate = 0;
    double m_currentBucket = 0;
    int m_requestCount = 0;
};
