#include "simulatorfixture.h"

#include "testsupport.h"

#include <QDeadlineTimer>

using namespace Qt::StringLiterals;

SimulatorOptions SimulatorFixture::defaultOptions()
{
    SimulatorOptions options;
    options.clockRunning = false;
    return options;
}

SimulatorOptions SimulatorFixture::quickPhases()
{
    SimulatorOptions options;
    options.clockRunning = false;
    options.verifySignatures = false;
    options.pendingSeconds = 2;
    options.proceedSeconds = 2;
    options.terminatedLingerSeconds = 2;
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
    return succeeded(m_simulator->start(0), error);
}

SimulatorProcess::SimulatorProcess()
    : m_credentials(Simulator::randomCredentials())
{
}

SimulatorProcess::~SimulatorProcess()
{
    stop();
}

bool SimulatorProcess::start(const QStringList& arguments, QString* error)
{
    QStringList args = arguments;
    if (!args.contains(u"--credentials"_s))
        args << u"--credentials"_s << m_credentials.accessKeyId + u':' + m_credentials.secretAccessKey;
    m_process.start(TestSupport::executable(u"hookdesk-sim"_s), args);
    if (!m_process.waitForStarted(30000)) {
        if (error)
            *error = m_process.errorString();
        return false;
    }
    const QDeadlineTimer deadline(30000);
    while (!m_process.canReadLine() && !deadline.hasExpired() && m_process.state() == QProcess::Running)
        m_process.waitForReadyRead(100);
    const QByteArray line = m_process.readLine().trimmed();
    if (!line.startsWith("listening on http://127.0.0.1:")) {
        if (error)
            *error = u"unexpected first line '%1': %2"_s.arg(
                QString::fromUtf8(line), QString::fromUtf8(m_process.readAllStandardError()));
        return false;
    }
    m_url = QUrl(QString::fromLatin1(line.mid(int(qstrlen("listening on ")))));
    return true;
}

bool SimulatorProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return false;
    }
    return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

QByteArray SimulatorProcess::standardError()
{
    return m_process.readAllStandardError();
}
