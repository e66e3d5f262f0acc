#pragma once

#include "simulator.h"

#include <QElapsedTimer>
#include <QList>
#include <QRandomGenerator>
#include <deque>

// Decides, request by request, which fault (if any) the simulator answers with.
class SimFaultInjector {
public:
    explicit SimFaultInjector(const SimFaults& faults);

    void setFaults(const SimFaults& faults);
    const SimFaults& faults() const { return m_faults; }
    void inject(SimFault fault, int count);

    // The fault for the request arriving now, or nullopt for a normal answer.
    std::optional<SimFault> next();
    int clockSkewSeconds() const { return m_faults.clockSkewSeconds; }
    int latencyMs() const { return m_faults.latencyMs; }

private:
    SimFaults m_faults;
    QRandomGenerator m_random;
    QList<SimFault> m_queued;
    QElapsedTimer m_clock;
    std::deque<qint64> m_recent; // arrival times (ms) within the last second, for the rate limit
};
