#include "ratelimiter.h"

#include <QElapsedTimer>
#include <QHash>
#include <algorithm>
#include <cmath>

namespace {

// Constants of the SDKs' adaptive retry mode.
constexpr double Beta = 0.7; // share of the rate kept after a throttle
constexpr double ScaleConstant = 0.4;
constexpr double Smoothing = 0.8;
constexpr double BucketSeconds = 0.5;
constexpr double MinFillRate = 0.5; // requests per second

} // namespace

RateLimiter::RateLimiter()
{
    m_lastThrottleTime = now();
    m_currentBucket = std::floor(m_lastThrottleTime / BucketSeconds) * BucketSeconds;
}

double RateLimiter::now()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return double(clock.nsecsElapsed()) / 1e9;
}

void RateLimiter::refill(double t)
{
    if (m_lastRefill < 0) {
        m_lastRefill = t;
        return;
    }
    m_capacity = std::min(m_maxCapacity, m_capacity + (t - m_lastRefill) * m_fillRate);
    m_lastRefill = t;
}

int RateLimiter::acquire()
{
    if (!m_enabled)
        return 0;
    const double t = now();
    refill(t);
    m_capacity -= 1;
    if (m_capacity >= 0)
        return 0;
    // Negative capacity is the queue of callers already waiting: each waits for its own token.
    return int(std::ceil(-m_capacity / m_fillRate * 1000.0));
}

double RateLimiter::recordSend(double t)
{
    const double bucket = std::floor(t / BucketSeconds) * BucketSeconds;
    ++m_requestCount;
    if (bucket > m_currentBucket) {
        const double currentRate = m_requestCount / (bucket - m_currentBucket);
        m_measuredRate = currentRate * Smoothing + m_measuredRate * (1 - Smoothing);
        m_requestCount = 0;
        m_currentBucket = bucket;
    }
    return m_measuredRate;
}

void RateLimiter::update(bool throttled)
{
    const double t = now();
    const double measured = recordSend(t);
    double calculated;
    if (throttled) {
        const double rateToUse = m_enabled ? std::min(measured, m_fillRate) : measured;
        m_lastMaxRate = rateToUse;
        m_timeWindow = std::cbrt(m_lastMaxRate * (1 - Beta) / ScaleConstant);
        m_lastThrottleTime = t;
        calculated = rateToUse * Beta;
        m_enabled = true;
    } else {
        calculated = ScaleConstant * std::pow(t - m_lastThrottleTime - m_timeWindow, 3) + m_lastMaxRate;
    }
    const double newRate = std::min(calculated, 2 * measured);
    refill(t);
    m_fillRate = std::max(newRate, MinFillRate);
    m_maxCapacity = std::max(newRate, 1.0);
    m_capacity = std::min(m_capacity, m_maxCapacity);
}

std::shared_ptr<RateLimiter> RateLimiter::shared(const QString& key)
{
    // GUI thread only, like every aws/ client object.
    static QHash<QString, std::weak_ptr<RateLimiter>> registry;
    if (auto existing = registry.value(key).lock())
        return existing;
    auto limiter = std::make_shared<RateLimiter>();
    registry.insert(key, limiter);
    return limiter;
}
