#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The INI dialect of ~/.aws/credentials and ~/.aws/config, as botocore reads it: [section] headers, "key = value"
// or "key: value", comments on lines starting with # or ; (and after whitespace at the end of a value), indented
// lines continuing the previous value (nested settings such as "s3 =\n  max_concurrent_requests = 10"), CRLF or
// LF, an optional UTF-8 BOM. Anything else is an error reported with its line number; callers must not use a
// document with errors (nothing half-read).
struct IniEntry {
    QString key; // lower-cased
    QString value;
    int line = 0;

    // The indented "key = value" lines under a setting with no value of its own, as the AWS CLI nests them
    // ("sts =\n  endpoint_url = …" in a [services] section): keys lower-cased, each with this entry's line.
    QList<IniEntry> nested() const;
};

struct IniSection {
    QString name; // as written between the brackets, trimmed
    int line = 0;
    QList<IniEntry> entries; // one per key: a repeated key replaces the earlier value (and warns)

    const IniEntry* entry(const QString& key) const;
    QString value(const QString& key) const;
    bool contains(const QString& key) const { return entry(key) != nullptr; }
};

struct IniDiagnostic {
    int line = 0; // 1-based
    QString message; // translated; never quotes a value (it may be a secret)
};

struct IniDocument {
    QList<IniSection> sections; // a repeated section is merged into the first one (and warns)
    QList<IniDiagnostic> errors;
    QList<IniDiagnostic> warnings;

    bool isValid() const { return errors.isEmpty(); }
    const IniSection* section(const QString& name) const;

    static IniDocument parse(const QByteArray& content);
};
