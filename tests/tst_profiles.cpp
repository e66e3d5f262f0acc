// ProfileStore over an in-memory SecretStore: what the profile manager and the CLI rely on. The same store over the
// real keychain is covered by tst_profiles_keychain.
#include "profilestore.h"
#include "secretstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
template <typename Job> bool waitFor(Job* job)
{
    job->setAutoDelete(false);
    return QTest::qWaitFor([job] { return job->isFinished(); }, 10000);
}

Profile makeProfile(const QString& name)
{
    Profile p;
    p.name = name;
    p.region = u"eu-west-1"_s;
    return p;
}

Credentials keys(const QString& secret, const QString& token = {})
{
    return { u"AKIAIOSFODNN7EXAMPLE"_s, secret, token, {} };
}
} // namespace

class TestProfiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void addReadBackAcrossStores();
    void metadataFileHoldsNoSecret();
    void rejectsInvalidProfiles_data();
    void rejectsInvalidProfiles();
    void editReplacesKeys();
    void renameMovesKeychainEntriesAndSourceReferences();
    void removeDeletesKeychainEntries();
    void lockedKeychainLeavesNothingHalfDone();
    void lockedKeychainKeepsProfileOnRemove();
    void longSessionTokenIsSplitIntoSmallEntries();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path() const { return m_dir->filePath(u"profiles.ini"_s); }
};

void TestProfiles::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestProfiles::addReadBackAcrossStores()
{
    MemorySecretStore secrets;
    ProfileStore store(&secrets, path());
    QSignalSpy added(&store, &ProfileStore::profileAdded);
    Profile p = makeProfile(u"prod"_s);
    p.endpointUrl = QUrl(u"https://autoscaling.eu-west-1.amazonaws.com"_s);
    auto* job = store.addProfile(p, keys(u"secret1"_s));
    QVERIFY(waitFor(job));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).toString(), u"prod"_s);

    // A second store on the same file (the GUI while the CLI added the profile) sees it.
    ProfileStore other(&secrets, path());
    QCOMPARE(other.profileNames(), QStringList { u"prod"_s });
    QCOMPARE(*other.profile(u"prod"_s), p);
    auto* read = other.readCredentials(u"prod"_s);
    QVERIFY(waitFor(read));
    QVERIFY(!read->hasError());
    QCOMPARE(read->result().secretAccessKey, u"secret1"_s);
    QCOMPARE(read->result().accessKeyId, u"AKIAIOSFODNN7EXAMPLE"_s);
    QVERIFY(read->result().sessionToken.isEmpty());
    QVERIFY(secrets.entries().contains(u"hookdesk/prod/secret_access_key"_s));

    auto* duplicate = store.addProfile(p, keys(u"x"_s));
    QVERIFY(waitFor(duplicate));
    QCOMPARE(duplicate->error().kind, AwsError::Kind::Validation);
    delete job;
    delete read;
    delete duplicate;
}

void TestProfiles::metadataFileHoldsNoSecret()
{
    MemorySecretStore secrets;
    ProfileStore store(&secrets, path());
    Profile p = makeProfile(u"temp"_s);
    auto* job = store.addProfile(p, keys(u"SecretCanary123"_s, u"TokenCanary456"_s));
    QVERIFY(waitFor(job));
    QVERIFY(!job->hasError());
    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("eu-west-1"));
    QVERIFY(!content.contains("SecretCanary123"));
    QVERIFY(!content.contains("TokenCanary456"));
    QVERIFY(!content.contains("AKIAIOSFODNN7EXAMPLE"));
    delete job;
}

void TestProfiles::rejectsInvalidProfiles_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<bool>("withKeys");
    Profile p = makeProfile(u"bad/name"_s);
    QTest::newRow("slash in name") << p << true;
    p = makeProfile(QString());
    QTest::newRow("empty name") << p << true;
    p = makeProfile(u"ok"_s);
    p.region = u"Ireland"_s;
    QTest::newRow("region") << p << true;
    p = makeProfile(u"ok"_s);
    p.endpointUrl = QUrl(u"http://example.com"_s);
    QTest::newRow("http endpoint off loopback") << p << true;
    p = makeProfile(u"ok"_s);
    QTest::newRow("no keys and no role") << p << false;
    p.role.roleArn = u"arn:aws:iam::123456789012:role/admin"_s;
    QTest::newRow("role without source") << p << false;
    p.role.sourceProfile = u"ok"_s;
    QTest::newRow("own source") << p << false;
    p.role.sourceProfile = u"base"_s;
    p.role.durationSeconds = 60;
    QTest::newRow("short duration") << p << false;
}

void TestProfiles::rejectsInvalidProfiles()
{
    QFETCH(Profile, profile);
    QFETCH(bool, withKeys);
    MemorySecretStore secrets;
    ProfileStore store(&secrets, path());
    auto* job = store.addProfile(profile, withKeys ? keys(u"s"_s) : Credentials());
    QVERIFY(!job->isFinished()); // errors arrive asynchronously too
    QVERIFY(waitFor(job));
    QCOMPARE(job->error().kind, AwsError::Kind::Validation);
    QVERIFY(!job->error().message.isEmpty());
    QVERIFY(store.profileNames().isEmpty());
    QVERIFY(secrets.entries().isEmpty());
    delete job;
}

void TestProfiles::editReplacesKeys()
{
    MemorySecretStore secrets;
    ProfileStore store(&secrets, path());
    auto* add = store.addProfile(makeProfile(u"dev"_s), keys(u"old"_s, u"oldtoken"_s));
    QVERIFY(waitFor(add));
    Profile edited = makeProfile(u"dev"_s);
    edited.region = u"us-east-1"_s;
    QSignalSpy changed(&store, &ProfileStore::profileChanged);
    // Metadata only: the keys stay.
    auto* edit = store.updateProfile(u"dev"_s, edited);
    QVERIFY(waitFor(edit));
    QVERIFY(!edit->hasError());
    QCOMPARE(store.profile(u"dev"_s)->region, u"us-east-1"_s);
    QCOMPARE(secrets.entries().value(u"hookdesk/dev/secret_access_key"_s), u"old"_s);
    // New long-term keys: the old session token goes.
    auto* rekey = store.updateProfile(u"dev"_s, edited, keys(u"new"_s));
    QVERIFY(waitFor(rekey));
    QVERIFY(!rekey->hasError());
    QCOMPARE(secrets.entries().value(u"hookdesk/dev/secret_access_key"_s), u"new"_s);
    QVERIFY(!secrets.entries().contains(u"hookdesk/dev/session_token"_s));
    QCOMPARE(changed.size(), 2);
    delete add;
    delete edit;
    delete rekey;
}

void TestProfiles::renameMovesKeychainEntriesAndSourceReferences()
{
    MemorySecretStore secrets;
    ProfileStore store(&secrets, path());
    auto* add = store.addProfile(makeProfile(u"base"_s), keys(u"basesecret"_s, u"basetoken"_s));
    QVERIFY(waitFor(add));
    Profile role = makeProfile(u"admin"_s);
    role.role.roleArn = u"arn:aws:iam::123456789012:role/admin"_s;
    role.role.sourceProfile = u"base"_s;
    auto* addRole = store.addProfile(role);
    QVERIFY(waitFor(addRole));
    QVERIFY2(!addRole->hasError(), qPrintable(addRole->error().toString()));

    QSignalSpy renamed(&store, &ProfileStore::profileRenamed);
    auto* rename = store.renameProfile(u"base"_s, u"base-2"_s);
    QVERIFY(waitFor(rename));
    QVERIFY2(!rename->hasError(), qPrintable(rename->error().toString()));
    QCOMPARE(renamed.size(), 1);
    QCOMPARE(store.profileNames(), (QStringList { u"admin"_s, u"base-2"_s }));
    QCOMPARE(secrets.entries().value(u"hookdesk/base-2/secret_access_key"_s), u"basesecret"_s);
    QCOMPARE(secrets.entries().value(u"hookdesk/base-2/session_token"_s), u"basetoken"_s);
    for (const QString& key : secrets.entries().keys())
        QVERIFY2(!key.startsWith(u"hookdesk/base/"_s), qPrintable(key));
    QCOMPARE(store.profile(u"admin"_s)->role.sourceProfile, u"base-2"_s);

    auto* clash = store.renameProfile(u"admin"_s, u"base-2"_s);
    QVERIFY(waitFor(clash));
    QCOMPARE(clash->error().kind, AwsError::Kind::Validation);
    delete add;
    delete addRole;
    delete rename;
    delete clash;
}

void TestProfiles::removeDeletesKeychainEntries()
{
    MemorySecretStore secrets;
    ProfileStore store(&secrets, path());
    auto* add = store.addProfile(makeProfile(u"gone"_s), keys(u"s"_s, u"t"_s));
    QVERIFY(waitFor(add));
    QCOMPARE(secrets.entries().size(), 3);
    QSignalSpy removed(&store, &ProfileStore::profileRemoved);
    auto* remove = store.removeProfile(u"gone"_s);
    QVERIFY(waitFor(remove));
    QVERIFY(!remove->hasError());
    QVERIFY(secrets.entries().isEmpty());
    QVERIFY(store.profileNames().isEmpty());
    QCOMPARE(removed.size(), 1);
    auto* read = store.readCredentials(u"gone"_s);
    QVERIFY(waitFor(read));
    QCOMPARE(read->error().kind, AwsError::Kind::Credentials);
    delete add;
    delete remove;
    delete read;
}

void TestProfiles::lockedKeychainLeavesNothingHalfDone()
{
    MemorySecretStore secrets;
    // The first entries go in, then the keychain refuses the session token: nothing may remain.
    secrets.setFailureFor(u"/session_token"_s, SecretError::Kind::Locked);
    ProfileStore store(&secrets, path());
    auto* add = store.addProfile(makeProfile(u"half"_s), keys(u"s"_s, u"t"_s));
    QVERIFY(waitFor(add));
    QCOMPARE(add->error().kind, AwsError::Kind::Credentials);
    QVERIFY(add->error().message.contains(u"locked"_s));
    QVERIFY(store.profileNames().isEmpty());
    QVERIFY(secrets.entries().isEmpty());
    delete add;
}

void TestProfiles::lockedKeychainKeepsProfileOnRemove()
{
    MemorySecretStore secrets;
    ProfileStore store(&secrets, path());
    auto* add = store.addProfile(makeProfile(u"kept"_s), keys(u"s"_s));
    QVERIFY(waitFor(add));
    secrets.setFailure(SecretError::Kind::Locked);
    auto* remove = store.removeProfile(u"kept"_s);
    QVERIFY(waitFor(remove));
    QCOMPARE(remove->error().kind, AwsError::Kind::Credentials);
    // Still listed, so the user can remove it once the keychain is unlocked (no orphaned secrets).
    QCOMPARE(store.profileNames(), QStringList { u"kept"_s });
    delete add;
    delete remove;
}

void TestProfiles::longSessionTokenIsSplitIntoSmallEntries()
{
    MemorySecretStore secrets;
    ProfileStore store(&secrets, path());
    QString token;
    for (int i = 0; token.size() < 4500; ++i)
        token += QString::number(i);
    auto* add = store.addProfile(makeProfile(u"long"_s), keys(u"s"_s, token));
    QVERIFY(waitFor(add));
    QVERIFY2(!add->hasError(), qPrintable(add->error().toString()));
    for (const QString& value : secrets.entries())
        QVERIFY(value.toUtf8().size() <= SecretStore::MaxEntryBytes);
    auto* read = store.readCredentials(u"long"_s);
    QVERIFY(waitFor(read));
    QCOMPARE(read->result().sessionToken, token);
    // A shorter token leaves no stale parts behind.
    auto* rekey = store.updateProfile(u"long"_s, makeProfile(u"long"_s), keys(u"s"_s, u"short"_s));
    QVERIFY(waitFor(rekey));
    QCOMPARE(secrets.entries().size(), 3);
    auto* remove = store.removeProfile(u"long"_s);
    QVERIFY(waitFor(remove));
    QVERIFY(secrets.entries().isEmpty());
    delete add;
    delete read;
    delete rekey;
    delete remove;
}

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
