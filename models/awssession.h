#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"
#include "endpointoverrides.h"

#include <QObject>
#include <QString>
#include <QUrl>

class AutoScalingClient;
class CredentialProvider;
class QNetworkAccessManager;
class QueryClient;
class StsClient;

// Where and as whom to talk to AWS, already resolved from a profile / the environment / the command line.
struct ConnectionSettings {
    QString profileName; // shown in the title bar and written to audit records; may be empty (environment)
    QString region; // e.g. "eu-west-1"; required
    QUrl endpointUrl; // override for every service (--endpoint-url, simulator, moto); wins over `endpoints`
    EndpointOverrides endpoints; // per service, as the profile and environment configure them; none: AWS
    bool fips = false; // FIPS endpoints where the partition offers them
    bool readOnly = false;
    // The longest a call may take, retries included, however slowly a server trickles (QueryClient::setDeadline).
    // The window reads it from QSettings "connection/requestTimeoutSeconds" (File > Request timeout…); the CLI from
    // --timeout.
    int deadlineSeconds = 60;
};

// One resolved connection: the Auto Scaling and STS clients built over the one injected QNetworkAccessManager,
// plus what the UI shows about it (profile, account, region, read-only). The GUI and the CLI each build one per
// profile/region choice; everything in models/ takes it instead of loose clients.
class AwsSession : public QObject {
    Q_OBJECT
public:
    // `network` and `credentials` are not owned and must outlive the session.
    AwsSession(QNetworkAccessManager* network, CredentialProvider* credentials, ConnectionSettings settings,
        QObject* parent = nullptr);
    ~AwsSession() override;

    // The region's endpoint for "autoscaling" or "sts" (EndpointResolver: partitions, .com.cn for China).
    static QUrl defaultEndpoint(const QString& service, const QString& region);
    // Why the endpoints could not be resolved (unknown region, an override that is plain http to a non-loopback
    // host…), translated; empty when they were. Calls made anyway fail with this reason.
    QString endpointError() const { return m_endpointError; }

    const ConnectionSettings& settings() const { return m_settings; }
    QString profileName() const { return m_settings.profileName; }
    QString region() const { return m_settings.region; }
    QUrl autoScalingEndpoint() const;
    QUrl stsEndpoint() const;

    AutoScalingClient* autoScaling() const { return m_autoScaling; }
    StsClient* sts() const { return m_sts; }
    QueryClient* autoScalingQuery() const { return m_autoScalingQuery; }
    QueryClient* stsQuery() const { return m_stsQuery; }
    CredentialProvider* credentialProvider() const { return m_credentials; }

    // Applies to every call that starts afterwards (one already running keeps the deadline it started with).
    void setDeadlineSeconds(int seconds);

    // Read-only: every mutating action is refused by ActionController before anything is sent.
    bool isReadOnly() const { return m_settings.readOnly; }
    void setReadOnly(bool readOnly);

    // Account and ARN from STS GetCallerIdentity, filled by fetchIdentity(); empty until then.
    QString account() const { return m_identity.account; }
    CallerIdentity identity() const { return m_identity; }
    bool hasIdentity() const { return !m_identity.account.isEmpty(); }
    // Calls GetCallerIdentity once at a time; identityChanged() or identityFailed() follows.
    void fetchIdentity();

    // Requests sent so far over both clients (status bar: "3 requests").
    int requestCount() const;

Q_SIGNALS:
    void readOnlyChanged(bool readOnly);
    void identityChanged(const CallerIdentity& identity);
    void identityFailed(const AwsError& error);
    void requestSent(const QString& action);
    // An Auto Scaling call was throttled; the refresh controller backs off.
    void throttled();

private:
    ConnectionSettings m_settings;
    CredentialProvider* m_credentials;
    QueryClient* m_autoScalingQuery = nullptr;
    QueryClient* m_stsQuery = nullptr;
    AutoScalingClient* m_autoScaling = nullptr;
    StsClient* m_sts = nullptr;
    CallerIdentity m_identity;
    QString m_endpointError;
    bool m_fetchingIdentity = false;
};
