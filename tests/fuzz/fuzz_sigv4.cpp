// Fuzz target: the SigV4 canonicaliser, encoder and Authorization parser (aws/sigv4signer.h), which sign every call
// and, in the simulator, check every incoming one. The input is read as an aws4_testsuite .req file (request line,
// headers, blank line, body); the raw bytes also go to uriEncode, SigV4Authorization::parse and parseAmzDate.

#include "fuzzcheck.h"
#include "sigv4signer.h"

#include <QCryptographicHash>
#include <QtEndian>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Algorithm = "AWS4-HMAC-SHA256";

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.' || c == '~';
}

bool isUpperHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

// RFC 9110 token: what an HTTP header name may be made of.
bool isToken(const QByteArray& name)
{
    static const QByteArray extra = "!#$%&'*+-.^_`|~";
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.contains(c);
    });
}

// Only A-Z a-z 0-9 - _ . ~ (and '/' if kept) stay as they are; everything else is %XX with upper-case hex.
void checkEncoded(const QByteArray& encoded, bool slashAllowed, bool separatorsAllowed = false)
{
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c == '%') {
            FUZZ_CHECK(i + 2 < encoded.size() && isUpperHex(encoded.at(i + 1)) && isUpperHex(encoded.at(i + 2)));
            i += 2;
            continue;
        }
        FUZZ_CHECK(isUnreserved(c) || (slashAllowed && c == '/') || (separatorsAllowed && (c == '=' || c == '&')));
    }
}

void checkUriEncode(const QByteArray& bytes)
{
    for (const bool keepSlash : { false, true }) {
        const QByteArray encoded = SigV4Signer::uriEncode(bytes, keepSlash);
        checkEncoded(encoded, keepSlash);
        FUZZ_CHECK(QByteArray::fromPercentEncoding(encoded) == bytes);
    }
}

void checkAmzDate(const QByteArray& text)
{
    const QDateTime parsed = SigV4Signer::parseAmzDate(text);
    if (!parsed.isValid())
        return;
    // Only the one fixed form is accepted, so writing it back gives the same bytes.
    FUZZ_CHECK(parsed.timeSpec() == Qt::UTC);
    FUZZ_CHECK(SigV4Signer::amzDate(parsed) == text);
}

QByteArray authorizationHeader(const SigV4Authorization& auth)
{
    return Algorithm + " Credential=" + auth.accessKeyId + '/' + auth.date + '/' + auth.region + '/' + auth.service
        + "/aws4_request, SignedHeaders=" + auth.signedHeaders.join(';') + ", Signature=" + auth.signature;
}

bool sameAuthorization(const SigV4Authorization& a, const SigV4Authorization& b)
{
    return a.accessKeyId == b.accessKeyId && a.date == b.date && a.region == b.region && a.service == b.service
        && a.signature == b.signature && a.signedHeaders == b.signedHeaders;
}

void checkAuthorizationParse(const QByteArray& header)
{
    const std::optional<SigV4Authorization> auth = SigV4Authorization::parse(header);
    if (!auth)
        return;
    FUZZ_CHECK(!auth->accessKeyId.isEmpty());
    FUZZ_CHECK(auth->date.size() == 8);
    FUZZ_CHECK(auth->signature.size() == 64 && auth->signature == auth->signature.toLower());
    FUZZ_CHECK(!auth->signedHeaders.isEmpty());
    for (const QByteArray& name : auth->signedHeaders)
        FUZZ_CHECK(!name.isEmpty() && name == name.toLower());
    // What was read, written back in the signer's form, reads the same.
    const std::optional<SigV4Authorization> again = SigV4Authorization::parse(authorizationHeader(*auth));
    FUZZ_CHECK(again && sameAuthorization(*auth, *again));
}

// The .req reading of tst_sigv4, tolerant: whatever is not a header line ends the headers.
SignableRequest readRequest(const QByteArray& raw)
{
    SignableRequest request;
    QList<QByteArray> lines = raw.split('\n');
    const QByteArray requestLine = lines.takeFirst();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    request.method = firstSpace < 0 ? requestLine : requestLine.left(firstSpace);
    const QByteArray target = firstSpace < 0
        ? QByteArray()
        : requestLine.mid(firstSpace + 1, std::max(lastSpace - firstSpace - 1, qsizetype(0)));
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    qsizetype line = 0;
    for (; line < lines.size(); ++line) {
        const QByteArray& text = lines.at(line);
        if ((text.startsWith(' ') || text.startsWith('\t')) && !request.headers.isEmpty()) {
            request.headers.last().second += '\n' + text;
            continue;
        }
        const qsizetype colon = text.indexOf(':');
        if (colon <= 0)
            break;
        request.headers.append({ text.left(colon), text.mid(colon + 1) });
    }
    if (line + 1 < lines.size())
        request.body = lines.mid(line + 1).join('\n');
    return request;
}

QList<QByteArray> headerNames(const SignableRequest& request)
{
    QList<QByteArray> names;
    for (const auto& header : request.headers) {
        const QByteArray name = header.first.trimmed().toLower();
        if (!names.contains(name))
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

void checkCanonicalRequest(const SignableRequest& request)
{
    const QList<QByteArray> signedHeaders = headerNames(request);
    const QByteArray canonical = SigV4Signer::canonicalRequest(request, signedHeaders);
    FUZZ_CHECK(SigV4Signer::canonicalRequest(request, signedHeaders) == canonical); // deterministic

    // Only the order of headers with the same name matters ("a,b"); sorting the others changes nothing.
    SignableRequest reordered = request;
    std::stable_sort(reordered.headers.begin(), reordered.headers.end(),
        [](const auto& a, const auto& b) { return a.first.trimmed().toLower() < b.first.trimmed().toLower(); });
    FUZZ_CHECK(SigV4Signer::canonicalRequest(reordered, signedHeaders) == canonical);

    // method, path, query, one line per header, a blank line, the signed header list, the body's hash.
    const QList<QByteArray> lines = canonical.split('\n');
    FUZZ_CHECK(lines.size() >= 6);
    FUZZ_CHECK(lines.last() == SigV4Signer::sha256Hex(request.body));
    FUZZ_CHECK(lines.at(lines.size() - 2) == signedHeaders.join(';'));
    FUZZ_CHECK(lines.at(lines.size() - 3).isEmpty());

    // Path: absolute, dot segments removed, repeated slashes collapsed, every other byte encoded.
    const QByteArray path = lines.at(1);
    checkEncoded(path, true);
    FUZZ_CHECK(path.startsWith('/') && !path.contains("//"));
    for (const QByteArray& segment : path.split('/'))
        FUZZ_CHECK(segment != "." && segment != "..");

    // Query: key=value pairs, encoded, sorted; canonicalising it again changes nothing.
    const QByteArray query = lines.at(2);
    checkEncoded(query, false, true);
    if (!query.isEmpty()) {
        QList<QPair<QByteArray, QByteArray>> pairs;
        for (const QByteArray& item : query.split('&')) {
            const QList<QByteArray> parts = item.split('=');
            FUZZ_CHECK(parts.size() == 2);
            pairs.append({ parts.at(0), parts.at(1) });
        }
        FUZZ_CHECK(std::is_sorted(pairs.begin(), pairs.end()));
    }
    SignableRequest canonicalQuery = request;
    canonicalQuery.query = query;
    FUZZ_CHECK(SigV4Signer::canonicalRequest(canonicalQuery, signedHeaders).split('\n').at(2) == query);
}

// Signs the request as QueryClient does, then checks it as the simulator does: the Authorization header reads back
// with what went into it, and the signature recomputed from the request as received matches.
void checkSignRoundTrip(SignableRequest request, const QByteArray& input)
{
    for (const auto& header : std::as_const(request.headers)) {
        if (!isToken(header.first))
            return; // not a request an HTTP stack would send
    }
    request.headers.removeIf([](const auto& header) { return header.first.toLower() == "x-amz-date"; });

    // The signing time and the kind of credentials come from the input, so the fuzzer explores them too.
    const QByteArray digest = QCryptographicHash::hash(input, QCryptographicHash::Sha256);
    const quint32 seconds = qFromBigEndian<quint32>(digest.constData());
    const QDateTime now = QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
    Credentials credentials;
    credentials.accessKeyId = u"AKIDEXAMPLE"_s;
    credentials.secretAccessKey = QString::fromUtf8(input.left(40));
    if (credentials.secretAccessKey.isEmpty())
        credentials.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
    if (digest.at(4) & 1)
        credentials.sessionToken = u"FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN+/abc=="_s;

    const SigV4Signer signer(u"us-east-1"_s, u"service"_s);
    signer.sign(request, credentials, now);
    const QByteArray amzDate = request.header("X-Amz-Date");
    FUZZ_CHECK(amzDate == SigV4Signer::amzDate(now));
    FUZZ_CHECK(SigV4Signer::parseAmzDate(amzDate) == now); // the simulator reads back the time it was signed at
    FUZZ_CHECK(request.header("X-Amz-Security-Token") == credentials.sessionToken.toUtf8());

    const std::optional<SigV4Authorization> auth = SigV4Authorization::parse(request.header("Authorization"));
    FUZZ_CHECK(auth.has_value());
    FUZZ_CHECK(auth->accessKeyId == "AKIDEXAMPLE" && auth->date == amzDate.left(8));
    FUZZ_CHECK(auth->region == "us-east-1" && auth->service == "service");
    QList<QByteArray> expectedSigned = headerNames(request);
    expectedSigned.removeAll("authorization");
    FUZZ_CHECK(auth->signedHeaders == expectedSigned);

    const QByteArray canonical = SigV4Signer::canonicalRequest(request, auth->signedHeaders);
    const QByteArray stringToSign = signer.stringToSign(amzDate, canonical);
    FUZZ_CHECK(signer.signature(credentials.secretAccessKey.toUtf8(), amzDate, stringToSign) == auth->signature);

    // A retry is signed afresh: one Authorization header, not two.
    signer.sign(request, credentials, now);
    const auto authorizations = std::count_if(request.headers.cbegin(), request.headers.cend(),
        [](const auto& header) { return header.first.toLower() == "authorization"; });
    FUZZ_CHECK(authorizations == 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Fuzz::pinTimeZoneWithDst();
    const QByteArray input = Fuzz::bytes(data, size);

    checkUriEncode(input);
    checkAmzDate(input);
    checkAmzDate(input.left(16));
    checkAuthorizationParse(input);
    checkAuthorizationParse(input.left(input.indexOf('\n')));

    const SignableRequest request = readRequest(input);
    checkCanonicalRequest(request);
    checkSignRoundTrip(request, input);
    return 0;
}
