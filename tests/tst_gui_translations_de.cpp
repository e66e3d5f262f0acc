// Issue 18.10: the German translation is complete and faithful to its sources (placeholders, HTML, mnemonics,
// colons and ellipses kept), loads from the locale or the View > Language choice, and the window reads German.
// The .ts checks read the committed files, so they fail as soon as the lead adds source strings without German
// (scripts/translations-untranslated.py lists them).
#include "hookeditordialog.h"
#include "languagemenu.h"
#include "mainwindow.h"
#include "notificationdialog.h"
#include "requesttimeoutdialog.h"
#include "resources.h"
#include "tsfile.h"

#include <QAbstractButton>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// What a translation must keep of its source: the %1…%9 and %n placeholders, the HTML tags, whether it has a
// mnemonic, leading and trailing blanks (the code concatenates such strings), and a closing colon or ellipsis.
QStringList shape(const QString& text)
{
    QStringList shape;
    static const QRegularExpression placeholder(u"%[1-9n]"_s);
    for (const auto& match : placeholder.globalMatch(text))
        shape.append(match.captured());
    static const QRegularExpression tag(u"</?(b|i|p|h3|br|a)\\b"_s);
    for (const auto& match : tag.globalMatch(text))
        shape.append(match.captured());
    shape.sort();
    static const QRegularExpression mnemonic(u"&[^&\\s]"_s);
    shape.append(text.contains(mnemonic) ? u"mnemonic"_s : u"-"_s);
    shape.append(text.startsWith(u' ') ? u"leading blank"_s : u"-"_s);
    shape.append(text.endsWith(u' ') ? u"trailing blank"_s : u"-"_s);
    const QString trimmed = text.trimmed();
    shape.append(trimmed.endsWith(u':') ? u"colon"_s : trimmed.endsWith(u"…"_s) ? u"ellipsis"_s : u"-"_s);
    return shape;
}

QChar mnemonicOf(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) != u'&')
            return text.at(i + 1).toLower();
        ++i; // "&&" is a literal ampersand
    }
    return {};
}

// Fails on two texts sharing an Alt+letter; `where` names the menu or dialog.
void verifyUniqueMnemonics(const QStringList& texts, const QString& where)
{
    QHash<QChar, QString> seen;
    for (const QString& text : texts) {
        const QChar letter = mnemonicOf(text);
        if (letter.isNull())
            continue;
        QVERIFY2(!seen.contains(letter),
            qPrintable(u"%1: \"%2\" and \"%3\" share Alt+%4"_s.arg(where, seen.value(letter), text, letter)));
        seen.insert(letter, text);
    }
}

// The mnemonics a user can reach at once in a dialog: labels of fields and the buttons shown.
QStringList dialogMnemonicTexts(const QWidget* dialog)
{
    QStringList texts;
    for (const QLabel* label : dialog->findChildren<QLabel*>())
        if (label->buddy() && label->isVisibleTo(dialog))
            texts.append(label->text());
    for (const QAbstractButton* button : dialog->findChildren<QAbstractButton*>())
        if (button->isVisibleTo(dialog))
            texts.append(button->text());
    return texts;
}
} // namespace

class TestTranslationsGerman : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everySourceStringHasGerman();
    void translationsKeepTheirSourcesShape();
    void menuMnemonicsAreUnique();
    void dialogMnemonicsAreUnique();
    void windowReadsGerman();
    void languageMenuRemembersTheChoice();

private:
    QList<TsMessage> m_english;
    QList<TsMessage> m_german;
};

void TestTranslationsGerman::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(u"ui/language"_s);
    m_english = readTsFile(QFINDTESTDATA("../resources/translations/hookdesk_en.ts")).messages;
    m_german = readTsFile(QFINDTESTDATA("../resources/translations/hookdesk_de.ts")).messages;
    QVERIFY(m_english.size() > 300);
    QVERIFY(!m_german.isEmpty());
    hookdesk_init_resources();
    QVERIFY(QFile::exists(u":/i18n/hookdesk_de.qm"_s));
    // A German system locale with no View > Language choice, which is what main() passes on such a desktop.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    hookdesk_install_translators(LanguageMenu::savedLanguage());
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"&Datei"_s);
}

void TestTranslationsGerman::everySourceStringHasGerman()
{
    QHash<QPair<QString, QString>, const TsMessage*> german;
    for (const TsMessage& message : std::as_const(m_german))
        german.insert({ message.context, message.source }, &message);
    QStringList missing;
    for (const TsMessage& source : std::as_const(m_english)) {
        const TsMessage* translation = german.value({ source.context, source.source });
        const bool complete = translation && translation->type.isEmpty()
            && translation->forms.size() == (source.numerus ? 2 : 1)
            && std::none_of(translation->forms.cbegin(), translation->forms.cend(),
                [](const QString& form) { return form.trimmed().isEmpty(); });
        if (!complete)
            missing.append(source.context + u": "_s + source.source);
    }
    QVERIFY2(missing.isEmpty(),
        qPrintable(u"%1 source strings lack German (scripts/translations-untranslated.py):\n"_s.arg(missing.size())
            + missing.mid(0, 20).join(u'\n')));
}

void TestTranslationsGerman::translationsKeepTheirSourcesShape()
{
    QStringList wrong;
    for (const TsMessage& message : std::as_const(m_german)) {
        if (!message.type.isEmpty())
            continue; // unfinished ones are the test above's
        for (const QString& form : message.forms)
            if (shape(form) != shape(message.source))
                wrong.append(u"%1: \"%2\" → \"%3\""_s.arg(message.context, message.source, form));
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
}

void TestTranslationsGerman::menuMnemonicsAreUnique()
{
    MainWindow window;
    QStringList topLevel;
    for (const QAction* action : window.menuBar()->actions())
        topLevel.append(action->text());
    // The connection bar's labels answer Alt+letter in the same window as the menu bar.
    for (const QLabel* label : window.findChildren<QLabel*>())
        if (label->buddy())
            topLevel.append(label->text());
    verifyUniqueMnemonics(topLevel, u"menu bar"_s);
    for (const QMenu* menu : window.findChildren<QMenu*>()) {
        QStringList texts;
        for (const QAction* action : menu->actions())
            if (!action->isSeparator())
                texts.append(action->text());
        verifyUniqueMnemonics(texts, menu->title());
    }
}

void TestTranslationsGerman::dialogMnemonicsAreUnique()
{
    HookEditorDialog editor({ u"web"_s }, u"web"_s);
    verifyUniqueMnemonics(dialogMnemonicTexts(&editor), editor.windowTitle());
    NotificationDialog notification;
    verifyUniqueMnemonics(dialogMnemonicTexts(&notification), notification.windowTitle());
    RequestTimeoutDialog timeout(60);
    verifyUniqueMnemonics(dialogMnemonicTexts(&timeout), timeout.windowTitle());
}

void TestTranslationsGerman::windowReadsGerman()
{
    MainWindow window;
    QStringList menus;
    for (const QAction* action : window.menuBar()->actions())
        menus.append(action->text());
    QVERIFY2(menus.contains(u"&Datei"_s) && menus.contains(u"A&nsicht"_s) && menus.contains(u"&Hilfe"_s),
        qPrintable(menus.join(u", "_s)));
    QStringList tabs;
    for (int i = 0; i < window.tabs()->count(); ++i)
        tabs.append(window.tabs()->tabText(i));
    QVERIFY2(tabs.join(u'|').contains(u"Instanzen"_s), qPrintable(tabs.join(u", "_s)));
    QVERIFY2(tabs.join(u'|').contains(u"Ausstehende Aktionen"_s), qPrintable(tabs.join(u", "_s)));
    auto* language = window.findChild<QMenu*>(u"languageMenu"_s);
    QVERIFY(language);
    QCOMPARE(language->title(), u"&Sprache"_s);
    // Plurals take the German forms, not the English source's "(s)".
    QCOMPARE(QCoreApplication::translate("BulkProgressDialog", "Recording %n heartbeat(s)…", nullptr, 1),
        u"1 Heartbeat wird erfasst…"_s);
    QCOMPARE(QCoreApplication::translate("BulkProgressDialog", "Recording %n heartbeat(s)…", nullptr, 3),
        u"3 Heartbeats werden erfasst…"_s);
}

void TestTranslationsGerman::languageMenuRemembersTheChoice()
{
    QWidget window; // the note's parent, as the main window is
    auto* menu = new LanguageMenu(&window);
    QCOMPARE(LanguageMenu::savedLanguage(), QString());
    QVERIFY(menu->findChild<QAction*>(u"languageSystem"_s)->isChecked());
    menu->findChild<QAction*>(u"language_en"_s)->trigger();
    QCOMPARE(LanguageMenu::savedLanguage(), u"en"_s);
    // The note says the change waits for a restart; it does not block (no nested event loop).
    QTRY_VERIFY(window.findChild<QWidget*>(u"languageRestartNote"_s));
    QVERIFY(LanguageMenu().findChild<QAction*>(u"language_en"_s)->isChecked());
    menu->findChild<QAction*>(u"languageSystem"_s)->trigger();
    QCOMPARE(LanguageMenu::savedLanguage(), QString());
    QVERIFY(!QSettings().contains(u"ui/language"_s));
}

QTEST_MAIN(TestTranslationsGerman)
#include "tst_gui_translations_de.moc"
