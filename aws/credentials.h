#pragma once

#include <QDateTime>
#include <QString>

// A set of AWS credentials. Never log or print secretAccessKey or sessionToken: use redacted() for diagnostics.
struct Credentials {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty for long-term keys
    QDateTime expiration; // invalid for long-term keys

    // The secret and the token are overwritten in place when this is their last holder (QString shares data
    // between copies: a shared buffer is wiped by the copy that goes last). Holders that replace keys call
    // wipeSecrets() first (an assignment operator here would make the struct's implicit copy deprecated). What Qt
    // does not let us reach stays: buffers left behind by a reallocation, the QNetworkRequest header copies of the
    // token, the keychain library's and the XML reader's intermediate strings.
    ~Credentials() { wipeSecrets(); }
    void wipeSecrets();
    // Overwrites a secret's characters when `text` is their only holder (other secrets use this too).
    static void wipe(QString& text);

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool isTemporary() const { return !sessionToken.isEmpty(); }
    // "AKIA…WXYZ (temporary)" — safe for logs and error messages.
    QString redacted() const;
};
