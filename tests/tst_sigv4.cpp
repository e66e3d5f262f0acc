// The signer against AWS's own SigV4 test suite (tests/data/aws4_testsuite): every case is one data row and must
// match the canonical request, the string to sign and the Authorization header byte for byte.
#include "credentials.h"
#include "sigv4signer.h"
#include "testsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

const QByteArray SuiteKeyId = "AKIDEXAMPLE";
const QByteArray SuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray data = file.readAll();
    while (data.endsWith('\n'))
        data.chop(1);
    return data;
}

// Parses a .req file: request line, headers (continuation lines joined to the previous value), blank line, body.
bool parseRequest(const QByteArray& raw, SignableRequest& request)
{
    const qsizetype lineEnd = raw.indexOf('\n');
    const QByteArray requestLine = raw.left(lineEnd);
    // The path may contain spaces (normalize-path/get-space): method is the first word, protocol the last.
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace < 0 || lastSpace <= firstSpace)
        return false;
    request.method = requestLine.left(firstSpace);
    const QByteArray target = requestLine.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);

    qsizetype pos = lineEnd < 0 ? raw.size() : lineEnd + 1;
    while (pos < raw.size()) {
        qsizetype end = raw.indexOf('\n', pos);
        if (end < 0)
            end = raw.size();
        const QByteArray line = raw.mid(pos, end - pos);
        pos = end + 1;
        if (line.isEmpty()) {
            request.body = raw.mid(pos);
            break;
        }
        if ((line.startsWith(' ') || line.startsWith('\t')) && !request.headers.isEmpty()) {
            request.headers.last().second += '\n' + line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return false;
        request.headers.append({ line.left(colon), line.mid(colon + 1) });
    }
    return true;
}

QList<QByteArray> signedHeadersOf(const SignableRequest& request)
{
    QList<QByteArray> names;
    for (const auto& header : request.headers) {
        const QByteArray lower = header.first.toLower();
        if (!names.contains(lower))
            names.append(lower);
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

class TestSigV4 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void suite_data();
    void suite();
    void signAddsHeadersAndMatchesSuite();
    void signWithSessionToken();
    void resignReplacesAuthorization();
    void parseAuthorization_data();
    void parseAuthorization();
    void derivedKeyIsPerSecret();
    void uriEncodeIsRfc3986();
};

void TestSigV4::suite_data()
{
    QTest::addColumn<QString>("caseDir");
    const QString root = TestSupport::dataDir() + u"/aws4_testsuite"_s;
    QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QStringList cases;
    while (it.hasNext()) {
        const QString dir = it.next();
        const QString name = QFileInfo(dir).fileName();
        if (QFile::exists(dir + u'/' + name + u".req"_s))
            cases << dir;
    }
    std::sort(cases.begin(), cases.end());
    QVERIFY2(cases.size() >= 30, "SigV4 suite not found or incomplete");
    for (const QString& dir : std::as_const(cases)) {
        const QString name = QDir(root).relativeFilePath(dir);
        QTest::newRow(qPrintable(name)) << dir;
    }
}

void TestSigV4::suite()
{
    QFETCH(QString, caseDir);
    const QString base = caseDir + u'/' + QFileInfo(caseDir).fileName();
    SignableRequest request;
    QVERIFY(parseRequest(readFile(base + u".req"_s), request));
    // In get-vanilla-with-session-token the token comes with the credentials (the .sreq shows it sent and signed);
    // sign() adds it, so put it where sign() would. post-sts-header-after adds it after signing: left out.
    SignableRequest sent;
    QVERIFY(parseRequest(readFile(base + u".sreq"_s), sent));
    const QByteArray token = sent.header("X-Amz-Security-Token");
    const bool tokenFromCredentials = !token.isEmpty() && request.header("X-Amz-Security-Token").isNull()
        && sent.header("Authorization").contains("x-amz-security-token");
    if (tokenFromCredentials)
        request.headers.append({ "X-Amz-Security-Token", token });
    const QList<QByteArray> signedHeaders = signedHeadersOf(request);
    const QByteArray amzDate = request.header("X-Amz-Date");
    QCOMPARE(amzDate, QByteArray("20150830T123600Z"));

    SigV4Signer signer(u"us-east-1"_s, u"service"_s);
    const QByteArray creq = SigV4Signer::canonicalRequest(request, signedHeaders);
    QCOMPARE(creq, readFile(base + u".creq"_s));
    const QByteArray sts = signer.stringToSign(amzDate, creq);
    QCOMPARE(sts, readFile(base + u".sts"_s));
    const QByteArray signature = signer.signature(SuiteSecret, amzDate, sts);
    const QByteArray authz = "AWS4-HMAC-SHA256 Credential=" + SuiteKeyId + "/20150830/us-east-1/service/aws4_request, "
        + "SignedHeaders=" + signedHeaders.join(';') + ", Signature=" + signature;
    QCOMPARE(authz, readFile(base + u".authz"_s));

    // sign() on the raw request (credentials carry the token where the case needs one) gives the same header.
    SignableRequest toSign;
    QVERIFY(parseRequest(readFile(base + u".req"_s), toSign));
    const bool tokenSigned = authz.contains("x-amz-security-token");
    if (!tokenSigned || tokenFromCredentials) {
        const Credentials credentials { QString::fromLatin1(SuiteKeyId), QString::fromLatin1(SuiteSecret),
            tokenFromCredentials ? QString::fromLatin1(token) : QString(), {} };
        signer.sign(toSign, credentials, QDateTime::currentDateTimeUtc());
        QCOMPARE(toSign.header("Authorization"), authz);
    }
}

// sign() itself (not only the building blocks) gives the suite's Authorization for post-vanilla.
void TestSigV4::signAddsHeadersAndMatchesSuite()
{
    SignableRequest request;
    request.method = "POST";
    request.path = "/";
    request.headers = { { "Host", "example.amazonaws.com" } };
    const QDateTime now(QDate(2015, 8, 30), QTime(12, 36, 0), Qt::UTC);
    Credentials credentials { QString::fromLatin1(SuiteKeyId), QString::fromLatin1(SuiteSecret), {}, {} };
    SigV4Signer(u"us-east-1"_s, u"service"_s).sign(request, credentials, now);
    QCOMPARE(request.header("X-Amz-Date"), QByteArray("20150830T123600Z"));
    QVERIFY(request.header("X-Amz-Security-Token").isNull());
    const QString base = TestSupport::dataDir() + u"/aws4_testsuite/post-vanilla/post-vanilla"_s;
    QCOMPARE(request.header("Authorization"), readFile(base + u".authz"_s));
}

// Temporary credentials: the token is sent and signed (post-sts-header-before).
void TestSigV4::signWithSessionToken()
{
    const QString base
        = TestSupport::dataDir() + u"/aws4_testsuite/post-sts-token/post-sts-header-before/post-sts-header-before"_s;
    SignableRequest expected;
    QVERIFY(parseRequest(readFile(base + u".req"_s), expected));
    const QByteArray token = expected.header("X-Amz-Security-Token");
    QVERIFY(!token.isEmpty());

    SignableRequest request;
    request.method = "POST";
    request.path = "/";
    request.headers = { { "Host", "example.amazonaws.com" }, { "X-Amz-Date", "20150830T123600Z" } };
    Credentials credentials { QString::fromLatin1(SuiteKeyId), QString::fromLatin1(SuiteSecret),
        QString::fromLatin1(token), {} };
    SigV4Signer(u"us-east-1"_s, u"service"_s).sign(request, credentials, QDateTime::currentDateTimeUtc());
    QCOMPARE(request.header("X-Amz-Security-Token"), token);
    QCOMPARE(request.header("Authorization"), readFile(base + u".authz"_s));
}

// A retry re-signs the same request: one Authorization header, for the new time.
void TestSigV4::resignReplacesAuthorization()
{
    SignableRequest request;
    request.method = "POST";
    request.path = "/";
    request.headers = { { "Host", "autoscaling.us-east-1.amazonaws.com" } };
    request.body = "Action=DescribeLifecycleHookTypes&Version=2011-01-01";
    const Credentials credentials { u"AKIDEXAMPLE"_s, u"secret"_s, u"token"_s, {} };
    SigV4Signer signer(u"us-east-1"_s, u"autoscaling"_s);
    signer.sign(request, credentials, QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC));
    const QByteArray first = request.header("Authorization");
    request.headers.removeIf([](const auto& h) { return h.first == "X-Amz-Date"; });
    signer.sign(request, credentials, QDateTime(QDate(2024, 1, 2), QTime(0, 0), Qt::UTC));
    int authorizations = 0, tokens = 0;
    for (const auto& header : std::as_const(request.headers)) {
        authorizations += header.first == "Authorization";
        tokens += header.first == "X-Amz-Security-Token";
    }
    QCOMPARE(authorizations, 1);
    QCOMPARE(tokens, 1);
    QVERIFY(request.header("Authorization") != first);
    QVERIFY(request.header("Authorization").contains("/20240102/us-east-1/autoscaling/aws4_request"));
    QVERIFY(request.header("Authorization").contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
}

void TestSigV4::parseAuthorization_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("keyId");
    QTest::addColumn<QByteArray>("region");
    QTest::addColumn<QByteArray>("signedHeaders");
    const QByteArray sig(64, 'a');
    QTest::newRow("suite") << QByteArray("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                                         "aws4_request, SignedHeaders=host;x-amz-date, Signature="
        + sig) << true << QByteArray("AKIDEXAMPLE")
                           << QByteArray("us-east-1") << QByteArray("host;x-amz-date");
    QTest::newRow("no spaces (botocore style variants)")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20240101/eu-west-1/autoscaling/aws4_request,SignedHeaders="
                      "Host;X-Amz-Date,Signature="
               + sig)
        << true << QByteArray("AK") << QByteArray("eu-west-1") << QByteArray("host;x-amz-date");
    QTest::newRow("other algorithm") << QByteArray("AWS4-HMAC-SHA512 Credential=AK/20240101/r/s/aws4_request, "
                                                   "SignedHeaders=host, Signature="
        + sig) << false << QByteArray()
                                     << QByteArray() << QByteArray();
    QTest::newRow("short scope") << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20240101/r/aws4_request, "
                                               "SignedHeaders=host, Signature="
        + sig) << false << QByteArray()
                                 << QByteArray() << QByteArray();
    QTest::newRow("no signature") << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20240101/r/s/aws4_request, "
                                                "SignedHeaders=host")
                                  << false << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("short signature") << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20240101/r/s/aws4_request, "
                                                   "SignedHeaders=host, Signature=abc")
                                     << false << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("empty") << QByteArray() << false << QByteArray() << QByteArray() << QByteArray();
}

void TestSigV4::parseAuthorization()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, valid);
    const auto parsed = SigV4Authorization::parse(header);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid)
        return;
    QFETCH(QByteArray, keyId);
    QFETCH(QByteArray, region);
    QFETCH(QByteArray, signedHeaders);
    QCOMPARE(parsed->accessKeyId, keyId);
    QCOMPARE(parsed->region, region);
    QCOMPARE(parsed->signedHeaders.join(';'), signedHeaders);
    QCOMPARE(parsed->signature.size(), 64);
}

// The derived-key cache must not hand one secret's key to another secret on the same day.
void TestSigV4::derivedKeyIsPerSecret()
{
    SigV4Signer signer(u"us-east-1"_s, u"service"_s);
    const QByteArray a = signer.signature("secret-a", "20240101T000000Z", "x");
    const QByteArray b = signer.signature("secret-b", "20240101T000000Z", "x");
    const QByteArray a2 = signer.signature("secret-a", "20240101T000000Z", "x");
    QVERIFY(a != b);
    QCOMPARE(a, a2);
    QVERIFY(a != signer.signature("secret-a", "20240102T000000Z", "x"));
}

void TestSigV4::uriEncodeIsRfc3986()
{
    QCOMPARE(SigV4Signer::uriEncode("a b+c/d~e*f'g"), QByteArray("a%20b%2Bc%2Fd~e%2Af%27g"));
    QCOMPARE(SigV4Signer::uriEncode("/a b/", true), QByteArray("/a%20b/"));
    QCOMPARE(SigV4Signer::uriEncode(QString(u"é"_s).toUtf8()), QByteArray("%C3%A9"));
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
