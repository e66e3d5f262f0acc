// Issue 18.1 and 18.8, a window that looks right: columns as wide as their content at 1600 px with the countdown in
// view at 1024 px and at 2× scaling (800 logical pixels); the audit log shows errors in a column; a dark theme that
// follows the system or the View ▸ Theme pick, with countdown colours at 4.5:1 on both palettes; the title says the
// name once; read-only shows as a badge; keyboard focus shows in every list; every menu item has its own mnemonic.
#include "auditlog.h"
#include "auditlogmodel.h"
#include "columnfitter.h"
#include "credentialprovider.h"
#include "focusframestyle.h"
#include "hooklistmodel.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"
#include "resources.h"
#include "simulatorfixture.h"
#include "systemcolorscheme.h"
#include "thememanager.h"
#include "tst_gui_simwindow.h"
#include "uistyle.h"

#include <QAction>
#include <QApplication>
#include <QDBusVariant>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Long identifiers everywhere: a group, hooks and a notification target an operator must read in full.
const QByteArray Scenario = R"({ "groups": [
  { "name": "payments-api-blue-production", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "drain-connections-and-deregister", "transition": "terminating", "heartbeatTimeout": 900,
                 "defaultResult": "ABANDON",
                 "notificationTargetArn": "arn:aws:sqs:us-east-1:123456789012:payments-lifecycle-notifications" },
               { "name": "warm-up-caches-before-traffic", "transition": "launching", "heartbeatTimeout": 600,
                 "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "InService", "count": 2 }, { "state": "Pending:Wait", "count": 2, "elapsed": 30 },
                   { "state": "Terminating:Wait", "count": 1, "elapsed": 60 } ] }
] })";

QTreeView* view(MainWindow* window, const char* name)
{
    return window->findChild<QTreeView*>(QString::fromLatin1(name));
}

} // namespace

class TestGuiLook : public QObject {
    Q_OBJECT

private:
    SimWindow m_open;
    MainWindow* m_window = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;

    // Every column of `itemView` at least as wide as its widest loaded cell (QAbstractItemView::sizeHintForColumn)
    // and its title; capped prose columns at least as wide as their cap.
    static void verifyColumnsFit(QAbstractItemView* itemView, QHeaderView* header)
    {
        const auto* fitter = itemView->findChild<ColumnFitter*>();
        QVERIFY(fitter);
        QVERIFY(itemView->model()->rowCount() > 0);
        for (int column = 0; column < header->count(); ++column) {
            const int needed = fitter->contentWidth(column);
            QVERIFY(needed >= header->sectionSizeHint(column));
            QTRY_VERIFY2(header->sectionSize(column) >= needed,
                qPrintable(u"%1 column %2: %3 < %4"_s.arg(itemView->objectName())
                               .arg(column)
                               .arg(header->sectionSize(column))
                               .arg(needed)));
        }
    }

    void showTab(QTreeView* page)
    {
        m_window->tabs()->setCurrentWidget(page);
        QTRY_VERIFY(page->isVisible());
        QTRY_VERIFY(page->model()->rowCount() > 0);
    }

    void verifyCountdownInView()
    {
        QTreeView* pending = m_window->pendingView();
        QHeaderView* header = pending->header();
        QTRY_VERIFY(header->sectionViewportPosition(PendingActionModel::LeftColumn) >= 0);
        QTRY_VERIFY2(header->sectionViewportPosition(PendingActionModel::LeftColumn)
                    + header->sectionSize(PendingActionModel::LeftColumn)
                <= pending->viewport()->width(),
            qPrintable(QString::number(header->sectionViewportPosition(PendingActionModel::LeftColumn))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        hookdesk_install_translators();
        QSettings().clear();
    }

    void init()
    {
        // An audit record with an error, for the audit view's Error column.
        AuditRecord failed;
        failed.time = QDateTime::currentDateTimeUtc();
        failed.phase = u"outcome"_s;
        failed.action = u"CompleteLifecycleAction"_s;
        failed.group = u"payments-api-blue-production"_s;
        failed.hook = u"drain-connections-and-deregister"_s;
        failed.instance = u"i-0123456789abcdef0"_s;
        failed.result = u"ABANDON"_s;
        failed.outcome = u"failed"_s;
        failed.error = u"ValidationError: No active Lifecycle Action found with instance ID i-0123456789abcdef0"_s;
        failed.requestId = u"7c6e3a52-51b0-4f3c-9d8e-0f5a1b2c3d4e"_s;
        m_dir = std::make_unique<QTemporaryDir>();
        AuditLog log(m_dir->filePath(u"audit.jsonl"_s));
        QVERIFY(log.append(failed));

        m_open.open(Scenario, m_dir->filePath(u"audit.jsonl"_s), 3, QSize(1600, 1000));
        m_window = m_open.window.get();
    }

    void cleanup()
    {
        m_open.close();
        QSettings().clear();
    }

    // Before: "i-0287e64…", "InServi…", hook names cut, "1 Dec …" without the time, the audit dock's columns cut.
    void columnsAreAsWideAsTheirContentAt1600()
    {
        QTRY_COMPARE(m_window->width(), 1600);
        verifyColumnsFit(m_window->pendingView(), m_window->pendingView()->header());
        verifyColumnsFit(m_window->groupView(), m_window->groupView()->header());
        for (const char* name : { "instanceView", "hookView", "activityView" }) {
            QTreeView* page = view(m_window, name);
            showTab(page);
            verifyColumnsFit(page, page->header());
        }
        QTreeView* hooks = view(m_window, "hookView");
        showTab(hooks);
        QTRY_VERIFY(hooks->model()->rowCount() == 2);
        // Identifiers are measured in full: the notification target is the elastic column, never elided.
        const QFontMetrics metrics(hooks->font());
        QVERIFY(hooks->header()->sectionSize(HookListModel::TargetColumn)
            >= metrics.horizontalAdvance(u"arn:aws:sqs:us-east-1:123456789012:payments-lifecycle-notifications"_s));
    }

    // Before: the error text only in a tooltip.
    void auditDockShowsTheErrorInAColumn()
    {
        m_window->findChild<QAction*>(u"auditAction"_s)->setChecked(true);
        auto* audit = m_window->findChild<QTableView*>(u"auditView"_s);
        QVERIFY(audit);
        QTRY_VERIFY(audit->isVisible());
        QTRY_COMPARE(audit->model()->rowCount(), 1);
        QCOMPARE(audit->model()->headerData(AuditLogModel::ErrorColumn, Qt::Horizontal).toString(), u"Error"_s);
        QVERIFY(
            audit->model()->index(0, AuditLogModel::ErrorColumn).data().toString().startsWith(u"ValidationError"_s));
        QVERIFY(!audit->isColumnHidden(AuditLogModel::ErrorColumn));
        verifyColumnsFit(audit, audit->horizontalHeader());
    }

    // Before: at 1024 px the Hook(s) column shrank to "bo…"; at 2× the countdown was scrolled off.
    void countdownStaysInViewWhenNarrow()
    {
        m_window->resize(1024, 700);
        QTRY_COMPARE(m_window->width(), 1024);
        verifyCountdownInView();
        m_window->resize(800, 500); // what 1600×1000 at QT_SCALE_FACTOR=2 leaves in logical pixels
        QTRY_COMPARE(m_window->width(), 800);
        verifyCountdownInView();
        // The identifiers still are not elided: a scroll bar instead.
        verifyColumnsFit(m_window->pendingView(), m_window->pendingView()->header());
    }

    // Before: "Hookdesk — test (123456789012) — us-east-1 — Demo — Hookdesk" (the platform added the display name).
    void titleSaysTheNameOnce()
    {
        QTRY_COMPARE(m_window->windowTitle(),
            u"Hookdesk — test (123456789012) — %1"_s.arg(m_open.sim->simulator().options().region));
        QVERIFY(QGuiApplication::applicationDisplayName() == QCoreApplication::applicationName()); // none set
    }

    void readOnlyShowsAsABadge()
    {
        auto* badge = m_window->findChild<QLabel*>(u"readOnlyBadge"_s);
        QVERIFY(badge);
        QVERIFY(!badge->isVisible());
        m_window->setReadOnly(true);
        QVERIFY(badge->isVisible());
        QVERIFY(badge->font().bold());
        QVERIFY(!badge->accessibleName().isEmpty());
        m_window->setReadOnly(false);
        QVERIFY(!badge->isVisible());
    }

    void themeSwitchAppliesAPaletteWithReadableCountdowns()
    {
        ThemeManager* theme = m_window->theme();
        QVERIFY(theme);
        auto* menu = m_window->findChild<QMenu*>(u"themeMenu"_s);
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 3);

        m_window->findChild<QAction*>(u"theme-dark"_s)->trigger();
        QCOMPARE(theme->mode(), ThemeManager::Mode::Dark);
        QVERIFY(theme->isDarkApplied());
        QCOMPARE(QSettings().value(u"view/theme"_s).toString(), u"dark"_s);
        QVERIFY(UiStyle::isDark(QApplication::palette()));
        QTRY_VERIFY(UiStyle::isDark(m_window->pendingView()->palette()));
        const auto* style = qobject_cast<const FocusFrameStyle*>(QApplication::style());
        QVERIFY(style);
        QCOMPARE(style->baseKey(), u"Fusion"_s);
        verifyCountdownContrast(QApplication::palette());

        m_window->findChild<QAction*>(u"theme-light"_s)->trigger();
        QVERIFY(!theme->isDarkApplied());
        QVERIFY(!UiStyle::isDark(QApplication::palette()));
        QTRY_VERIFY(!UiStyle::isDark(m_window->pendingView()->palette()));
        verifyCountdownContrast(QApplication::palette());
        QCOMPARE(QSettings().value(u"view/theme"_s).toString(), u"light"_s);

        // System: follows the desktop's answer.
        m_window->findChild<QAction*>(u"theme-system"_s)->trigger();
        theme->setSystemPreference(SystemColorScheme::Preference::Dark);
        QVERIFY(UiStyle::isDark(QApplication::palette()));
        theme->setSystemPreference(SystemColorScheme::Preference::Light);
        QVERIFY(!UiStyle::isDark(QApplication::palette()));
        theme->setSystemPreference(SystemColorScheme::Preference::None);
    }

    void contrastHelper()
    {
        QCOMPARE(UiStyle::contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(UiStyle::contrastRatio(Qt::white, Qt::black), 21.0);
        QCOMPARE(UiStyle::contrastRatio(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0);
        // WCAG's own example: #777 on white is just under 4.5:1.
        QVERIFY(qAbs(UiStyle::contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) - 4.48) < 0.01);
        const QColor fixed = UiStyle::readableOn(QColor(0xff, 0xcc, 0x00), { Qt::white });
        QVERIFY(UiStyle::contrastRatio(fixed, Qt::white) >= 4.5);
    }

    void portalValues()
    {
        using Preference = SystemColorScheme::Preference;
        const auto wrapped = [](uint value) { return QVariant::fromValue(QDBusVariant(QVariant::fromValue(value))); };
        QCOMPARE(SystemColorScheme::fromPortalValue(wrapped(1)), Preference::Dark);
        QCOMPARE(SystemColorScheme::fromPortalValue(wrapped(2)), Preference::Light);
        QCOMPARE(SystemColorScheme::fromPortalValue(wrapped(0)), Preference::None);
        // Settings.Read (portal version 1) wraps the value twice.
        QCOMPARE(SystemColorScheme::fromPortalValue(QVariant::fromValue(QDBusVariant(wrapped(1)))), Preference::Dark);
        QCOMPARE(SystemColorScheme::fromPortalValue(QVariant()), Preference::None);
    }

    // Before: Fusion's faint focus outline vanished on the selected row; nothing showed which list had the keyboard.
    void keyboardFocusShowsInEveryList()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        for (QTreeView* list : { m_window->groupView(), m_window->pendingView() }) {
            QVERIFY(list->currentIndex().isValid() || list->model()->rowCount() > 0);
            if (!list->currentIndex().isValid())
                list->setCurrentIndex(list->model()->index(0, 0));
            m_window->filterEdit()->setFocus();
            const QImage unfocused = list->grab().toImage();
            list->setFocus();
            QVERIFY(list->hasFocus());
            const QImage focused = list->grab().toImage();
            QVERIFY2(focused != unfocused, qPrintable(list->objectName()));
        }
    }

    // Before: "Audit log (3)" lost its mnemonic when the count was added; the Theme menu is new.
    void everyMenuItemHasItsOwnMnemonic()
    {
        m_window->theme(); // the Theme submenu exists
        QSet<int> top;
        for (QAction* menuAction : m_window->menuBar()->actions()) {
            const QKeySequence key = QKeySequence::mnemonic(menuAction->text());
            QVERIFY2(!key.isEmpty(), qPrintable(menuAction->text()));
            QVERIFY2(!top.contains(key[0].toCombined()), qPrintable(menuAction->text()));
            top.insert(key[0].toCombined());
            verifyMnemonics(menuAction->menu());
        }
    }

private:
    static void verifyCountdownContrast(const QPalette& palette)
    {
        for (const QColor& text : { UiStyle::dangerColor(palette), UiStyle::warningColor(palette),
                 UiStyle::successColor(palette), palette.color(QPalette::Text) }) {
            for (const QPalette::ColorRole role : { QPalette::Base, QPalette::AlternateBase }) {
                const qreal ratio = UiStyle::contrastRatio(text, palette.color(role));
                QVERIFY2(ratio >= 4.5,
                    qPrintable(u"%1 on %2: %3"_s.arg(text.name(), palette.color(role).name()).arg(ratio)));
            }
        }
    }

    static void verifyMnemonics(QMenu* menu)
    {
        QVERIFY(menu);
        QSet<int> keys;
        for (QAction* action : menu->actions()) {
            if (action->isSeparator())
                continue;
            const QKeySequence key = QKeySequence::mnemonic(action->text());
            QVERIFY2(!key.isEmpty(), qPrintable(u"%1: %2"_s.arg(menu->title(), action->text())));
            QVERIFY2(!keys.contains(key[0].toCombined()), qPrintable(u"%1: %2"_s.arg(menu->title(), action->text())));
            keys.insert(key[0].toCombined());
            if (action->menu())
                verifyMnemonics(action->menu());
        }
    }
};

QTEST_MAIN(TestGuiLook)
#include "tst_gui_look.moc"
