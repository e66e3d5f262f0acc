#pragma once

#include "cliarguments.h"
#include "cliexitcode.h"
#include "cliio.h"
#include "cliprompt.h"
#include "credentialchain.h"
#include "networksetup.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <functional>

class AuditLog;
class AwsSession;
class CliTable;
class Connection;
class CredentialProvider;
class MfaPrompter;
class ProfileStore;
class QJsonObject;
class QNetworkAccessManager;
class SecretStore;
struct AwsError;

// What a running command shares with the runner: where to print, how to prompt, the global options, and the
// connection (AwsSession) built from them. Tests inject the environment, the keychain and the audit log path.
class CliContext : public QObject {
    Q_OBJECT
public:
    CliContext(const CliIo& io, CliGlobalOptions options, QObject* parent = nullptr);
    ~CliContext() override;

    const CliIo& io() const { return m_io; }
    QTextStream& out() const { return *m_io.out; }
    QTextStream& err() const { return *m_io.err; }
    CliPrompt& prompt() { return m_prompt; }
    const CliGlobalOptions& options() const { return m_options; }
    bool json() const { return m_options.json; }
    // `profile test NAME` opens its session with NAME, whatever --profile said.
    void useProfile(const QString& name) { m_options.profiles = QStringList { name }; }

    // Injection points (defaults: the process environment, the OS keychain, the shared audit log).
    void setEnvironment(const QProcessEnvironment& environment) { m_environment = environment; }
    const QProcessEnvironment& environment() const { return m_environment; }
    void setSecretStore(SecretStore* store) { m_secretStore = store; }
    SecretStore* secretStore();
    // The store if this run has used one, without opening the keychain for it.
    SecretStore* openSecretStore() const { return m_secretStore; }
    void setAuditLogPath(const QString& path) { m_auditLogPath = path; }
    AuditLog* auditLog();
    void setProfileSettingsPath(const QString& path) { m_profileSettingsPath = path; }
    ProfileStore* profileStore();
    QNetworkAccessManager* network();
    // The proxy and extra CA bundle the manager uses (Network preferences, else HTTPS_PROXY/NO_PROXY…), for
    // `whoami` and --verbose; never a password.
    const NetworkSetup& networkSetup();
    // Asks for MFA codes when a profile's role needs one (terminal prompt, or a line of standard input).
    MfaPrompter* mfaPrompter();

    // Resolves --profile/--region/--endpoint-url, the environment and saved profiles into a session, then calls
    // `done` with it (owned by the context) or with the error that prevented it. Asynchronous: the keychain may
    // have to answer first.
    using SessionCallback = std::function<void(AwsSession* session, const AwsError& error)>;
    void openSession(const SessionCallback& done);
    // What the session belongs to: its inventory, action controller and heartbeat feed (models/Connection).
    // Null until openSession() succeeded.
    Connection* connection() const { return m_connection; }
    // A connection of its own for `profile` (empty: AWS_PROFILE, else the environment's keys) in `region` (empty:
    // the profile's, else AWS_REGION), owned by the context; for commands over several connections (CliFleet).
    using ConnectionCallback = std::function<void(Connection* connection, const AwsError& error)>;
    void openConnection(const QString& profile, const QString& region, const ConnectionCallback& done);

    // Output. JSON is one indented document with sorted keys (stable for diffs and scripts). Every plain-text
    // function (and the table) escapes control and bidi characters (CliFormat::terminalSafe), so text from AWS or
    // a file cannot drive the terminal: commands print through these, never to out()/err() directly.
    void printJson(const QJsonObject& document) const;
    // One document on one line (JSON Lines), for output that repeats (`pending --watch`).
    void printJsonLine(const QJsonObject& document) const;
    void printTable(const CliTable& table) const;
    void printError(const AwsError& error) const;
    void printError(const AwsError& error, int exitCode) const;
    void printUsageError(const QString& message) const;
    void printNote(const QString& message) const; // stderr, e.g. "No instance is waiting."
    void printLine(const QString& line) const; // stdout, a result line ("Imported 2 profiles.")

private:
    // `endpoint`: --endpoint-url, for every service; else the resolved per-service endpoints.
    void createConnection(const ResolvedCredentials& resolved, const QString& region, const QString& endpoint,
        const ConnectionCallback& done);

    CliIo m_io;
    CliGlobalOptions m_options;
    CliPrompt m_prompt;
    QProcessEnvironment m_environment;
    SecretStore* m_secretStore = nullptr;
    QString m_auditLogPath;
    AuditLog* m_auditLog = nullptr;
    QString m_profileSettingsPath;
    ProfileStore* m_profileStore = nullptr;
    QNetworkAccessManager* m_network = nullptr;
    NetworkSetup m_networkSetup;
    bool m_proxyPasswordsRead = false; // the keychain's proxy passwords, read once before the first connection
    MfaPrompter* m_mfaPrompter = nullptr;
    Connection* m_connection = nullptr;
    AwsSession* m_session = nullptr; // the connection's
    QList<Connection*> m_connections; // every connection opened, m_connection included
    QHash<QString, ResolvedCredentials> m_resolved; // per profile named: resolved once, shared by its regions
};
