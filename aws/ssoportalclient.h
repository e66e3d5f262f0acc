#pragma once

#include "credentials.h"
#include "ssojsoncall.h"

#include <QList>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

struct SsoAccount {
    QString accountId;
    QString accountName;
    QString emailAddress;
    QStringList roles; // filled by SsoAccountsListing, sorted
};

// The IAM Identity Center portal (portal.sso.{region}.amazonaws.com): what an access token may reach and the role
// credentials it gets. The token goes in the x-amz-sso_bearer_token header and nowhere else (no URL, no log).
class SsoPortalClient : public QObject {
    Q_OBJECT
public:
    SsoPortalClient(QNetworkAccessManager* network, QUrl endpoint, QObject* parent = nullptr);

    // One page each; callers follow nextToken (SsoAccountsListing does).
    SsoJsonCall* listAccounts(const QString& accessToken, const QString& nextToken = {});
    SsoJsonCall* listAccountRoles(const QString& accessToken, const QString& accountId, const QString& nextToken = {});
    SsoJsonCall* getRoleCredentials(const QString& accessToken, const QString& accountId, const QString& roleName);
    SsoJsonCall* logout(const QString& accessToken);

    // Credentials from a GetRoleCredentials answer (expiration in epoch milliseconds); invalid when incomplete.
    static Credentials roleCredentials(const QJsonObject& answer);

private:
    SsoJsonCall* get(const QString& path, const QList<QPair<QString, QString>>& query, const QString& accessToken);

    QNetworkAccessManager* m_network;
    QUrl m_endpoint;
};

// Every account the token can use and every role in each (all pages), for `sso accounts` and the sign-in dialog.
// Accounts are sorted by name; at most four role listings run at once.
class SsoAccountsListing : public ResultJob<QList<SsoAccount>> {
    Q_OBJECT
public:
    SsoAccountsListing(SsoPortalClient* portal, QString accessToken, QObject* parent = nullptr);
    void start();

private:
    void listAccounts(const QString& nextToken);
    void listNextRoles();
    void listRoles(int index, const QString& nextToken);
    void finishIfDone();

    SsoPortalClient* m_portal;
    QString m_accessToken;
    QList<SsoAccount> m_accounts;
    int m_nextAccount = 0;
    int m_running = 0;
};
