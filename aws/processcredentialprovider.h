#pragma once

#include "credentialprovider.h"

#include <QList>
#include <QString>

class QProcess;

// credential_process (AWS CLI config): a program that prints temporary or long-term keys as JSON on its standard
// output — {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"} — the way `aws` and the
// SDKs run it. The program is run when credentials are first needed and again five minutes before the Expiration it
// gave (never when it gave none); its run time and output are bounded, and a failure is reported with its exit code
// and the start of its standard error. What it prints is held in memory only, never written anywhere.
class ProcessCredentialProvider : public CredentialProvider {
    Q_OBJECT
public:
    ProcessCredentialProvider(QString profileName, QString commandLine, QObject* parent = nullptr);
    ~ProcessCredentialProvider() override;

    void fetchCredentials(const Callback& done) override;
    void invalidate() override;
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }

    // Reads the program's output: the credentials, or an error that never quotes the output (it holds a secret).
    static Credentials parse(const QByteArray& output, QString* error);

private:
    void run();
    void finished();
    void fail(const QString& message);
    void answer(const Credentials& credentials, const AwsError& error);

    QString m_profile;
    QString m_commandLine;
    int m_timeoutMs = 60000;
    QProcess* m_process = nullptr;
    Credentials m_cached;
    QList<Callback> m_waiting;
};
