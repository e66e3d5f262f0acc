#pragma once

#include "simulator.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <variant>

// An account the IAM Identity Center portal offers, with the roles (permission sets) the user may take in it.
struct SimSsoAccount {
    QString accountId;
    QString accountName;
    QString emailAddress;
    QStringList roles;
};

// An OIDC error as the service names it: the exception (x-amzn-ErrorType) and the OAuth "error" code of the body.
struct SimSsoError {
    QString type; // AuthorizationPendingException, InvalidGrantException, …
    QString oauth; // authorization_pending, invalid_grant, …
    QString description;
    int httpStatus = 400;
};

template <typename T> using SimSsoResult = std::variant<T, SimSsoError>;

// What an OIDC token grant hands out.
struct SimSsoTokens {
    QString accessToken;
    QString refreshToken;
    int expiresIn = 0;
};

// The state of IAM Identity Center in the simulator: OIDC clients, device authorizations, authorization codes
// (PKCE), access and refresh tokens, and the portal's accounts. No HTTP here (simssoapi.h is the front). Every time
// is on the simulated clock, passed in as `now`, so that Simulator::advance() ages codes and tokens; only the
// device-code polling rate also looks at real time (see pollDevice).
class SimSso {
public:
    explicit SimSso(const SimulatorOptions& options);

    struct Client {
        QString secret;
        QString name;
        QDateTime secretExpires;
    };
    struct Device {
        QString clientId;
        QString userCode;
        QDateTime expires;
        int interval = 1;
        enum class State { Pending, Approved, Denied, Consumed } state = State::Pending;
        std::optional<QDateTime> lastPollSimulated;
        qint64 lastPollRealMs = 0;
    };
    // An /authorize request waiting for the user (manual approval), and the code it becomes once approved.
    struct AuthRequest {
        QString clientId;
        QString redirectUri;
        QString state;
        QString codeChallenge;
    };

    void setApproval(SimSsoApproval approval) { m_approval = approval; }
    SimSsoApproval approval() const { return m_approval; }
    void setAccounts(const QList<SimSsoAccount>& accounts) { m_accounts = accounts; }
    const QList<SimSsoAccount>& accounts() const { return m_accounts; }
    const SimSsoAccount* account(const QString& accountId) const;

    // Registers a public client; the id and its secret.
    QString registerClient(const QString& name, const QDateTime& now, Client* registered);
    bool knowsClient(const QString& clientId) const { return m_clients.contains(clientId); }
    // The client, when the id is known and the secret is its own and current; otherwise InvalidClientException.
    std::optional<SimSsoError> checkClient(const QString& clientId, const QString& secret, const QDateTime& now) const;

    // Device authorization (RFC 8628): the device code, with its record in `started`.
    QString startDevice(const QString& clientId, const QDateTime& now, Device* started);
    // One CreateToken poll with a device code.
    SimSsoResult<SimSsoTokens> pollDevice(const QString& clientId, const QString& deviceCode, const QDateTime& now);
    bool approveUserCode(const QString& userCode);
    bool denyUserCode(const QString& userCode);
    QStringList pendingUserCodes() const;
    bool knowsUserCode(const QString& userCode) const { return m_userCodes.contains(userCode); }

    // Authorization code with PKCE: a request id for manual approval, or the code at once (auto).
    QString addAuthRequest(const AuthRequest& request);
    std::optional<AuthRequest> takeAuthRequest(const QString& requestId);
    QString issueCode(const AuthRequest& request, const QDateTime& now);
    SimSsoResult<SimSsoTokens> redeemCode(const QString& clientId, const QString& code, const QString& redirectUri,
        const QString& verifier, const QDateTime& now);
    SimSsoResult<SimSsoTokens> refresh(const QString& clientId, const QString& refreshToken, const QDateTime& now);

    // The portal's bearer token check: true while the access token is current and not logged out.
    bool tokenValid(const QString& accessToken, const QDateTime& now) const;
    void logout(const QString& accessToken);
    // BASE64URL(SHA-256(verifier)) without padding: the S256 code_challenge of RFC 7636.
    static QString pkceChallenge(const QString& verifier);
    static QString randomToken(int bytes);

private:
    struct Code {
        AuthRequest request;
        QDateTime expires;
    };
    struct Token {
        QString clientId;
        QDateTime expires;
        QString refreshToken;
    };
    SimSsoTokens issueTokens(const QString& clientId, const QDateTime& now);
    QString newUserCode() const;

    int m_accessTokenSeconds;
    int m_deviceCodeSeconds;
    int m_pollIntervalSeconds;
    SimSsoApproval m_approval;
    QList<SimSsoAccount> m_accounts;
    QHash<QString, Client> m_clients;
    QHash<QString, Device> m_devices; // by device code
    QHash<QString, QString> m_userCodes; // user code -> device code
    QHash<QString, AuthRequest> m_authRequests; // by request id
    QHash<QString, Code> m_codes; // by authorization code; removed when redeemed
    QHash<QString, Token> m_tokens; // by access token
    QHash<QString, QString> m_refreshTokens; // refresh token -> its client id
};
