#pragma once

// For the tests that drive the simulator's engine themselves (tst_sim_lifecycle, tst_sim_standby): a simulator
// whose clock moves only when the test calls advance(), and the instances of a group in one lifecycle state.
#include "simulator.h"

#include <QStringList>

namespace SimState {

// No real-time clock, unsigned requests accepted, 2-second Pending / *:Proceed / Terminated phases.
inline SimulatorOptions stoppedClock()
{
    SimulatorOptions options;
    options.clockRunning = false;
    options.verifySignatures = false;
    options.pendingSeconds = 2;
    options.proceedSeconds = 2;
    options.terminatedLingerSeconds = 2;
    return options;
}

// IDs of the group's instances in `state` ("InService", "Pending:Wait", …), in launch order.
inline QStringList idsInState(Simulator& sim, const QString& group, const QString& state)
{
    QStringList ids;
    for (const SimInstanceInfo& info : sim.instances(group)) {
        if (info.lifecycleState == state)
            ids.append(info.instanceId);
    }
    return ids;
}

} // namespace SimState
