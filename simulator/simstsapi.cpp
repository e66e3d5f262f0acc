// STS (2011-06-15) operations of the Query front: GetCallerIdentity, AssumeRole (with MFA), GetSessionToken (a
// user's own MFA session) and AssumeRoleWithWebIdentity (unsigned; a JWT-shaped token), enough for the credential
// flows Hookdesk supports.
#include "simqueryapi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using SimApiDetail::fail;

namespace {
SimError constraint(const QString& value, const QString& member, const QString& what)
{
    return SimError::validation(
        u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: Member must %3"_s.arg(
            value, member, what));
}
// DurationSeconds, `fallback` when absent; outside 900..`max` the service's constraint error.
SimResult<int> durationSeconds(const SimParams& p, int fallback, int max)
{
    const SimResult<std::optional<int>> seconds = p.integer(u"DurationSeconds"_s);
    if (!seconds)
        return seconds.error();
    const int value = seconds->value_or(fallback);
    if (value < 900)
        return constraint(QString::number(value), u"durationSeconds"_s, u"have value greater than or equal to 900"_s);
    if (value > max)
        return constraint(
            QString::number(value), u"durationSeconds"_s, u"have value less than or equal to %1"_s.arg(max));
    return value;
}

// RoleArn, RoleSessionName and DurationSeconds of AssumeRole and AssumeRoleWithWebIdentity, checked as STS does;
// the duration when they pass.
SimResult<int> roleRequestDuration(const SimParams& p)
{
    const QString roleArn = p.value(u"RoleArn"_s);
    const QString session = p.value(u"RoleSessionName"_s);
    if (roleArn.size() < 20)
        return constraint(roleArn, u"roleArn"_s, u"have length greater than or equal to 20"_s);
    static const QRegularExpression sessionPattern(u"^[\\w+=,.@-]*$"_s);
    if (session.size() < 2 || session.size() > 64)
        return constraint(session, u"roleSessionName"_s, u"have length greater than or equal to 2"_s);
    if (!sessionPattern.match(session).hasMatch())
        return constraint(session, u"roleSessionName"_s, u"satisfy regular expression pattern: [\\w+=,.@-]*"_s);
    static const QRegularExpression rolePattern(u"^arn:aws[\\w-]*:iam::\\d{12}:role/.+$"_s);
    if (!rolePattern.match(roleArn).hasMatch())
        return SimError::validation(u"%1 is invalid"_s.arg(roleArn));
    return durationSeconds(p, 3600, 43200);
}

void writeCredentials(QXmlStreamWriter& w, const Credentials& credentials)
{
    w.writeStartElement(u"Credentials"_s);
    w.writeTextElement(u"AccessKeyId"_s, credentials.accessKeyId);
    w.writeTextElement(u"SecretAccessKey"_s, credentials.secretAccessKey);
    w.writeTextElement(u"SessionToken"_s, credentials.sessionToken);
    w.writeTextElement(u"Expiration"_s, credentials.expiration.toUTC().toString(Qt::ISODate));
    w.writeEndElement();
}
} // namespace

SimQueryApi::Answer SimQueryApi::dispatchSts(const QString& action, const SimParams& params, const SimCaller& caller)
{
    if (action == u"GetCallerIdentity")
        return getCallerIdentity(caller);
    if (action == u"AssumeRole") {
        Answer answer = assumeRole(params);
        if (!answer && answer.error().code == u"AccessDenied") {
            SimError denied = answer.error();
            denied.message = u"User: %1 is not authorized to perform: sts:AssumeRole on resource: %2"_s.arg(
                caller.arn, params.value(u"RoleArn"_s));
            return denied;
        }
        return answer;
    }
    if (action == u"GetSessionToken")
        return getSessionToken(params, caller);
    if (action == u"AssumeRoleWithWebIdentity")
        return assumeRoleWithWebIdentity(params);
    return fail({ u"InvalidAction"_s, u"Could not find operation %1 for version 2011-06-15"_s.arg(action) });
}

SimQueryApi::Answer SimQueryApi::getCallerIdentity(const SimCaller& caller)
{
    // The caller's own account: role credentials from the Identity Center portal may belong to another one.
    QString account = caller.arn.section(u':', 4, 4);
    if (account.isEmpty())
        account = m_options.accountId;
    Reply answer;
    answer.result = [caller, account](QXmlStreamWriter& w) {
        w.writeTextElement(u"Arn"_s, caller.arn);
        w.writeTextElement(u"UserId"_s, caller.userId);
        w.writeTextElement(u"Account"_s, account);
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::assumeRole(const SimParams& p)
{
    if (auto required = p.require({ u"RoleArn"_s, u"RoleSessionName"_s }); !required)
        return required.error();
    const QString roleArn = p.value(u"RoleArn"_s);
    const QString session = p.value(u"RoleSessionName"_s);
    const SimResult<int> duration = roleRequestDuration(p);
    if (!duration)
        return fail(duration.error());

    const QString tokenCode = p.value(u"TokenCode"_s);
    if (p.has(u"TokenCode"_s)) {
        static const QRegularExpression digits(u"^\\d{6}$"_s);
        if (!digits.match(tokenCode).hasMatch())
            return fail(constraint(tokenCode, u"tokenCode"_s, u"satisfy regular expression pattern: [\\d]*"_s));
    }
    const bool needsMfa = m_options.rolesRequiringMfa.contains(roleArn) || m_options.rolesRequiringMfa.contains(u"*"_s);
    if (needsMfa && (p.value(u"SerialNumber"_s).isEmpty() || tokenCode != m_options.mfaCode)) {
        // The service does not say which part was wrong; the message is filled in by dispatchSts.
        return fail({ u"AccessDenied"_s, QString(), 403 });
    }

    SimCaller assumed;
    const Credentials credentials = m_auth.issueTemporary(roleArn, session, *duration, m_engine.now(), &assumed);
    Reply answer;
    answer.result = [credentials, assumed](QXmlStreamWriter& w) {
        w.writeStartElement(u"AssumedRoleUser"_s);
        w.writeTextElement(u"AssumedRoleId"_s, assumed.userId);
        w.writeTextElement(u"Arn"_s, assumed.arn);
        w.writeEndElement();
        writeCredentials(w, credentials);
    };
    return answer;
}

SimQueryApi::Answer SimQueryApi::getSessionToken(const SimParams& p, const SimCaller& caller)
{
    // The service's own refusal: a session cannot make another session.
    if (caller.accessKeyId.startsWith(u"ASIA"_s))
        return fail({ u"AccessDenied"_s, u"Cannot call GetSessionToken with session credentials"_s, 403 });
    const SimResult<int> duration = durationSeconds(p, 43200, 129600);
    if (!duration)
        return fail(duration.error());
    if (p.has(u"SerialNumber"_s) || p.has(u"TokenCode"_s)) {
        if (p.value(u"SerialNumber"_s).isEmpty() || p.value(u"TokenCode"_s) != m_options.mfaCode)
            return fail({ u"AccessDenied"_s,
                u"MultiFactorAuthentication failed with invalid MFA one time pass code. "_s, 403 });
    }
    const Credentials credentials = m_auth.issueSession(caller, *duration, m_engine.now());
    Reply answer;
    answer.result = [credentials](QXmlStreamWriter& w) { writeCredentials(w, credentials); };
    return answer;
}

namespace {
// The claims of a JWT-shaped token (three base64url parts), or nullopt when it is not one. The simulator trusts any
// signature: it checks the shape and the expiry, which is what a client's handling depends on.
std::optional<QJsonObject> webIdentityClaims(const QString& token)
{
    static const QRegularExpression jwt(u"^[A-Za-z0-9_-]+\\.([A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]+$"_s);
    const QRegularExpressionMatch match = jwt.match(token);
    if (!match.hasMatch())
        return std::nullopt;
    const QByteArray payload = QByteArray::fromBase64(
        match.captured(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonDocument document = QJsonDocument::fromJson(payload);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}
} // namespace

SimQueryApi::Answer SimQueryApi::assumeRoleWithWebIdentity(const SimParams& p)
{
    if (auto required = p.require({ u"RoleArn"_s, u"RoleSessionName"_s, u"WebIdentityToken"_s }); !required)
        return required.error();
    const QString roleArn = p.value(u"RoleArn"_s);
    const QString session = p.value(u"RoleSessionName"_s);
    const SimResult<int> duration = roleRequestDuration(p);
    if (!duration)
        return fail(duration.error());
    const std::optional<QJsonObject> claims = webIdentityClaims(p.value(u"WebIdentityToken"_s));
    if (!claims)
        return fail({ u"InvalidIdentityToken"_s,
            u"Couldn't retrieve verification key from your identity provider,  please reference "
            "AssumeRoleWithWebIdentity documentation for requirements"_s,
            400 });
    const qint64 exp = qint64(claims->value(u"exp"_s).toDouble());
    if (claims->value(u"expired"_s).toBool() || (exp > 0 && exp <= m_engine.now().toSecsSinceEpoch()))
        return fail({ u"ExpiredTokenException"_s,
            u"Token expired: current date/time must be before the expiration date/time"_s, 400 });

    SimCaller assumed;
    const Credentials credentials = m_auth.issueTemporary(roleArn, session, *duration, m_engine.now(), &assumed);
    const QString subject = claims->value(u"sub"_s).toString(u"system:serviceaccount:default:hookdesk"_s);
    const QString provider = claims->value(u"iss"_s).toString(u"https://oidc.example.com"_s);
    const QString audience = claims->value(u"aud"_s).toString(u"sts.amazonaws.com"_s);
    Reply answer;
    answer.result = [credentials, assumed, subject, provider, audience](QXmlStreamWriter& w) {
        writeCredentials(w, credentials);
        w.writeTextElement(u"SubjectFromWebIdentityToken"_s, subject);
        w.writeStartElement(u"AssumedRoleUser"_s);
        w.writeTextElement(u"AssumedRoleId"_s, assumed.userId);
        w.writeTextElement(u"Arn"_s, assumed.arn);
        w.writeEndElement();
        w.writeTextElement(u"Provider"_s, QUrl(provider).host().isEmpty() ? provider : QUrl(provider).host());
        w.writeTextElement(u"Audience"_s, audience);
    };
    return answer;
}
