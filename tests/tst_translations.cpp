// Translations (design.md §7): the committed English .ts holds the strings users see in the GUI and the CLI, under
// the contexts the code translates them with, and the .qm built from it is embedded and loads with QTranslator.
#include "resources.h"
#include "tsfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {
// context name → source texts, read from the .ts as lupdate wrote it.
QMultiHash<QString, QString> readTs(const QString& path, QString* language)
{
    const TsFile ts = readTsFile(path);
    *language = ts.language;
    QMultiHash<QString, QString> messages;
    for (const TsMessage& message : ts.messages)
        messages.insert(message.context, message.source);
    return messages;
}
} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void committedTsHasUserFacingStrings_data();
    void committedTsHasUserFacingStrings();
    void embeddedQmLoads();
    void unknownLocaleFallsBackToEnglish();
    void sourcePluralsReadAsEnglish();

private:
    QMultiHash<QString, QString> m_messages;
    QString m_language;
};

void TestTranslations::initTestCase()
{
    const QString ts = QFINDTESTDATA("../resources/translations/hookdesk_en.ts");
    QVERIFY2(!ts.isEmpty(), "resources/translations/hookdesk_en.ts is not committed");
    m_messages = readTs(ts, &m_language);
    QVERIFY2(m_messages.size() > 300, qPrintable(u"only %1 messages in the .ts"_s.arg(m_messages.size())));
    hookdesk_init_resources();
}

void TestTranslations::committedTsHasUserFacingStrings_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    // GUI: the confirmation dialog and what CONTINUE/ABANDON do.
    QTest::newRow("gui confirm title") << u"ConfirmActionDialog"_s << u"Confirm lifecycle action"_s;
    QTest::newRow("gui typed count") << u"ConfirmActionDialog"_s
                                     << u"Type <b>%1</b> (the number of instances) to confirm:"_s;
    QTest::newRow("gui abandon consequence") << u"LifecycleText"_s
                                             << u"The launch is abandoned: Auto Scaling terminates the instance and "
                                                "launches a replacement, which goes through the launch hooks again."_s;
    // CLI: the terminal confirmation and its refusal without a terminal.
    QTest::newRow("cli not confirmed") << u"ActionCommand"_s << u"not confirmed; nothing was sent"_s;
    QTest::newRow("cli refusing")
        << u"ActionCommand"_s
        << u"refusing to %1 without --yes: standard input is not a terminal, so nobody can confirm"_s;
    // Strings behind file-local helpers, extracted under the context they are translated with at run time.
    QTest::newRow("aws query client") << u"QueryClient"_s << u"No usable credentials for this profile."_s;
    QTest::newRow("cli commands") << u"CliCommands"_s << u"Do not ask for confirmation of --all-pending"_s;
}

void TestTranslations::committedTsHasUserFacingStrings()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QVERIFY2(m_messages.contains(context, source), qPrintable(u"%1: \"%2\" is not in the .ts"_s.arg(context, source)));
}

void TestTranslations::embeddedQmLoads()
{
    QCOMPARE(m_language.left(2), u"en"_s);
    QVERIFY(QFile::exists(u":/i18n/hookdesk_en.qm"_s));
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::English, QLocale::UnitedStates), u"hookdesk"_s, u"_"_s, u":/i18n"_s));
    QCOMPARE(translator.language().left(2), u"en"_s);
    // English is the source language: until a string needs an English wording of its own the catalogue holds no
    // translation, Qt then skips installing it, and the texts stay as written.
    const bool installed = QCoreApplication::installTranslator(&translator);
    QCOMPARE(installed, !translator.isEmpty());
    QCOMPARE(QCoreApplication::translate("ActionCommand", "not confirmed; nothing was sent"),
        u"not confirmed; nothing was sent"_s);
    if (installed)
        QVERIFY(QCoreApplication::removeTranslator(&translator));
}

void TestTranslations::unknownLocaleFallsBackToEnglish()
{
    QTranslator translator;
    // German has a translation since issue 18.10 (tst_gui_translations_de); Japanese has none.
    QVERIFY(!translator.load(QLocale(QLocale::Japanese, QLocale::Japan), u"hookdesk"_s, u"_"_s, u":/i18n"_s));
    QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
    hookdesk_install_translators(); // what both executables do at start-up
    QLocale::setDefault(QLocale::c());
    QCOMPARE(QCoreApplication::translate("QueryClient", "No usable credentials for this profile."),
        u"No usable credentials for this profile."_s);
}

// Issue 18.3: "(s)" never reaches the screen; numerus strings read as real English plurals, others stay as written.
void TestTranslations::sourcePluralsReadAsEnglish()
{
    hookdesk_install_translators();
    QCOMPARE(QCoreApplication::translate("BulkProgressDialog", "Recording %n heartbeat(s)…", nullptr, 1),
        u"Recording 1 heartbeat…"_s);
    QCOMPARE(QCoreApplication::translate("BulkProgressDialog", "Recording %n heartbeat(s)…", nullptr, 3),
        u"Recording 3 heartbeats…"_s);
    QCOMPARE(QCoreApplication::translate("DetailsPane", "%n instance(s) selected, %1 waiting.", nullptr, 0),
        u"0 instances selected, %1 waiting."_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "%n request(s)", nullptr, 1), u"1 request"_s);
    QCOMPARE(QCoreApplication::translate("PendingActionModel", "Hook(s)"), u"Hook(s)"_s); // not a count
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
