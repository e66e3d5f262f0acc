#pragma once

#include "credentials.h"
#include "simulator.h"

#include <QProcess>
#include <QStringList>
#include <QUrl>
#include <memory>

// Bridges a simulator result to the tests' `bool f(…, QString* error)` helpers and QVERIFY2(…, qPrintable(error)):
// true when the call succeeded, otherwise false with its message in `error`.
inline bool succeeded(const SimResult<void>& result, QString* error)
{
    if (!result && error)
        *error = result.errorMessage();
    return result.ok();
}

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
    // For white-box tests of the engine: clock stopped, signatures not checked, Pending, *:Proceed and Terminated
    // last 2 simulated seconds each.
    static SimulatorOptions quickPhases();

private:
    Credentials m_credentials;
    std::unique_ptr<Simulator> m_simulator;
};

// A hookdesk-sim process (for clients that must talk to a separate process: awscli, boto3, the CLI binary).
// start() waits for the "listening on http://127.0.0.1:PORT" line; the destructor stops it with SIGTERM.
class SimulatorProcess {
public:
    SimulatorProcess();
    ~SimulatorProcess();

    // Fresh random credentials are passed with --credentials unless arguments already name some.
    bool start(const QStringList& arguments, QString* error = nullptr);
    QUrl url() const { return m_url; }
    const Credentials& credentials() const { return m_credentials; }
    // Stops with SIGTERM; true when the process exited cleanly (exit code 0) within a few seconds.
    bool stop();
    QByteArray standardError();

private:
    QProcess m_process;
    QUrl m_url;
    Credentials m_credentials;
};
