#include "simulatorfixture.h"

SimulatorOptions SimulatorFixture::defaultOptions()
{
    SimulatorOptions options;
    options.clockRunning = false;
    return options;
}

SimulatorFixture::SimulatorFixture(SimulatorOptions options)
    : m_credentials(Simulator::randomCredentials())
{
    options.credentials.append(m_credentials);
    m_simulator = std::make_unique<Simulator>(options);
}

SimulatorFixture::~SimulatorFixture() = default;

bool SimulatorFixture::start(QString* error)
{
    return m_simulator->start(0, error);
}
