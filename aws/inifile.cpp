#include "inifile.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

// A comment after a value starts at whitespace followed by # or ; (secret keys, ARNs and URLs have no spaces).
QString stripInlineComment(const QString& value)
{
    for (qsizetype i = 1; i < value.size(); ++i) {
        if ((value.at(i) == u'#' || value.at(i) == u';') && value.at(i - 1).isSpace())
            return value.left(i).trimmed();
    }
    return value.trimmed();
}

// A "[name]" line: the section it opens (an existing one when the name is repeated), or nullptr after an error.
IniSection* readSectionHeader(IniDocument& doc, const QString& trimmed, int lineNumber)
{
    if (!trimmed.endsWith(u']')) {
        doc.errors.append(
            { lineNumber, QCoreApplication::translate("IniFile", "A section header must end with ']'.") });
        return nullptr;
    }
    const QString name = trimmed.mid(1, trimmed.size() - 2).simplified();
    if (name.isEmpty()) {
        doc.errors.append({ lineNumber, QCoreApplication::translate("IniFile", "A section header needs a name.") });
        return nullptr;
    }
    IniSection* current = nullptr;
    for (IniSection& existing : doc.sections) {
        if (existing.name == name) {
            // One arg() call (here and below): a chained one would also fill a "%1" inside the name or key.
            doc.warnings.append({ lineNumber,
                QCoreApplication::translate("IniFile",
                    "Section [%1] appears again (first on line %2); its settings are merged, later ones win.")
                    .arg(name, QString::number(existing.line)) });
            current = &existing;
        }
    }
    if (!current) {
        doc.sections.append({ name, lineNumber, {} });
        current = &doc.sections.last();
    }
    return current;
}

// A "key = value" or "key: value" line in `current`: the entry it sets, or nullptr after an error.
IniEntry* readSetting(IniDocument& doc, IniSection* current, const QString& trimmed, int lineNumber)
{
    const qsizetype equals = trimmed.indexOf(u'=');
    const qsizetype colon = trimmed.indexOf(u':');
    qsizetype split = equals;
    if (colon >= 0 && (equals < 0 || colon < equals))
        split = colon;
    if (split < 0) {
        doc.errors.append({ lineNumber,
            QCoreApplication::translate(
                "IniFile", "This line is neither a [section], a key = value setting nor a comment.") });
        return nullptr;
    }
    const QString key = trimmed.left(split).trimmed().toLower();
    if (key.isEmpty()) {
        doc.errors.append({ lineNumber, QCoreApplication::translate("IniFile", "A setting needs a name before '='.") });
        return nullptr;
    }
    if (!current) {
        doc.errors.append({ lineNumber,
            QCoreApplication::translate("IniFile", "The setting %1 comes before any [section].").arg(key) });
        return nullptr;
    }
    const QString value = stripInlineComment(trimmed.mid(split + 1));
    IniEntry* entry = nullptr;
    for (IniEntry& existing : current->entries) {
        if (existing.key == key) {
            doc.warnings.append({ lineNumber,
                QCoreApplication::translate(
                    "IniFile", "%1 is set again in [%2] (first on line %3); the last value is used.")
                    .arg(key, current->name, QString::number(existing.line)) });
            existing.value = value;
            existing.line = lineNumber;
            entry = &existing;
        }
    }
    if (!entry) {
        current->entries.append({ key, value, lineNumber });
        entry = &current->entries.last();
    }
    return entry;
}
} // namespace

QList<IniEntry> IniEntry::nested() const
{
    QList<IniEntry> entries;
    const QStringList lines = value.split(u'\n');
    // The first line is the setting's own value: nested settings only follow a "key =" with nothing after it.
    if (lines.size() < 2 || !lines.constFirst().isEmpty())
        return entries;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype equals = lines.at(i).indexOf(u'=');
        if (equals <= 0)
            continue;
        entries.append({ lines.at(i).left(equals).trimmed().toLower(), lines.at(i).mid(equals + 1).trimmed(), line });
    }
    return entries;
}

const IniEntry* IniSection::entry(const QString& key) const
{
    for (const IniEntry& e : entries) {
        if (e.key == key)
            return &e;
    }
    return nullptr;
}

QString IniSection::value(const QString& key) const
{
    const IniEntry* e = entry(key);
    return e ? e->value : QString();
}

const IniSection* IniDocument::section(const QString& name) const
{
    for (const IniSection& s : sections) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

IniDocument IniDocument::parse(const QByteArray& content)
{
    IniDocument doc;
    QByteArray bytes = content;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    const QString text = QString::fromUtf8(bytes);
    const QStringList lines = text.split(u'\n');

    IniSection* current = nullptr;
    IniEntry* lastEntry = nullptr; // the entry an indented line continues
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index + 1);
        QString line = lines.at(index);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u';'))
            continue;

        const bool indented = line.at(0).isSpace();
        if (indented && lastEntry) {
            // A continuation: botocore keeps it as part of the value (nested "s3 =" settings live here).
            lastEntry->value += u'\n' + stripInlineComment(trimmed);
            continue;
        }
        if (trimmed.startsWith(u'[')) {
            lastEntry = nullptr;
            current = readSectionHeader(doc, trimmed, lineNumber);
            continue;
        }
        lastEntry = readSetting(doc, current, trimmed, lineNumber);
    }
    return doc;
}
