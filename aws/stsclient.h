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

private:
    QueryClient* m_query;
};
