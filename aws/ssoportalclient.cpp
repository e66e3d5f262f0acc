#include "ssoportalclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrlQuery>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr int kParallelRoleListings = 4;
constexpr int kMaxPages = 1000; // a server that always sends a nextToken must not keep us forever
constexpr qsizetype kMaxListed = qsizetype(kMaxPages) * 100;
} // namespace

SsoPortalClient::SsoPortalClient(QNetworkAccessManager* network, QUrl endpoint, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
{
}

SsoJsonCall* SsoPortalClient::get(
    const QString& path, const QList<QPair<QString, QString>>& query, const QString& accessToken)
{
    QUrl url = SsoJson::operationUrl(m_endpoint, path);
    QUrlQuery urlQuery;
    for (const auto& [name, value] : query)
        if (!value.isEmpty())
            urlQuery.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(urlQuery);
    return new SsoJsonCall(m_network, url, false, {}, { { "x-amz-sso_bearer_token", accessToken.toUtf8() } });
}

SsoJsonCall* SsoPortalClient::listAccounts(const QString& accessToken, const QString& nextToken)
{
    return get(
        u"/assignment/accounts"_s, { { u"max_result"_s, u"100"_s }, { u"next_token"_s, nextToken } }, accessToken);
}

SsoJsonCall* SsoPortalClient::listAccountRoles(
    const QString& accessToken, const QString& accountId, const QString& nextToken)
{
    return get(u"/assignment/roles"_s,
        { { u"account_id"_s, accountId }, { u"max_result"_s, u"100"_s }, { u"next_token"_s, nextToken } }, accessToken);
}

SsoJsonCall* SsoPortalClient::getRoleCredentials(
    const QString& accessToken, const QString& accountId, const QString& roleName)
{
    return get(
        u"/federation/credentials"_s, { { u"role_name"_s, roleName }, { u"account_id"_s, accountId } }, accessToken);
}

SsoJsonCall* SsoPortalClient::logout(const QString& accessToken)
{
    return new SsoJsonCall(m_network, SsoJson::operationUrl(m_endpoint, u"/logout"_s), true, {},
        { { "x-amz-sso_bearer_token", accessToken.toUtf8() } });
}

Credentials SsoPortalClient::roleCredentials(const QJsonObject& answer)
{
    const QJsonObject role = answer.value(u"roleCredentials"_s).toObject();
    Credentials credentials;
    credentials.accessKeyId = role.value(u"accessKeyId"_s).toString();
    credentials.secretAccessKey = role.value(u"secretAccessKey"_s).toString();
    credentials.sessionToken = role.value(u"sessionToken"_s).toString();
    const qint64 expirationMs = qint64(role.value(u"expiration"_s).toDouble());
    if (expirationMs > 0)
        credentials.expiration = QDateTime::fromMSecsSinceEpoch(expirationMs, Qt::UTC);
    if (!credentials.isValid() || credentials.sessionToken.isEmpty() || !credentials.expiration.isValid())
        return {};
    return credentials;
}

SsoAccountsListing::SsoAccountsListing(SsoPortalClient* portal, QString accessToken, QObject* parent)
    : ResultJob<QList<SsoAccount>>(parent)
    , m_portal(portal)
    , m_accessToken(std::move(accessToken))
{
}

void SsoAccountsListing::start()
{
    listAccounts({});
}

void SsoAccountsListing::listAccounts(const QString& nextToken)
{
    SsoJsonCall* call = m_portal->listAccounts(m_accessToken, nextToken);
    call->setParent(this);
    connect(call, &AwsJob::finished, this, [this, call] {
        if (call->hasError())
            return finishWithError(call->error());
        for (const auto& value : call->result().value(u"accountList"_s).toArray()) {
            const QJsonObject account = value.toObject();
            m_accounts.append({ account.value(u"accountId"_s).toString(), account.value(u"accountName"_s).toString(),
                account.value(u"emailAddress"_s).toString(), {} });
        }
        const QString next = call->result().value(u"nextToken"_s).toString();
        if (!next.isEmpty() && m_accounts.size() < kMaxListed)
            return listAccounts(next);
        std::sort(m_accounts.begin(), m_accounts.end(), [](const SsoAccount& a, const SsoAccount& b) {
            return a.accountName.localeAwareCompare(b.accountName) < 0;
        });
        listNextRoles();
    });
}

void SsoAccountsListing::listNextRoles()
{
    while (m_running < kParallelRoleListings && m_nextAccount < m_accounts.size())
        listRoles(m_nextAccount++, {});
    finishIfDone();
}

void SsoAccountsListing::listRoles(int index, const QString& nextToken)
{
    ++m_running;
    SsoJsonCall* call = m_portal->listAccountRoles(m_accessToken, m_accounts[index].accountId, nextToken);
    call->setParent(this);
    connect(call, &AwsJob::finished, this, [this, call, index] {
        --m_running;
        if (isFinished())
            return;
        if (call->hasError())
            return finishWithError(call->error());
        for (const auto& value : call->result().value(u"roleList"_s).toArray())
            m_accounts[index].roles.append(value.toObject().value(u"roleName"_s).toString());
        const QString next = call->result().value(u"nextToken"_s).toString();
        if (!next.isEmpty() && m_accounts[index].roles.size() < kMaxListed)
            return listRoles(index, next);
        m_accounts[index].roles.sort();
        listNextRoles();
    });
}

void SsoAccountsListing::finishIfDone()
{
    if (m_running == 0 && m_nextAccount >= m_accounts.size())
        finishWithResult(m_accounts);
}
