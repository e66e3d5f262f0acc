#include "ssorolecache.h"

#include "awslogging.h"
#include "sessioncache.h"
#include "ssotokenstore.h"

#include <QPointer>
#include <QRegularExpression>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kIndexField = u"roles"_s;

QStringList indexEntries(const QString& value)
{
    return value.split(u'\n', Qt::SkipEmptyParts);
}

// What this process knows of each index ("<store address>/<scope>" → entries), so that two roles kept at once by one
// process (a window with several profiles of a session) both end up in it: each write sends the union of what the
// keychain held when first read and every entry added since. The keychain runs operations in order, so the last
// index written holds them all. Another process writing at the same moment can still win a race; sign-out also
// removes the roles of the session's profiles for that case.
struct KnownIndex {
    bool read = false;
    QStringList entries;
    QList<std::function<void()>> waiting; // writes that came while the first read ran
};
QHash<QString, KnownIndex>& knownIndexes()
{
    static QHash<QString, KnownIndex> indexes;
    return indexes;
}

QString indexKey(const SecretStore* store, const QString& scope)
{
    return QString::number(quintptr(store), 16) + u'/' + scope;
}

void writeIndex(SecretStore* store, const QString& scope)
{
    const QStringList entries = knownIndexes().value(indexKey(store, scope)).entries;
    store->write(scope, kIndexField, entries.join(u'\n'), store, [](const SecretError& error) {
        if (error.isError())
            qCInfo(lcAws) << "the index of kept role credentials could not be written:" << error.message;
    });
}

// Adds `entry` to the index of `scope`, reading the keychain's index first when this process has not yet.
void addToIndex(SecretStore* store, const QString& scope, const QString& entry)
{
    const QString key = indexKey(store, scope);
    KnownIndex& known = knownIndexes()[key];
    const auto add = [store, scope, key, entry] {
        KnownIndex& index = knownIndexes()[key];
        if (index.entries.contains(entry))
            return;
        index.entries << entry;
        writeIndex(store, scope);
    };
    if (known.read)
        return add();
    known.waiting << add;
    if (known.waiting.size() > 1)
        return; // the first read is under way
    store->read(scope, kIndexField, store, [key](const QString& value, const SecretError&) {
        KnownIndex& index = knownIndexes()[key];
        index.read = true;
        for (const QString& entry : indexEntries(value)) {
            if (!index.entries.contains(entry))
                index.entries << entry;
        }
        const QList<std::function<void()>> waiting = std::exchange(index.waiting, {});
        for (const auto& add : waiting)
            add();
    });
}

} // namespace

QString SsoRoleCache::field(const SsoRoleSettings& role)
{
    // Permission set names are [\w+=,.@-]; anything else would not name an entry SecretStore accepts.
    static const QRegularExpression disallowed(u"[^A-Za-z0-9_.@+=,-]+"_s);
    return u"role."_s + QString(role.accountId).replace(disallowed, u"_"_s) + u'.'
        + QString(role.roleName).replace(disallowed, u"_"_s);
}

QString SsoRoleCache::fingerprint(const SsoSession& session, const SsoRoleSettings& role)
{
    return SessionCache::fingerprint({ u"sso"_s, session.startUrl, session.region, role.accountId, role.roleName });
}

void SsoRoleCache::read(SecretStore* store, const SsoSession& session, const SsoRoleSettings& role, QObject* context,
    const ReadCallback& done)
{
    store->read(SsoTokenStore::scope(session.name), field(role), context,
        [done, print = fingerprint(session, role)](const QString& value, const SecretError& error) {
            if (error.isError() && error.kind != SecretError::Kind::NotFound)
                qCInfo(lcAws) << "kept role credentials could not be read:" << error.message;
            done(error.isError() ? std::nullopt : SessionCache::decode(value, print));
        });
}

void SsoRoleCache::write(
    SecretStore* store, const SsoSession& session, const SsoRoleSettings& role, const Credentials& credentials)
{
    // The store is the context of every step: the entry is kept even when the provider that asked is gone. The entry
    // is queued at once, so a removal asked for later (AWS refused the credentials) always runs after it.
    const QString scope = SsoTokenStore::scope(session.name);
    const QString entry = field(role);
    store->write(scope, entry, SessionCache::encode(credentials, fingerprint(session, role)), store,
        [](const SecretError& error) {
            if (error.isError())
                qCInfo(lcAws) << "role credentials not kept:" << error.message;
        });
    addToIndex(store, scope, entry);
}

void SsoRoleCache::remove(SecretStore* store, const QString& session, const SsoRoleSettings& role)
{
    store->remove(SsoTokenStore::scope(session), field(role), store, [](const SecretError& error) {
        if (error.isError())
            qCInfo(lcAws) << "refused role credentials could not be removed:" << error.message;
    });
}

void SsoRoleCache::removeAll(SecretStore* store, const QString& session, const QList<SsoRoleSettings>& knownRoles,
    QObject* context, const SecretStore::Callback& done)
{
    const QString scope = SsoTokenStore::scope(session);
    QStringList known;
    for (const SsoRoleSettings& role : knownRoles)
        known << field(role);
    const QPointer<QObject> guard(context);
    const auto finish = [guard, hadContext = context != nullptr, done](const SecretError& error) {
        if (!hadContext || guard)
            done(error);
    };
    // As SsoTokenStore: every removal runs to its end with the store as context; only `done` depends on the caller.
    store->read(scope, kIndexField, store, [store, scope, known, finish](const QString& index, const SecretError&) {
        QStringList entries = indexEntries(index);
        // And what this process added: its index write may still be queued behind this read.
        for (const QString& entry : knownIndexes().take(indexKey(store, scope)).entries) {
            if (!entries.contains(entry))
                entries << entry;
        }
        for (const QString& entry : known) {
            if (!entries.contains(entry))
                entries << entry;
        }
        auto remaining = std::make_shared<qsizetype>(entries.size());
        auto firstError = std::make_shared<SecretError>();
        const auto removeIndex = [store, scope, firstError, finish] {
            if (firstError->isError()) // keep the index: a later sign-out still finds what is left
                return finish(*firstError);
            store->remove(scope, kIndexField, store, finish);
        };
        if (entries.isEmpty())
            return removeIndex();
        for (const QString& entry : std::as_const(entries)) {
            store->remove(scope, entry, store, [remaining, firstError, removeIndex](const SecretError& error) {
                if (error.isError() && !firstError->isError())
                    *firstError = error;
                if (--*remaining == 0)
                    removeIndex();
            });
        }
    });
}
