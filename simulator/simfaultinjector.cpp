#include "simfaultinjector.h"

SimFaultInjector::SimFaultInjector(const SimFaults& faults)
{
    setFaults(faults);
    m_clock.start();
}

void SimFaultInjector::setFaults(const SimFaults& faults)
{
    m_faults = faults;
    m_random.seed(faults.seed ? faults.seed : QRandomGenerator::global()->generate());
}

void SimFaultInjector::inject(SimFault fault, int count, const QString& action)
{
    for (int i = 0; i < count; ++i)
        m_queued.append({ fault, action });
}

std::optional<SimFault> SimFaultInjector::next(const QString& action)
{
    for (qsizetype i = 0; i < m_queued.size(); ++i) {
        if (m_queued.at(i).second.isEmpty() || m_queued.at(i).second == action)
            return m_queued.takeAt(i).first;
    }

    if (m_faults.throttleAboveRps > 0) {
        // A sliding one-second window, like the token bucket the service keeps per account and region: a burst
        // above the rate is throttled, but throttled requests still count, so a client that does not back off
        // stays throttled.
        const qint64 nowMs = m_clock.elapsed();
        while (!m_recent.empty() && m_recent.front() <= nowMs - 1000)
            m_recent.pop_front();
        m_recent.push_back(nowMs);
        if (double(m_recent.size()) > m_faults.throttleAboveRps)
            return SimFault::Throttle;
    }
    const double roll = m_random.generateDouble();
    double edge = m_faults.dropRate;
    if (roll < edge)
        return SimFault::Drop;
    edge += m_faults.truncateRate;
    if (roll < edge)
        return SimFault::Truncate;
    edge += m_faults.serverErrorRate;
    if (roll < edge)
        return SimFault::ServerError;
    edge += m_faults.unavailableRate;
    if (roll < edge)
        return SimFault::Unavailable;
    edge += m_faults.dropAfterApplyingRate;
    if (roll < edge)
        return SimFault::DropAfterApplying;
    edge += m_faults.serverErrorAfterApplyingRate;
    if (roll < edge)
        return SimFault::ServerErrorAfterApplying;
    edge += m_faults.resourceContentionRate;
    if (roll < edge)
        return SimFault::ResourceContention;
    return std::nullopt;
}
