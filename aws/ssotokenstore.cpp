#include "ssotokenstore.h"

#include "credentials.h"

#include <QPointer>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
// Characters per part: three UTF-8 bytes each at worst stay under SecretStore::MaxEntryBytes.
constexpr qsizetype kPartChars = SecretStore::MaxEntryBytes / 3;
constexpr int kMaxParts = 16;

const QString kField = u"token"_s;

QString partField(int index)
{
    return kField + u'.' + QString::number(index);
}

int partCount(const QString& header)
{
    bool ok = false;
    const int parts = header.toInt(&ok);
    return ok && parts > 0 && parts <= kMaxParts ? parts : 0;
}

// Runs `steps` one after the other, each given a continuation; stops at the first keychain error.
using Step = std::function<void(const SecretStore::Callback& next)>;
void runSteps(const std::shared_ptr<QList<Step>>& steps, int index, const SecretStore::Callback& done)
{
    if (index >= steps->size()) {
        done({});
        return;
    }
    (*steps)[index]([steps, index, done](const SecretError& error) {
        if (error.isError())
            done(error);
        else
            runSteps(steps, index + 1, done);
    });
}
} // namespace

QString SsoTokenStore::scope(const QString& session)
{
    return u"sso/"_s + session;
}

void SsoTokenStore::read(SecretStore* store, const QString& session, QObject* context, const ReadCallback& done)
{
    const QString where = scope(session);
    store->read(where, kField, context, [=](const QString& header, const SecretError& error) {
        if (error.kind == SecretError::Kind::NotFound || (!error.isError() && partCount(header) == 0))
            return done(std::nullopt, {});
        if (error.isError())
            return done(std::nullopt, error);
        auto text = std::make_shared<QString>();
        auto steps = std::make_shared<QList<Step>>();
        for (int part = 1; part <= partCount(header); ++part)
            steps->append([=](const SecretStore::Callback& next) {
                store->read(where, partField(part), context, [=](const QString& value, const SecretError& e) {
                    text->append(value);
                    next(e);
                });
            });
        runSteps(steps, 0, [=](const SecretError& partError) {
            if (partError.kind == SecretError::Kind::NotFound)
                return done(std::nullopt, {});
            done(partError.isError() ? std::nullopt : SsoToken::decode(*text), partError);
            Credentials::wipe(*text);
        });
    });
}

void SsoTokenStore::write(
    SecretStore* store, const QString& session, const SsoToken& token, QObject* caller, const Callback& callerDone)
{
    const QString where = scope(session);
    // Every step runs to its end whatever happens to the caller: a write cut half way would leave parts that do not
    // match their count, and lose the sign-in. Only the caller's own callback is skipped once it is gone.
    QObject* context = store;
    const QPointer<QObject> guard(caller);
    Callback done = [guard, hadCaller = caller != nullptr, callerDone](const SecretError& error) {
        if (!hadCaller || guard)
            callerDone(error);
    };
    const QString text = token.encode();
    const int parts = int((text.size() + kPartChars - 1) / kPartChars);
    if (parts > kMaxParts) {
        // Still asynchronous, as SecretStore promises its callers.
        QTimer::singleShot(0, context ? context : store, [done, where] {
            done(SecretError::make(SecretError::Kind::TooLarge, SecretStore::keyFor(where, kField)));
        });
        return;
    }
    store->read(where, kField, context, [=](const QString& oldHeader, const SecretError&) {
        auto steps = std::make_shared<QList<Step>>();
        for (int part = 1; part <= parts; ++part)
            steps->append([=](const SecretStore::Callback& next) {
                store->write(where, partField(part), text.mid((part - 1) * kPartChars, kPartChars), context, next);
            });
        // The count last: a reader never sees a count whose parts are not all written.
        steps->append([=](const SecretStore::Callback& next) {
            store->write(where, kField, QString::number(parts), context, next);
        });
        for (int stale = parts + 1; stale <= partCount(oldHeader); ++stale)
            steps->append(
                [=](const SecretStore::Callback& next) { store->remove(where, partField(stale), context, next); });
        runSteps(steps, 0, done);
    });
}

void SsoTokenStore::remove(SecretStore* store, const QString& session, QObject* caller, const Callback& callerDone)
{
    const QString where = scope(session);
    QObject* context = store; // as in write(): the steps always run to their end
    const QPointer<QObject> guard(caller);
    Callback done = [guard, hadCaller = caller != nullptr, callerDone](const SecretError& error) {
        if (!hadCaller || guard)
            callerDone(error);
    };
    store->read(where, kField, context, [=](const QString& header, const SecretError&) {
        // The count first: once it is gone the parts are unreachable even if removing them fails half way.
        auto steps = std::make_shared<QList<Step>>();
        steps->append([=](const SecretStore::Callback& next) { store->remove(where, kField, context, next); });
        for (int part = 1; part <= qMax(1, partCount(header)); ++part)
            steps->append(
                [=](const SecretStore::Callback& next) { store->remove(where, partField(part), context, next); });
        runSteps(steps, 0, done);
    });
}
