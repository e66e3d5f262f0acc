#include "credentials.h"

#include "credentialprovider.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

void Credentials::wipe(QString& text)
{
    if (!text.isDetached() || text.isEmpty())
        return;
    // Volatile, so the writes are not dropped as dead stores before the buffer is freed.
    auto* data = reinterpret_cast<volatile char16_t*>(text.data());
    for (qsizetype i = 0; i < text.size(); ++i)
        data[i] = 0;
}

void Credentials::wipeSecrets()
{
    wipe(secretAccessKey);
    wipe(sessionToken);
}

QString Credentials::redacted() const
{
    // Access key IDs are not secret, but showing only both ends keeps logs and screenshots tidy.
    QString shown;
    if (accessKeyId.isEmpty())
        shown = u"(none)"_s;
    else if (accessKeyId.size() <= 8)
        shown = accessKeyId.left(2) + u"…"_s;
    else
        shown = accessKeyId.left(4) + u"…"_s + accessKeyId.right(4);
    if (isTemporary())
        shown += u" (temporary)"_s;
    return shown;
}

StaticCredentialProvider::StaticCredentialProvider(const Credentials& credentials, QObject* parent)
    : CredentialProvider(parent)
    , m_credentials(credentials)
{
}

void StaticCredentialProvider::fetchCredentials(const Callback& done)
{
    // Answer from the event loop, not synchronously, so a caller never re-enters itself.
    const Credentials credentials = m_credentials;
    QTimer::singleShot(0, this, [done, credentials] {
        if (!credentials.isValid()) {
            done(credentials,
                AwsError::credentials(QCoreApplication::translate("Credentials", "No access key is configured.")));
            return;
        }
        done(credentials, AwsError {});
    });
}
