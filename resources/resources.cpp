#include "resources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QtGlobal>

using namespace Qt::StringLiterals;

void hookdesk_init_resources()
{
    Q_INIT_RESOURCE(hookdesk);
    Q_INIT_RESOURCE(hookdesk_translations);
}

void hookdesk_install_translators()
{
    auto* app = QCoreApplication::instance();
    if (!app)
        return;
    const QLocale locale;
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
