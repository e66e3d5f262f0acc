#include "profilestore.h"

#include "awslogging.h"
#include "secretstore.h"
#include "sessioncache.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// Session tokens can outgrow one keychain entry (SecretStore::MaxEntryBytes); they are split over
// "session_token", "session_token.2", … and the number of parts is kept with the metadata.
constexpr qsizetype TokenChunk = 2000;

QString tokenPartField(int part)
{
    return part == 1 ? ProfileStore::sessionTokenField()
                     : ProfileStore::sessionTokenField() + u'.' + QString::number(part);
}

struct SecretOp {
    enum class Kind { Read, Write, Remove } kind;
    QString profile;
    QString field;
    QString value;
    bool optional = false; // a read that may find nothing
};

using OpsDone = std::function<void(const QHash<QString, QString>& values, const SecretError& error, int completed)>;

// Runs keychain operations one after another (each starts from the previous one's callback, which the store
// queues, never from inside a QtKeychain finished() slot). The first error stops the run.
void runSecretOps(SecretStore* store, QObject* context, QList<SecretOp> ops, OpsDone done)
{
    struct State {
        QList<SecretOp> ops;
        QHash<QString, QString> values;
        OpsDone done;
        int next = 0;
    };
    auto state = std::make_shared<State>(State { std::move(ops), {}, std::move(done), 0 });
    auto step = std::make_shared<std::function<void()>>();
    *step = [store, context, state, step] {
        if (state->next == state->ops.size()) {
            state->done(state->values, {}, state->next);
            *step = nullptr; // break the self-reference
            return;
        }
        const SecretOp op = state->ops.at(state->next);
        auto finishOne = [state, step](const SecretError& error) {
            if (error.isError()) {
                state->done(state->values, error, state->next);
                *step = nullptr;
                return;
            }
            ++state->next;
            (*step)();
        };
        switch (op.kind) {
        case SecretOp::Kind::Read:
            store->read(
                op.profile, op.field, context, [state, op, finishOne](const QString& value, const SecretError& e) {
                    if (!e.isError())
                        state->values.insert(op.field, value);
                    finishOne(op.optional && e.kind == SecretError::Kind::NotFound ? SecretError() : e);
                });
            break;
        case SecretOp::Kind::Write:
            store->write(op.profile, op.field, op.value, context, finishOne);
            break;
        case SecretOp::Kind::Remove:
            store->remove(op.profile, op.field, context, finishOne);
            break;
        }
    };
    (*step)();
}

QString group(const QString& name)
{
    return u"profiles/"_s + name;
}

} // namespace

QString ProfileStore::accessKeyIdField()
{
    return u"access_key_id"_s;
}

QString ProfileStore::secretAccessKeyField()
{
    return u"secret_access_key"_s;
}

QString ProfileStore::sessionTokenField()
{
    return u"session_token"_s;
}

QString ProfileStore::defaultSettingsPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/Hookdesk/profiles.ini"_s;
}

ProfileStore::ProfileStore(SecretStore* secrets, QObject* parent)
    : ProfileStore(secrets, defaultSettingsPath(), parent)
{
}

ProfileStore::ProfileStore(SecretStore* secrets, const QString& settingsPath, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_settings(std::make_unique<QSettings>(settingsPath, QSettings::IniFormat))
{
}

ProfileStore::~ProfileStore() = default;

QString ProfileStore::settingsPath() const
{
    return m_settings->fileName();
}

QStringList ProfileStore::profileNames() const
{
    m_settings->sync(); // pick up what another Hookdesk process wrote
    m_settings->beginGroup(u"profiles"_s);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    names.sort();
    return names;
}

QStringList ProfileStore::ssoSessionNames() const
{
    m_settings->sync();
    m_settings->beginGroup(u"sso-sessions"_s);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    names.sort();
    return names;
}

std::optional<SsoSession> ProfileStore::ssoSession(const QString& name) const
{
    if (!SsoSession::isValidName(name) || !ssoSessionNames().contains(name))
        return std::nullopt;
    m_settings->beginGroup(u"sso-sessions/"_s + name);
    SsoSession session { name, m_settings->value(u"startUrl"_s).toString(), m_settings->value(u"region"_s).toString(),
        m_settings->value(u"scopes"_s).toStringList() };
    m_settings->endGroup();
    return session;
}

bool ProfileStore::saveSsoSession(const SsoSession& session, QString* error)
{
    *error = session.validationError();
    if (!error->isEmpty())
        return false;
    m_settings->remove(u"sso-sessions/"_s + session.name);
    m_settings->beginGroup(u"sso-sessions/"_s + session.name);
    m_settings->setValue(u"startUrl"_s, session.startUrl);
    m_settings->setValue(u"region"_s, session.region);
    if (!session.scopes.isEmpty())
        m_settings->setValue(u"scopes"_s, session.scopes);
    m_settings->endGroup();
    m_settings->sync();
    return true;
}

QStringList ProfileStore::profilesUsingSsoSession(const QString& name) const
{
    QStringList users;
    for (const Profile& p : profiles())
        if (p.sso.session == name)
            users << p.name;
    return users;
}

QList<Profile> ProfileStore::profiles() const
{
    QList<Profile> result;
    for (const QString& name : profileNames()) {
        if (auto p = profile(name))
            result << *p;
    }
    return result;
}

bool ProfileStore::contains(const QString& name) const
{
    return Profile::isValidName(name) && profileNames().contains(name);
}

std::optional<Profile> ProfileStore::profile(const QString& name) const
{
    if (!contains(name))
        return std::nullopt;
    m_settings->beginGroup(group(name));
    Profile p;
    p.name = name;
    p.region = m_settings->value(u"region"_s).toString();
    p.endpointUrl = QUrl(m_settings->value(u"endpointUrl"_s).toString());
    p.role.roleArn = m_settings->value(u"roleArn"_s).toString();
    p.role.sourceProfile = m_settings->value(u"sourceProfile"_s).toString();
    p.role.externalId = m_settings->value(u"externalId"_s).toString();
    p.role.mfaSerial = m_settings->value(u"mfaSerial"_s).toString();
    p.role.durationSeconds = m_settings->value(u"durationSeconds"_s, 3600).toInt();
    p.sso.session = m_settings->value(u"ssoSession"_s).toString();
    p.sso.accountId = m_settings->value(u"ssoAccountId"_s).toString();
    p.sso.roleName = m_settings->value(u"ssoRoleName"_s).toString();
    m_settings->endGroup();
    return p;
}

bool ProfileStore::hasStoredKeys(const QString& name) const
{
    return contains(name) && m_settings->value(group(name) + u"/hasKeys"_s).toBool();
}

int ProfileStore::sessionTokenParts(const QString& name) const
{
    return m_settings->value(group(name) + u"/sessionTokenParts"_s, 0).toInt();
}

void ProfileStore::saveMetadata(const Profile& p, bool hasKeys, int tokenParts)
{
    // Only what is not secret. The keys never pass through QSettings.
    m_settings->remove(group(p.name));
    m_settings->beginGroup(group(p.name));
    m_settings->setValue(u"region"_s, p.region);
    if (!p.endpointUrl.isEmpty())
        m_settings->setValue(u"endpointUrl"_s, p.endpointUrl.toString());
    if (p.role.isSet()) {
        m_settings->setValue(u"roleArn"_s, p.role.roleArn);
        m_settings->setValue(u"sourceProfile"_s, p.role.sourceProfile);
        if (!p.role.externalId.isEmpty())
            m_settings->setValue(u"externalId"_s, p.role.externalId);
        m_settings->setValue(u"durationSeconds"_s, p.role.durationSeconds);
    } else if (!p.role.mfaSerial.isEmpty()) { // a user's MFA session (GetSessionToken)
        m_settings->setValue(u"durationSeconds"_s, p.role.durationSeconds);
    }
    if (!p.role.mfaSerial.isEmpty())
        m_settings->setValue(u"mfaSerial"_s, p.role.mfaSerial);
    if (p.usesSso()) {
        m_settings->setValue(u"ssoSession"_s, p.sso.session);
        m_settings->setValue(u"ssoAccountId"_s, p.sso.accountId);
        m_settings->setValue(u"ssoRoleName"_s, p.sso.roleName);
    }
    m_settings->setValue(u"hasKeys"_s, hasKeys);
    m_settings->setValue(u"sessionTokenParts"_s, tokenParts);
    m_settings->endGroup();
    m_settings->sync();
}

template <typename Job> Job* ProfileStore::failLater(Job* job, const AwsError& error)
{
    // Callers connect to finished() after we return.
    QTimer::singleShot(0, job, [job, error] { job->finishWithError(error); });
    return job;
}

void ProfileStore::writeKeys(
    const QString& name, const Credentials& keys, int oldTokenParts, const std::function<void(const AwsError&)>& done)
{
    QList<SecretOp> ops;
    ops.append({ SecretOp::Kind::Write, name, accessKeyIdField(), keys.accessKeyId });
    ops.append({ SecretOp::Kind::Write, name, secretAccessKeyField(), keys.secretAccessKey });
    int parts = 0;
    for (qsizetype at = 0; at < keys.sessionToken.size(); at += TokenChunk)
        ops.append({ SecretOp::Kind::Write, name, tokenPartField(++parts), keys.sessionToken.mid(at, TokenChunk) });
    for (int part = parts + 1; part <= oldTokenParts; ++part)
        ops.append({ SecretOp::Kind::Remove, name, tokenPartField(part), {} });
    runSecretOps(m_secrets, this, ops, [done](const QHash<QString, QString>&, const SecretError& error, int) {
        done(error.isError() ? error.toAwsError() : AwsError());
    });
}

void ProfileStore::removeKeys(const QString& name, int tokenParts, const std::function<void(const AwsError&)>& done)
{
    QList<SecretOp> ops;
    ops.append({ SecretOp::Kind::Remove, name, accessKeyIdField(), {} });
    ops.append({ SecretOp::Kind::Remove, name, secretAccessKeyField(), {} });
    ops.append({ SecretOp::Kind::Remove, name, SessionCache::field(), {} }); // a role session of the profile too
    for (int part = 1; part <= std::max(1, tokenParts); ++part)
        ops.append({ SecretOp::Kind::Remove, name, tokenPartField(part), {} });
    runSecretOps(m_secrets, this, ops, [done](const QHash<QString, QString>&, const SecretError& error, int) {
        done(error.isError() ? error.toAwsError() : AwsError());
    });
}

void ProfileStore::readKeys(
    const QString& name, int tokenParts, const std::function<void(const Credentials&, const AwsError&)>& done)
{
    QList<SecretOp> ops;
    ops.append({ SecretOp::Kind::Read, name, accessKeyIdField(), {} });
    ops.append({ SecretOp::Kind::Read, name, secretAccessKeyField(), {} });
    for (int part = 1; part <= tokenParts; ++part)
        ops.append({ SecretOp::Kind::Read, name, tokenPartField(part), {} });
    runSecretOps(
        m_secrets, this, ops, [done, tokenParts](const QHash<QString, QString>& values, const SecretError& error, int) {
            Credentials keys;
            if (error.isError()) {
                done(keys, error.toAwsError());
                return;
            }
            keys.accessKeyId = values.value(accessKeyIdField());
            keys.secretAccessKey = values.value(secretAccessKeyField());
            for (int part = 1; part <= tokenParts; ++part)
                keys.sessionToken += values.value(tokenPartField(part));
            done(keys, {});
        });
}

ResultJob<NoResult>* ProfileStore::addProfile(const Profile& p, const Credentials& keys)
{
    auto* job = new ResultJob<NoResult>(this);
    if (const QString error = p.validationError(); !error.isEmpty())
        return failLater(job, AwsError::validation(error));
    if (contains(p.name))
        return failLater(job, AwsError::validation(tr("A profile named %1 exists already.").arg(p.name)));
    const bool hasKeys = keys.isValid();
    if (!hasKeys && !p.keysOptional())
        return failLater(job, AwsError::validation(tr("Enter an access key ID and a secret access key.")));
    if (!hasKeys) {
        QTimer::singleShot(0, job, [this, job, p] {
            saveMetadata(p, false, 0);
            job->finishWithResult({});
            Q_EMIT profileAdded(p.name);
        });
        return job;
    }
    const int parts = int((keys.sessionToken.size() + TokenChunk - 1) / TokenChunk);
    writeKeys(p.name, keys, 0, [this, job, p, parts](const AwsError& error) {
        if (error.isError()) {
            // Nothing half-saved: take back whatever entries were written before the failure.
            removeKeys(p.name, parts, [job, error](const AwsError&) { job->finishWithError(error); });
            return;
        }
        saveMetadata(p, true, parts);
        qCInfo(lcAws) << "profile added:" << p.name;
        job->finishWithResult({});
        Q_EMIT profileAdded(p.name);
    });
    return job;
}

ResultJob<NoResult>* ProfileStore::updateProfile(
    const QString& currentName, const Profile& p, const std::optional<Credentials>& keys)
{
    auto* job = new ResultJob<NoResult>(this);
    if (!contains(currentName))
        return failLater(job, AwsError::validation(tr("There is no profile named %1.").arg(currentName)));
    if (const QString error = p.validationError(); !error.isEmpty())
        return failLater(job, AwsError::validation(error));
    const bool renaming = p.name != currentName;
    if (renaming && contains(p.name))
        return failLater(job, AwsError::validation(tr("A profile named %1 exists already.").arg(p.name)));
    if (keys && !keys->isValid() && !p.keysOptional())
        return failLater(job, AwsError::validation(tr("Enter an access key ID and a secret access key.")));
    const bool hadKeys = hasStoredKeys(currentName);
    const int oldParts = sessionTokenParts(currentName);
    if (!keys && !hadKeys && !p.keysOptional())
        return failLater(job, AwsError::validation(tr("Enter an access key ID and a secret access key.")));

    // Where the keys come from: the new ones, or (for a rename) the old entries.
    auto withKeys = [this, currentName, keys, hadKeys, oldParts, renaming](
                        const std::function<void(const std::optional<Credentials>&, const AwsError&)>& next) {
        if (keys || !hadKeys || !renaming) {
            QTimer::singleShot(0, this, [next, keys] { next(keys, {}); });
            return;
        }
        readKeys(currentName, oldParts, [next](const Credentials& old, const AwsError& error) { next(old, error); });
    };
    withKeys([=, this](const std::optional<Credentials>& newKeys, const AwsError& readError) {
        if (readError.isError()) {
            job->finishWithError(readError);
            return;
        }
        const bool storeKeys = newKeys && newKeys->isValid();
        const int newParts = storeKeys ? int((newKeys->sessionToken.size() + TokenChunk - 1) / TokenChunk) : 0;
        auto commit = [=, this] {
            const bool keepsKeys = storeKeys || (!newKeys && hadKeys);
            saveMetadata(p, keepsKeys, storeKeys ? newParts : (newKeys ? 0 : oldParts));
            if (renaming) {
                m_settings->remove(group(currentName));
                // Profiles that assumed a role with the old name's keys follow the rename.
                for (const Profile& other : profiles()) {
                    if (other.role.sourceProfile == currentName) {
                        m_settings->setValue(group(other.name) + u"/sourceProfile"_s, p.name);
                    }
                }
                m_settings->sync();
            }
            auto finish = [=, this](const AwsError&) {
                job->finishWithResult({});
                if (renaming)
                    Q_EMIT profileRenamed(currentName, p.name);
                Q_EMIT profileChanged(p.name);
            };
            // Old entries that are no longer wanted: all of them after a rename, or keys dropped for a role.
            if (hadKeys && (renaming || (newKeys && !storeKeys)))
                removeKeys(currentName, oldParts, finish);
            else // whatever changed (keys, role, device, name), a session kept for the old settings is not for these
                m_secrets->remove(
                    currentName, SessionCache::field(), this, [finish](const SecretError&) { finish({}); });
        };
        if (!storeKeys) {
            commit();
            return;
        }
        writeKeys(p.name, *newKeys, renaming ? 0 : oldParts, [=, this](const AwsError& error) {
            if (error.isError()) {
                if (renaming)
                    removeKeys(p.name, newParts, [job, error](const AwsError&) { job->finishWithError(error); });
                else
                    job->finishWithError(error);
                return;
            }
            commit();
        });
    });
    return job;
}

ResultJob<NoResult>* ProfileStore::renameProfile(const QString& oldName, const QString& newName)
{
    std::optional<Profile> p = profile(oldName);
    if (!p)
        return failLater(
            new ResultJob<NoResult>(this), AwsError::validation(tr("There is no profile named %1.").arg(oldName)));
    p->name = newName;
    return updateProfile(oldName, *p);
}

ResultJob<NoResult>* ProfileStore::removeProfile(const QString& name)
{
    auto* job = new ResultJob<NoResult>(this);
    if (!contains(name))
        return failLater(job, AwsError::validation(tr("There is no profile named %1.").arg(name)));
    removeKeys(name, sessionTokenParts(name), [this, job, name](const AwsError& error) {
        if (error.isError()) {
            job->finishWithError(error);
            return;
        }
        m_settings->remove(group(name));
        m_settings->sync();
        qCInfo(lcAws) << "profile removed:" << name;
        job->finishWithResult({});
        Q_EMIT profileRemoved(name);
    });
    return job;
}

ResultJob<Credentials>* ProfileStore::readCredentials(const QString& name)
{
    auto* job = new ResultJob<Credentials>(this);
    if (!contains(name))
        return failLater(job, AwsError::credentials(tr("There is no profile named %1.").arg(name)));
    if (!hasStoredKeys(name))
        return failLater(job, AwsError::credentials(tr("Profile %1 has no access keys stored.").arg(name)));
    readKeys(name, sessionTokenParts(name), [job, name](const Credentials& keys, const AwsError& error) {
        if (error.isError())
            job->finishWithError(error);
        else if (!keys.isValid())
            job->finishWithError(AwsError::credentials(tr("Profile %1 has no access keys stored.").arg(name)));
        else
            job->finishWithResult(keys);
    });
    return job;
}
