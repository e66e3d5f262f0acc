#include "keyringsession.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

namespace TestSupport {

namespace {
const QString secretsService = u"org.freedesktop.secrets"_s;
const QString secretsPath = u"/org/freedesktop/secrets"_s;
const QString serviceInterface = u"org.freedesktop.Secret.Service"_s;
} // namespace

KeyringSession::KeyringSession() = default;

KeyringSession::~KeyringSession()
{
    stop();
}

bool KeyringSession::required()
{
    return !qEnvironmentVariableIsEmpty("HOOKDESK_REQUIRE_KEYRING");
}

QString KeyringSession::keyringDirectory() const
{
    return m_dir.filePath(u"data/keyrings"_s);
}

bool KeyringSession::start(Mode mode)
{
    if (!m_dir.isValid()) {
        m_error = u"no temporary directory"_s;
        return false;
    }
    const QString busDaemon = QStandardPaths::findExecutable(u"dbus-daemon"_s);
    const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    if (busDaemon.isEmpty() || (mode == Mode::UnlockedKeyring && keyringDaemon.isEmpty())) {
        m_error = u"dbus-daemon or gnome-keyring-daemon is not installed"_s;
        return false;
    }
    const QString runtime = m_dir.filePath(u"runtime"_s);
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QDir().mkpath(m_dir.filePath(u"data"_s));

    // No <servicedir>: nothing is activated on demand, so "no Secret Service" really means none.
    QFile config(m_dir.filePath(u"bus.conf"_s));
    if (!config.open(QIODevice::WriteOnly))
        return false;
    config.write(
        QByteArrayLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                          " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                          "<busconfig><type>session</type><listen>unix:dir=")
        + runtime.toUtf8()
        + QByteArrayLiteral("</listen><policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                            "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n"));
    config.close();

    m_bus = std::make_unique<QProcess>();
    m_bus->setProcessChannelMode(QProcess::SeparateChannels);
    m_bus->start(busDaemon, { u"--config-file="_s + config.fileName(), u"--print-address=1"_s, u"--nofork"_s });
    if (!m_bus->waitForStarted(10000)) {
        m_error = u"dbus-daemon did not start"_s;
        return false;
    }
    QByteArray address;
    const QDeadlineTimer deadline(10000);
    while (!address.contains('\n') && !deadline.hasExpired() && m_bus->waitForReadyRead(500))
        address += m_bus->readAllStandardOutput();
    address = address.trimmed();
    if (address.isEmpty()) {
        m_error = u"dbus-daemon printed no address"_s;
        stop();
        return false;
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, QString::fromUtf8(address));
    env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, runtime);
    env.insert(u"HOME"_s, m_dir.path());

    m_env = env;

    // From here on this process (libsecret through GDBus, Qt through QtDBus) uses the private bus. Neither has
    // connected yet: both read the variable when they first connect.
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);

    if (mode == Mode::UnlockedKeyring)
        return startKeyring();
    return true;
}

bool KeyringSession::startKeyring()
{
    const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    if (keyringDaemon.isEmpty() || !m_bus) {
        m_error = u"gnome-keyring-daemon is not installed or no private bus"_s;
        return false;
    }
    m_keyring = std::make_unique<QProcess>();
    m_keyring->setProcessEnvironment(m_env);
    m_keyring->start(keyringDaemon, { u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s });
    if (!m_keyring->waitForStarted(10000)) {
        m_error = u"gnome-keyring-daemon did not start"_s;
        return false;
    }
    // --unlock reads the new login keyring's password from stdin until EOF.
    // The wait loops below block the event loop, so push the bytes out now.
    m_keyring->write("hookdesk-test");
    m_keyring->waitForBytesWritten(5000);
    m_keyring->closeWriteChannel();
    QDBusConnection bus = QDBusConnection::sessionBus();
    const QDeadlineTimer ready(15000);
    while (!bus.interface()->isServiceRegistered(secretsService).value()) {
        if (ready.hasExpired() || m_keyring->state() != QProcess::Running) {
            m_error = u"gnome-keyring-daemon never registered org.freedesktop.secrets: "_s
                + QString::fromLocal8Bit(m_keyring->readAllStandardError());
            return false;
        }
        QThread::msleep(50);
    }
    // The login collection (the "default" alias) exists once the daemon answers ReadAlias with it.
    while (true) {
        QDBusInterface service(secretsService, secretsPath, serviceInterface, bus);
        const QDBusReply<QDBusObjectPath> alias = service.call(u"ReadAlias"_s, u"default"_s);
        if (alias.isValid() && alias.value().path() != u"/"_s)
            break;
        if (ready.hasExpired()) {
            m_error = u"gnome-keyring-daemon has no default collection"_s;
            return false;
        }
        QThread::msleep(50);
    }
    return true;
}

bool KeyringSession::lockDefaultCollection()
{
    QDBusInterface service(secretsService, secretsPath, serviceInterface, QDBusConnection::sessionBus());
    const QDBusReply<QDBusObjectPath> alias = service.call(u"ReadAlias"_s, u"default"_s);
    if (!alias.isValid())
        return false;
    const QDBusMessage reply = service.call(u"Lock"_s, QVariant::fromValue(QList<QDBusObjectPath> { alias.value() }));
    return reply.type() == QDBusMessage::ReplyMessage && isDefaultCollectionLocked();
}

bool KeyringSession::isDefaultCollectionLocked()
{
    QDBusInterface service(secretsService, secretsPath, serviceInterface, QDBusConnection::sessionBus());
    const QDBusReply<QDBusObjectPath> alias = service.call(u"ReadAlias"_s, u"default"_s);
    if (!alias.isValid())
        return false;
    QDBusInterface collection(
        secretsService, alias.value().path(), u"org.freedesktop.Secret.Collection"_s, QDBusConnection::sessionBus());
    return collection.property("Locked").toBool();
}

void KeyringSession::stop()
{
    for (auto* process : { m_keyring.get(), m_bus.get() }) {
        if (process && process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(5000)) {
                process->kill();
                process->waitForFinished(2000);
            }
        }
    }
    m_keyring.reset();
    m_bus.reset();
}

} // namespace TestSupport
