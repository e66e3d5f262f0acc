// The keychain store when the keychain cannot be used: a locked collection, no Secret Service at all, and one that
// comes up late. Each case gets its own private D-Bus session, so locking never disturbs tests running in parallel.
#include "keyringsession.h"
#include "secretstore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString canary = u"zLockedCanary/9f8e7d6c5b4a39281706ABCDEFGH"_s;

// Files a plaintext fallback would create: QtKeychain's QSettings store and anything else under the XDG homes.
QStringList filesContaining(const QString& root, const QByteArray& needle)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found << file.fileName();
    }
    return found;
}
} // namespace

class TestSecretStoreUnavailable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void lockedKeyringGivesClearErrorAndStoresNothing();
    void absentSecretServiceGivesClearError();
    void lateSecretServiceIsRetriedOnce();

private:
    // The scenarios need a fresh process each (a process binds to one session bus), so the test re-runs itself.
    int runChild(const QString& scenario, QString* output);
    // In the parent: run the current test function in a child process and report its result. In the child: false.
    bool ranInChild();
};

bool TestSecretStoreUnavailable::ranInChild()
{
    if (!qEnvironmentVariableIsEmpty("HOOKDESK_KEYRING_SCENARIO"))
        return false;
    QString output;
    const int exitCode = runChild(QString::fromLatin1(QTest::currentTestFunction()), &output);
    qInfo().noquote() << output.trimmed();
    [&] { QCOMPARE(exitCode, 0); }();
    return true;
}

void TestSecretStoreUnavailable::initTestCase()
{
    const QString scenario = qEnvironmentVariable("HOOKDESK_KEYRING_SCENARIO");
    if (!scenario.isEmpty())
        return;
    if (QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s).isEmpty()
        || QStandardPaths::findExecutable(u"dbus-daemon"_s).isEmpty()) {
        if (TestSupport::KeyringSession::required())
            QFAIL("HOOKDESK_REQUIRE_KEYRING is set but gnome-keyring-daemon or dbus-daemon is missing");
        QSKIP("gnome-keyring-daemon or dbus-daemon missing");
    }
}

int TestSecretStoreUnavailable::runChild(const QString& scenario, QString* output)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOOKDESK_KEYRING_SCENARIO"_s, scenario);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), { scenario });
    if (!child.waitForFinished(45000)) {
        child.kill();
        child.waitForFinished();
    }
    *output = QString::fromLocal8Bit(child.readAll());
    return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
}

void TestSecretStoreUnavailable::lockedKeyringGivesClearErrorAndStoresNothing()
{
    if (ranInChild())
        return;
    TestSupport::KeyringSession session;
    QVERIFY2(session.start(TestSupport::KeyringSession::Mode::UnlockedKeyring), qPrintable(session.errorString()));
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(u"data"_s).toUtf8());

    KeychainSecretStore store;
    store.setRetryDelay(100);
    SecretError before;
    bool done = false;
    store.write(u"prod"_s, u"access_key_id"_s, u"AKIAIOSFODNN7EXAMPLE"_s, nullptr, [&](const SecretError& error) {
        before = error;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY2(!before.isError(), qPrintable(before.message));

    QVERIFY(session.lockDefaultCollection());

    QElapsedTimer timer;
    timer.start();
    SecretError writeError;
    done = false;
    store.write(u"prod"_s, u"secret_access_key"_s, canary, nullptr, [&](const SecretError& error) {
        writeError = error;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    qInfo("write to a locked keyring failed after %lld ms: %s", timer.elapsed(), qPrintable(writeError.message));
    QCOMPARE(writeError.kind, SecretError::Kind::Locked);
    QVERIFY(writeError.message.contains(u"locked"_s));

    SecretError readError;
    QString value;
    done = false;
    store.read(u"prod"_s, u"access_key_id"_s, nullptr, [&](const QString& v, const SecretError& error) {
        value = v;
        readError = error;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QCOMPARE(readError.kind, SecretError::Kind::Locked);
    QVERIFY(value.isEmpty());

    QVERIFY(session.isDefaultCollectionLocked());
    QCOMPARE(filesContaining(home.path(), canary.toUtf8()), QStringList());
    QCOMPARE(filesContaining(session.keyringDirectory(), canary.toUtf8()), QStringList());
}

void TestSecretStoreUnavailable::absentSecretServiceGivesClearError()
{
    if (ranInChild())
        return;
    TestSupport::KeyringSession session;
    QVERIFY2(session.start(TestSupport::KeyringSession::Mode::NoSecretService), qPrintable(session.errorString()));
    QVERIFY(!TestSupport::secretServiceAvailable());
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(u"data"_s).toUtf8());

    KeychainSecretStore store;
    store.setRetryDelay(300);
    QElapsedTimer timer;
    timer.start();
    SecretError writeError;
    bool done = false;
    store.write(u"prod"_s, u"secret_access_key"_s, canary, nullptr, [&](const SecretError& error) {
        writeError = error;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    const qint64 elapsed = timer.elapsed();
    qInfo("write without a Secret Service failed after %lld ms: %s", elapsed, qPrintable(writeError.message));
    QCOMPARE(writeError.kind, SecretError::Kind::NoService);
    QVERIFY(writeError.message.contains(u"No keychain service is running"_s));
    QVERIFY(elapsed >= 300); // it waited for the one retry
    QCOMPARE(store.retries(), 1);

    SecretError readError;
    done = false;
    store.read(u"prod"_s, u"secret_access_key"_s, nullptr, [&](const QString&, const SecretError& error) {
        readError = error;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QCOMPARE(readError.kind, SecretError::Kind::NoService);
    QCOMPARE(filesContaining(home.path(), canary.toUtf8()), QStringList());
}

void TestSecretStoreUnavailable::lateSecretServiceIsRetriedOnce()
{
    if (ranInChild())
        return;
    TestSupport::KeyringSession session;
    QVERIFY2(session.start(TestSupport::KeyringSession::Mode::NoSecretService), qPrintable(session.errorString()));
    KeychainSecretStore store;
    store.setRetryDelay(4000);
    SecretError writeError;
    bool done = false;
    store.write(u"late"_s, u"access_key_id"_s, u"AKIAIOSFODNN7EXAMPLE"_s, nullptr, [&](const SecretError& error) {
        writeError = error;
        done = true;
    });
    // The first attempt fails at once; while the store waits to retry, the keyring comes up.
    QTRY_COMPARE_WITH_TIMEOUT(store.retries(), 1, 3000);
    QVERIFY(!done);
    QVERIFY2(session.startKeyring(), qPrintable(session.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY2(!writeError.isError(), qPrintable(writeError.message));

    QString value;
    done = false;
    store.read(u"late"_s, u"access_key_id"_s, nullptr, [&](const QString& v, const SecretError&) {
        value = v;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QCOMPARE(value, u"AKIAIOSFODNN7EXAMPLE"_s);
}

QTEST_GUILESS_MAIN(TestSecretStoreUnavailable)
#include "tst_secretstore_unavailable.moc"
