#include "languagemenu.h"

#include <QActionGroup>
#include <QMessageBox>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const QString LanguageKey = u"ui/language"_s;
} // namespace

LanguageMenu::LanguageMenu(QWidget* parent)
    : QMenu(tr("&Language"), parent)
    , m_group(new QActionGroup(this))
{
    setObjectName(u"languageMenu"_s);
    const QString saved = savedLanguage();
    // Language names are written in their own language, untranslated, so that someone who cannot read the current
    // one still finds theirs.
    const std::pair<QString, QString> choices[] = {
        { QString(), tr("&System language") },
        { u"en"_s, u"&English"_s },
        { u"de"_s, u"&Deutsch"_s },
    };
    for (const auto& choice : choices) {
        const QString language = choice.first; // a copy the lambda below can capture (a structured binding cannot)
        QAction* action = addAction(choice.second);
        action->setObjectName(language.isEmpty() ? u"languageSystem"_s : u"language_"_s + language);
        action->setCheckable(true);
        action->setChecked(language == saved);
        action->setData(language);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, language] { choose(language); });
    }
}

QString LanguageMenu::savedLanguage()
{
    const QString language = QSettings().value(LanguageKey).toString();
    return language == u"en"_s || language == u"de"_s ? language : QString();
}

void LanguageMenu::choose(const QString& language)
{
    if (language == savedLanguage())
        return;
    if (language.isEmpty())
        QSettings().remove(LanguageKey);
    else
        QSettings().setValue(LanguageKey, language);
    // Not modal-and-waiting (no nested event loop): the note is shown and the window goes on refreshing.
    auto* box = new QMessageBox(QMessageBox::Information, tr("Language"),
        tr("The new language is used the next time Hookdesk starts."), QMessageBox::Ok, parentWidget());
    box->setObjectName(u"languageRestartNote"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
