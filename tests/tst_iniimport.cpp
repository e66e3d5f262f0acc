// The INI reader and the ~/.aws import on files like the ones operators have (tests/data/awsconfig/).
#include "awsconfig.h"
#include "inifile.h"
#include "profilestore.h"
#include "secretstore.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {
QString fixture(const QString& name)
{
    return QDir(TestSupport::dataDir()).filePath(u"awsconfig/"_s + name);
}

QList<int> linesOf(const QList<AwsConfigIssue>& issues, const QString& fileSuffix)
{
    QList<int> lines;
    for (const AwsConfigIssue& issue : issues) {
        // Line 0 is about the whole file (e.g. its permissions, which depend on the checkout's umask).
        if (issue.file.endsWith(fileSuffix) && issue.line > 0)
            lines << issue.line;
    }
    return lines;
}

QStringList namesOf(const AwsConfigPreview& preview)
{
    QStringList names;
    for (const AwsConfigCandidate& c : preview.profiles)
        names << c.profile.name;
    return names;
}
} // namespace

class TestIniImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesSectionsCommentsAndSpacing();
    void duplicateKeysAndSectionsWarnLastWins();
    void garbageLinesAreErrorsWithLineNumbers();
    void crlfAndBomAreRead();
    void continuationLinesBelongToTheirKey();
    void previewOfRealWorldFiles();
    void previewOfGarbageFilesImportsNothing();
    void commitPutsKeysInTheKeychainOnly();
    void commitIsAllOrNothing();
    void existingProfilesAreLeftAlone();
    void missingFilesAreAnError();
    void onlyRegularFilesAreRead_data();
    void onlyRegularFilesAreRead();
    void symlinkToRegularFileIsFollowed();
    void loosePermissionsWarn();
};

void TestIniImport::parsesSectionsCommentsAndSpacing()
{
    const IniDocument doc = IniDocument::parse("# comment\n; another\n[default]\nregion=eu-west-1\n"
                                               "  \n[profile x]\nKey  =   spaced value   ; trailing comment\n"
                                               "url = http://h:1/p#frag\n");
    QVERIFY(doc.isValid());
    QCOMPARE(doc.sections.size(), 2);
    QCOMPARE(doc.section(u"default"_s)->value(u"region"_s), u"eu-west-1"_s);
    const IniSection* x = doc.section(u"profile x"_s);
    QVERIFY(x);
    QCOMPARE(x->value(u"key"_s), u"spaced value"_s); // keys are case-insensitive, comments after a space go
    QCOMPARE(x->value(u"url"_s), u"http://h:1/p#frag"_s); // a # without a space before it is data
    QCOMPARE(x->entry(u"key"_s)->line, 7);
}

void TestIniImport::duplicateKeysAndSectionsWarnLastWins()
{
    const IniDocument doc = IniDocument::parse("[a]\nk = 1\nk = 2\n[b]\nz = 0\n[a]\nk = 3\nj = 4\n");
    QVERIFY(doc.isValid());
    QCOMPARE(doc.sections.size(), 2);
    QCOMPARE(doc.section(u"a"_s)->value(u"k"_s), u"3"_s);
    QCOMPARE(doc.section(u"a"_s)->value(u"j"_s), u"4"_s);
    QCOMPARE(doc.warnings.size(), 3); // line 3 key, line 6 section, line 7 key
    QCOMPARE(doc.warnings.at(0).line, 3);
    QCOMPARE(doc.warnings.at(1).line, 6);
    QCOMPARE(doc.warnings.at(2).line, 7);
}

void TestIniImport::garbageLinesAreErrorsWithLineNumbers()
{
    const IniDocument doc = IniDocument::parse("orphan = 1\n[ok]\nfine = yes\njust words\n[unclosed\n= novalue\n[]\n");
    QCOMPARE(doc.errors.size(), 5);
    QList<int> lines;
    for (const IniDiagnostic& d : doc.errors)
        lines << d.line;
    QCOMPARE(lines, (QList<int> { 1, 4, 5, 6, 7 }));
    for (const IniDiagnostic& d : doc.errors)
        QVERIFY(!d.message.isEmpty());
}

void TestIniImport::crlfAndBomAreRead()
{
    const IniDocument doc = IniDocument::parse("\xEF\xBB\xBF[default]\r\nregion = us-west-1\r\n\r\nb=2\r\n");
    QVERIFY(doc.isValid());
    QCOMPARE(doc.sections.first().name, u"default"_s);
    QCOMPARE(doc.section(u"default"_s)->value(u"region"_s), u"us-west-1"_s); // no trailing \r
    QCOMPARE(doc.section(u"default"_s)->entry(u"b"_s)->line, 4);
}

void TestIniImport::continuationLinesBelongToTheirKey()
{
    const IniDocument doc = IniDocument::parse("[profile p]\ns3 =\n  max_concurrent_requests = 10\n"
                                               "  addressing_style = path\nregion = eu-west-1\n");
    QVERIFY(doc.isValid());
    const IniSection* p = doc.section(u"profile p"_s);
    QCOMPARE(p->value(u"region"_s), u"eu-west-1"_s);
    QVERIFY(p->value(u"s3"_s).contains(u"max_concurrent_requests = 10"_s));
    QVERIFY(!p->contains(u"max_concurrent_requests"_s));
}

void TestIniImport::previewOfRealWorldFiles()
{
    const AwsConfigPreview preview = AwsConfigImport::preview(fixture(u"realworld"_s));
    QVERIFY2(preview.errors.isEmpty(), qPrintable(preview.errors.value(0).toString()));
    QVERIFY(preview.canCommit());
    QCOMPARE(namesOf(preview),
        (QStringList { u"default"_s, u"local"_s, u"my-sso"_s, u"prod"_s, u"prod-admin"_s, u"temp"_s }));

    const AwsConfigCandidate* def = preview.candidate(u"default"_s);
    QCOMPARE(def->profile.region, u"eu-west-1"_s);
    QCOMPARE(def->keys.accessKeyId, u"AKIAIOSFODNN7EXAMPLE"_s);

    const AwsConfigCandidate* prod = preview.candidate(u"prod"_s);
    QCOMPARE(prod->profile.region, u"eu-central-1"_s);
    QCOMPARE(prod->keys.secretAccessKey, u"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY2"_s); // last one wins
    QCOMPARE(linesOf(preview.warnings, u"credentials"_s), QList<int> { 10 });

    const AwsConfigCandidate* admin = preview.candidate(u"prod-admin"_s);
    QCOMPARE(admin->profile.role.roleArn, u"arn:aws:iam::123456789012:role/OrganizationAccountAccessRole"_s);
    QCOMPARE(admin->profile.role.sourceProfile, u"prod"_s);
    QCOMPARE(admin->profile.role.mfaSerial, u"arn:aws:iam::111122223333:mfa/operator"_s);
    QCOMPARE(admin->profile.role.externalId, u"hookdesk-ext-1"_s);
    QCOMPARE(admin->profile.role.durationSeconds, 7200);
    QVERIFY(!admin->hasKeys());

    const AwsConfigCandidate* temp = preview.candidate(u"temp"_s);
    QCOMPARE(temp->keys.sessionToken, u"FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN+/abc=="_s);
    QCOMPARE(temp->profile.region, u"us-east-1"_s);
    QCOMPARE(temp->notes.size(), 1); // "no region set"

    QCOMPARE(preview.candidate(u"local"_s)->profile.endpointUrl, QUrl(u"http://127.0.0.1:4566"_s));

    // Listed, not dropped.
    QStringList unsupported;
    for (const AwsConfigUnsupported& u : preview.unsupported)
        unsupported << u.name + u": "_s + u.reason;
    unsupported.sort();
    QCOMPARE(unsupported.size(), 2);
    QVERIFY(unsupported.at(0).startsWith(u"onlyregion: "_s));
    QVERIFY(unsupported.at(1).startsWith(u"vault: "_s) && unsupported.at(1).contains(u"credential_process"_s));

    // IAM Identity Center: the account and role, and the [sso-session] it names, imported with it.
    const AwsConfigCandidate* sso = preview.candidate(u"my-sso"_s);
    QCOMPARE(sso->profile.sso, (SsoRoleSettings { u"corp"_s, u"123456789012"_s, u"ReadOnly"_s }));
    QVERIFY(sso->ssoSession);
    QCOMPARE(sso->ssoSession->startUrl, u"https://corp.awsapps.com/start"_s);
    QCOMPARE(sso->ssoSession->region, u"us-east-1"_s);
    QVERIFY(!sso->hasKeys());
    // [staging] in the config file (no "profile " prefix) is reported, not silently taken or dropped.
    QCOMPARE(linesOf(preview.warnings, u"config"_s), QList<int> { 46 });
    // No message quotes a secret.
    for (const AwsConfigIssue& w : preview.warnings)
        QVERIFY(!w.message.contains(u"EXAMPLEKEY"_s));
}

void TestIniImport::previewOfGarbageFilesImportsNothing()
{
    const AwsConfigPreview preview = AwsConfigImport::preview(fixture(u"garbage"_s));
    QVERIFY(!preview.canCommit());
    QCOMPARE(linesOf(preview.errors, u"credentials"_s), (QList<int> { 8, 9, 10 }));
    QCOMPARE(linesOf(preview.errors, u"config"_s), QList<int> { 1 });
    for (const AwsConfigIssue& e : preview.errors)
        QVERIFY(!e.message.contains(u"garbageSecret"_s));

    MemorySecretStore secrets;
    QTemporaryDir dir;
    ProfileStore store(&secrets, dir.filePath(u"profiles.ini"_s));
    AwsConfigImport importer(&store);
    auto* job = importer.commit(preview);
    job->setAutoDelete(false);
    QTRY_VERIFY(job->isFinished());
    QCOMPARE(job->error().kind, AwsError::Kind::Validation);
    QVERIFY(job->error().message.contains(u":8:"_s));
    QVERIFY(store.profileNames().isEmpty());
    QVERIFY(secrets.entries().isEmpty());
    delete job;
}

void TestIniImport::commitPutsKeysInTheKeychainOnly()
{
    const AwsConfigPreview preview = AwsConfigImport::preview(fixture(u"realworld"_s));
    MemorySecretStore secrets;
    QTemporaryDir dir;
    ProfileStore store(&secrets, dir.filePath(u"profiles.ini"_s));
    AwsConfigImport importer(&store);
    auto* job = importer.commit(preview);
    job->setAutoDelete(false);
    QTRY_VERIFY(job->isFinished());
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().imported.size(), 6);
    QCOMPARE(store.profileNames(),
        (QStringList { u"default"_s, u"local"_s, u"my-sso"_s, u"prod"_s, u"prod-admin"_s, u"temp"_s }));
    // The IAM Identity Center profile comes with its session (nothing secret: no sign-in is copied).
    QCOMPARE(store.profile(u"my-sso"_s)->sso.session, u"corp"_s);
    QCOMPARE(store.ssoSession(u"corp"_s)->startUrl, u"https://corp.awsapps.com/start"_s);
    QVERIFY(!secrets.entries().contains(u"hookdesk/sso/corp/token"_s));
    QCOMPARE(*store.profile(u"prod-admin"_s), preview.candidate(u"prod-admin"_s)->profile);
    QCOMPARE(secrets.entries().value(u"hookdesk/temp/session_token"_s),
        u"FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN+/abc=="_s);
    QVERIFY(job->result().notice.contains(fixture(u"realworld/credentials"_s)));
    QVERIFY(job->result().notice.contains(u"remove"_s));

    QFile settings(store.settingsPath());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray metadata = settings.readAll();
    QVERIFY(!metadata.contains("EXAMPLEKEY"));
    QVERIFY(!metadata.contains("EXAMPLETOKEN"));
    // The source files are untouched.
    QFile credentials(fixture(u"realworld/credentials"_s));
    QVERIFY(credentials.open(QIODevice::ReadOnly));
    QVERIFY(credentials.readAll().contains("je7MtGbClwBF"));
    delete job;
}

void TestIniImport::commitIsAllOrNothing()
{
    const AwsConfigPreview preview = AwsConfigImport::preview(fixture(u"realworld"_s));
    MemorySecretStore secrets;
    // The keychain refuses the fourth profile's entries (alphabetical, keys first: default, local, prod, temp).
    secrets.setFailureFor(u"hookdesk/temp/"_s, SecretError::Kind::Locked);
    QTemporaryDir dir;
    ProfileStore store(&secrets, dir.filePath(u"profiles.ini"_s));
    AwsConfigImport importer(&store);
    auto* job = importer.commit(preview);
    job->setAutoDelete(false);
    QTRY_VERIFY(job->isFinished());
    QCOMPARE(job->error().kind, AwsError::Kind::Credentials);
    QVERIFY(job->error().message.contains(u"temp"_s));
    QVERIFY(store.profileNames().isEmpty());
    QVERIFY(secrets.entries().isEmpty());
    delete job;
}

void TestIniImport::existingProfilesAreLeftAlone()
{
    const AwsConfigPreview preview = AwsConfigImport::preview(fixture(u"crlf"_s));
    QVERIFY(preview.canCommit());
    QCOMPARE(namesOf(preview), (QStringList { u"default"_s, u"windows"_s }));
    QCOMPARE(preview.candidate(u"windows"_s)->profile.region, u"ap-northeast-1"_s);
    QCOMPARE(preview.candidate(u"default"_s)->keys.accessKeyId, u"AKIACRLFEXAMPLE00001"_s);
    MemorySecretStore secrets;
    QTemporaryDir dir;
    ProfileStore store(&secrets, dir.filePath(u"profiles.ini"_s));
    Profile mine;
    mine.name = u"default"_s;
    mine.region = u"sa-east-1"_s;
    auto* add = store.addProfile(mine, { u"AKIAMINE"_s, u"mine"_s, {}, {} });
    add->setAutoDelete(false);
    QTRY_VERIFY(add->isFinished());
    AwsConfigImport importer(&store);
    auto* job = importer.commit(preview);
    job->setAutoDelete(false);
    QTRY_VERIFY(job->isFinished());
    QVERIFY(!job->hasError());
    QCOMPARE(job->result().imported, QStringList { u"windows"_s });
    QCOMPARE(job->result().skippedExisting, QStringList { u"default"_s });
    QCOMPARE(store.profile(u"default"_s)->region, u"sa-east-1"_s);
    QCOMPARE(secrets.entries().value(u"hookdesk/default/secret_access_key"_s), u"mine"_s);
    delete add;
    delete job;
}

void TestIniImport::missingFilesAreAnError()
{
    QTemporaryDir empty;
    const AwsConfigPreview preview = AwsConfigImport::preview(empty.path());
    QVERIFY(!preview.canCommit());
    QCOMPARE(preview.errors.size(), 1);
}

namespace {
const QByteArray Keys = "[p]\naws_access_key_id = AKIDP\naws_secret_access_key = p-secret\nregion = eu-west-1\n";

bool writeFile(const QString& path, const QByteArray& content, QFile::Permissions permissions)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() && file.setPermissions(permissions);
}
} // namespace

// Issue 17: a FIFO must not hang the import, /dev/zero or a huge file must not fill memory; nothing is imported.
void TestIniImport::onlyRegularFilesAreRead_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("fifo") << u"fifo"_s << u"not a regular file"_s;
    QTest::newRow("symlink to /dev/zero") << u"devzero"_s << u"not a regular file"_s;
    QTest::newRow("directory") << u"directory"_s << u"not a regular file"_s;
    QTest::newRow("2 MiB file") << u"large"_s << u"larger than 1 MiB"_s;
}

void TestIniImport::onlyRegularFilesAreRead()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString credentials = dir.filePath(u"credentials"_s);
    QVERIFY(writeFile(
        dir.filePath(u"config"_s), "[profile q]\nregion = eu-west-1\n", QFile::ReadOwner | QFile::WriteOwner));
    if (kind == u"fifo"_s)
        QCOMPARE(::mkfifo(QFile::encodeName(credentials).constData(), 0600), 0);
    else if (kind == u"devzero"_s)
        QVERIFY(QFile::link(u"/dev/zero"_s, credentials));
    else if (kind == u"directory"_s)
        QVERIFY(QDir(dir.path()).mkdir(u"credentials"_s));
    else
        QVERIFY(writeFile(
            credentials, Keys + QByteArray(qsizetype(2) * 1024 * 1024, '#'), QFile::ReadOwner | QFile::WriteOwner));

    const AwsConfigPreview preview = AwsConfigImport::preview(dir.path());
    QVERIFY(!preview.canCommit());
    QCOMPARE(preview.errors.size(), 1);
    QCOMPARE(preview.errors.first().file, credentials);
    QVERIFY2(preview.errors.first().message.contains(message), qPrintable(preview.errors.first().toString()));
    QVERIFY(preview.profiles.isEmpty());
}

// Dotfile managers link ~/.aws/credentials into a repository: a link to a regular file is read.
void TestIniImport::symlinkToRegularFileIsFollowed()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(u"real-credentials"_s);
    QVERIFY(writeFile(target, Keys, QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(QFile::link(target, dir.filePath(u"credentials"_s)));
    const AwsConfigPreview preview = AwsConfigImport::preview(dir.path());
    QVERIFY2(preview.canCommit(), qPrintable(preview.errors.value(0).toString()));
    QCOMPARE(namesOf(preview), QStringList { u"p"_s });
    QVERIFY(preview.warnings.isEmpty());
}

// Like ssh: a credentials file that group or others may read is imported, with a warning; 0600 has none.
void TestIniImport::loosePermissionsWarn()
{
    QTemporaryDir dir;
    const QString credentials = dir.filePath(u"credentials"_s);
    QVERIFY(writeFile(credentials, Keys, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    AwsConfigPreview preview = AwsConfigImport::preview(dir.path());
    QVERIFY(preview.canCommit());
    QCOMPARE(preview.warnings.size(), 1);
    QCOMPARE(preview.warnings.first().toString(),
        credentials
            + u": Permissions 0644 are too open: other users of this computer can read or change the keys "
              u"in it. Restrict them with chmod 600."_s);

    QVERIFY(QFile::setPermissions(credentials, QFile::ReadOwner | QFile::WriteOwner));
    preview = AwsConfigImport::preview(dir.path());
    QVERIFY(preview.canCommit());
    QVERIFY(preview.warnings.isEmpty());
}

QTEST_GUILESS_MAIN(TestIniImport)
#include "tst_iniimport.moc"
