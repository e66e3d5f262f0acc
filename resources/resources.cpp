#include "resources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace {
// Real English plurals for the source strings: tr("%n instance(s) selected", nullptr, n) reads "1 instance
// selected" and "3 instances selected", never "(s)". The committed .ts is the source language's and holds no
// numerus forms, so without this the source text showed as written. Installed before the other translators, it
// is asked last: a real translation's own plural forms win. Everything but "(s)" in numerus messages is left to
// the source text (an empty answer).
class SourcePluralTranslator : public QTranslator {
public:
    using QTranslator::QTranslator;

    bool isEmpty() const override { return false; }

    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override
    {
        Q_UNUSED(context)
        Q_UNUSED(disambiguation)
        if (n < 0 || !sourceText)
            return {};
        QString text = QString::fromUtf8(sourceText);
        if (!text.contains(u"(s)"_s))
            return {};
        return text.replace(u"(s)"_s, n == 1 ? QString() : u"s"_s);
    }
};
} // namespace

void hookdesk_init_resources()
{
    Q_INIT_RESOURCE(hookdesk);
    Q_INIT_RESOURCE(hookdesk_translations);
}

void hookdesk_install_translators(const QString& language)
{
    auto* app = QCoreApplication::instance();
    if (!app)
        return;
    // QLocale() is the system locale unless a test set a default; on Unix its uiLanguages() follow LANGUAGE, LC_ALL,
    // LC_MESSAGES and LANG the way Qt reads them, so a German desktop gets German without any setting.
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    QCoreApplication::installTranslator(new SourcePluralTranslator(app));
    auto* qtTranslator = new QTranslator(app);
    if (qtTranslator->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;
    auto* translator = new QTranslator(app);
    if (translator->load(locale, u"hookdesk"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}
