#include "recordingkeychainstore.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// "hookdesk/sso/corp/token" → ("sso/corp", "token"): SecretStore::keyFor's parts.
std::pair<QString, QString> splitKey(const QString& key)
{
    const QString prefix = SecretStore::serviceName() + u'/';
    const QString rest = key.startsWith(prefix) ? key.mid(prefix.size()) : key;
    const qsizetype slash = rest.lastIndexOf(u'/');
    return { rest.left(slash), rest.mid(slash + 1) };
}

} // namespace

namespace TestSupport {

RecordingKeychainStore::~RecordingKeychainStore() = default;

void RecordingKeychainStore::start(Request request)
{
    if (request.operation != Operation::Read) {
        const bool write = request.operation == Operation::Write;
        if (write && !m_written.contains(request.key))
            m_written << request.key;
        request.done = [this, write, key = request.key, value = request.value, original = request.done](
                           const QString& read, const SecretError& error) {
            if (!error.isError()) {
                if (write)
                    m_entries.insert(key, value);
                else
                    m_entries.remove(key);
            }
            if (original)
                original(read, error);
        };
    }
    KeychainSecretStore::start(std::move(request));
}

std::optional<QString> RecordingKeychainStore::readBack(const QString& key)
{
    KeychainSecretStore store;
    const auto [profile, field] = splitKey(key);
    bool done = false;
    std::optional<QString> result;
    store.read(profile, field, nullptr, [&](const QString& value, const SecretError& error) {
        if (!error.isError())
            result = value;
        done = true;
    });
    QTest::qWaitFor([&done] { return done; }, 10000);
    return result;
}

void RecordingKeychainStore::removeRecorded()
{
    int pending = 0;
    for (const QString& key : std::as_const(m_written)) {
        const auto [profile, field] = splitKey(key);
        ++pending;
        remove(profile, field, nullptr, [&pending](const SecretError&) { --pending; });
    }
    QTest::qWaitFor([&pending] { return pending == 0; }, 20000);
    m_written.clear();
}

} // namespace TestSupport
