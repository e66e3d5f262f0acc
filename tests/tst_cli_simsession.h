#pragma once

// The in-process simulator with the launch scenario and a CliHarness pointed at it (its keys, region and endpoint
// in the environment the command sees), for the tst_cli_* tests that run commands against the simulator.
#include "launchscenario.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <memory>

// False with the reason in `error` when the simulator cannot start or load the scenario (the launch scenario unless
// another is given).
inline bool startCliSimulator(std::unique_ptr<SimulatorFixture>& sim, std::unique_ptr<CliHarness>& cli, QString* error,
    const QByteArray& scenario = LaunchScenario::Json)
{
    sim = std::make_unique<SimulatorFixture>();
    if (!sim->start(error) || !succeeded((*sim)->loadScenario(scenario), error))
        return false;
    cli = std::make_unique<CliHarness>();
    cli->setEnvironmentCredentials(
        sim->credentials().accessKeyId, sim->credentials().secretAccessKey, (*sim)->options().region);
    cli->environment.insert(QStringLiteral("AWS_ENDPOINT_URL"), sim->url().toString());
    return true;
}
