// `sso login|logout|accounts`: IAM Identity Center sign-in. The session (start URL and region, nothing secret) is
// kept in the profiles file; the client registration and tokens only in the OS keychain (SsoTokenStore). Nothing
// secret is printed, in text or JSON: the user code shown for the device sign-in is not one (it is useless without
// the approval in the browser).
#include "awsconfig.h"
#include "clibrowser.h"
#include "clicommand.h"
#include "clicontext.h"
#include "clilisting.h"
#include "profilestore.h"
#include "ssobrowsersignin.h"
#include "ssocredentialprovider.h"
#include "ssooidcclient.h"
#include "ssoportalclient.h"
#include "ssorolecache.h"
#include "ssoservices.h"
#include "ssotokenstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

class SsoCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;

protected:
    // --session NAME (defined here with --start-url and --sso-region, or earlier), else the session of --profile,
    // else the only session there is. Fails the command and returns nullopt when none can be named.
    std::optional<SsoSession> resolveSession()
    {
        ProfileStore* store = context()->profileStore();
        QString name = args().value(u"session"_s).trimmed();
        const QString profileName = context()->options().profile();
        if (name.isEmpty() && !profileName.isEmpty() && !store->contains(profileName)) {
            // A profile of the AWS CLI's files: its session as the files define it.
            const AwsConfigCandidate* candidate = awsFiles().candidate(profileName);
            if (candidate && candidate->ssoSession)
                return candidate->ssoSession;
        }
        if (name.isEmpty() && !profileName.isEmpty()) {
            const std::optional<Profile> profile = store->profile(profileName);
            if (!profile || !profile->usesSso()) {
                failUsage(QCoreApplication::translate(
                    "CliCommands", "profile '%1' does not sign in through IAM Identity Center")
                              .arg(profileName));
                return std::nullopt;
            }
            name = profile->sso.session;
        }
        if (name.isEmpty() && store->ssoSessionNames().size() == 1)
            name = store->ssoSessionNames().constFirst();
        if (name.isEmpty()) {
            failUsage(QCoreApplication::translate("CliCommands", "name the session with --session NAME (sessions: %1)")
                          .arg(store->ssoSessionNames().join(u", "_s).isEmpty()
                                  ? QCoreApplication::translate("CliCommands", "none yet")
                                  : store->ssoSessionNames().join(u", "_s)));
            return std::nullopt;
        }
        return defineOrFind(name);
    }

    SsoServices* services(const SsoSession& session)
    {
        const QString explicitUrl = context()->options().endpointUrl;
        const EndpointOverrides endpoints = explicitUrl.isEmpty()
            ? EndpointOverrides::configured(context()->environment())
            : EndpointOverrides::forAll(QUrl(explicitUrl), u"--endpoint-url"_s);
        auto* services = new SsoServices(context()->network(), endpoints, session.region, this);
        if (!services->ok()) {
            failUsage(services->error());
            return nullptr;
        }
        return services;
    }

    void readToken(const SsoSession& session, const std::function<void(std::optional<SsoToken>)>& then)
    {
        SsoTokenStore::read(context()->secretStore(), session.name, this,
            [this, then, session](const std::optional<SsoToken>& token, const SecretError& error) {
                if (error.isError())
                    return fail(error.toAwsError());
                // A token of another directory is no sign-in for this one (the session was redefined).
                if (token && (token->startUrl != session.startUrl || token->region != session.region))
                    return then(std::nullopt);
                then(token);
            });
    }

    // The session named on the command line, its services and what the keychain keeps of its sign-in.
    using SessionThen = std::function<void(const SsoSession&, SsoServices*, const std::optional<SsoToken>&)>;
    void withSessionToken(const SessionThen& then)
    {
        const std::optional<SsoSession> session = resolveSession();
        SsoServices* clients = session ? services(*session) : nullptr;
        if (!clients)
            return;
        readToken(*session, [session = *session, clients, then](const std::optional<SsoToken>& token) {
            then(session, clients, token);
        });
    }

private:
    // ~/.aws/config and ~/.aws/credentials as the environment names them, read once per command.
    const AwsConfigPreview& awsFiles()
    {
        if (!m_awsFiles)
            m_awsFiles = AwsConfigImport::previewForEnvironment(context()->environment());
        return *m_awsFiles;
    }

    std::optional<SsoSession> defineOrFind(const QString& name)
    {
        ProfileStore* store = context()->profileStore();
        const QString startUrl = args().value(u"start-url"_s).trimmed();
        const QString region = args().value(u"sso-region"_s).trimmed();
        std::optional<SsoSession> session = store->ssoSession(name);
        if (!session)
            session = awsFiles().ssoSession(name); // [sso-session NAME] of ~/.aws/config
        if (startUrl.isEmpty() && region.isEmpty()) {
            if (!session)
                failUsage(QCoreApplication::translate("CliCommands",
                    "there is no IAM Identity Center session named '%1': define it with --start-url URL "
                    "--sso-region REGION")
                              .arg(name));
            return session;
        }
        SsoSession defined { name, startUrl.isEmpty() && session ? session->startUrl : startUrl,
            region.isEmpty() && session ? session->region : region, session ? session->scopes : QStringList() };
        QString error;
        if (!store->saveSsoSession(defined, &error)) {
            failUsage(error);
            return std::nullopt;
        }
        return defined;
    }

    std::optional<AwsConfigPreview> m_awsFiles;
};

QJsonObject sessionJson(const SsoSession& session)
{
    return { { u"session"_s, session.name }, { u"startUrl"_s, session.startUrl }, { u"ssoRegion"_s, session.region } };
}

class SsoLoginCommand : public SsoCommand {
    Q_OBJECT
public:
    using SsoCommand::SsoCommand;
    void start() override
    {
        withSessionToken(
            [this](const SsoSession& session, SsoServices* clients, const std::optional<SsoToken>& previous) {
                signIn(session, clients, previous.value_or(SsoToken()));
            });
    }

private:
    void signIn(const SsoSession& session, SsoServices* clients, const SsoToken& previous)
    {
        if (!args().isSet(u"no-browser"_s))
            return signInWithBrowser(session, clients);
        auto* job = new SsoDeviceSignIn(
            clients->oidc(), session.startUrl, session.region, session.effectiveScopes(), previous, this);
        connect(job, &SsoDeviceSignIn::deviceCodeReady, this, [this](const SsoDeviceCode& code) {
            // stderr, so that --output json keeps stdout one document.
            context()->printNote(
                QCoreApplication::translate("CliCommands", "To sign in, open %1 in a browser and confirm the code %2.")
                    .arg(code.verificationUriComplete.isEmpty() ? code.verificationUri : code.verificationUriComplete,
                        code.userCode));
        });
        onSuccess(job, [this, session](SsoDeviceSignIn* signedIn) { keep(session, signedIn->result()); });
        job->start();
    }

    void signInWithBrowser(const SsoSession& session, SsoServices* clients)
    {
        auto* job = new SsoBrowserSignIn(
            clients->oidc(), session.startUrl, session.region, session.effectiveScopes(), CliBrowser::open, this);
        connect(job, &SsoBrowserSignIn::browserUrlReady, this, [this](const QUrl& url, bool opened) {
            const QString shown = url.toString(QUrl::FullyEncoded);
            context()->printNote(opened
                    ? QCoreApplication::translate(
                        "CliCommands", "Sign in in the browser that opened. If none did, open %1")
                          .arg(shown)
                    : QCoreApplication::translate("CliCommands",
                        "No browser could be started. Open %1 on this machine, or sign in with --no-browser.")
                          .arg(shown));
        });
        onSuccess(job, [this, session](SsoBrowserSignIn* signedIn) { keep(session, signedIn->result()); });
        job->start();
    }

    void keep(const SsoSession& session, const SsoToken& token)
    {
        const QDateTime expiresAt = token.expiresAt;
        SsoTokenStore::write(context()->secretStore(), session.name, token, this, [=, this](const SecretError& error) {
            if (error.isError())
                return fail(error.toAwsError());
            QJsonObject document = sessionJson(session);
            document.insert(u"outcome"_s, u"signed-in"_s);
            document.insert(u"expiresAt"_s, expiresAt.toUTC().toString(Qt::ISODate));
            finishWithDocument(document,
                QCoreApplication::translate("CliCommands",
                    "Signed in to IAM Identity Center session %1 until %2; the sign-in is kept in the keychain.")
                    .arg(session.name, expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)));
        });
    }
};

class SsoLogoutCommand : public SsoCommand {
    Q_OBJECT
public:
    using SsoCommand::SsoCommand;
    void start() override
    {
        const QString name = args().value(u"session"_s).trimmed();
        for (const SsoSession& session : knownSessions()) {
            if (name.isEmpty() || session.name == name)
                m_sessions << session;
        }
        if (!name.isEmpty() && m_sessions.isEmpty())
            return failUsage(
                QCoreApplication::translate("CliCommands", "there is no IAM Identity Center session named '%1'")
                    .arg(name));
        next();
    }

private:
    // One session after the other: the portal is told (so the token stops working there too), then the keychain
    // entries go. A portal that cannot be reached does not keep the token in the keychain.
    void next()
    {
        if (m_sessions.isEmpty()) {
            finishWithDocument(
                { { u"outcome"_s, u"signed-out"_s }, { u"sessions"_s, QJsonArray::fromStringList(m_done) } },
                m_done.isEmpty()
                    ? QCoreApplication::translate("CliCommands", "No IAM Identity Center session to sign out of.")
                    : QCoreApplication::translate("CliCommands", "Signed out of %1.").arg(m_done.join(u", "_s)));
            return;
        }
        const SsoSession session = m_sessions.takeFirst();
        SsoServices* clients = services(session);
        if (!clients)
            return;
        readToken(session, [this, session, clients](const std::optional<SsoToken>& token) {
            if (!token || !token->hasAccessToken(QDateTime::currentDateTimeUtc(), 0))
                return forget(session);
            SsoJsonCall* call = clients->portal()->logout(token->accessToken);
            call->setParent(this);
            connect(call, &AwsJob::finished, this, [this, call, session] {
                if (call->hasError() && call->error().httpStatus != 401)
                    context()->printNote(QCoreApplication::translate(
                        "CliCommands", "IAM Identity Center was not told (%1); the keychain entries go all the same.")
                                             .arg(call->error().toString()));
                forget(session);
            });
        });
    }

    // The role credentials kept for the session's profiles go first, then the sign-in itself.
    void forget(const SsoSession& session)
    {
        SecretStore* secrets = context()->secretStore();
        SsoRoleCache::removeAll(secrets, session.name, rolesOf(session.name), this,
            [this, secrets, session](const SecretError& rolesError) {
                if (rolesError.isError())
                    return fail(rolesError.toAwsError());
                SsoTokenStore::remove(secrets, session.name, this, [this, session](const SecretError& error) {
                    if (error.isError())
                        return fail(error.toAwsError());
                    m_done << session.name;
                    next();
                });
            });
    }

    // Hookdesk's sessions, then those of ~/.aws/config ([sso-session NAME], and the legacy form of its profiles)
    // that `sso login --profile` may have signed in to; a name once, Hookdesk's first.
    QList<SsoSession> knownSessions()
    {
        ProfileStore* store = context()->profileStore();
        QList<SsoSession> sessions;
        QStringList names;
        const auto add = [&sessions, &names](const SsoSession& session) {
            if (!names.contains(session.name)) {
                names << session.name;
                sessions << session;
            }
        };
        const QStringList saved = store->ssoSessionNames();
        for (const QString& each : saved)
            add(*store->ssoSession(each));
        const AwsConfigPreview files = AwsConfigImport::previewForEnvironment(context()->environment());
        for (const SsoSession& session : files.ssoSessions)
            add(session);
        for (const AwsConfigCandidate& candidate : files.profiles) {
            if (candidate.ssoSession)
                add(*candidate.ssoSession);
        }
        return sessions;
    }

    // The accounts and roles of the profiles, saved or in ~/.aws, that sign in through `session`.
    QList<SsoRoleSettings> rolesOf(const QString& session)
    {
        QList<SsoRoleSettings> roles;
        const ProfileStore* store = context()->profileStore();
        const QStringList names = store->profileNames();
        for (const QString& name : names) {
            if (const std::optional<Profile> profile = store->profile(name); profile && profile->sso.session == session)
                roles << profile->sso;
        }
        const AwsConfigPreview files = AwsConfigImport::previewForEnvironment(context()->environment());
        for (const AwsConfigCandidate& candidate : files.profiles) {
            if (candidate.ssoSession && candidate.ssoSession->name == session)
                roles << candidate.profile.sso;
        }
        return roles;
    }

    QList<SsoSession> m_sessions;
    QStringList m_done;
};

class SsoAccountsCommand : public SsoCommand {
    Q_OBJECT
public:
    using SsoCommand::SsoCommand;
    void start() override
    {
        withSessionToken([this](const SsoSession& session, SsoServices* clients, const std::optional<SsoToken>& token) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (token && token->hasAccessToken(now))
                return list(session, clients, token->accessToken);
            if (!token || !token->canRefresh(now))
                return fail(SsoCredentialProvider::signInRequired(session.name));
            renew(session, clients, *token);
        });
    }

private:
    void renew(const SsoSession& session, SsoServices* clients, const SsoToken& token)
    {
        auto* job = new SsoTokenRefresh(clients->oidc(), token, this);
        connect(job, &AwsJob::finished, this, [this, job, session, clients] {
            if (job->hasError())
                return fail(SsoCredentialProvider::isRefusal(job->error())
                        ? SsoCredentialProvider::signInRequired(session.name, job->error().message)
                        : job->error());
            const SsoToken renewed = job->result();
            SsoTokenStore::write(context()->secretStore(), session.name, renewed, this,
                [this, session, clients, access = renewed.accessToken](const SecretError& error) {
                    if (error.isError())
                        return fail(error.toAwsError());
                    list(session, clients, access);
                });
        });
    }

    void list(const SsoSession& session, SsoServices* clients, const QString& accessToken)
    {
        auto* job = new SsoAccountsListing(clients->portal(), accessToken, this);
        connect(job, &AwsJob::finished, this, [this, job, session] {
            if (job->hasError())
                return fail(job->error().httpStatus == 401
                        ? SsoCredentialProvider::signInRequired(session.name, job->error().message)
                        : job->error());
            print(session, job->result());
        });
        job->start();
    }

    void print(const SsoSession& session, const QList<SsoAccount>& accounts)
    {
        const CliListing listing { u"accounts"_s, sessionJson(session),
            QCoreApplication::translate("CliCommands", "IAM Identity Center gives this sign-in no account."),
            { { QCoreApplication::translate("CliCommands", "ACCOUNT") },
                { QCoreApplication::translate("CliCommands", "NAME") },
                { QCoreApplication::translate("CliCommands", "EMAIL"), CliTable::Align::Left, true, 12 },
                { QCoreApplication::translate("CliCommands", "ROLES"), CliTable::Align::Left, true, 12 } } };
        listing.print(
            *context(), accounts,
            [](const SsoAccount& account) {
                return QJsonObject { { u"accountId"_s, account.accountId }, { u"accountName"_s, account.accountName },
                    { u"emailAddress"_s, account.emailAddress },
                    { u"roles"_s, QJsonArray::fromStringList(account.roles) } };
            },
            [](const SsoAccount& account) {
                return QStringList { account.accountId, account.accountName, account.emailAddress,
                    account.roles.join(u", "_s) };
            });
        finish(CliExit::Ok);
    }
};

QList<CliOption> sessionOptions(bool define)
{
    QList<CliOption> options { CliOption::text(u"session"_s, u"NAME"_s,
        QCoreApplication::translate(
            "CliCommands", "The IAM Identity Center session (default: that of --profile, or the only one)")) };
    if (define)
        options << CliOption::text(u"start-url"_s, u"URL"_s,
            QCoreApplication::translate(
                "CliCommands", "Define or change the session: its start URL, https://d-…awsapps.com/start"))
                << CliOption::text(u"sso-region"_s, u"REGION"_s,
                       QCoreApplication::translate("CliCommands", "Define or change the session: its region"))
                << CliOption::flag(u"no-browser"_s,
                       QCoreApplication::translate("CliCommands", "Show the code and URL to open on another device"));
    return options;
}

} // namespace

QList<CliCommandSpec> CliCommands::sso()
{
    return {
        { u"sso login"_s, u"--session NAME | --profile NAME [--start-url URL --sso-region R] [--no-browser]"_s,
            QCoreApplication::translate("CliCommands", "Sign in to IAM Identity Center (browser, or device code)"),
            QCoreApplication::translate("CliCommands",
                "Opens the browser at the directory's sign-in page and receives its answer on 127.0.0.1 (PKCE). With "
                "--no-browser, shows a code and a URL instead: approve the code in a browser, on this machine or "
                "another. The sign-in "
                "(client registration, access and refresh tokens) is kept in the OS keychain, never in a file; "
                "profiles of the session use it until it ends, renewing it with the refresh token."),
            sessionOptions(true), 0, cliFactory<SsoLoginCommand>() },
        { u"sso logout"_s, u"[--session NAME]"_s,
            QCoreApplication::translate("CliCommands", "Sign out of IAM Identity Center (every session by default)"),
            QCoreApplication::translate(
                "CliCommands", "Tells IAM Identity Center, then removes the sign-in from the keychain."),
            sessionOptions(false), 0, cliFactory<SsoLogoutCommand>() },
        { u"sso accounts"_s, u"[--session NAME]"_s,
            QCoreApplication::translate("CliCommands", "List the accounts and roles a sign-in can use"), {},
            sessionOptions(false), 0, cliFactory<SsoAccountsCommand>() },
    };
}

#include "cmdsso.moc"
