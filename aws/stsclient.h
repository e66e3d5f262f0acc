#pragma once

#include "autoscalingtypes.h"
#include "awsjob.h"
#include "credentials.h"

#include <QObject>

class QueryClient;

// STS (2011-06-15, signing name "sts") over a QueryClient configured for the STS endpoint.
class StsClient : public QObject {
    Q_OBJECT
public:
    explicit StsClient(QueryClient* query, QObject* parent = nullptr);

    ResultJob<CallerIdentity>* getCallerIdentity();
    ResultJob<Credentials>* assumeRole(const AssumeRoleRequest& request);
    // The signing user's own session (long-term keys only), with an MFA device and code when both are given.
    ResultJob<Credentials>* getSessionToken(int durationSeconds, const QString& serialNumber, const QString& tokenCode);

private:
    QueryClient* m_query;
};
