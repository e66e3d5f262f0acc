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
    // `action` empty: the next requests, whatever they are; else the next requests of that Query action only.
    void inject(SimFault fault, int count, const QString& action = {});

    // The fault for the request (of `action`) arriving now, or nullopt for a normal answer.
    std::optional<SimFault> next(const QString& action = {});
    int clockSkewSeconds() const { return m_faults.clockSkewSeconds; }
    int latencyMs() const { return m_faults.latencyMs; }

private:
    SimFaults m_faults;
    QRandomGenerator m_random;
    QList<std::pair<SimFault, QString>> m_queued; // fault, and the action it is for (empty: any)
    QElapsedTimer m_clock;
    std::deque<qint64> m_recent; // arrival times (ms) within the last second, for the rate limit
};
