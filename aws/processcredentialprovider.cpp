#include "processcredentialprovider.h"

#include "awslogging.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kMaxOutputBytes = qint64(1024) * 1024; // keys and a token are a few kilobytes
constexpr int kRefreshBeforeExpirySeconds = 5 * 60; // the SDKs' margin
constexpr int kStderrShown = 300;
} // namespace

ProcessCredentialProvider::ProcessCredentialProvider(QString profileName, QString commandLine, QObject* parent)
    : CredentialProvider(parent)
    , m_profile(std::move(profileName))
    , m_commandLine(std::move(commandLine))
{
}

ProcessCredentialProvider::~ProcessCredentialProvider()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

Credentials ProcessCredentialProvider::parse(const QByteArray& output, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = tr("its output is not a JSON object");
        return {};
    }
    const QJsonObject object = document.object();
    if (object.value(u"Version"_s).toInt(-1) != 1) {
        *error = tr("its output has no \"Version\": 1");
        return {};
    }
    Credentials credentials;
    credentials.accessKeyId = object.value(u"AccessKeyId"_s).toString();
    credentials.secretAccessKey = object.value(u"SecretAccessKey"_s).toString();
    credentials.sessionToken = object.value(u"SessionToken"_s).toString();
    if (!credentials.isValid()) {
        *error = tr("its output lacks AccessKeyId or SecretAccessKey");
        return {};
    }
    if (const QJsonValue expiration = object.value(u"Expiration"_s); !expiration.isUndefined()) {
        credentials.expiration = QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs);
        if (!credentials.expiration.isValid()) {
            *error = tr("its Expiration is not an ISO 8601 time");
            return {};
        }
    }
    return credentials;
}

void ProcessCredentialProvider::fetchCredentials(const Callback& done)
{
    const bool fresh = m_cached.isValid()
        && (!m_cached.expiration.isValid()
            || QDateTime::currentDateTimeUtc().secsTo(m_cached.expiration) > kRefreshBeforeExpirySeconds);
    if (fresh) {
        // Queued: a caller's slot is never re-entered from inside its own call.
        QTimer::singleShot(0, this, [done, credentials = m_cached] { done(credentials, {}); });
        return;
    }
    m_waiting.append(done);
    if (!m_process)
        run();
}

void ProcessCredentialProvider::invalidate()
{
    m_cached.wipeSecrets();
    m_cached = {};
}

void ProcessCredentialProvider::run()
{
    QStringList arguments = QProcess::splitCommand(m_commandLine);
    if (arguments.isEmpty()) {
        QTimer::singleShot(0, this, [this] { fail(tr("credential_process is empty")); });
        return;
    }
    const QString program = arguments.takeFirst();
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    connect(m_process, &QProcess::finished, this, &ProcessCredentialProvider::finished);
    connect(m_process, &QProcess::errorOccurred, this, [this, program](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("%1 could not be started: %2").arg(program, m_process->errorString()));
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        if (m_process->bytesAvailable() > kMaxOutputBytes) {
            m_process->kill();
            fail(tr("it printed more than 1 MiB"));
        }
    });
    QTimer::singleShot(m_timeoutMs, m_process, [this] {
        m_process->kill();
        fail(tr("it did not finish within %1 s").arg(m_timeoutMs / 1000));
    });
    qCDebug(lcAws) << "credential_process of" << m_profile << "runs" << program;
    m_process->start(QIODevice::ReadOnly);
}

void ProcessCredentialProvider::finished()
{
    if (!m_process)
        return;
    if (m_process->exitStatus() != QProcess::NormalExit || m_process->exitCode() != 0) {
        QString stderrText = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
        if (stderrText.size() > kStderrShown)
            stderrText = stderrText.left(kStderrShown) + u'…';
        fail(m_process->exitStatus() == QProcess::NormalExit
                ? tr("it exited with code %1: %2").arg(m_process->exitCode()).arg(stderrText)
                : tr("it crashed: %1").arg(stderrText));
        return;
    }
    QByteArray output = m_process->readAllStandardOutput();
    QString problem;
    Credentials credentials = parse(output, &problem);
    output.fill('\0'); // the secret's bytes, as far as this copy goes
    if (!problem.isEmpty()) {
        fail(problem);
        return;
    }
    m_process->deleteLater();
    m_process = nullptr;
    m_cached = credentials;
    answer(credentials, {});
}

void ProcessCredentialProvider::fail(const QString& message)
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    answer({},
        AwsError::credentials(
            tr("The credential_process of profile %1 gave no credentials: %2.").arg(m_profile, message)));
}

void ProcessCredentialProvider::answer(const Credentials& credentials, const AwsError& error)
{
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback& done : waiting)
        done(credentials, error);
}
