#pragma once

#include "autoscalingtypes.h"
#include "awsjob.h"

#include <QObject>

class QNetworkAccessManager;
struct ResolvedCredentials;

// "Test connection" for the profile manager and `hookdesk-cli profile test`: STS GetCallerIdentity with the resolved
// credentials, answering with the account and the ARN the keys act as. Works for any profile, role or not (for a
// role the MFA prompt appears, as it would on first use).
class ProfileConnectionTest : public QObject {
    Q_OBJECT
public:
    explicit ProfileConnectionTest(QNetworkAccessManager* network, QObject* parent = nullptr);

    ResultJob<CallerIdentity>* run(const ResolvedCredentials& resolved);

private:
    QNetworkAccessManager* m_network;
};
