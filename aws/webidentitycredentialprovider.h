#pragma once

#include "credentialprovider.h"
#include "queryclient.h"

#include <QDateTime>
#include <QList>
#include <functional>

class QNetworkAccessManager;
class StsClient;

// Credentials of a role for the bearer of an OpenID Connect token in a file (web_identity_token_file, or
// AWS_WEB_IDENTITY_TOKEN_FILE as EKS and CI runners set it), from STS AssumeRoleWithWebIdentity — unsigned, as STS
// takes it. The file is read again at every refresh because its issuer renews it in place; a missing, empty or
// oversized (> MaxTokenFileSize) file is an error naming the file, never quoting it. The token is held only for
// the call: never logged, never in an error, never cached. Credentials are kept in memory until RefreshMarginSeconds
// before they expire; concurrent fetches share one call.
class WebIdentityCredentialProvider : public CredentialProvider {
    Q_OBJECT
public:
    static constexpr int RefreshMarginSeconds = 5 * 60;
    static constexpr qint64 MaxTokenFileSize = qint64(16) * 1024;

    // An empty `roleSessionName` becomes "hookdesk-<epoch seconds>", as the SDKs name theirs.
    WebIdentityCredentialProvider(QString tokenFile, QString roleArn, QString roleSessionName,
        const ServiceEndpoint& sts, QNetworkAccessManager* network, QObject* parent = nullptr);
    ~WebIdentityCredentialProvider() override;

    void fetchCredentials(const Callback& done) override;
    void invalidate() override;

    // The token in `path`, trimmed; empty with a translated reason in `error` when it cannot be used.
    static QString readTokenFile(const QString& path, QString* error);

    QString roleSessionName() const { return m_sessionName; }
    QString tokenFile() const { return m_tokenFile; }
    // For tests that need "later" without waiting an hour.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    int calls() const { return m_calls; }

private:
    void start();
    void finishAll(const Credentials& credentials, const AwsError& error);

    QString m_tokenFile;
    QString m_roleArn;
    QString m_sessionName;
    QueryClient* m_query;
    StsClient* m_sts;
    Credentials m_cached;
    QList<Callback> m_waiting;
    bool m_inFlight = false;
    int m_calls = 0;
    std::function<QDateTime()> m_now;
};
