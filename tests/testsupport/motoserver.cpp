#include "motoserver.h"

#include "testsupport.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTcpSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {

QString script(const QString& name)
{
    return TestSupport::dataDir() + u"/moto/"_s + name;
}

QString lastLines(const QByteArray& output, int count = 6)
{
    QStringList lines = QString::fromUtf8(output).trimmed().split(u'\n');
    return lines.mid(std::max<qsizetype>(0, lines.size() - count)).join(u'\n');
}

} // namespace

MotoServer::MotoServer() = default;

MotoServer::~MotoServer()
{
    stop();
}

bool MotoServer::start(int timeoutMs)
{
    const QString python = TestSupport::pythonWithMoto();
    if (python.isEmpty()) {
        m_error = u"No Python with moto and boto3 found (set HOOKDESK_PYTHON)"_s;
        return false;
    }
    QDeadlineTimer deadline(timeoutMs);
    m_port = TestSupport::freePort();
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // bootstrap.py makes exactly three unsigned calls: CreateUser, PutUserPolicy, CreateAccessKey.
    environment.insert(u"INITIAL_NO_AUTH_ACTION_COUNT"_s, u"3"_s);
    environment.insert(u"MOTO_ALLOW_NONEXISTENT_REGION"_s, u"true"_s);
    m_process->setProcessEnvironment(environment);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->start(python, { u"-m"_s, u"moto.server"_s, u"-H"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port) });
    if (!m_process->waitForStarted(10000)) {
        m_error = u"moto.server did not start: "_s + m_process->errorString();
        return false;
    }
    // Wait until it accepts connections.
    bool listening = false;
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_port);
        if (socket.waitForConnected(200)) {
            listening = true;
            break;
        }
        QThread::msleep(100);
    }
    if (!listening) {
        m_error = u"moto.server is not listening on port %1"_s.arg(m_port);
        stop();
        return false;
    }
    if (!bootstrap(int(deadline.remainingTime()))) {
        stop();
        return false;
    }
    return true;
}

bool MotoServer::bootstrap(int timeoutMs)
{
    QProcess process;
    process.start(TestSupport::pythonWithMoto(), { script(u"bootstrap.py"_s), url().toString() });
    if (!process.waitForFinished(std::max(timeoutMs, 1000)) || process.exitCode() != 0) {
        m_error = u"moto bootstrap failed: "_s + lastLines(process.readAllStandardError());
        return false;
    }
    const QJsonObject key = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
    m_credentials.accessKeyId = key.value(u"accessKeyId"_s).toString();
    m_credentials.secretAccessKey = key.value(u"secretAccessKey"_s).toString();
    if (!m_credentials.isValid()) {
        m_error = u"moto bootstrap printed no access key"_s;
        return false;
    }
    return true;
}

void MotoServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
}

bool MotoServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QUrl MotoServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_port));
}

ServiceEndpoint MotoServer::endpoint(Service service) const
{
    ServiceEndpoint endpoint;
    endpoint.url = url();
    endpoint.region = region();
    endpoint.signingName = service == Sts ? u"sts"_s : u"autoscaling"_s;
    endpoint.apiVersion = service == Sts ? u"2011-06-15"_s : u"2011-01-01"_s;
    return endpoint;
}

QJsonValue MotoServer::runBoto3(const QString& snippet, QString* error, int timeoutMs) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The secret goes through the environment, not the command line (visible in ps).
    environment.insert(u"HOOKDESK_TEST_SECRET"_s, m_credentials.secretAccessKey);
    process.setProcessEnvironment(environment);
    process.start(TestSupport::pythonWithMoto(),
        { script(u"run_snippet.py"_s), url().toString(), region(), m_credentials.accessKeyId });
    process.write(snippet.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        if (error)
            *error = u"boto3 snippet failed: "_s + lastLines(process.readAllStandardError());
        return QJsonValue(QJsonValue::Undefined);
    }
    const QByteArray output = process.readAllStandardOutput().trimmed();
    const QByteArray lastLine = output.mid(output.lastIndexOf('\n') + 1);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson("[" + lastLine + "]", &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = u"boto3 snippet printed no JSON: "_s + QString::fromUtf8(lastLine.left(200));
        return QJsonValue(QJsonValue::Undefined);
    }
    return document.array().at(0);
}
