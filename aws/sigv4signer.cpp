#include "sigv4signer.h"

#include <QMutexLocker>
#include <QTimeZone>
#include <algorithm>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

using namespace Qt::StringLiterals;

namespace {

constexpr char Algorithm[] = "AWS4-HMAC-SHA256";

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.' || c == '~';
}

// Header values are trimmed and runs of white space (folded lines included) become one space.
QByteArray canonicalHeaderValue(const QByteArray& value)
{
    return value.simplified();
}

// Removes "." and ".." segments and collapses repeated slashes, keeping a trailing slash.
QByteArray normalizedPath(const QByteArray& rawPath)
{
    if (rawPath.isEmpty())
        return "/";
    const QList<QByteArray> parts = rawPath.split('/');
    QList<QByteArray> kept;
    for (const QByteArray& part : parts) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(part);
    }
    QByteArray path = "/" + kept.join('/');
    const bool trailingSlash = rawPath.endsWith('/') || rawPath.endsWith("/.") || rawPath.endsWith("/..");
    if (trailingSlash && path.size() > 1)
        path += '/';
    return path;
}

QByteArray canonicalQuery(const QByteArray& rawQuery)
{
    if (rawQuery.isEmpty())
        return {};
    QList<QPair<QByteArray, QByteArray>> pairs;
    for (const QByteArray& item : rawQuery.split('&')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        const QByteArray key = eq < 0 ? item : item.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : item.mid(eq + 1);
        pairs.append({ SigV4Signer::uriEncode(QByteArray::fromPercentEncoding(key)),
            SigV4Signer::uriEncode(QByteArray::fromPercentEncoding(value)) });
    }
    std::stable_sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto& [key, value] : std::as_const(pairs)) {
        if (!out.isEmpty())
            out += '&';
        out += key + '=' + value;
    }
    return out;
}

} // namespace

QByteArray SignableRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

std::optional<SigV4Authorization> SigV4Authorization::parse(const QByteArray& header)
{
    const QByteArray trimmed = header.trimmed();
    if (!trimmed.startsWith(QByteArray(Algorithm).append(' ')))
        return std::nullopt;
    SigV4Authorization result;
    bool haveCredential = false, haveSignedHeaders = false, haveSignature = false;
    const QByteArray rest = trimmed.mid(qsizetype(sizeof(Algorithm)));
    for (QByteArray part : rest.split(',')) {
        part = part.trimmed();
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            return std::nullopt;
        const QByteArray key = part.left(eq).trimmed();
        const QByteArray value = part.mid(eq + 1).trimmed();
        if (key == "Credential") {
            const QList<QByteArray> scope = value.split('/');
            if (scope.size() != 5 || scope.at(4) != "aws4_request" || scope.at(0).isEmpty() || scope.at(1).size() != 8)
                return std::nullopt;
            result.accessKeyId = scope.at(0);
            result.date = scope.at(1);
            result.region = scope.at(2);
            result.service = scope.at(3);
            haveCredential = true;
        } else if (key == "SignedHeaders") {
            for (const QByteArray& name : value.split(';')) {
                if (name.isEmpty())
                    return std::nullopt;
                result.signedHeaders.append(name.toLower());
            }
            haveSignedHeaders = true;
        } else if (key == "Signature") {
            if (value.size() != 64)
                return std::nullopt;
            result.signature = value.toLower();
            haveSignature = true;
        }
    }
    if (!haveCredential || !haveSignedHeaders || !haveSignature)
        return std::nullopt;
    return result;
}

SigV4Signer::SigV4Signer(QString region, QString service)
    : m_region(std::move(region))
    , m_service(std::move(service))
    , m_regionUtf8(m_region.toUtf8())
    , m_serviceUtf8(m_service.toUtf8())
{
}

QByteArray SigV4Signer::sha256Hex(const QByteArray& data)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()), digest);
    return QByteArray(reinterpret_cast<const char*>(digest), SHA256_DIGEST_LENGTH).toHex();
}

QByteArray SigV4Signer::hmacSha256(const QByteArray& key, const QByteArray& data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()), reinterpret_cast<const unsigned char*>(data.constData()),
        size_t(data.size()), digest, &length);
    return QByteArray(reinterpret_cast<const char*>(digest), int(length));
}

QByteArray SigV4Signer::uriEncode(const QByteArray& bytes, bool keepSlash)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            const auto b = static_cast<unsigned char>(c);
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 0xf];
        }
    }
    return out;
}

QByteArray SigV4Signer::amzDate(const QDateTime& utc)
{
    return utc.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1();
}

QDateTime SigV4Signer::parseAmzDate(const QByteArray& amzDate)
{
    // Date and time are read apart and joined as UTC: read as one local time first, an hour that local time skips
    // (the spring-forward gap of daylight saving time) came back invalid and a valid request was refused.
    if (amzDate.size() != 16 || amzDate.at(8) != 'T' || amzDate.at(15) != 'Z')
        return {};
    const QDate date = QDate::fromString(QString::fromLatin1(amzDate.left(8)), u"yyyyMMdd"_s);
    const QTime time = QTime::fromString(QString::fromLatin1(amzDate.mid(9, 6)), u"HHmmss"_s);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

QByteArray SigV4Signer::canonicalRequest(const SignableRequest& request, const QList<QByteArray>& signedHeaders)
{
    // Merge duplicates in the order sent ("a,b"), as the suite's get-header-key-duplicate case wants.
    QList<QByteArray> names;
    QHash<QByteArray, QByteArray> values;
    for (const auto& [name, value] : request.headers) {
        const QByteArray lower = name.trimmed().toLower();
        if (!signedHeaders.contains(lower))
            continue;
        auto it = values.find(lower);
        if (it == values.end()) {
            names.append(lower);
            values.insert(lower, canonicalHeaderValue(value));
        } else {
            *it += ',' + canonicalHeaderValue(value);
        }
    }
    std::sort(names.begin(), names.end());
    QByteArray headerBlock;
    for (const QByteArray& name : std::as_const(names))
        headerBlock += name + ':' + values.value(name) + '\n';
    QByteArray signedList = names.join(';');

    QByteArray out;
    out += request.method.toUpper() + '\n';
    out += uriEncode(normalizedPath(request.path), true) + '\n';
    out += canonicalQuery(request.query) + '\n';
    out += headerBlock + '\n';
    out += signedList + '\n';
    out += sha256Hex(request.body);
    return out;
}

QByteArray SigV4Signer::stringToSign(const QByteArray& amzDateTime, const QByteArray& canonicalRequest) const
{
    const QByteArray scope = amzDateTime.left(8) + '/' + m_regionUtf8 + '/' + m_serviceUtf8 + "/aws4_request";
    return QByteArray(Algorithm) + '\n' + amzDateTime + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
}

QByteArray SigV4Signer::derivedKey(const QByteArray& secretKey, const QByteArray& date) const
{
    const QByteArray cacheKey = date + '/' + sha256Hex(secretKey);
    QMutexLocker lock(&m_keyCacheMutex);
    auto it = m_keyCache.constFind(cacheKey);
    if (it != m_keyCache.constEnd())
        return it.value();
    const QByteArray kDate = hmacSha256("AWS4" + secretKey, date);
    const QByteArray kRegion = hmacSha256(kDate, m_regionUtf8);
    const QByteArray kService = hmacSha256(kRegion, m_serviceUtf8);
    const QByteArray kSigning = hmacSha256(kService, "aws4_request");
    if (m_keyCache.size() > 16) // a day's key per credential set; a handful is plenty
        m_keyCache.clear();
    m_keyCache.insert(cacheKey, kSigning);
    return kSigning;
}

QByteArray SigV4Signer::signature(
    const QByteArray& secretKey, const QByteArray& amzDateTime, const QByteArray& stringToSign) const
{
    return hmacSha256(derivedKey(secretKey, amzDateTime.left(8)), stringToSign).toHex();
}

void SigV4Signer::sign(SignableRequest& request, const Credentials& credentials, const QDateTime& nowUtc) const
{
    // Drop what an earlier attempt added, so a retry is signed afresh with the current time and credentials.
    request.headers.removeIf([](const QPair<QByteArray, QByteArray>& header) {
        const QByteArray lower = header.first.toLower();
        return lower == "authorization" || lower == "x-amz-security-token";
    });
    QByteArray dateTime = request.header("X-Amz-Date");
    if (dateTime.isEmpty()) {
        dateTime = amzDate(nowUtc);
        request.headers.append({ "X-Amz-Date", dateTime });
    }
    if (credentials.isTemporary())
        request.headers.append({ "X-Amz-Security-Token", credentials.sessionToken.toUtf8() });

    QList<QByteArray> signedHeaders;
    for (const auto& header : std::as_const(request.headers)) {
        const QByteArray lower = header.first.trimmed().toLower();
        if (!signedHeaders.contains(lower))
            signedHeaders.append(lower);
    }
    std::sort(signedHeaders.begin(), signedHeaders.end());

    const QByteArray creq = canonicalRequest(request, signedHeaders);
    const QByteArray sts = stringToSign(dateTime, creq);
    const QByteArray sig = signature(credentials.secretAccessKey.toUtf8(), dateTime, sts);
    const QByteArray scope = dateTime.left(8) + '/' + m_regionUtf8 + '/' + m_serviceUtf8 + "/aws4_request";
    request.headers.append({ "Authorization",
        QByteArray(Algorithm) + " Credential=" + credentials.accessKeyId.toUtf8() + '/' + scope
            + ", SignedHeaders=" + signedHeaders.join(';') + ", Signature=" + sig });
}
