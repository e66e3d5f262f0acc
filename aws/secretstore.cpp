#include "secretstore.h"

#include "awslogging.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
bool isUsableKeyPart(const QString& part)
{
    // '/' separates the key's parts; control characters and surrounding spaces make keys that a user cannot tell
    // apart in a keychain viewer.
    static const QRegularExpression pattern(u"^[A-Za-z0-9_.@+=,-]+$"_s);
    return !part.isEmpty() && part.size() <= 128 && pattern.match(part).hasMatch();
}
// A profile, or a scope of several parts such as "sso/<session>" (profile names never hold a '/').
bool isUsableScope(const QString& scope)
{
    const QStringList parts = scope.split(u'/');
    if (parts.size() == 2 && parts.constFirst() != u"sso"_s)
        return false; // only the IAM Identity Center scope has two parts: a profile "a/b" is no key
    return parts.size() <= 2 && std::all_of(parts.cbegin(), parts.cend(), isUsableKeyPart);
}
} // namespace

AwsError SecretError::toAwsError() const
{
    return AwsError::credentials(message);
}

SecretError SecretError::make(Kind kind, const QString& key)
{
    SecretError error;
    error.kind = kind;
    switch (kind) {
    case Kind::None:
        break;
    case Kind::NotFound:
        error.message
            = QCoreApplication::translate("SecretStore", "Nothing is stored in the keychain under %1.").arg(key);
        break;
    case Kind::NoService:
        error.message = QCoreApplication::translate("SecretStore",
            "No keychain service is running. On Linux, start a Secret Service provider (GNOME Keyring or KWallet) "
            "and unlock it, then try again.");
        break;
    case Kind::Locked:
        error.message = QCoreApplication::translate("SecretStore",
            "The keychain is locked. Unlock it (for example by logging in to the desktop session) and try again.");
        break;
    case Kind::AccessDenied:
        error.message
            = QCoreApplication::translate("SecretStore", "Access to the keychain entry %1 was denied.").arg(key);
        break;
    case Kind::TooLarge:
        error.message
            = QCoreApplication::translate("SecretStore", "The value for %1 is too large for a keychain entry.")
                  .arg(key);
        break;
    case Kind::InvalidKey:
        error.message
            = QCoreApplication::translate("SecretStore", "%1 cannot be used as a keychain entry name.").arg(key);
        break;
    case Kind::Other:
        error.message = QCoreApplication::translate("SecretStore", "The keychain could not handle %1.").arg(key);
        break;
    }
    return error;
}

QString SecretStore::serviceName()
{
    return u"hookdesk"_s;
}

QString SecretStore::keyFor(const QString& profile, const QString& field)
{
    return u"hookdesk/"_s + profile + u'/' + field;
}

void SecretStore::read(const QString& profile, const QString& field, QObject* context, ReadCallback done)
{
    submit(Operation::Read, profile, field, {}, context, std::move(done));
}

void SecretStore::write(
    const QString& profile, const QString& field, const QString& value, QObject* context, Callback done)
{
    submit(Operation::Write, profile, field, value, context,
        [done = std::move(done)](const QString&, const SecretError& error) {
            if (done)
                done(error);
        });
}

void SecretStore::remove(const QString& profile, const QString& field, QObject* context, Callback done)
{
    submit(Operation::Remove, profile, field, {}, context,
        [done = std::move(done)](const QString&, const SecretError& error) {
            if (done)
                done(error);
        });
}

void SecretStore::submit(Operation operation, const QString& profile, const QString& field, const QString& value,
    QObject* context, ReadCallback done)
{
    Request request;
    request.operation = operation;
    request.key = keyFor(profile, field);
    request.value = value;
    request.context = context;
    request.hasContext = context != nullptr;
    request.done = std::move(done);

    SecretError early;
    if (!isUsableScope(profile) || !isUsableKeyPart(field))
        early = SecretError::make(SecretError::Kind::InvalidKey, request.key);
    else if (operation == Operation::Write && value.toUtf8().size() > MaxEntryBytes)
        early = SecretError::make(SecretError::Kind::TooLarge, request.key);
    if (early.isError()) {
        // Still asynchronous, as promised: callers may rely on the callback not running inside their call.
        QTimer::singleShot(0, this, [request, early] { complete(request, {}, early); });
        return;
    }
    start(std::move(request));
}

void SecretStore::complete(const Request& request, const QString& value, const SecretError& error)
{
    if (request.hasContext && !request.context)
        return;
    if (request.done)
        request.done(value, error);
}

void MemorySecretStore::start(Request request)
{
    ++m_operations;
    SecretError error;
    QString value;
    if (m_failure != SecretError::Kind::None
        && (m_failureKeyPart.isEmpty() || request.key.contains(m_failureKeyPart))) {
        error = SecretError::make(m_failure, request.key);
    } else {
        switch (request.operation) {
        case Operation::Read:
            if (m_entries.contains(request.key))
                value = m_entries.value(request.key);
            else
                error = SecretError::make(SecretError::Kind::NotFound, request.key);
            break;
        case Operation::Write:
            m_entries.insert(request.key, request.value);
            break;
        case Operation::Remove:
            m_entries.remove(request.key);
            break;
        }
    }
    QTimer::singleShot(0, this, [request = std::move(request), value, error] { complete(request, value, error); });
}
