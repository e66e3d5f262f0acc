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
    if (!QTest::qWaitFor([&done] { return done; }, 10000))
        qWarning("the keychain did not answer a read within 10 s");
    return result;
}

void RecordingKeychainStore::removeRecorded()
{
    // Writes still queued (a role kept as a command ended) first, then every key ever written.
    if (!QTest::qWaitFor([this] { return pendingOperations() == 0; }, 20000))
        qWarning("the keychain still has operations queued after 20 s");
    const QStringList written = std::exchange(m_written, {});
    for (const QString& key : written) {
        const auto [profile, field] = splitKey(key);
        remove(profile, field, this, [](const SecretError&) {});
    }
    if (!QTest::qWaitFor([this] { return pendingOperations() == 0; }, 20000))
        qWarning("the keychain did not remove the recorded entries within 20 s");
}

} // namespace TestSupport
