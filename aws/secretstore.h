#pragma once

#include "awserror.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <deque>
#include <functional>

// What went wrong with a keychain operation, in terms a user can act on. `message` is safe to show: it names the
// entry, never its value.
struct SecretError {
    enum class Kind {
        None,
        NotFound, // no such entry
        NoService, // no keychain service running (Linux: no Secret Service on the session bus)
        Locked, // the keychain is locked and could not be unlocked without the user
        AccessDenied, // the user or the system refused access
        TooLarge, // larger than an entry may be (Windows Credential Manager caps a blob at 2560 bytes)
        InvalidKey, // the profile or field name cannot be used in a key
        Other,
    };

    Kind kind = Kind::None;
    QString message;

    bool isError() const { return kind != Kind::None; }
    // For callers that report through aws/ jobs: always a Kind::Credentials AwsError.
    AwsError toAwsError() const;
    static SecretError make(Kind kind, const QString& key = {});
};

// One interface over the OS keychain. Entries are scoped "hookdesk/<profile>/<field>" (or
// "hookdesk/sso/<session>/<field>" for an IAM Identity Center sign-in) under the service name "hookdesk". Every
// operation is asynchronous: the callback runs exactly once, later from the event loop (never before the call returns),
// and not at all if `context` was given and has been destroyed meanwhile.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const QString& value, const SecretError& error)>;
    using Callback = std::function<void(const SecretError& error)>;

    // Small entries: Windows' Credential Manager refuses credential blobs over 2560 bytes; leave headroom.
    static constexpr qsizetype MaxEntryBytes = 2048;
    static QString serviceName();
    static QString keyFor(const QString& profile, const QString& field);

    using QObject::QObject;

    void read(const QString& profile, const QString& field, QObject* context, ReadCallback done);
    void write(const QString& profile, const QString& field, const QString& value, QObject* context, Callback done);
    // Removing an entry that does not exist succeeds: the wanted state ("not stored") holds.
    void remove(const QString& profile, const QString& field, QObject* context, Callback done);
    // Operations queued or running. A process about to exit waits for these, so that a write it started (a role
    // session kept for the next run) is not cut off.
    virtual int pendingOperations() const { return 0; }

protected:
    enum class Operation { Read, Write, Remove };
    struct Request {
        Operation operation = Operation::Read;
        QString key;
        QString value;
        QPointer<QObject> context;
        bool hasContext = false;
        ReadCallback done;
        int attempt = 0;
    };
    // Implementations finish a request by calling complete(), from the event loop.
    virtual void start(Request request) = 0;
    static void complete(const Request& request, const QString& value, const SecretError& error);

private:
    void submit(Operation operation, const QString& profile, const QString& field, const QString& value,
        QObject* context, ReadCallback done);
};

// The real store over QtKeychain. Jobs run one at a time from a queue: a job is never started from another job's
// finished() slot (QtKeychain's backends misbehave when re-entered that way), and on Linux an operation that finds
// no Secret Service is retried once after a short delay, because the service may still be starting with the session.
class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject* parent = nullptr);
    ~KeychainSecretStore() override;

    void setRetryDelay(int milliseconds) { m_retryDelayMs = milliseconds; }
    // How many operations were retried because no Secret Service answered (diagnostics, tests).
    int retries() const { return m_retries; }
    int pendingOperations() const override { return int(m_queue.size()) + (m_running ? 1 : 0); }

protected:
    void start(Request request) override;

private:
    void scheduleNext();
    void startNext();
    void startCurrent();
    void onJobFinished(int error, const QString& backendMessage, const QString& value);
    void finishCurrent(SecretError::Kind kind, const QString& value);
    void probeLockedCollection(const std::function<void(bool locked)>& done);

    std::deque<Request> m_queue;
    Request m_current;
    QPointer<QObject> m_job; // the QtKeychain job running for m_current
    bool m_running = false;
    bool m_scheduled = false;
    int m_retryDelayMs = 1500;
    int m_retries = 0;
};

// A store in memory, for unit tests of the layers above and for --demo. It can be told to fail like a real
// keychain does (locked, no service) so callers' error paths are testable.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void setFailure(SecretError::Kind kind) { m_failure = kind; }
    // Fail only operations on keys containing `keyPart` (e.g. "/session_token") with `kind`.
    void setFailureFor(const QString& keyPart, SecretError::Kind kind)
    {
        m_failureKeyPart = keyPart;
        m_failure = kind;
    }
    const QHash<QString, QString>& entries() const { return m_entries; }
    int operationCount() const { return m_operations; }

protected:
    void start(Request request) override;

private:
    QHash<QString, QString> m_entries;
    SecretError::Kind m_failure = SecretError::Kind::None;
    QString m_failureKeyPart;
    int m_operations = 0;
};
