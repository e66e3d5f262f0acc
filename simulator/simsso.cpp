#include "simsso.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
// Client secrets last about 90 days, as the service's do (clientSecretExpiresAt).
constexpr int kClientSecretDays = 90;
// An authorization code must be redeemed soon after the redirect; the service allows a few minutes.
constexpr int kCodeSeconds = 300;
// RFC 8628 §3.5: each slow_down adds 5 seconds to the interval a client must keep.
constexpr int kSlowDownStepSeconds = 5;
// A client that polls at exactly `interval` seconds should not be told to slow down because of timer jitter.
constexpr qint64 kPollToleranceMs = 100;

SimSsoError grantError(const QString& description)
{
    return { u"InvalidGrantException"_s, u"invalid_grant"_s, description };
}

QList<SimSsoAccount> defaultAccounts(const QString& ownAccount)
{
    const QStringList roles { u"AdministratorAccess"_s, u"ReadOnlyAccess"_s };
    return {
        { ownAccount, u"Production"_s, u"aws-production@example.com"_s, roles },
        { u"111122223333"_s, u"Staging"_s, u"aws-staging@example.com"_s, roles },
        { u"444455556666"_s, u"Sandbox"_s, u"aws-sandbox@example.com"_s, roles },
    };
}
} // namespace

SimSso::SimSso(const SimulatorOptions& options)
    : m_accessTokenSeconds(options.ssoAccessTokenSeconds)
    , m_deviceCodeSeconds(options.ssoDeviceCodeSeconds)
    , m_pollIntervalSeconds(options.ssoPollIntervalSeconds)
    , m_approval(options.ssoApproval)
    , m_accounts(defaultAccounts(options.accountId))
{
}

QString SimSso::randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char& c : raw)
        c = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString SimSso::pkceChallenge(const QString& verifier)
{
    const QByteArray digest = QCryptographicHash::hash(verifier.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

const SimSsoAccount* SimSso::account(const QString& accountId) const
{
    for (const SimSsoAccount& a : m_accounts) {
        if (a.accountId == accountId)
            return &a;
    }
    return nullptr;
}

QString SimSso::registerClient(const QString& name, const QDateTime& now, Client* registered)
{
    Client client;
    client.name = name;
    client.secret = randomToken(96);
    client.secretExpires = now.addDays(kClientSecretDays);
    const QString id = randomToken(16);
    m_clients.insert(id, client);
    if (registered)
        *registered = client;
    return id;
}

std::optional<SimSsoError> SimSso::checkClient(
    const QString& clientId, const QString& secret, const QDateTime& now) const
{
    const auto it = m_clients.constFind(clientId);
    if (it == m_clients.cend() || it->secret != secret)
        return SimSsoError { u"InvalidClientException"_s, u"invalid_client"_s, u"Invalid client"_s, 401 };
    if (now >= it->secretExpires)
        return SimSsoError { u"InvalidClientException"_s, u"invalid_client"_s, u"Client secret expired"_s, 401 };
    return std::nullopt;
}

QString SimSso::newUserCode() const
{
    // No vowels, so that no code spells a word (RFC 8628 §6.1).
    static const char alphabet[] = "BCDFGHJKLMNPQRSTVWXZ";
    QString code;
    do {
        code.clear();
        for (int i = 0; i < 8; ++i) {
            if (i == 4)
                code += u'-';
            code += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(20)]);
        }
    } while (m_userCodes.contains(code));
    return code;
}

QString SimSso::startDevice(const QString& clientId, const QDateTime& now, Device* started)
{
    Device device;
    device.clientId = clientId;
    device.userCode = newUserCode();
    device.expires = now.addSecs(m_deviceCodeSeconds);
    device.interval = m_pollIntervalSeconds;
    if (m_approval == SimSsoApproval::Auto)
        device.state = Device::State::Approved;
    const QString deviceCode = randomToken(48);
    m_devices.insert(deviceCode, device);
    m_userCodes.insert(device.userCode, deviceCode);
    if (started)
        *started = device;
    return deviceCode;
}

SimSsoResult<SimSsoTokens> SimSso::pollDevice(const QString& clientId, const QString& deviceCode, const QDateTime& now)
{
    const auto it = m_devices.find(deviceCode);
    if (it == m_devices.end() || it->clientId != clientId || it->state == Device::State::Consumed)
        return grantError(u"Invalid device code provided"_s);
    Device& device = *it;
    if (now >= device.expires)
        return SimSsoError { u"ExpiredTokenException"_s, u"expired_token"_s, u"Device code has expired"_s };
    // Polling speed counts the larger of real and simulated time since the last poll: a test can advance() past
    // the interval, and a stopped simulated clock does not hold a real client in slow_down for ever.
    const qint64 realNowMs = QDateTime::currentMSecsSinceEpoch();
    const bool polledBefore = device.lastPollSimulated.has_value();
    const qint64 sinceMs = polledBefore
        ? qMax(realNowMs - device.lastPollRealMs, device.lastPollSimulated->msecsTo(now))
        : std::numeric_limits<qint64>::max();
    device.lastPollSimulated = now;
    device.lastPollRealMs = realNowMs;
    if (sinceMs < qint64(device.interval) * 1000 - kPollToleranceMs) {
        device.interval += kSlowDownStepSeconds;
        return SimSsoError { u"SlowDownException"_s, u"slow_down"_s, u"Client is polling too fast"_s };
    }
    if (device.state == Device::State::Denied)
        return SimSsoError { u"AccessDeniedException"_s, u"access_denied"_s, u"The user denied the request"_s };
    if (device.state == Device::State::Pending)
        return SimSsoError { u"AuthorizationPendingException"_s, u"authorization_pending"_s,
            u"Authorization is still pending"_s };
    device.state = Device::State::Consumed;
    m_userCodes.remove(device.userCode);
    return issueTokens(clientId, now);
}

bool SimSso::approveUserCode(const QString& userCode)
{
    const auto it = m_devices.find(m_userCodes.value(userCode));
    if (it == m_devices.end() || it->state == Device::State::Consumed)
        return false;
    it->state = Device::State::Approved;
    return true;
}

bool SimSso::denyUserCode(const QString& userCode)
{
    const auto it = m_devices.find(m_userCodes.value(userCode));
    if (it == m_devices.end() || it->state == Device::State::Consumed)
        return false;
    it->state = Device::State::Denied;
    return true;
}

QStringList SimSso::pendingUserCodes() const
{
    QStringList codes;
    for (const Device& device : m_devices) {
        if (device.state == Device::State::Pending)
            codes.append(device.userCode);
    }
    codes.sort();
    return codes;
}

QString SimSso::addAuthRequest(const AuthRequest& request)
{
    const QString id = randomToken(12);
    m_authRequests.insert(id, request);
    return id;
}

std::optional<SimSso::AuthRequest> SimSso::takeAuthRequest(const QString& requestId)
{
    if (!m_authRequests.contains(requestId))
        return std::nullopt;
    return m_authRequests.take(requestId);
}

QString SimSso::issueCode(const AuthRequest& request, const QDateTime& now)
{
    const QString code = randomToken(32);
    m_codes.insert(code, { request, now.addSecs(kCodeSeconds) });
    return code;
}

SimSsoResult<SimSsoTokens> SimSso::redeemCode(const QString& clientId, const QString& code, const QString& redirectUri,
    const QString& verifier, const QDateTime& now)
{
    // A code is good for one attempt, right or wrong (RFC 6749 §10.5: codes are single-use).
    if (!m_codes.contains(code))
        return grantError(u"Invalid authorization code provided"_s);
    const Code entry = m_codes.take(code);
    if (entry.request.clientId != clientId || now >= entry.expires)
        return grantError(u"Invalid authorization code provided"_s);
    if (entry.request.redirectUri != redirectUri)
        return grantError(u"Redirect URI does not match the authorization request"_s);
    if (verifier.isEmpty() || pkceChallenge(verifier) != entry.request.codeChallenge)
        return grantError(u"Code verifier does not match the code challenge"_s);
    return issueTokens(clientId, now);
}

SimSsoResult<SimSsoTokens> SimSso::refresh(const QString& clientId, const QString& refreshToken, const QDateTime& now)
{
    if (m_refreshTokens.value(refreshToken) != clientId || clientId.isEmpty())
        return grantError(u"Invalid refresh token provided"_s);
    // Rotation: the refresh token used is spent; the new answer carries its successor.
    m_refreshTokens.remove(refreshToken);
    return issueTokens(clientId, now);
}

SimSsoTokens SimSso::issueTokens(const QString& clientId, const QDateTime& now)
{
    SimSsoTokens tokens;
    tokens.accessToken = u"aoa"_s + randomToken(96);
    tokens.refreshToken = u"aor"_s + randomToken(96);
    tokens.expiresIn = m_accessTokenSeconds;
    m_tokens.insert(tokens.accessToken, { clientId, now.addSecs(m_accessTokenSeconds), tokens.refreshToken });
    m_refreshTokens.insert(tokens.refreshToken, clientId);
    return tokens;
}

bool SimSso::tokenValid(const QString& accessToken, const QDateTime& now) const
{
    const auto it = m_tokens.constFind(accessToken);
    return !accessToken.isEmpty() && it != m_tokens.cend() && now < it->expires;
}

void SimSso::logout(const QString& accessToken)
{
    const auto it = m_tokens.constFind(accessToken);
    if (it == m_tokens.cend())
        return;
    m_refreshTokens.remove(it->refreshToken);
    m_tokens.erase(it);
}
