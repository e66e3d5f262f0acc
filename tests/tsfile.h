#pragma once

// A Qt Linguist .ts file as lupdate writes it, read for the translation tests (tst_translations,
// tst_gui_translations_de): every message with its context, source text and translation.
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

struct TsMessage {
    QString context;
    QString source;
    bool numerus = false;
    QString type; // of the translation: "", "unfinished", "vanished" or "obsolete"
    QStringList forms; // the translation, or its numerus forms
};

struct TsFile {
    QString language; // the TS element's, e.g. "de_DE"
    QList<TsMessage> messages; // empty when the file is missing or not well-formed
};

inline TsFile readTsFile(const QString& path)
{
    using namespace Qt::StringLiterals;
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ts;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"TS") {
            ts.language = xml.attributes().value(u"language"_s).toString();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            ts.messages.append({ context, {}, xml.attributes().value(u"numerus"_s) == u"yes", {}, {} });
        } else if (ts.messages.isEmpty()) {
            continue;
        } else if (name == u"source") {
            ts.messages.last().source = xml.readElementText();
        } else if (name == u"translation") {
            ts.messages.last().type = xml.attributes().value(u"type"_s).toString();
            if (!ts.messages.last().numerus)
                ts.messages.last().forms = { xml.readElementText() };
        } else if (name == u"numerusform") {
            ts.messages.last().forms.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        ts.messages.clear();
    return ts;
}
