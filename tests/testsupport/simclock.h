#pragma once

// What the simulator's white-box tests share: a simulator whose clock only advance() moves, with short transitional
// phases, and the instances of a group in one state.
#include "simulator.h"

#include <QStringList>

namespace SimClock {

inline SimulatorOptions stopped()
{
    SimulatorOptions options;
    options.clockRunning = false;
    options.verifySignatures = false;
    options.pendingSeconds = 2;
    options.proceedSeconds = 2;
    options.terminatedLingerSeconds = 2;
    return options;
}

inline QStringList idsInState(Simulator& sim, const QString& group, const QString& state)
{
    QStringList ids;
    for (const SimInstanceInfo& info : sim.instances(group)) {
        if (info.lifecycleState == state)
            ids.append(info.instanceId);
    }
    return ids;
}

} // namespace SimClock
