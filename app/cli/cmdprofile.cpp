// `profile list|add|remove|forget|import|test`: saved connections. Metadata in the shared profiles file, keys only in
// the OS keychain (ProfileStore); secrets are read from a prompt with echo off or from standard input, never from an
// argument, so they do not end up in shell history or in `ps`.
#include "awsconfig.h"
#include "awssession.h"
#include "clicommand.h"
#include "clicontext.h"
#include "clijson.h"
#include "clilisting.h"
#include "profilestore.h"
#include "secretstore.h"
#include "sessioncache.h"
#include "stsclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

QJsonObject profileJson(const Profile& profile, bool hasKeys)
{
    return QJsonObject {
        { u"name"_s, profile.name },
        { u"region"_s, profile.region },
        { u"endpointUrl"_s, CliJson::text(profile.endpointUrl.toString()) },
        { u"roleArn"_s, CliJson::text(profile.role.roleArn) },
        { u"sourceProfile"_s, CliJson::text(profile.role.sourceProfile) },
        { u"externalId"_s, CliJson::text(profile.role.externalId) },
        { u"mfaSerial"_s, CliJson::text(profile.role.mfaSerial) },
        { u"durationSeconds"_s,
            profile.role.isSet() || !profile.role.mfaSerial.isEmpty() ? QJsonValue(profile.role.durationSeconds)
                                                                      : QJsonValue() },
        { u"hasStoredKeys"_s, hasKeys },
        { u"ssoSession"_s, CliJson::text(profile.sso.session) },
        { u"ssoAccountId"_s, CliJson::text(profile.sso.accountId) },
        { u"ssoRoleName"_s, CliJson::text(profile.sso.roleName) },
    };
}

// The profile name is the one positional word of these commands.
class ProfileCommand : public CliCommand {
    Q_OBJECT
public:
    using CliCommand::CliCommand;

protected:
    QString requireName()
    {
        const QString name = args().positional().value(0).trimmed();
        if (name.isEmpty())
            failUsage(QCoreApplication::translate("CliCommands", "a profile NAME is required"));
        return name;
    }
};

class ProfileListCommand : public ProfileCommand {
    Q_OBJECT
public:
    using ProfileCommand::ProfileCommand;
    void start() override
    {
        ProfileStore* store = context()->profileStore();
        const CliListing listing { u"profiles"_s, {},
            QCoreApplication::translate("CliCommands",
                "No saved profiles. Add one with 'hookdesk-cli profile add NAME --region R', "
                "or import the AWS CLI's with 'hookdesk-cli profile import'."),
            { { QCoreApplication::translate("CliCommands", "PROFILE") },
                { QCoreApplication::translate("CliCommands", "REGION") },
                { QCoreApplication::translate("CliCommands", "KEYS") },
                { QCoreApplication::translate("CliCommands", "ROLE"), CliTable::Align::Left, true, 12 },
                { QCoreApplication::translate("CliCommands", "ENDPOINT"), CliTable::Align::Left, true, 12 } } };
        listing.print(
            *context(), store->profiles(),
            [store](const Profile& profile) { return profileJson(profile, store->hasStoredKeys(profile.name)); },
            [store](const Profile& profile) {
                const QString keys = store->hasStoredKeys(profile.name)
                    ? QCoreApplication::translate("CliCommands", "keychain")
                    : profile.assumesRole()
                    ? QCoreApplication::translate("CliCommands", "via %1").arg(profile.role.sourceProfile)
                    : QCoreApplication::translate("CliCommands", "missing");
                return QStringList { profile.name, profile.region, keys,
                    profile.assumesRole() ? profile.role.roleArn : u"-"_s,
                    profile.endpointUrl.isEmpty() ? u"-"_s : profile.endpointUrl.toString() };
            });
        finish(CliExit::Ok);
    }
};

class ProfileAddCommand : public ProfileCommand {
    Q_OBJECT
public:
    using ProfileCommand::ProfileCommand;
    void start() override
    {
        Profile profile;
        profile.name = requireName();
        if (profile.name.isEmpty())
            return;
        profile.region = args().value(u"region"_s).trimmed();
        if (!readSsoSettings(&profile))
            return;
        if (profile.region.isEmpty())
            profile.region = context()->environment().value(u"AWS_REGION"_s);
        if (profile.region.isEmpty()) {
            failUsage(QCoreApplication::translate("CliCommands", "--region is required (or set AWS_REGION)"));
            return;
        }
        if (const QString url = args().value(u"endpoint-url"_s).trimmed(); !url.isEmpty())
            profile.endpointUrl = QUrl(url, QUrl::StrictMode);
        profile.role.roleArn = args().value(u"role-arn"_s).trimmed();
        profile.role.sourceProfile = args().value(u"source-profile"_s).trimmed();
        profile.role.mfaSerial = args().value(u"mfa-serial"_s).trimmed();
        profile.role.externalId = args().value(u"external-id"_s).trimmed();
        if (args().isSet(u"duration"_s))
            profile.role.durationSeconds = int(args().number(u"duration"_s));
        if (const QString problem = profile.validationError(); !problem.isEmpty()) {
            failUsage(problem);
            return;
        }
        ProfileStore* store = context()->profileStore();
        if (store->contains(profile.name)) {
            failUsage(
                QCoreApplication::translate("CliCommands", "profile '%1' exists; remove it first or pick another name")
                    .arg(profile.name));
            return;
        }
        Credentials keys;
        if (!profile.keysOptional() && !readKeys(&keys))
            return;
        ResultJob<NoResult>* job = store->addProfile(profile, keys);
        keys = {};
        onSuccess(job, [this, profile](ResultJob<NoResult>*) {
            finishWithDocument(QJsonObject { { u"outcome"_s, u"added"_s },
                                   { u"profile"_s, profileJson(profile, !profile.keysOptional()) } },
                profile.usesSso()
                    ? QCoreApplication::translate("CliCommands",
                        "Added profile %1 (role %2 in account %3 through IAM Identity Center session %4).")
                          .arg(profile.name, profile.sso.roleName, profile.sso.accountId, profile.sso.session)
                    : profile.assumesRole()
                    ? QCoreApplication::translate("CliCommands", "Added profile %1 (assumes %2 with the keys of %3).")
                          .arg(profile.name, profile.role.roleArn, profile.role.sourceProfile)
                    : QCoreApplication::translate("CliCommands", "Added profile %1; its keys are in the keychain.")
                          .arg(profile.name));
        });
    }

private:
    // --sso-session S --account ID --role R: a role reached through an IAM Identity Center session defined with
    // `sso login`; the session's region is the profile's unless --region says otherwise.
    bool readSsoSettings(Profile* profile)
    {
        const QString session = args().value(u"sso-session"_s).trimmed();
        if (session.isEmpty()) {
            if (args().isSet(u"account"_s) || args().isSet(u"role"_s))
                failUsage(QCoreApplication::translate("CliCommands", "--account and --role need --sso-session"));
            return !isFinished();
        }
        const std::optional<SsoSession> defined = context()->profileStore()->ssoSession(session);
        if (!defined) {
            failUsage(QCoreApplication::translate("CliCommands",
                "there is no IAM Identity Center session named '%1': define it with 'hookdesk-cli sso login "
                "--session %1 --start-url URL --sso-region REGION'")
                          .arg(session));
            return false;
        }
        profile->sso = { session, args().value(u"account"_s).trimmed(), args().value(u"role"_s).trimmed() };
        if (profile->region.isEmpty())
            profile->region = defined->region;
        return true;
    }

    // Access key ID, secret access key, optional session token: prompts on a terminal (echo off for the two
    // secrets), else three lines of standard input, the last one optional.
    bool readKeys(Credentials* keys)
    {
        CliPrompt& prompt = context()->prompt();
        const std::optional<QString> id
            = prompt.readLine(QCoreApplication::translate("CliCommands", "Access key ID: "));
        const std::optional<QString> secret = id
            ? prompt.readLine(QCoreApplication::translate("CliCommands", "Secret access key: "), true)
            : std::nullopt;
        if (!id || !secret || id->trimmed().isEmpty() || secret->trimmed().isEmpty()) {
            failWith(CliExit::Credentials,
                QCoreApplication::translate("CliCommands",
                    "an access key ID and a secret access key are needed: type them at the prompts, or pipe them "
                    "as two lines (a third, optional line is a session token)"));
            return false;
        }
        keys->accessKeyId = id->trimmed();
        keys->secretAccessKey = secret->trimmed();
        const std::optional<QString> token
            = prompt.readLine(QCoreApplication::translate("CliCommands", "Session token (empty for none): "), true);
        if (token)
            keys->sessionToken = token->trimmed();
        return true;
    }
};

// `profile remove` and `profile test` act on a saved profile: its name is checked before they start.
class SavedProfileCommand : public ProfileCommand {
    Q_OBJECT
public:
    using ProfileCommand::ProfileCommand;
    void start() final
    {
        const QString name = requireName();
        if (name.isEmpty())
            return;
        if (!context()->profileStore()->contains(name)) {
            failUsage(QCoreApplication::translate("CliCommands", "no profile named '%1'").arg(name));
            return;
        }
        startWith(name);
    }

protected:
    virtual void startWith(const QString& name) = 0;
};

class ProfileRemoveCommand : public SavedProfileCommand {
    Q_OBJECT
public:
    using SavedProfileCommand::SavedProfileCommand;

protected:
    void startWith(const QString& name) override
    {
        ProfileStore* store = context()->profileStore();
        if (!args().isSet(u"yes"_s)) {
            if (!context()->io().inputIsTerminal) {
                failUsage(QCoreApplication::translate(
                    "CliCommands", "refusing to remove a profile without --yes: standard input is not a terminal"));
                return;
            }
            context()->printNote(
                QCoreApplication::translate("CliCommands", "Removing profile %1 deletes its keys from the keychain.")
                    .arg(name));
            if (!context()->prompt().confirmByTyping(QCoreApplication::translate("CliCommands", "Remove it?"), name)) {
                failUsage(QCoreApplication::translate("CliCommands", "not confirmed; nothing was removed"));
                return;
            }
        }
        onSuccess(store->removeProfile(name), [this, name](ResultJob<NoResult>*) {
            finishWithDocument(QJsonObject { { u"outcome"_s, u"removed"_s }, { u"profile"_s, name } },
                QCoreApplication::translate("CliCommands", "Removed profile %1 and its keychain entries.").arg(name));
        });
    }
};

// Drops the session kept in the keychain (SessionCache), so the profile's next use signs in anew and asks for the
// MFA code again: for a session that should end now, or one AWS still accepts after a policy change.
// Any profile name: a ~/.aws profile's session is kept under its name too.
class ProfileForgetCommand : public ProfileCommand {
    Q_OBJECT
public:
    using ProfileCommand::ProfileCommand;
    void start() override
    {
        const QString name = requireName();
        if (name.isEmpty())
            return;
        SecretStore* secrets = context()->secretStore();
        secrets->read(
            name, SessionCache::field(), this, [this, secrets, name](const QString&, const SecretError& error) {
                if (error.kind == SecretError::Kind::NotFound) {
                    finishWithDocument(QJsonObject { { u"outcome"_s, u"none"_s }, { u"profile"_s, name } },
                        QCoreApplication::translate("CliCommands", "Profile %1 has no session kept in the keychain.")
                            .arg(name));
                    return;
                }
                if (error.isError())
                    return fail(error.toAwsError());
                secrets->remove(name, SessionCache::field(), this, [this, name](const SecretError& removal) {
                    if (removal.isError())
                        return fail(removal.toAwsError());
                    finishWithDocument(QJsonObject { { u"outcome"_s, u"forgotten"_s }, { u"profile"_s, name } },
                        QCoreApplication::translate(
                            "CliCommands", "Forgot the session kept for profile %1: its next use signs in again.")
                            .arg(name));
                });
            });
    }
};

class ProfileImportCommand : public ProfileCommand {
    Q_OBJECT
public:
    using ProfileCommand::ProfileCommand;
    void start() override
    {
        const AwsConfigPreview preview = AwsConfigImport::preview(args().value(u"from"_s));
        // Through printNote: the names and paths come from the files, not from Hookdesk.
        for (const AwsConfigIssue& issue : preview.warnings)
            context()->printNote(QCoreApplication::translate("CliCommands", "warning: %1").arg(issue.toString()));
        for (const AwsConfigUnsupported& skipped : preview.unsupported)
            context()->printNote(
                QCoreApplication::translate("CliCommands", "not imported: %1: %2").arg(skipped.name, skipped.reason));
        if (!preview.errors.isEmpty()) {
            for (const AwsConfigIssue& issue : preview.errors)
                context()->printNote(QCoreApplication::translate("CliCommands", "error: %1").arg(issue.toString()));
            failUsage(QCoreApplication::translate("CliCommands", "nothing was imported: fix the lines above first"));
            return;
        }
        if (preview.profiles.isEmpty()) {
            finishWithDocument(
                QJsonObject { { u"imported"_s, QJsonArray() }, { u"skippedExisting"_s, QJsonArray() },
                    { u"unsupported"_s, unsupportedJson(preview) }, { u"warnings"_s, warningsJson(preview) } },
                QCoreApplication::translate("CliCommands", "No AWS CLI profiles found to import (read %1 and %2).")
                    .arg(preview.credentialsFile.isEmpty()
                            ? QCoreApplication::translate("CliCommands", "no credentials file")
                            : preview.credentialsFile,
                        preview.configFile.isEmpty() ? QCoreApplication::translate("CliCommands", "no config file")
                                                     : preview.configFile));
            return;
        }
        auto* importer = new AwsConfigImport(context()->profileStore(), this);
        onSuccess(importer->commit(preview), [this, preview](ResultJob<AwsConfigImportResult>* job) {
            const AwsConfigImportResult& result = job->result();
            QString message = result.imported.isEmpty()
                ? QCoreApplication::translate("CliCommands", "No new profiles imported.")
                : QCoreApplication::translate("CliCommands", "Imported: %1.").arg(result.imported.join(u", "_s));
            if (!result.skippedExisting.isEmpty())
                message += u'\n'
                    + QCoreApplication::translate("CliCommands", "Already in Hookdesk, left as they are: %1.")
                          .arg(result.skippedExisting.join(u", "_s));
            if (!result.notice.isEmpty())
                message += u'\n' + result.notice;
            finishWithDocument(
                QJsonObject { { u"imported"_s, QJsonArray::fromStringList(result.imported) },
                    { u"skippedExisting"_s, QJsonArray::fromStringList(result.skippedExisting) },
                    { u"unsupported"_s, unsupportedJson(preview) }, { u"notice"_s, CliJson::text(result.notice) },
                    { u"warnings"_s, warningsJson(preview) } },
                message);
        });
    }

private:
    static QJsonArray unsupportedJson(const AwsConfigPreview& preview)
    {
        QJsonArray list;
        for (const AwsConfigUnsupported& skipped : preview.unsupported)
            list.append(QJsonObject { { u"name"_s, skipped.name }, { u"reason"_s, skipped.reason } });
        return list;
    }

    // Whole-file warnings (permissions too open) have no line: "line" is left out for them.
    static QJsonArray warningsJson(const AwsConfigPreview& preview)
    {
        QJsonArray list;
        for (const AwsConfigIssue& issue : preview.warnings) {
            QJsonObject warning { { u"file"_s, issue.file }, { u"message"_s, issue.message } };
            if (issue.line > 0)
                warning.insert(u"line"_s, issue.line);
            list.append(warning);
        }
        return list;
    }
};

class ProfileTestCommand : public SavedProfileCommand {
    Q_OBJECT
public:
    using SavedProfileCommand::SavedProfileCommand;

protected:
    void startWith(const QString& name) override
    {
        context()->useProfile(name);
        withSession([this](AwsSession* session) {
            onSuccess(session->sts()->getCallerIdentity(), [this, session](ResultJob<CallerIdentity>* job) {
                CliCommands::printIdentity(context(), session, job->result());
                finish(CliExit::Ok);
            });
        });
    }
};

} // namespace

QList<CliCommandSpec> CliCommands::profiles()
{
    return {
        { u"profile list"_s, {},
            QCoreApplication::translate(
                "CliCommands", "List saved profiles: region, where the keys are, role, endpoint"),
            {}, {}, 0, cliFactory<ProfileListCommand>() },
        { u"profile add"_s,
            u"NAME [--region R] [--endpoint-url URL] [--role-arn ARN --source-profile P [--external-id X]] "
            "[--mfa-serial S] [--duration S] [--sso-session S --account ID --role R]"_s,
            QCoreApplication::translate("CliCommands", "Save a profile; its keys go to the OS keychain"),
            QCoreApplication::translate("CliCommands",
                "Asks for the access key ID, the secret access key (not echoed) and an optional session token. When "
                "standard input is not a terminal, reads them as lines in that order, e.g. "
                "printf '%s\\n' \"$ID\" \"$SECRET\" | hookdesk-cli profile add NAME --region R. Keys are never "
                "taken from arguments.\n\n"
                "With --role-arn the profile assumes that role with the keys of --source-profile (asking for an MFA "
                "code when --mfa-serial is set), and stores no keys of its own. With --mfa-serial and no role, the "
                "keys are used in an MFA session of the user (GetSessionToken), asked for once per session."),
            {
                CliOption::text(u"region"_s, u"R"_s,
                    QCoreApplication::translate("CliCommands", "The profile's region (default: AWS_REGION)")),
                CliOption::text(u"endpoint-url"_s, u"URL"_s,
                    QCoreApplication::translate(
                        "CliCommands", "Endpoint override for this profile (VPC endpoint, simulator)")),
                CliOption::text(u"role-arn"_s, u"ARN"_s, QCoreApplication::translate("CliCommands", "Role to assume")),
                CliOption::text(u"source-profile"_s, u"P"_s,
                    QCoreApplication::translate("CliCommands", "Profile whose keys assume the role")),
                CliOption::text(u"mfa-serial"_s, u"S"_s,
                    QCoreApplication::translate(
                        "CliCommands", "MFA device ARN; a code is asked for when the role or the MFA session starts")),
                CliOption::text(u"external-id"_s, u"X"_s,
                    QCoreApplication::translate("CliCommands", "External ID the role's trust policy requires")),
                CliOption::text(u"sso-session"_s, u"S"_s,
                    QCoreApplication::translate(
                        "CliCommands", "IAM Identity Center session the profile signs in through (see 'sso login')")),
                CliOption::text(u"account"_s, u"ID"_s,
                    QCoreApplication::translate("CliCommands", "With --sso-session: the account ID")),
                CliOption::text(u"role"_s, u"R"_s,
                    QCoreApplication::translate("CliCommands", "With --sso-session: the permission set (role) name")),
                CliOption::integer(u"duration"_s, u"S"_s,
                    QCoreApplication::translate("CliCommands",
                        "Session length in seconds (a role: 900 to 43200; an MFA session: 900 to 129600; default "
                        "3600)"),
                    QCoreApplication::translate("CliCommands", "--duration takes a number of seconds (900 to 129600)")),
            },
            1, cliFactory<ProfileAddCommand>() },
        { u"profile remove"_s, u"NAME [--yes]"_s,
            QCoreApplication::translate("CliCommands", "Remove a profile and its keychain entries"),
            QCoreApplication::translate(
                "CliCommands", "Asks on a terminal (type the profile name); needs --yes otherwise."),
            { CliOption::flag(u"yes"_s, QCoreApplication::translate("CliCommands", "Do not ask for confirmation")) }, 1,
            cliFactory<ProfileRemoveCommand>() },
        { u"profile forget"_s, u"NAME"_s,
            QCoreApplication::translate("CliCommands", "Drop the MFA session kept in the keychain for a profile"),
            QCoreApplication::translate("CliCommands",
                "A session made with an MFA code (a role's, or the user's own) is kept in the OS keychain until five "
                "minutes before it ends, so the next run does not ask for the code again. Forgetting it makes the "
                "next use sign in anew."),
            {}, 1, cliFactory<ProfileForgetCommand>() },
        { u"profile import"_s, u"[--from DIR]"_s,
            QCoreApplication::translate(
                "CliCommands", "Import AWS CLI profiles (~/.aws/credentials and ~/.aws/config)"),
            QCoreApplication::translate("CliCommands",
                "Keys move into the OS keychain; profiles Hookdesk already has are left as they are. IAM Identity "
                "Center profiles come with their session (sign in with 'sso login'); credential_process and web "
                "identity profiles are not imported but used by name "
                "(--profile, AWS_PROFILE). Hookdesk never edits the AWS files."),
            { CliOption::text(u"from"_s, u"DIR"_s,
                QCoreApplication::translate("CliCommands", "Read DIR/credentials and DIR/config instead of ~/.aws")) },
            0, cliFactory<ProfileImportCommand>() },
        { u"profile test"_s, u"NAME"_s,
            QCoreApplication::translate(
                "CliCommands", "Check a profile's credentials: the account and ARN they belong to"),
            {}, {}, 1, cliFactory<ProfileTestCommand>() },
    };
}

#include "cmdprofile.moc"
