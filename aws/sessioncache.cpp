#include "sessioncache.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
constexpr int Version = 1;
}

QString SessionCache::field()
{
    return u"cached_session"_s;
}

QString SessionCache::fingerprint(const QStringList& parts)
{
    // A unit separator between parts: ("a|b", "c") and ("a", "b|c") must not collide.
    const QByteArray joined = parts.join(QChar(0x1f)).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(joined, QCryptographicHash::Sha256).toHex());
}

QString SessionCache::encode(const Credentials& credentials, const QString& fingerprint)
{
    const QJsonObject object {
        { u"v"_s, Version },
        { u"fingerprint"_s, fingerprint },
        { u"AccessKeyId"_s, credentials.accessKeyId },
        { u"SecretAccessKey"_s, credentials.secretAccessKey },
        { u"SessionToken"_s, credentials.sessionToken },
        { u"Expiration"_s, credentials.expiration.toUTC().toString(Qt::ISODate) },
    };
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<Credentials> SessionCache::decode(const QString& value, const QString& fingerprint)
{
    const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8());
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (object.value(u"v"_s).toInt() != Version || object.value(u"fingerprint"_s).toString() != fingerprint)
        return std::nullopt;
    Credentials credentials;
    credentials.accessKeyId = object.value(u"AccessKeyId"_s).toString();
    credentials.secretAccessKey = object.value(u"SecretAccessKey"_s).toString();
    credentials.sessionToken = object.value(u"SessionToken"_s).toString();
    credentials.expiration = QDateTime::fromString(object.value(u"Expiration"_s).toString(), Qt::ISODate);
    // A session without a token or an end is not one this cache wrote: never serve it as temporary credentials.
    if (!credentials.isValid() || !credentials.isTemporary() || !credentials.expiration.isValid())
        return std::nullopt;
    return credentials;
}
