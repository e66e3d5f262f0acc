#pragma once

#include "credentials.h"
#include "simulator.h"

#include <QUrl>
#include <memory>

// An in-process Simulator on 127.0.0.1, port 0, with fresh random credentials (signatures verified). The simulated
// clock is stopped by default so tests move it with advance(); pass clockRunning = true to let it run.
class SimulatorFixture {
public:
    explicit SimulatorFixture(SimulatorOptions options = defaultOptions());
    ~SimulatorFixture();

    // Starts listening; false (with the reason in error) when it cannot.
    bool start(QString* error = nullptr);

    Simulator& simulator() { return *m_simulator; }
    Simulator* operator->() { return m_simulator.get(); }
    QUrl url() const { return m_simulator->url(); }
    const Credentials& credentials() const { return m_credentials; }

    // Fresh credentials, clock stopped, no faults.
    static SimulatorOptions defaultOptions();

private:
    Credentials m_credentials;
    std::unique_ptr<Simulator> m_simulator;
};
