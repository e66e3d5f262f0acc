#include "ssotoken.h"

#include "credentials.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

void SsoToken::wipe()
{
    Credentials::wipe(clientSecret);
    Credentials::wipe(accessToken);
    Credentials::wipe(refreshToken);
}

bool SsoToken::hasClient(const QDateTime& now) const
{
    // A registration about to lapse is replaced: the sign-in that follows would fail half way otherwise.
    return !clientId.isEmpty() && !clientSecret.isEmpty() && clientExpiresAt.isValid()
        && clientExpiresAt > now.addSecs(3600);
}

bool SsoToken::hasAccessToken(const QDateTime& now, int marginSeconds) const
{
    return !accessToken.isEmpty() && expiresAt.isValid() && expiresAt > now.addSecs(marginSeconds);
}

QString SsoToken::encode() const
{
    const QJsonObject object {
        { u"v"_s, 1 },
        { u"startUrl"_s, startUrl },
        { u"region"_s, region },
        { u"clientId"_s, clientId },
        { u"clientSecret"_s, clientSecret },
        { u"clientExpiresAt"_s, clientExpiresAt.toUTC().toString(Qt::ISODate) },
        { u"grantTypes"_s, QJsonArray::fromStringList(grantTypes) },
        { u"accessToken"_s, accessToken },
        { u"expiresAt"_s, expiresAt.toUTC().toString(Qt::ISODate) },
        { u"refreshToken"_s, refreshToken },
    };
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<SsoToken> SsoToken::decode(const QString& value)
{
    const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8());
    const QJsonObject object = document.object();
    if (!document.isObject() || object.value(u"v"_s).toInt() != 1)
        return std::nullopt;
    SsoToken token;
    token.startUrl = object.value(u"startUrl"_s).toString();
    token.region = object.value(u"region"_s).toString();
    token.clientId = object.value(u"clientId"_s).toString();
    token.clientSecret = object.value(u"clientSecret"_s).toString();
    token.clientExpiresAt = QDateTime::fromString(object.value(u"clientExpiresAt"_s).toString(), Qt::ISODate);
    for (const auto& grant : object.value(u"grantTypes"_s).toArray())
        token.grantTypes << grant.toString();
    token.accessToken = object.value(u"accessToken"_s).toString();
    token.expiresAt = QDateTime::fromString(object.value(u"expiresAt"_s).toString(), Qt::ISODate);
    token.refreshToken = object.value(u"refreshToken"_s).toString();
    if (token.startUrl.isEmpty() || token.clientId.isEmpty())
        return std::nullopt;
    return token;
}
