#include "clicontext.h"

#include "auditlog.h"
#include "awserror.h"
#include "awssession.h"
#include "cabundle.h"
#include "cliformat.h"
#include "clijson.h"
#include "climfaprompter.h"
#include "cliproxyprompter.h"
#include "clitable.h"
#include "connection.h"
#include "credentialchain.h"
#include "credentialprovider.h"
#include "profilestore.h"
#include "proxyauthenticator.h"
#include "secretstore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

CliContext::CliContext(const CliIo& io, CliGlobalOptions options, QObject* parent)
    : QObject(parent)
    , m_io(io)
    , m_options(std::move(options))
    , m_prompt(io)
    , m_environment(QProcessEnvironment::systemEnvironment())
{
}

CliContext::~CliContext()
{
    // First: settling their actions writes outcome records to the audit log, a child created before them.
    qDeleteAll(m_connections);
}

SecretStore* CliContext::secretStore()
{
    if (!m_secretStore)
        m_secretStore = new KeychainSecretStore(this);
    return m_secretStore;
}

AuditLog* CliContext::auditLog()
{
    if (!m_auditLog)
        m_auditLog = m_auditLogPath.isEmpty() ? new AuditLog(this) : new AuditLog(m_auditLogPath, this);
    return m_auditLog;
}

ProfileStore* CliContext::profileStore()
{
    if (!m_profileStore) {
        m_profileStore = m_profileSettingsPath.isEmpty() ? new ProfileStore(secretStore(), this)
                                                         : new ProfileStore(secretStore(), m_profileSettingsPath, this);
    }
    return m_profileStore;
}

QNetworkAccessManager* CliContext::network()
{
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_networkSetup = NetworkSetup::install(m_network, NetworkPreferences::load(), m_environment);
        m_networkSetup.authenticator->setAsker(CliProxyPrompter::make(this));
        m_networkSetup.authenticator->setSecretStore([this] { return secretStore(); });
        for (const QString& problem : std::as_const(m_networkSetup.problems))
            printNote(tr("warning: %1").arg(problem));
    }
    return m_network;
}

const NetworkSetup& CliContext::networkSetup()
{
    network();
    return m_networkSetup;
}

void CliContext::openSession(const SessionCallback& done)
{
    if (m_session) {
        done(m_session, {});
        return;
    }
    openConnection(
        m_options.profile(), m_options.region(), [this, done](Connection* connection, const AwsError& error) {
            if (connection) {
                m_connection = connection;
                m_session = connection->session();
            }
            done(m_session, error);
        });
}

void CliContext::openConnection(const QString& profile, const QString& region, const ConnectionCallback& done)
{
    // A proxy's kept password is read ahead: Qt wants it synchronously when the proxy asks.
    if (!m_proxyPasswordsRead) {
        m_proxyPasswordsRead = true;
        networkSetup().authenticator->loadSaved(
            m_networkSetup.proxyHostPorts(), [this, profile, region, done] { openConnection(profile, region, done); });
        return;
    }
    // --region stands in for AWS_REGION, so environment keys work with it alone, as with the AWS CLI.
    QProcessEnvironment environment = m_environment;
    if (!region.isEmpty())
        environment.insert(u"AWS_REGION"_s, region);
    // Extra certificate authorities before the first connection (sign-in included), as the SDKs read them.
    if (const QString bundle = environment.value(u"AWS_CA_BUNDLE"_s); !bundle.isEmpty()) {
        QString problem;
        if (!CaBundle::trust(bundle, &problem)) {
            done(nullptr, AwsError::validation(problem));
            return;
        }
    }
    // One sign-in per profile: another region of the same profile signs with the same credentials, so a role is
    // assumed, and its MFA code asked for, once per run rather than once per region.
    if (!m_resolved.contains(profile)) {
        auto* chain = new CredentialChain(profileStore(), network(), mfaPrompter(), this);
        chain->setEnvironment(environment);
        const CredentialChain::Outcome outcome = chain->resolve(profile, this);
        if (!outcome.ok()) {
            done(nullptr, outcome.error);
            return;
        }
        m_resolved.insert(profile, outcome.resolved);
    }
    const ResolvedCredentials resolved = m_resolved.value(profile);
    const QString effectiveRegion = region.isEmpty() ? resolved.region : region;
    if (m_options.verbose) {
        printNote(tr("Credentials: %1").arg(resolved.description()));
        if (!resolved.endpoints.isEmpty() && m_options.endpointUrl.isEmpty())
            printNote(tr("Endpoints: %1").arg(resolved.endpoints.describe()));
    }
    createConnection(resolved, effectiveRegion, m_options.endpointUrl, done);
}

MfaPrompter* CliContext::mfaPrompter()
{
    if (!m_mfaPrompter)
        m_mfaPrompter = new CliMfaPrompter(this);
    return m_mfaPrompter;
}

void CliContext::createConnection(
    const ResolvedCredentials& resolved, const QString& region, const QString& endpoint, const ConnectionCallback& done)
{
    if (region.isEmpty()) {
        done(nullptr, AwsError::validation(tr("no region: use --region, the profile's region or AWS_REGION")));
        return;
    }
    ConnectionSettings settings;
    settings.profileName = resolved.profileName;
    settings.region = region;
    settings.endpoints = resolved.endpoints; // --endpoint-url (settings.endpointUrl) wins over these
    settings.deadlineSeconds = m_options.timeoutSeconds;
    settings.readOnly = m_options.readOnly;
    if (!endpoint.isEmpty()) {
        settings.endpointUrl = QUrl(endpoint, QUrl::StrictMode);
        if (!settings.endpointUrl.isValid() || settings.endpointUrl.scheme().isEmpty()
            || settings.endpointUrl.host().isEmpty()) {
            done(nullptr, AwsError::validation(tr("--endpoint-url '%1' is not a URL like https://host").arg(endpoint)));
            return;
        }
    }
    auto* connection = new Connection(network(), resolved.provider, settings, auditLog(), this);
    if (const QString problem = connection->session()->endpointError(); !problem.isEmpty()) {
        // The resolver's own reason (plain http off this computer, an unknown region…), before anything is sent.
        delete connection;
        done(nullptr, AwsError::validation(problem));
        return;
    }
    m_connections.append(connection);
    if (m_options.verbose) {
        connect(connection->session(), &AwsSession::requestSent, this,
            [this](const QString& action) { err() << "-> " << action << Qt::endl; });
    }
    done(connection, {});
}

void CliContext::printJson(const QJsonObject& document) const
{
    out() << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    out().flush();
}

void CliContext::printJsonLine(const QJsonObject& document) const
{
    out() << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Compact)) << '\n';
    out().flush();
}

void CliContext::printTable(const CliTable& table) const
{
    out() << table.render();
    out().flush();
}

void CliContext::printError(const AwsError& error) const
{
    printError(error, toInt(exitCodeFor(error)));
}

void CliContext::printError(const AwsError& error, int exitCode) const
{
    err() << "hookdesk-cli: " << CliFormat::terminalSafe(tr("error: %1").arg(error.toString())) << Qt::endl;
    if (m_options.json)
        printJson(CliJson::errorDocument(error, exitCode));
}

void CliContext::printUsageError(const QString& message) const
{
    err() << "hookdesk-cli: " << CliFormat::terminalSafe(message) << Qt::endl;
    if (m_options.json) {
        AwsError error = AwsError::validation(message);
        error.code = u"UsageError"_s;
        printJson(CliJson::errorDocument(error, toInt(CliExit::Usage)));
    }
}

void CliContext::printNote(const QString& message) const
{
    err() << CliFormat::terminalSafe(message) << Qt::endl;
}

void CliContext::printLine(const QString& line) const
{
    out() << CliFormat::terminalSafe(line) << Qt::endl;
}
