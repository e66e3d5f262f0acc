#include "testsupport.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>

namespace TestSupport {

QString dataDir()
{
    return QStringLiteral(HOOKDESK_TEST_DATA_DIR);
}

QByteArray dataFile(const QString& relativePath)
{
    QFile file(dataDir() + QLatin1Char('/') + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(relativePath));
    return file.readAll();
}

QString executable(const QString& name)
{
    const QString dir = qEnvironmentVariable("HOOKDESK_BIN_DIR");
    return QDir(dir).filePath(name);
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool secretServiceAvailable()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    return bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")).value();
}

QString pythonWithMoto()
{
    static const QString found = [] {
        QStringList candidates;
        const QString env = qEnvironmentVariable("HOOKDESK_PYTHON");
        if (!env.isEmpty())
            candidates << env;
        candidates << QDir::homePath() + QStringLiteral("/.pyenv/versions/3.11.7/bin/python3")
                   << QStandardPaths::findExecutable(QStringLiteral("python3"));
        for (const QString& candidate : std::as_const(candidates)) {
            if (candidate.isEmpty() || !QFileInfo(candidate).isExecutable())
                continue;
            QProcess probe;
            probe.start(candidate, { QStringLiteral("-c"), QStringLiteral("import moto.server, boto3") });
            if (probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
                return candidate;
        }
        return QString();
    }();
    return found;
}

} // namespace TestSupport
