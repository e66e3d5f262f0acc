#include "awslogging.h"
#include "secretstore.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

#ifdef HOOKDESK_SECRET_SERVICE_PROBE
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif

using namespace Qt::StringLiterals;

namespace {

// QtKeychain folds several situations into OtherError / AccessDenied; the backend's message tells them apart.
// Only the message is inspected, and it never contains the secret (it comes from D-Bus or libsecret).
SecretError::Kind classify(QKeychain::Error error, const QString& message)
{
    const QString text = message.toLower();
    const bool noService = text.contains(u"org.freedesktop.secrets"_s) || text.contains(u"serviceunknown"_s)
        || text.contains(u"not provided by any"_s) || text.contains(u"no keychain service"_s)
        || text.contains(u"d-bus is not running"_s) || text.contains(u"cannot autolaunch"_s)
        || text.contains(u"could not connect"_s) || text.contains(u"failed to execute child process"_s)
        || text.contains(u"no such file or directory"_s);
    const bool locked = text.contains(u"lock"_s) || text.contains(u"prompt"_s) || text.contains(u"dismissed"_s)
        || text.contains(u"cancel"_s);
    switch (error) {
    case QKeychain::NoError:
        return SecretError::Kind::None;
    case QKeychain::EntryNotFound:
        return SecretError::Kind::NotFound;
    case QKeychain::NoBackendAvailable:
        return SecretError::Kind::NoService;
    case QKeychain::AccessDeniedByUser:
        return SecretError::Kind::AccessDenied;
    case QKeychain::AccessDenied:
        // libsecret reports SECRET_ERROR_IS_LOCKED as AccessDenied.
        return noService ? SecretError::Kind::NoService : SecretError::Kind::Locked;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    if (noService)
        return SecretError::Kind::NoService;
    if (locked)
        return SecretError::Kind::Locked;
    return SecretError::Kind::Other;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject* parent)
    : SecretStore(parent)
{
}

KeychainSecretStore::~KeychainSecretStore()
{
    // A job still running is let finish on its own (it deletes itself): deleting it would leave the Secret Service
    // backend's pending D-Bus callback pointing at freed memory.
    if (m_job) {
        m_job->disconnect(this);
        m_job->setParent(nullptr);
    }
}

void KeychainSecretStore::start(Request request)
{
    m_queue.push_back(std::move(request));
    scheduleNext();
}

void KeychainSecretStore::scheduleNext()
{
    if (m_running || m_scheduled || m_queue.empty())
        return;
    // Always through the event loop: this may be called from a job's finished() slot or from a callback it runs.
    m_scheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_scheduled = false;
            startNext();
        },
        Qt::QueuedConnection);
}

void KeychainSecretStore::startNext()
{
    if (m_running || m_queue.empty())
        return;
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_running = true;
    startCurrent();
}

void KeychainSecretStore::startCurrent()
{
    QKeychain::Job* job = nullptr;
    switch (m_current.operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(serviceName(), this);
        break;
    case Operation::Write: {
        auto* write = new QKeychain::WritePasswordJob(serviceName(), this);
        write->setTextData(m_current.value);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(serviceName(), this);
        break;
    }
    // Never let QtKeychain write the secret into a QSettings file when no keychain is available.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(m_current.key);
    m_job = job;
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* finished) {
        QString value;
        if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(finished); read && !finished->error())
            value = read->textData();
        onJobFinished(finished->error(), finished->errorString(), value);
    });
    job->start();
}

void KeychainSecretStore::onJobFinished(int error, const QString& backendMessage, const QString& value)
{
    const auto backendError = QKeychain::Error(error);
    SecretError::Kind kind = classify(backendError, backendMessage);
    if (m_current.operation == Operation::Remove && kind == SecretError::Kind::NotFound)
        kind = SecretError::Kind::None;
    if (kind != SecretError::Kind::None && kind != SecretError::Kind::NotFound)
        qCInfo(lcAws) << "keychain" << m_current.key << "failed:" << backendMessage;

#ifdef Q_OS_LINUX
    if (kind == SecretError::Kind::NoService && m_current.attempt == 0) {
        // The Secret Service may still be starting with the desktop session: give it one more chance.
        ++m_current.attempt;
        ++m_retries;
        qCInfo(lcAws) << "no Secret Service yet; retrying" << m_current.key << "in" << m_retryDelayMs << "ms";
        QTimer::singleShot(m_retryDelayMs, this, [this] { startCurrent(); });
        return;
    }
#endif

#ifdef HOOKDESK_SECRET_SERVICE_PROBE
    if (kind == SecretError::Kind::NotFound && m_current.operation == Operation::Read) {
        // libsecret answers a lookup in a locked collection with "no such item"; ask before saying "not found".
        probeLockedCollection([this, value](bool locked) {
            finishCurrent(locked ? SecretError::Kind::Locked : SecretError::Kind::NotFound, value);
        });
        return;
    }
#endif
    finishCurrent(kind, value);
}

void KeychainSecretStore::finishCurrent(SecretError::Kind kind, const QString& value)
{
    const Request finished = std::move(m_current);
    m_current = Request();
    m_running = false;
    scheduleNext();
    complete(finished, value, kind == SecretError::Kind::None ? SecretError() : SecretError::make(kind, finished.key));
}

void KeychainSecretStore::probeLockedCollection(const std::function<void(bool)>& done)
{
#ifdef HOOKDESK_SECRET_SERVICE_PROBE
    const QString service = u"org.freedesktop.secrets"_s;
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusMessage readAlias = QDBusMessage::createMethodCall(
        service, u"/org/freedesktop/secrets"_s, u"org.freedesktop.Secret.Service"_s, u"ReadAlias"_s);
    readAlias << u"default"_s;
    auto* aliasWatcher = new QDBusPendingCallWatcher(bus.asyncCall(readAlias, 5000), this);
    connect(aliasWatcher, &QDBusPendingCallWatcher::finished, this, [this, done, service](QDBusPendingCallWatcher* w) {
        w->deleteLater();
        const QDBusPendingReply<QDBusObjectPath> alias = *w;
        if (alias.isError() || alias.value().path() == u"/"_s) {
            done(false);
            return;
        }
        QDBusMessage get = QDBusMessage::createMethodCall(
            service, alias.value().path(), u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
        get << u"org.freedesktop.Secret.Collection"_s << u"Locked"_s;
        auto* lockedWatcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(get, 5000), this);
        connect(lockedWatcher, &QDBusPendingCallWatcher::finished, this, [done](QDBusPendingCallWatcher* w2) {
            w2->deleteLater();
            const QDBusPendingReply<QDBusVariant> locked = *w2;
            done(!locked.isError() && locked.value().variant().toBool());
        });
    });
#else
    done(false);
#endif
}
