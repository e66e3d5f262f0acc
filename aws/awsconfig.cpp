#include "awsconfig.h"

#include "awslogging.h"
#include "inifile.h"
#include "profilestore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>
#include <cstring>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

// Settings of one profile gathered from both files, with where each came from.
struct Gathered {
    QString name;
    QHash<QString, IniEntry> settings;
    QHash<QString, QString> origin; // key → file name
};

void gather(QMap<QString, Gathered>& profiles, const QString& name, const IniSection& section, const QString& file,
    bool overrideExisting)
{
    Gathered& g = profiles[name];
    g.name = name;
    for (const IniEntry& entry : section.entries) {
        if (!overrideExisting && g.settings.contains(entry.key))
            continue;
        g.settings.insert(entry.key, entry);
        g.origin.insert(entry.key, file);
    }
}

// The one credential_source a desktop can use; Ec2InstanceMetadata and EcsContainer exist only on AWS's machines.
const QString environmentSource = u"Environment"_s;

QString unsupportedReason(const Gathered& g)
{
    if (g.settings.contains(u"credential_process"_s))
        return QCoreApplication::translate("AwsConfigImport",
            "credential_process profiles are not imported: use them by name with --profile or AWS_PROFILE.");
    if (g.settings.contains(u"web_identity_token_file"_s))
        return QCoreApplication::translate("AwsConfigImport",
            "web_identity_token_file profiles are not imported (the token file is renewed by its issuer): use them "
            "by name with --profile or AWS_PROFILE.");
    if (g.settings.contains(u"credential_source"_s)) {
        const QString source = g.settings.value(u"credential_source"_s).value.trimmed();
        if (g.settings.contains(u"source_profile"_s))
            return QCoreApplication::translate("AwsConfigImport",
                "It has both source_profile and credential_source; a role takes its source credentials from one.");
        if (!g.settings.contains(u"role_arn"_s))
            return QCoreApplication::translate(
                "AwsConfigImport", "It has credential_source but no role_arn to assume with those credentials.");
        if (source == environmentSource)
            return QCoreApplication::translate("AwsConfigImport",
                "credential_source = Environment profiles are not imported (the keys are those of each run's "
                "environment): use them with --profile NAME. With AWS_PROFILE the keys of the environment are used as "
                "they are, as by the AWS CLI.");
        return QCoreApplication::translate("AwsConfigImport",
            "credential_source = %1 (instance or container credentials) is not supported; Environment is.")
            .arg(source);
    }
    const bool hasKeyId = g.settings.contains(u"aws_access_key_id"_s);
    const bool hasSecret = g.settings.contains(u"aws_secret_access_key"_s);
    if (hasKeyId != hasSecret)
        return QCoreApplication::translate(
            "AwsConfigImport", "It has only one of aws_access_key_id and aws_secret_access_key.");
    if (g.settings.contains(u"role_arn"_s) && !g.settings.contains(u"source_profile"_s))
        return QCoreApplication::translate(
            "AwsConfigImport", "It assumes a role without a source_profile, which is not supported yet.");
    const bool sso = g.settings.contains(u"sso_session"_s) || g.settings.contains(u"sso_start_url"_s);
    if (!hasKeyId && !g.settings.contains(u"role_arn"_s) && !sso)
        return QCoreApplication::translate("AwsConfigImport", "It has neither access keys nor a role to assume.");
    return {};
}

// How a file of ~/.aws was read. Only a regular file is read (a symlink to one is followed: dotfile managers link
// ~/.aws/config; the type is checked on what it points to), and at most MaxAwsFileSize bytes of it: a FIFO would
// hang the read, /dev/zero or a huge file would exhaust memory.
struct AwsFileRead {
    enum class Status { Missing, Read, Refused };
    Status status = Status::Missing;
    QByteArray content;
    QString error; // translated, when Refused
    QString looseMode; // "0644" when group or others may read or write it (Unix), else empty
};

constexpr qint64 MaxAwsFileSize = qint64(1024) * 1024;

AwsFileRead refused(const QString& message)
{
    AwsFileRead result;
    result.status = AwsFileRead::Status::Refused;
    result.error = message;
    return result;
}

QString notRegularMessage()
{
    return QCoreApplication::translate("AwsConfigImport",
        "This is not a regular file (a directory, named pipe, socket or device); only regular files are read.");
}

QString tooLargeMessage()
{
    return QCoreApplication::translate("AwsConfigImport",
        "The file is larger than 1 MiB; an AWS credentials or config file never is, so it is not read.");
}

AwsFileRead readAwsFile(const QString& path)
{
    AwsFileRead result;
    QFile file;
#ifdef Q_OS_UNIX
    // The type is checked on the open descriptor, not on the name, so nothing can be swapped in between; O_NONBLOCK
    // keeps open() from waiting for a writer when the name is a FIFO.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            return result;
        return refused(QCoreApplication::translate("AwsConfigImport", "The file cannot be read: %1")
                           .arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    struct stat status { };
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        return refused(notRegularMessage());
    }
    if (status.st_size > MaxAwsFileSize) {
        ::close(fd);
        return refused(tooLargeMessage());
    }
    if ((status.st_mode & 077) != 0)
        result.looseMode = u"0"_s + QString::number(status.st_mode & 0777, 8);
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return refused(
            QCoreApplication::translate("AwsConfigImport", "The file cannot be read: %1").arg(file.errorString()));
    }
#else
    const QFileInfo info(path);
    if (!info.exists())
        return result;
    if (!info.isFile())
        return refused(notRegularMessage());
    if (info.size() > MaxAwsFileSize)
        return refused(tooLargeMessage());
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly))
        return refused(
            QCoreApplication::translate("AwsConfigImport", "The file cannot be read: %1").arg(file.errorString()));
#endif
    // One byte more than allowed: a file that grew after the size check is refused too, never cut short.
    result.content = file.read(MaxAwsFileSize + 1);
    if (result.content.size() > MaxAwsFileSize)
        return refused(tooLargeMessage());
    result.status = AwsFileRead::Status::Read;
    return result;
}

void appendIssues(QList<AwsConfigIssue>& issues, const QList<IniDiagnostic>& diagnostics, const QString& file)
{
    for (const IniDiagnostic& d : diagnostics)
        issues.append({ file, d.line, d.message });
}

// The profiles of both files by name, each with its settings merged; sections of the config file that are not
// profiles are skipped, with a warning when they look like a mistake.
QMap<QString, Gathered> gatherProfiles(const IniDocument& credentialsDoc, const IniDocument& configDoc,
    const QString& credentialsName, const QString& configName, QList<AwsConfigIssue>* warnings)
{
    QMap<QString, Gathered> gathered;
    // The credentials file names profiles plainly and wins for keys, as in the AWS CLI.
    for (const IniSection& section : credentialsDoc.sections)
        gather(gathered, section.name, section, credentialsName, true);
    for (const IniSection& section : configDoc.sections) {
        QString name;
        if (section.name == u"default"_s)
            name = section.name;
        else if (section.name.startsWith(u"profile "_s))
            name = section.name.mid(8).trimmed();
        else if (section.name.startsWith(u"sso-session "_s) || section.name.startsWith(u"services "_s))
            continue; // not profiles; SSO profiles that use them are listed as unsupported
        else {
            warnings->append({ configName, section.line,
                QCoreApplication::translate(
                    "AwsConfigImport", "Section [%1] is ignored: profiles in the config file are named [profile %1].")
                    .arg(section.name) });
            continue;
        }
        gather(gathered, name, section, configName, false);
    }
    return gathered;
}

// What profile `g` says about endpoints, with the [services] section it names looked up in `configDoc`.
ConfiguredEndpoints endpointsOf(const Gathered& g, const IniDocument& configDoc, QList<AwsConfigIssue>* warnings)
{
    ConfiguredEndpoints endpoints;
    endpoints.endpointUrl = QUrl(g.settings.value(u"endpoint_url"_s).value);
    endpoints.ignoreConfigured
        = EndpointOverrides::isTrue(g.settings.value(u"ignore_configured_endpoint_urls"_s).value);
    endpoints.servicesSection = g.settings.value(u"services"_s).value;
    if (endpoints.servicesSection.isEmpty())
        return endpoints;
    const IniSection* section = configDoc.section(u"services "_s + endpoints.servicesSection);
    if (!section) {
        warnings->append({ g.origin.value(u"services"_s), g.settings.value(u"services"_s).line,
            QCoreApplication::translate("AwsConfigImport",
                "Profile %1 names the section [services %2], which does not exist; its endpoints are not used.")
                .arg(g.name, endpoints.servicesSection) });
        return endpoints;
    }
    for (EndpointResolver::Service service : EndpointResolver::AllServices) {
        const IniEntry* entry = section->entry(EndpointResolver::configKey(service));
        if (!entry)
            continue; // services Hookdesk does not call (s3 = …) are someone else's
        for (const IniEntry& nested : entry->nested()) {
            if (nested.key == u"endpoint_url"_s)
                endpoints.services.at(std::size_t(service)) = QUrl(nested.value);
        }
    }
    return endpoints;
}

// Adds the profile `g` to the preview: as a candidate, as unsupported, or as an error in one of its settings.
// The session of an IAM Identity Center profile: the [sso-session NAME] it names, or the legacy sso_start_url and
// sso_region of the profile itself (a session named after a hash of the start URL, so that every legacy profile of
// one directory shares one sign-in, as the AWS CLI's cache does). Empty `error` and nullopt: not such a profile.
std::optional<SsoSession> ssoSessionOf(const Gathered& g, const AwsConfigPreview& preview, QString* error)
{
    auto value = [&g](const QString& key) { return g.settings.value(key).value.trimmed(); };
    if (const QString name = value(u"sso_session"_s); !name.isEmpty()) {
        const std::optional<SsoSession> session = preview.ssoSession(name);
        if (!session)
            *error = QCoreApplication::translate("AwsConfigImport",
                "It names sso_session %1, but the config file has no usable [sso-session %1] section.")
                         .arg(name);
        return session;
    }
    if (value(u"sso_start_url"_s).isEmpty())
        return std::nullopt;
    const QByteArray hash = QCryptographicHash::hash(value(u"sso_start_url"_s).toUtf8(), QCryptographicHash::Sha1);
    SsoSession legacy { u"url-"_s + QString::fromLatin1(hash.toHex().left(16)), value(u"sso_start_url"_s),
        value(u"sso_region"_s), {} };
    *error = legacy.validationError();
    return error->isEmpty() ? std::optional(legacy) : std::nullopt;
}

// The usable [sso-session NAME] sections of the config file.
QList<SsoSession> ssoSessionsOf(
    const IniDocument& configDoc, const QString& configName, QList<AwsConfigIssue>* warnings)
{
    QList<SsoSession> sessions;
    for (const IniSection& section : configDoc.sections) {
        if (!section.name.startsWith(u"sso-session "_s))
            continue;
        auto value = [&section](const QString& key) {
            const IniEntry* entry = section.entry(key);
            return entry ? entry->value.trimmed() : QString();
        };
        SsoSession session { section.name.mid(12).trimmed(), value(u"sso_start_url"_s), value(u"sso_region"_s),
            value(u"sso_registration_scopes"_s).split(u',', Qt::SkipEmptyParts) };
        for (QString& scope : session.scopes)
            scope = scope.trimmed();
        if (const QString error = session.validationError(); !error.isEmpty())
            warnings->append({ configName, section.line, error });
        else
            sessions.append(session);
    }
    return sessions;
}

AwsConfigUnsupported unsupportedEntry(const QString& name, const QString& reason, const ConfiguredEndpoints& endpoints)
{
    AwsConfigUnsupported unsupported;
    unsupported.name = name;
    unsupported.reason = reason;
    unsupported.endpoints = endpoints;
    return unsupported;
}

// The role settings of `g` (role_arn, external_id, mfa_serial, duration_seconds); false with an error added to
// `preview` when duration_seconds is not a number.
bool readRole(AwsConfigPreview& preview, const Gathered& g, RoleSettings* role)
{
    auto value = [&g](const QString& key) { return g.settings.value(key).value; };
    role->roleArn = value(u"role_arn"_s);
    role->sourceProfile = value(u"source_profile"_s);
    role->externalId = value(u"external_id"_s);
    role->mfaSerial = value(u"mfa_serial"_s);
    if (!g.settings.contains(u"duration_seconds"_s))
        return true;
    bool ok = false;
    role->durationSeconds = value(u"duration_seconds"_s).toInt(&ok);
    if (!ok) {
        const IniEntry entry = g.settings.value(u"duration_seconds"_s);
        preview.errors.append({ g.origin.value(u"duration_seconds"_s), entry.line,
            QCoreApplication::translate("AwsConfigImport", "duration_seconds must be a number.") });
    }
    return ok;
}

void previewProfile(AwsConfigPreview& preview, const Gathered& g, const ConfiguredEndpoints& endpoints)
{
    if (const QString reason = unsupportedReason(g); !reason.isEmpty()) {
        AwsConfigUnsupported unsupported = unsupportedEntry(g.name, reason, endpoints);
        const bool sso = g.settings.contains(u"sso_session"_s) || g.settings.contains(u"sso_start_url"_s);
        if (!sso && g.settings.contains(u"credential_process"_s)) {
            unsupported.credentialProcess = g.settings.value(u"credential_process"_s).value;
            unsupported.region = g.settings.value(u"region"_s).value;
            unsupported.endpointUrl = QUrl(g.settings.value(u"endpoint_url"_s).value);
        }
        if (!sso && g.settings.contains(u"web_identity_token_file"_s)) {
            unsupported.webIdentityTokenFile = g.settings.value(u"web_identity_token_file"_s).value;
            unsupported.roleArn = g.settings.value(u"role_arn"_s).value;
            unsupported.roleSessionName = g.settings.value(u"role_session_name"_s).value;
            unsupported.region = g.settings.value(u"region"_s).value;
        }
        if (!sso && g.settings.value(u"credential_source"_s).value.trimmed() == environmentSource
            && !g.settings.contains(u"source_profile"_s) && g.settings.contains(u"role_arn"_s)) {
            if (!readRole(preview, g, &unsupported.role))
                return;
            unsupported.credentialSource = environmentSource;
            unsupported.roleArn = unsupported.role.roleArn;
            unsupported.roleSessionName = g.settings.value(u"role_session_name"_s).value;
            unsupported.region = g.settings.value(u"region"_s).value;
        }
        preview.unsupported.append(unsupported);
        return;
    }
    AwsConfigCandidate candidate;
    candidate.endpoints = endpoints;
    Profile& p = candidate.profile;
    p.name = g.name;
    auto value = [&g](const QString& key) { return g.settings.value(key).value; };
    p.region = value(u"region"_s);
    if (p.region.isEmpty()) {
        p.region = QString::fromLatin1(AwsConfigImport::defaultRegion);
        candidate.notes
            << QCoreApplication::translate("AwsConfigImport", "No region is set; %1 is used.").arg(p.region);
    }
    p.endpointUrl = QUrl(value(u"endpoint_url"_s));
    QString ssoError;
    candidate.ssoSession = ssoSessionOf(g, preview, &ssoError);
    if (candidate.ssoSession)
        p.sso = { candidate.ssoSession->name, value(u"sso_account_id"_s), value(u"sso_role_name"_s) };
    if (!ssoError.isEmpty()) {
        preview.unsupported.append(unsupportedEntry(g.name, ssoError, endpoints));
        return;
    }
    if (!readRole(preview, g, &p.role))
        return;
    candidate.roleSessionName = value(u"role_session_name"_s);
    if (!p.role.isSet()) {
        // Keys next to a role are the SDKs' "source credentials of the same profile": the role wins there too.
        candidate.keys.accessKeyId = value(u"aws_access_key_id"_s);
        candidate.keys.secretAccessKey = value(u"aws_secret_access_key"_s);
        candidate.keys.sessionToken = value(u"aws_session_token"_s);
    }
    if (const QString error = p.validationError(); !error.isEmpty()) {
        preview.unsupported.append(unsupportedEntry(g.name, error, endpoints));
        return;
    }
    preview.profiles.append(candidate);
}

// The candidates to import, profiles with keys first so that role profiles find their source profile in place;
// those the store has already are left out, in `skipped`.
QList<AwsConfigCandidate> importOrder(
    const AwsConfigPreview& preview, const QStringList& names, const ProfileStore* store, QStringList* skipped)
{
    QList<AwsConfigCandidate> todo;
    for (int pass = 0; pass < 2; ++pass) {
        for (const AwsConfigCandidate& c : preview.profiles) {
            if ((pass == 0) != c.hasKeys() || (!names.isEmpty() && !names.contains(c.profile.name)))
                continue;
            if (store->contains(c.profile.name))
                *skipped << c.profile.name;
            else
                todo << c;
        }
    }
    return todo;
}

} // namespace

QString AwsConfigIssue::toString() const
{
    // One arg() call: chained ones would substitute a "%N" inside the path (or the message) as if it were ours.
    if (line <= 0) // about the whole file (its type, size or permissions)
        return u"%1: %2"_s.arg(file, message);
    return u"%1:%2: %3"_s.arg(file, QString::number(line), message);
}

const AwsConfigCandidate* AwsConfigPreview::candidate(const QString& name) const
{
    for (const AwsConfigCandidate& c : profiles) {
        if (c.profile.name == name)
            return &c;
    }
    return nullptr;
}

AwsConfigPreview AwsConfigImport::previewForEnvironment(const QProcessEnvironment& environment)
{
    const QString homePath = environment.value(u"HOME"_s, environment.value(u"USERPROFILE"_s));
    const QDir home(homePath);
    auto file = [&](const QString& variable, const QString& name) {
        const QString named = environment.value(variable);
        return !named.isEmpty() ? named : homePath.isEmpty() ? QString() : home.filePath(u".aws/"_s + name);
    };
    return previewFiles(
        file(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"credentials"_s), file(u"AWS_CONFIG_FILE"_s, u"config"_s));
}

std::optional<SsoSession> AwsConfigPreview::ssoSession(const QString& name) const
{
    for (const SsoSession& session : ssoSessions) {
        if (session.name == name)
            return session;
    }
    return std::nullopt;
}

QString AwsConfigImport::defaultCredentialsFile()
{
    const QString env = qEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
    return env.isEmpty() ? QDir::home().filePath(u".aws/credentials"_s) : env;
}

QString AwsConfigImport::defaultConfigFile()
{
    const QString env = qEnvironmentVariable("AWS_CONFIG_FILE");
    return env.isEmpty() ? QDir::home().filePath(u".aws/config"_s) : env;
}

AwsConfigPreview AwsConfigImport::preview(const QString& directory)
{
    if (directory.isEmpty())
        return previewFiles(defaultCredentialsFile(), defaultConfigFile());
    const QDir dir(directory);
    return previewFiles(dir.filePath(u"credentials"_s), dir.filePath(u"config"_s));
}

AwsConfigPreview AwsConfigImport::previewFiles(const QString& credentialsFile, const QString& configFile)
{
    QByteArray contents[2];
    QString read[2];
    AwsConfigPreview failed;
    QList<AwsConfigIssue> permissionWarnings;
    const QString paths[2] = { credentialsFile, configFile };
    for (int i = 0; i < 2; ++i) {
        const AwsFileRead file = readAwsFile(paths[i]);
        if (file.status == AwsFileRead::Status::Missing)
            continue;
        if (file.status == AwsFileRead::Status::Refused) {
            failed.errors.append({ paths[i], 0, file.error });
            continue;
        }
        contents[i] = file.content;
        read[i] = paths[i];
        // The config file holds settings, rarely keys: only the credentials file is held to ssh's rule.
        if (i == 0 && !file.looseMode.isEmpty())
            permissionWarnings.append({ paths[i], 0,
                QCoreApplication::translate("AwsConfigImport",
                    "Permissions %1 are too open: other users of this computer can read or change the keys in it. "
                    "Restrict them with chmod 600.")
                    .arg(file.looseMode) });
    }
    if (!failed.errors.isEmpty())
        return failed;
    AwsConfigPreview result = previewContent(contents[0], contents[1], credentialsFile, configFile);
    result.credentialsFile = read[0];
    result.configFile = read[1];
    result.warnings = permissionWarnings + result.warnings;
    if (read[0].isEmpty() && read[1].isEmpty())
        result.errors.append({ QFileInfo(credentialsFile).absolutePath(), 0,
            QCoreApplication::translate("AwsConfigImport", "Neither %1 nor %2 exists.")
                .arg(credentialsFile, configFile) });
    return result;
}

AwsConfigPreview AwsConfigImport::previewContent(
    const QByteArray& credentials, const QByteArray& config, const QString& credentialsName, const QString& configName)
{
    AwsConfigPreview preview;
    const IniDocument credentialsDoc = IniDocument::parse(credentials);
    const IniDocument configDoc = IniDocument::parse(config);
    appendIssues(preview.errors, credentialsDoc.errors, credentialsName);
    appendIssues(preview.errors, configDoc.errors, configName);
    appendIssues(preview.warnings, credentialsDoc.warnings, credentialsName);
    appendIssues(preview.warnings, configDoc.warnings, configName);

    preview.ssoSessions = ssoSessionsOf(configDoc, configName, &preview.warnings);
    const QMap<QString, Gathered> gathered
        = gatherProfiles(credentialsDoc, configDoc, credentialsName, configName, &preview.warnings);
    for (const Gathered& g : gathered)
        previewProfile(preview, g, endpointsOf(g, configDoc, &preview.warnings));

    // A role whose source profile is neither imported nor unsupported-but-known will not work: say so now.
    for (AwsConfigCandidate& c : preview.profiles) {
        if (c.profile.assumesRole() && !preview.candidate(c.profile.role.sourceProfile))
            c.notes << QCoreApplication::translate(
                "AwsConfigImport", "Its source profile %1 is not imported from these files; it must exist in Hookdesk.")
                           .arg(c.profile.role.sourceProfile);
    }
    return preview;
}

AwsConfigImport::AwsConfigImport(ProfileStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
}

ResultJob<AwsConfigImportResult>* AwsConfigImport::commit(const AwsConfigPreview& preview, const QStringList& names)
{
    auto* job = new ResultJob<AwsConfigImportResult>(this);
    if (!preview.errors.isEmpty()) {
        const AwsError error = AwsError::validation(
            QCoreApplication::translate("AwsConfigImport", "The AWS files have errors; fix them first (%1).")
                .arg(preview.errors.first().toString()));
        QTimer::singleShot(0, job, [job, error] { job->finishWithError(error); });
        return job;
    }

    struct State {
        QList<AwsConfigCandidate> todo;
        AwsConfigImportResult result;
    };
    auto state = std::make_shared<State>();
    state->todo = importOrder(preview, names, m_store, &state->result.skippedExisting);

    auto rollback = std::make_shared<std::function<void(AwsError)>>();
    *rollback = [this, job, state, rollback](const AwsError& error) {
        if (state->result.imported.isEmpty()) {
            job->finishWithError(error);
            *rollback = nullptr;
            return;
        }
        const QString name = state->result.imported.takeLast();
        auto* remove = m_store->removeProfile(name);
        connect(remove, &AwsJob::finished, this, [rollback, error] { (*rollback)(error); });
    };
    auto step = std::make_shared<std::function<void()>>();
    *step = [this, job, state, step, rollback, preview] {
        if (state->todo.isEmpty()) {
            const QStringList files = QStringList { preview.credentialsFile, preview.configFile }.filter(u"/"_s);
            state->result.notice
                = QCoreApplication::translate("AwsConfigImport",
                    "%n profile(s) imported; the keys are now in the system keychain. Hookdesk "
                    "never changes %1, so you can now remove the keys from it yourself.",
                    nullptr, int(state->result.imported.size()))
                      .arg(files.isEmpty() ? QCoreApplication::translate("AwsConfigImport", "the AWS files")
                                           : files.join(QCoreApplication::translate("AwsConfigImport", " and ")));
            qCInfo(lcAws) << "imported AWS profiles:" << state->result.imported;
            job->finishWithResult(state->result);
            // Both functions hold themselves; emptying them ends the cycles, or they would outlive the import.
            *rollback = nullptr;
            *step = nullptr;
            return;
        }
        const AwsConfigCandidate c = state->todo.takeFirst();
        // The session first (start URL and region, nothing secret): the profile is of no use without it.
        QString sessionError;
        if (c.ssoSession && !m_store->ssoSession(c.ssoSession->name)
            && !m_store->saveSsoSession(*c.ssoSession, &sessionError)) {
            *step = nullptr;
            (*rollback)(AwsError::validation(sessionError));
            return;
        }
        auto* add = m_store->addProfile(c.profile, c.keys);
        connect(add, &AwsJob::finished, this, [state, step, rollback, name = c.profile.name](AwsJob* done) {
            if (done->hasError()) {
                AwsError error = done->error();
                error.message = QCoreApplication::translate("AwsConfigImport", "Profile %1 could not be imported: %2")
                                    .arg(name, error.message);
                *step = nullptr;
                (*rollback)(error);
                return;
            }
            state->result.imported << name;
            (*step)();
        });
    };
    QTimer::singleShot(0, job, [step] { (*step)(); });
    return job;
}
