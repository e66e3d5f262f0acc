// The keychain store against a real Secret Service: gnome-keyring on a private D-Bus session of this process.
#include "keyringsession.h"
#include "secretstore.h"
#include "testsupport.h"

#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
struct Outcome {
    bool done = false;
    QString value;
    SecretError error;
};

Outcome readNow(SecretStore& store, const QString& profile, const QString& field)
{
    auto outcome = std::make_shared<Outcome>();
    store.read(profile, field, nullptr, [outcome](const QString& value, const SecretError& error) {
        outcome->done = true;
        outcome->value = value;
        outcome->error = error;
    });
    if (!QTest::qWaitFor([&] { return outcome->done; }, 20000))
        return {};
    return *outcome;
}

Outcome writeNow(SecretStore& store, const QString& profile, const QString& field, const QString& value)
{
    auto outcome = std::make_shared<Outcome>();
    store.write(profile, field, value, nullptr, [outcome](const SecretError& error) {
        outcome->done = true;
        outcome->error = error;
    });
    if (!QTest::qWaitFor([&] { return outcome->done; }, 20000))
        return {};
    return *outcome;
}

Outcome removeNow(SecretStore& store, const QString& profile, const QString& field)
{
    auto outcome = std::make_shared<Outcome>();
    store.remove(profile, field, nullptr, [outcome](const SecretError& error) {
        outcome->done = true;
        outcome->error = error;
    });
    if (!QTest::qWaitFor([&] { return outcome->done; }, 20000))
        return {};
    return *outcome;
}
} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void storeReadUpdateRemove();
    void entriesAreScopedUnderHookdesk();
    void callbacksNeverRunInsideTheCall();
    void operationsChainedFromCallbacksAllComplete();
    void destroyedContextSuppressesCallback();
    void rejectsUnusableKeysAndOversizedValues();
    void nothingLandsInPlaintextFiles();

private:
    TestSupport::KeyringSession m_session;
    QTemporaryDir m_home;
    QStringList m_secretsWritten;
};

void TestSecretStore::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Anything Hookdesk or QtKeychain might write (a QSettings fallback file, caches) lands here, where the last
    // test searches it.
    qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(u"data"_s).toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath(u"cache"_s).toUtf8());
    HOOKDESK_REQUIRE_SECRET_SERVICE(m_session);
}

void TestSecretStore::storeReadUpdateRemove()
{
    KeychainSecretStore store;
    const QString first = u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"_s;
    const QString second = u"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"_s;
    m_secretsWritten << first << second;

    Outcome outcome = writeNow(store, u"prod"_s, u"secret_access_key"_s, first);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message));
    outcome = readNow(store, u"prod"_s, u"secret_access_key"_s);
    QVERIFY(outcome.done);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message));
    QCOMPARE(outcome.value, first);

    // Update in place: the second write replaces, it does not add a second item.
    QVERIFY(!writeNow(store, u"prod"_s, u"secret_access_key"_s, second).error.isError());
    QCOMPARE(readNow(store, u"prod"_s, u"secret_access_key"_s).value, second);

    // Another store object (another process, in real life) sees the same entry.
    KeychainSecretStore other;
    QCOMPARE(readNow(other, u"prod"_s, u"secret_access_key"_s).value, second);

    QVERIFY(!removeNow(store, u"prod"_s, u"secret_access_key"_s).error.isError());
    outcome = readNow(store, u"prod"_s, u"secret_access_key"_s);
    QVERIFY(outcome.done);
    QCOMPARE(outcome.error.kind, SecretError::Kind::NotFound);
    QVERIFY(outcome.value.isEmpty());
    QVERIFY(!outcome.error.message.contains(second));

    // Removing what is not there is not an error: the wanted state holds.
    QVERIFY(!removeNow(store, u"prod"_s, u"secret_access_key"_s).error.isError());
}

void TestSecretStore::entriesAreScopedUnderHookdesk()
{
    KeychainSecretStore store;
    QVERIFY(!writeNow(store, u"scoped"_s, u"access_key_id"_s, u"AKIAIOSFODNN7EXAMPLE"_s).error.isError());

    // Look at the item the way another Secret Service client would: by its attributes.
    QDBusInterface service(u"org.freedesktop.secrets"_s, u"/org/freedesktop/secrets"_s,
        u"org.freedesktop.Secret.Service"_s, QDBusConnection::sessionBus());
    qDBusRegisterMetaType<QMap<QString, QString>>();
    QMap<QString, QString> attributes;
    attributes.insert(u"server"_s, u"hookdesk"_s);
    attributes.insert(u"user"_s, u"hookdesk/scoped/access_key_id"_s);
    const QDBusMessage reply = service.call(u"SearchItems"_s, QVariant::fromValue(attributes));
    QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
    const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(0));
    QCOMPARE(unlocked.size(), 1);
    QVERIFY(!removeNow(store, u"scoped"_s, u"access_key_id"_s).error.isError());
}

void TestSecretStore::callbacksNeverRunInsideTheCall()
{
    KeychainSecretStore store;
    bool called = false;
    store.read(u"nobody"_s, u"access_key_id"_s, nullptr, [&](const QString&, const SecretError&) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY_WITH_TIMEOUT(called, 20000);

    called = false;
    store.write(u"bad/name"_s, u"x"_s, u"v"_s, nullptr, [&](const SecretError&) { called = true; });
    QVERIFY(!called); // even an error found before any job starts arrives later
    QTRY_VERIFY(called);
}

void TestSecretStore::operationsChainedFromCallbacksAllComplete()
{
    // Each callback starts the next operation, the pattern that deadlocks QtKeychain when a job is started from
    // another job's finished() slot. The store must queue them and finish all, in order.
    KeychainSecretStore store;
    constexpr int count = 8;
    QStringList order;
    std::function<void(int)> step = [&](int i) {
        if (i == count)
            return;
        store.write(u"chain"_s, u"field%1"_s.arg(i), u"value-%1"_s.arg(i), nullptr, [&, i](const SecretError& error) {
            QVERIFY(!error.isError());
            store.read(u"chain"_s, u"field%1"_s.arg(i), nullptr, [&, i](const QString& value, const SecretError&) {
                order << value;
                step(i + 1);
            });
        });
    };
    QElapsedTimer timer;
    timer.start();
    step(0);
    // Operations queued while others run are also kept in order.
    QStringList removed;
    for (int i = 0; i < count; ++i)
        store.remove(u"chain"_s, u"absent%1"_s.arg(i), nullptr,
            [&, i](const SecretError& error) { removed << (error.isError() ? u"error"_s : QString::number(i)); });
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), count, 30000);
    for (int i = 0; i < count; ++i)
        QCOMPARE(order.at(i), u"value-%1"_s.arg(i));
    QTRY_COMPARE(removed.size(), count);
    QCOMPARE(removed, (QStringList { u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s, u"7"_s }));
    qInfo("%d chained keychain operations took %lld ms", 3 * count, timer.elapsed());
    for (int i = 0; i < count; ++i)
        removeNow(store, u"chain"_s, u"field%1"_s.arg(i));
    QTRY_COMPARE(store.pendingOperations(), 0);
}

void TestSecretStore::destroyedContextSuppressesCallback()
{
    KeychainSecretStore store;
    bool called = false;
    auto* context = new QObject;
    store.read(u"nobody"_s, u"access_key_id"_s, context, [&](const QString&, const SecretError&) { called = true; });
    delete context;
    // A later operation finishing proves the first one finished too (the queue is serial).
    QVERIFY(removeNow(store, u"nobody"_s, u"x"_s).done);
    QVERIFY(!called);
}

void TestSecretStore::rejectsUnusableKeysAndOversizedValues()
{
    KeychainSecretStore store;
    QCOMPARE(writeNow(store, u"a/b"_s, u"f"_s, u"v"_s).error.kind, SecretError::Kind::InvalidKey);
    QCOMPARE(writeNow(store, QString(), u"f"_s, u"v"_s).error.kind, SecretError::Kind::InvalidKey);
    QCOMPARE(writeNow(store, u"p"_s, u"f"_s, QString(SecretStore::MaxEntryBytes + 1, u'x')).error.kind,
        SecretError::Kind::TooLarge);
    QVERIFY(!writeNow(store, u"p"_s, u"f"_s, QString(SecretStore::MaxEntryBytes, u'x')).error.isError());
    QCOMPARE(readNow(store, u"p"_s, u"f"_s).value.size(), SecretStore::MaxEntryBytes);
    removeNow(store, u"p"_s, u"f"_s);
}

void TestSecretStore::nothingLandsInPlaintextFiles()
{
    KeychainSecretStore store;
    const QString secret = u"zQ9plaintextCanaryKEY/0123456789abcdefABCD"_s;
    QVERIFY(!writeNow(store, u"canary"_s, u"secret_access_key"_s, secret).error.isError());
    m_secretsWritten << secret;
    int filesSearched = 0;
    // The test's XDG homes and the keyring's own directory: the secret is in the keyring only in encrypted form.
    for (const QString& root : { m_home.path(), m_session.keyringDirectory() }) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            ++filesSearched;
            for (const QString& written : std::as_const(m_secretsWritten)) {
                QVERIFY2(!content.contains(written.toUtf8()), qPrintable(file.fileName()));
                QVERIFY2(!content.contains(written.toUtf8().toBase64()), qPrintable(file.fileName()));
            }
        }
    }
    QVERIFY(filesSearched > 0); // the keyring file at least
    removeNow(store, u"canary"_s, u"secret_access_key"_s);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
