#include "stsclient.h"

#include "clientjobs.h"
#include "queryencoder.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace ClientJobs;

namespace {

// The MFA device and code of AssumeRole and GetSessionToken (sts-2011-06-15.json: serialNumberType, tokenCodeType).
QString mfaError(const QString& serialNumber, const QString& tokenCode)
{
    if (serialNumber.isEmpty() != tokenCode.isEmpty())
        return QCoreApplication::translate("StsClient", "An MFA device needs a code, and a code needs the MFA device.");
    static const QRegularExpression serial(u"^[\\w+=/:,.@-]{9,256}$"_s);
    if (!serialNumber.isEmpty() && !serial.match(serialNumber).hasMatch())
        return QCoreApplication::translate(
            "StsClient", "The MFA device is its ARN or serial number (9 to 256 characters).");
    static const QRegularExpression code(u"^\\d{6}$"_s);
    if (!tokenCode.isEmpty() && !code.match(tokenCode).hasMatch())
        return QCoreApplication::translate("StsClient", "The MFA code has exactly 6 digits.");
    return {};
}

// Limits of the STS model (sts-2011-06-15.json, AssumeRoleRequest).
QString assumeRoleError(const AssumeRoleRequest& request)
{
    if (request.roleArn.size() < 20 || request.roleArn.size() > 2048 || !request.roleArn.startsWith(u"arn:"_s))
        return QCoreApplication::translate("StsClient", "Enter the role ARN (arn:aws:iam::<account>:role/<name>).");
    static const QRegularExpression sessionName(u"^[\\w+=,.@-]{2,64}$"_s);
    if (!sessionName.match(request.roleSessionName).hasMatch())
        return QCoreApplication::translate(
            "StsClient", "The session name has 2 to 64 characters: letters, digits and + = , . @ - _.");
    if (request.durationSeconds < 900 || request.durationSeconds > 43200)
        return QCoreApplication::translate(
            "StsClient", "The session duration must be between 900 seconds (15 minutes) and 43200 seconds (12 hours).");
    static const QRegularExpression externalId(u"^[\\w+=,.@:/-]{2,1224}$"_s);
    if (!request.externalId.isEmpty() && !externalId.match(request.externalId).hasMatch())
        return QCoreApplication::translate(
            "StsClient", "The external ID has 2 to 1224 characters: letters, digits and + = , . @ : / - _.");
    return mfaError(request.serialNumber, request.tokenCode);
}

} // namespace

StsClient::StsClient(QueryClient* query, QObject* parent)
    : QObject(parent)
    , m_query(query)
{
}

ResultJob<CallerIdentity>* StsClient::getCallerIdentity()
{
    return single<CallerIdentity>(
        m_query, u"GetCallerIdentity"_s, {}, [](const QByteArray& body) { return StsXml::getCallerIdentity(body); });
}

ResultJob<Credentials>* StsClient::assumeRole(const AssumeRoleRequest& request)
{
    if (const QString error = assumeRoleError(request); !error.isEmpty())
        return failed<Credentials>(AwsError::validation(error));
    QueryParameters parameters { { u"RoleArn"_s, request.roleArn }, { u"RoleSessionName"_s, request.roleSessionName },
        { u"DurationSeconds"_s, QString::number(request.durationSeconds) } };
    QueryEncoder::addOptional(parameters, u"ExternalId"_s, request.externalId);
    QueryEncoder::addOptional(parameters, u"SerialNumber"_s, request.serialNumber);
    QueryEncoder::addOptional(parameters, u"TokenCode"_s, request.tokenCode);
    return single<Credentials>(
        m_query, u"AssumeRole"_s, parameters, [](const QByteArray& body) { return StsXml::assumeRole(body); });
}

ResultJob<Credentials>* StsClient::getSessionToken(
    int durationSeconds, const QString& serialNumber, const QString& tokenCode)
{
    QString error = mfaError(serialNumber, tokenCode);
    if (error.isEmpty() && (durationSeconds < 900 || durationSeconds > 129600))
        error = QCoreApplication::translate(
            "StsClient", "A session token lasts between 900 seconds (15 minutes) and 129600 seconds (36 hours).");
    if (!error.isEmpty())
        return failed<Credentials>(AwsError::validation(error));
    QueryParameters parameters { { u"DurationSeconds"_s, QString::number(durationSeconds) } };
    QueryEncoder::addOptional(parameters, u"SerialNumber"_s, serialNumber);
    QueryEncoder::addOptional(parameters, u"TokenCode"_s, tokenCode);
    return single<Credentials>(m_query, u"GetSessionToken"_s, parameters,
        [](const QByteArray& body) { return StsXml::getSessionToken(body); });
}

ResultJob<Credentials>* StsClient::assumeRoleWithWebIdentity(const WebIdentityRequest& request)
{
    // The role and session name follow AssumeRole's limits; the token is 4 to 20000 characters
    // (sts-2011-06-15.json, clientTokenType).
    AssumeRoleRequest shape;
    shape.roleArn = request.roleArn;
    shape.roleSessionName = request.roleSessionName;
    shape.durationSeconds = request.durationSeconds;
    QString error = assumeRoleError(shape);
    if (error.isEmpty() && (request.webIdentityToken.size() < 4 || request.webIdentityToken.size() > 20000))
        error = QCoreApplication::translate("StsClient", "The web identity token must have 4 to 20000 characters.");
    if (!error.isEmpty())
        return failed<Credentials>(AwsError::validation(error));
    const QueryParameters parameters { { u"RoleArn"_s, request.roleArn },
        { u"RoleSessionName"_s, request.roleSessionName }, { u"WebIdentityToken"_s, request.webIdentityToken },
        { u"DurationSeconds"_s, QString::number(request.durationSeconds) } };
    return single<Credentials>(m_query, u"AssumeRoleWithWebIdentity"_s, parameters,
        [](const QByteArray& body) { return StsXml::temporaryCredentials(body, 200, "AssumeRoleWithWebIdentity"_L1); });
}
