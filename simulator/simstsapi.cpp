// STS (2011-06-15) operations of the Query front: GetCallerIdentity and AssumeRole (with MFA), enough for the
// credential flows Hookdesk supports.
#include "simqueryapi.h"

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
    return fail({ u"InvalidAction"_s, u"Could not find operation %1 for version 2011-06-15"_s.arg(action) });
}

SimQueryApi::Answer SimQueryApi::getCallerIdentity(const SimCaller& caller)
{
    const QString account = m_options.accountId;
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
    if (roleArn.size() < 20)
        return fail(constraint(roleArn, u"roleArn"_s, u"have length greater than or equal to 20"_s));
    static const QRegularExpression sessionPattern(u"^[\\w+=,.@-]*$"_s);
    if (session.size() < 2 || session.size() > 64)
        return fail(constraint(session, u"roleSessionName"_s, u"have length greater than or equal to 2"_s));
    if (!sessionPattern.match(session).hasMatch())
        return fail(constraint(session, u"roleSessionName"_s, u"satisfy regular expression pattern: [\\w+=,.@-]*"_s));
    static const QRegularExpression rolePattern(u"^arn:aws[\\w-]*:iam::\\d{12}:role/.+$"_s);
    if (!rolePattern.match(roleArn).hasMatch())
        return fail(SimError::validation(u"%1 is invalid"_s.arg(roleArn)));
    const SimResult<std::optional<int>> durationSeconds = p.integer(u"DurationSeconds"_s);
    if (!durationSeconds)
        return durationSeconds.error();
    const int duration = durationSeconds->value_or(3600);
    if (duration < 900)
        return fail(
            constraint(QString::number(duration), u"durationSeconds"_s, u"have value greater than or equal to 900"_s));
    if (duration > 43200)
        return fail(
            constraint(QString::number(duration), u"durationSeconds"_s, u"have value less than or equal to 43200"_s));

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
    const Credentials credentials = m_auth.issueTemporary(roleArn, session, duration, m_engine.now(), &assumed);
    Reply answer;
    answer.result = [credentials, assumed](QXmlStreamWriter& w) {
        w.writeStartElement(u"AssumedRoleUser"_s);
        w.writeTextElement(u"AssumedRoleId"_s, assumed.userId);
        w.writeTextElement(u"Arn"_s, assumed.arn);
        w.writeEndElement();
        w.writeStartElement(u"Credentials"_s);
        w.writeTextElement(u"AccessKeyId"_s, credentials.accessKeyId);
        w.writeTextElement(u"SecretAccessKey"_s, credentials.secretAccessKey);
        w.writeTextElement(u"SessionToken"_s, credentials.sessionToken);
        w.writeTextElement(u"Expiration"_s, credentials.expiration.toUTC().toString(Qt::ISODate));
        w.writeEndElement();
    };
    return answer;
}
