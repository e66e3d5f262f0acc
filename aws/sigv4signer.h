#pragma once

#include "credentials.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>
#include <optional>

// A request as it goes on the wire, in the shape SigV4 needs. Used to sign outgoing calls and, in the simulator,
// to verify incoming ones.
struct SignableRequest {
    QByteArray method; // "POST"
    QByteArray path; // raw path as sent, e.g. "/"
    QByteArray query; // raw query string without '?', may be empty
    QList<QPair<QByteArray, QByteArray>> headers; // as sent; names in any case; must include Host and X-Amz-Date
    QByteArray body;

    // First value of a header (case-insensitive name), or a null QByteArray.
    QByteArray header(const QByteArray& name) const;
};

// A parsed "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…" header.
struct SigV4Authorization {
    QByteArray accessKeyId, date /*yyyyMMdd*/, region, service, signature;
    QList<QByteArray> signedHeaders; // lowercase
    static std::optional<SigV4Authorization> parse(const QByteArray& header);
};

// AWS Signature Version 4 (HMAC-SHA256 over OpenSSL) for header-signed requests. Path canonicalisation follows the
// rules for every service but S3 (dot segments removed, repeated slashes collapsed, each byte encoded once more).
class SigV4Signer {
public:
    SigV4Signer(QString region, QString service);

    // Adds X-Amz-Date (from nowUtc, if absent), X-Amz-Security-Token (temporary credentials) and Authorization.
    // Every header present in the request (but Authorization) is signed.
    void sign(SignableRequest& request, const Credentials& credentials, const QDateTime& nowUtc) const;

    static QByteArray canonicalRequest(const SignableRequest& request, const QList<QByteArray>& signedHeaders);
    QByteArray stringToSign(const QByteArray& amzDateTime, const QByteArray& canonicalRequest) const;
    // Hex signature; the derived key is cached per (date, region, service, key).
    QByteArray signature(
        const QByteArray& secretKey, const QByteArray& amzDateTime, const QByteArray& stringToSign) const;

    QString region() const { return m_region; }
    QString service() const { return m_service; }

    // Building blocks shared with the Query encoder and the simulator.
    static QByteArray sha256Hex(const QByteArray& data);
    static QByteArray hmacSha256(const QByteArray& key, const QByteArray& data);
    // RFC 3986 percent-encoding as AWS wants it: everything but A–Z a–z 0–9 - _ . ~ is %XX (upper-case hex).
    static QByteArray uriEncode(const QByteArray& bytes, bool keepSlash = false);
    static QByteArray amzDate(const QDateTime& utc); // 20150830T123600Z
    static QDateTime parseAmzDate(const QByteArray& amzDate); // invalid on a malformed value

private:
    QByteArray derivedKey(const QByteArray& secretKey, const QByteArray& date) const;

    QString m_region;
    QString m_service;
    QByteArray m_regionUtf8;
    QByteArray m_serviceUtf8;
    // The key is the date plus a hash of the secret, so the cache never holds the secret itself.
    mutable QHash<QByteArray, QByteArray> m_keyCache;
    mutable QMutex m_keyCacheMutex;
};
