#include "simauth.h"

#include "sigv4signer.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace {
SimError authError(const QString& code, const QString& message)
{
    return { code, message, 403, false };
}

const QString kSignatureMismatch
    = u"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."_s;

// Comparison whose time does not depend on where the first difference is.
bool sameBytes(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}
// The Authorization header, when it holds every part a SigV4 signature needs.
SimResult<SigV4Authorization> readAuthorization(const SignableRequest& request)
{
    const QByteArray header = request.header("Authorization");
    if (header.isEmpty()) {
        if (request.query.contains("X-Amz-Signature=") || request.query.contains("X-Amz-Credential="))
            return authError(
                u"IncompleteSignature"_s, u"Presigned query-string requests are not supported by this endpoint."_s);
        return authError(u"MissingAuthenticationToken"_s, u"Request is missing Authentication Token"_s);
    }
    const std::optional<SigV4Authorization> auth = SigV4Authorization::parse(header);
    if (!auth || auth->accessKeyId.isEmpty() || auth->signature.isEmpty() || auth->signedHeaders.isEmpty()) {
        return authError(u"IncompleteSignature"_s,
            u"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=%1"_s
                .arg(QString::fromLatin1(header.left(header.indexOf(' ') < 0 ? header.size() : header.indexOf(' ')))));
    }
    return *auth;
}

// The signing time from the X-Amz-Date header.
SimResult<QDateTime> readSigningTime(const QByteArray& amzDate)
{
    if (amzDate.isEmpty()) {
        return authError(u"IncompleteSignature"_s,
            u"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."_s);
    }
    const QDateTime signedAt = SigV4Signer::parseAmzDate(amzDate);
    if (!signedAt.isValid())
        return authError(u"IncompleteSignature"_s,
            u"Date must be in ISO-8601 'basic format'. Got '%1'."_s.arg(QString::fromLatin1(amzDate)));
    return signedAt;
}

// The service allows 15 minutes either way between the signing time and its own clock.
SimResult<void> checkSigningTime(const QDateTime& signedAt, const QByteArray& amzDate, const QDateTime& serverNow)
{
    constexpr qint64 allowedSeconds = qint64(15) * 60;
    const QByteArray serverStamp = SigV4Signer::amzDate(serverNow);
    if (signedAt < serverNow.addSecs(-allowedSeconds)) {
        return authError(u"SignatureDoesNotMatch"_s,
            u"Signature expired: %1 is now earlier than %2 (%3 - 15 min.)"_s.arg(QString::fromLatin1(amzDate),
                QString::fromLatin1(SigV4Signer::amzDate(serverNow.addSecs(-allowedSeconds))),
                QString::fromLatin1(serverStamp)));
    }
    if (signedAt > serverNow.addSecs(allowedSeconds)) {
        return authError(u"SignatureDoesNotMatch"_s,
            u"Signature not yet current: %1 is still later than %2 (%3 + 15 min.)"_s.arg(QString::fromLatin1(amzDate),
                QString::fromLatin1(SigV4Signer::amzDate(serverNow.addSecs(allowedSeconds))),
                QString::fromLatin1(serverStamp)));
    }
    return {};
}

// The credential scope's date must be the signing day, and the host and date headers must be signed.
SimResult<void> checkScope(const SigV4Authorization& auth, const QByteArray& amzDate)
{
    if (auth.date != amzDate.left(8)) {
        return authError(u"SignatureDoesNotMatch"_s,
            u"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%1' != '%2', from '%3'."_s
                .arg(QString::fromLatin1(auth.date), QString::fromLatin1(amzDate.left(8)),
                    QString::fromLatin1(amzDate)));
    }
    for (const QByteArray& required : { QByteArray("host"), QByteArray("x-amz-date") }) {
        if (!auth.signedHeaders.contains(required)) {
            return authError(u"SignatureDoesNotMatch"_s,
                u"'%1' must be a 'SignedHeader' in the AWS Authorization."_s.arg(
                    QString::fromLatin1(required == "host" ? "Host" : "X-Amz-Date")));
        }
    }
    return {};
}
} // namespace

SimAuthenticator::SimAuthenticator(const SimulatorOptions& options)
    : m_enabled(options.verifySignatures)
    , m_accountId(options.accountId)
    , m_userName(options.userName)
{
    for (const Credentials& credentials : options.credentials)
        addCredentials(credentials);
}

void SimAuthenticator::addCredentials(const Credentials& credentials)
{
    if (credentials.isValid())
        m_longTerm.insert(credentials.accessKeyId, credentials);
}

QString SimAuthenticator::randomKeyId(const QString& prefix)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    QString id = prefix;
    while (id.size() < 20)
        id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(32)]);
    return id;
}

QString SimAuthenticator::randomSecret()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    QString secret;
    for (int i = 0; i < 40; ++i)
        secret += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(64)]);
    return secret;
}

Credentials SimAuthenticator::issueTemporary(const QString& roleArn, const QString& sessionName, int durationSeconds,
    const QDateTime& simulatedNow, SimCaller* assumed)
{
    SimCaller role;
    const QString roleName = roleArn.section(u'/', -1);
    const QString roleId = u"AROA"_s + randomKeyId(QString()).left(17);
    role.arn = u"arn:aws:sts::%1:assumed-role/%2/%3"_s.arg(m_accountId, roleName, sessionName);
    role.userId = roleId + u':' + sessionName;
    const Credentials credentials = issueSession(role, durationSeconds, simulatedNow);
    if (assumed) {
        *assumed = role;
        assumed->accessKeyId = credentials.accessKeyId;
    }
    return credentials;
}

Credentials SimAuthenticator::issueSession(const SimCaller& user, int durationSeconds, const QDateTime& simulatedNow)
{
    Issued issued;
    issued.credentials.accessKeyId = randomKeyId(u"ASIA"_s);
    issued.credentials.secretAccessKey = randomSecret();
    issued.credentials.sessionToken = QString::fromLatin1(
        (u"FwoGZXIvYXdzE"_s + randomSecret() + randomSecret() + randomSecret()).toLatin1().toBase64());
    issued.credentials.expiration = simulatedNow.addSecs(durationSeconds);
    issued.caller = user;
    issued.caller.accessKeyId = issued.credentials.accessKeyId;
    m_temporary.insert(issued.credentials.accessKeyId, issued);
    return issued.credentials;
}

SimResult<SimCaller> SimAuthenticator::verify(
    const SignableRequest& request, const QDateTime& serverNow, const QDateTime& simulatedNow) const
{
    const SimResult<SigV4Authorization> auth = readAuthorization(request);
    if (!auth)
        return auth.error();
    const QByteArray amzDate = request.header("X-Amz-Date");
    const SimResult<QDateTime> signedAt = readSigningTime(amzDate);
    if (!signedAt)
        return signedAt.error();
    QString secret;
    const SimResult<SimCaller> caller = callerOf(
        QString::fromLatin1(auth->accessKeyId), request.header("X-Amz-Security-Token"), simulatedNow, &secret);
    if (!caller)
        return caller;
    if (const SimResult<void> current = checkSigningTime(*signedAt, amzDate, serverNow); !current)
        return current.error();
    if (const SimResult<void> scoped = checkScope(*auth, amzDate); !scoped)
        return scoped.error();

    const SigV4Signer signer(QString::fromLatin1(auth->region), QString::fromLatin1(auth->service));
    const QByteArray creq = SigV4Signer::canonicalRequest(request, auth->signedHeaders);
    const QByteArray expected = signer.signature(secret.toUtf8(), amzDate, signer.stringToSign(amzDate, creq));
    if (!sameBytes(expected, auth->signature.toLower()))
        return authError(u"SignatureDoesNotMatch"_s, kSignatureMismatch);
    return caller;
}

SimResult<SimCaller> SimAuthenticator::callerOf(
    const QString& keyId, const QByteArray& token, const QDateTime& simulatedNow, QString* secret) const
{
    if (auto it = m_temporary.constFind(keyId); it != m_temporary.cend()) {
        if (token.isEmpty() || !sameBytes(token, it->credentials.sessionToken.toLatin1()))
            return authError(u"InvalidClientTokenId"_s, u"The security token included in the request is invalid."_s);
        // STS sessions end on the simulated clock: advancing it past Expiration ages the session like real time would.
        if (it->credentials.expiration <= simulatedNow)
            return authError(u"ExpiredToken"_s, u"The security token included in the request is expired"_s);
        *secret = it->credentials.secretAccessKey;
        return it->caller;
    }
    if (auto lt = m_longTerm.constFind(keyId); lt != m_longTerm.cend() && token.isEmpty()) {
        *secret = lt->secretAccessKey;
        SimCaller caller;
        caller.accessKeyId = keyId;
        caller.arn = u"arn:aws:iam::%1:user/%2"_s.arg(m_accountId, m_userName);
        caller.userId = u"AIDA"_s + keyId.mid(4);
        return caller;
    }
    return authError(u"InvalidClientTokenId"_s, u"The security token included in the request is invalid."_s);
}
