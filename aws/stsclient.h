#pragma once

#include "autoscalingtypes.h"
#include "awsjob.h"
#include "credentials.h"

#include <QObject>

class QueryClient;

// AssumeRoleWithWebIdentity: a role for the bearer of an OpenID Connect token (EKS service accounts, CI systems).
struct WebIdentityRequest {
    QString roleArn;
    QString roleSessionName;
    QString webIdentityToken; // secret: never logged, never in an error message
    int durationSeconds = 3600;
};

// STS (2011-06-15, signing name "sts") over a QueryClient configured for the STS endpoint.
class StsClient : public QObject {
    Q_OBJECT
public:
    explicit StsClient(QueryClient* query, QObject* parent = nullptr);

    ResultJob<CallerIdentity>* getCallerIdentity();
    ResultJob<Credentials>* assumeRole(const AssumeRoleRequest& request);
    // The signing user's own session (long-term keys only), with an MFA device and code when both are given.
    ResultJob<Credentials>* getSessionToken(int durationSeconds, const QString& serialNumber, const QString& tokenCode);
    // Unsigned, as STS takes it: the QueryClient must be unsigned (QueryClient::setUnsigned).
    ResultJob<Credentials>* assumeRoleWithWebIdentity(const WebIdentityRequest& request);

private:
    QueryClient* m_query;
};
