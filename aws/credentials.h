#pragma once

#include <QDateTime>
#include <QString>

// A set of AWS credentials. Never log or print secretAccessKey or sessionToken: use redacted() for diagnostics.
struct Credentials {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty for long-term keys
    QDateTime expiration; // invalid for long-term keys

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool isTemporary() const { return !sessionToken.isEmpty(); }
    // "AKIA…WXYZ (temporary)" — safe for logs and error messages.
    QString redacted() const;
};
