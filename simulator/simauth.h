#pragma once

#include "credentials.h"
#include "simengine.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <optional>

struct SignableRequest;

// Who signed a request, once the signature checked out.
struct SimCaller {
    QString accessKeyId;
    QString arn; // arn:aws:iam::<account>:user/<name> or arn:aws:sts::<account>:assumed-role/<role>/<session>
    QString userId;
};

// Verifies SigV4 on incoming requests the way the service does, with its error codes, and keeps the temporary
// credentials that AssumeRole handed out.
class SimAuthenticator {
public:
    explicit SimAuthenticator(const SimulatorOptions& options);

    void addCredentials(const Credentials& credentials);
    bool enabled() const { return m_enabled; }

    // serverNow is the (possibly skewed) wall clock in UTC that signing times are checked against; simulatedNow is
    // the simulated clock that temporary credentials expire on, so that Simulator::advance() can age a session.
    // The caller whose keys signed the request.
    SimResult<SimCaller> verify(
        const SignableRequest& request, const QDateTime& serverNow, const QDateTime& simulatedNow) const;

    // New ASIA… credentials for an assumed role, accepted until simulatedNow + durationSeconds on the simulated clock.
    Credentials issueTemporary(const QString& roleArn, const QString& sessionName, int durationSeconds,
        const QDateTime& simulatedNow, SimCaller* assumed);

    // New ASIA… credentials that act as `user` itself (GetSessionToken), on the same simulated clock.
    Credentials issueSession(const SimCaller& user, int durationSeconds, const QDateTime& simulatedNow);

    static QString randomKeyId(const QString& prefix);
    static QString randomSecret();

private:
    // The caller whose key `keyId` signed, and in `secret` that key's secret. A temporary key needs its session
    // token and must not have expired on the simulated clock; a long-term key is used without a token.
    SimResult<SimCaller> callerOf(
        const QString& keyId, const QByteArray& token, const QDateTime& simulatedNow, QString* secret) const;

    struct Issued {
        Credentials credentials;
        SimCaller caller;
    };
    bool m_enabled = true;
    QString m_accountId;
    QString m_userName;
    QHash<QString, Credentials> m_longTerm;
    QHash<QString, Issued> m_temporary;
};
