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
    // The store is the context of every step: the entry is kept even when the provider that asked is gone.
    const QString scope = SsoTokenStore::scope(session.name);
    const QString entry = field(role);
    const QString value = SessionCache::encode(credentials, fingerprint(session, role));
    // The index first: an index naming an entry that was never written costs nothing, an entry the index does not
    // name would outlive a sign-out.
    store->read(scope, kIndexField, store, [store, scope, entry, value](const QString& index, const SecretError&) {
        const auto writeEntry = [store, scope, entry, value](const SecretError& indexError) {
            if (indexError.isError()) {
                qCInfo(lcAws) << "role credentials not kept, the index could not be written:" << indexError.message;
                return;
            }
            store->write(scope, entry, value, store, [](const SecretError& error) {
                if (error.isError())
                    qCInfo(lcAws) << "role credentials not kept:" << error.message;
            });
        };
        QStringList entries = indexEntries(index);
        if (entries.contains(entry))
            return writeEntry({});
        entries.append(entry);
        store->write(scope, kIndexField, entries.join(u'\n'), store, writeEntry);
    });
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
