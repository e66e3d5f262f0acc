// Issue 18.9, accessible: every interactive widget of the window and of its dialogs has a name as Qt's accessibility
// reports it (a button's text counts, a buddy label names its field); the countdown reads "about 4 minutes 22
// seconds left, ABANDON"; the tab order follows the layout.
#include "bulkactionjob.h"
#include "confirmactiondialog.h"
#include "credentialchain.h"
#include "credentialprovider.h"
#include "deletehookdialog.h"
#include "detailspane.h"
#include "hookeditordialog.h"
#include "keepalivedialog.h"
#include "mainwindow.h"
#include "mfapromptdialog.h"
#include "notificationdialog.h"
#include "pendingaction.h"
#include "pendingactionmodel.h"
#include "profilemanagerdialog.h"
#include "profilestore.h"
#include "requesttimeoutdialog.h"
#include "resources.h"
#include "secretstore.h"
#include "simulatorfixture.h"
#include "spokencountdown.h"
#include "tst_gui_simwindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTreeView>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Scenario = R"({ "groups": [
  { "name": "web", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 600, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "InService", "count": 1 }, { "state": "Pending:Wait", "count": 2, "elapsed": 20 } ] }
] })";

bool isInteractive(const QWidget* widget)
{
    return qobject_cast<const QAbstractButton*>(widget) || qobject_cast<const QLineEdit*>(widget)
        || qobject_cast<const QAbstractItemView*>(widget) || qobject_cast<const QComboBox*>(widget)
        || qobject_cast<const QAbstractSpinBox*>(widget) || qobject_cast<const QTabBar*>(widget)
        || qobject_cast<const QTextEdit*>(widget) || qobject_cast<const QPlainTextEdit*>(widget);
}

// Interactive widgets under `root` whose accessible name is empty, as "Class objectName" lines. The name is the one
// Qt's accessibility gives assistive technology: accessibleName, else a button's text, a buddy label's text, …
QStringList unnamed(QWidget* root)
{
    QStringList missing;
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* widget : std::as_const(widgets)) {
        if (!isInteractive(widget))
            continue;
        // A header is part of its view's accessible table, not a control of its own.
        if (widget->inherits("QHeaderView"))
            continue;
        // The line edit inside an editable combo box or a spin box, and a combo box's popup list, are that combo or
        // spin box to assistive technology, which names them.
        if (qobject_cast<QLineEdit*>(widget)
            && (qobject_cast<QComboBox*>(widget->parentWidget())
                || qobject_cast<QAbstractSpinBox*>(widget->parentWidget())))
            continue;
        if (widget->inherits("QComboBoxListView"))
            continue;
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
        const QString name = accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
        if (name.isEmpty())
            missing << u"%1 %2"_s.arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName());
    }
    return missing;
}

} // namespace

class TestGuiAccessible : public QObject {
    Q_OBJECT

private:
    SimWindow m_open;
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        hookdesk_install_translators();
    }

    void init()
    {
        m_open.open(Scenario, m_dir.filePath(u"audit.jsonl"_s), 2);
        m_window = m_open.window.get();
    }

    void cleanup() { m_open.close(); }

    void everyControlOfTheWindowHasAName()
    {
        // Wide and narrow: at 1024 px the toolbar shows its overflow button.
        for (const QSize size : { QSize(1600, 1000), QSize(1024, 700) }) {
            m_window->resize(size);
            QTRY_COMPARE(m_window->size(), size);
            const QStringList missing = unnamed(m_window);
            QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
        }
    }

    void everyControlOfTheDialogsHasAName()
    {
        LifecycleHook hook;
        hook.groupName = u"web"_s;
        hook.name = u"warm-up"_s;
        hook.transition = u"autoscaling:EC2_INSTANCE_LAUNCHING"_s;
        hook.heartbeatTimeout = 600;
        hook.defaultResult = u"ABANDON"_s;
        LifecycleTarget target;
        target.instanceId = u"i-0123456789abcdef0"_s;
        target.groupName = u"web"_s;
        target.hookName = u"warm-up"_s;
        const QDateTime now = QDateTime::currentDateTimeUtc();

        MemorySecretStore secrets;
        ProfileStore profiles(&secrets, m_dir.filePath(u"profiles.ini"_s));
        QNetworkAccessManager network;
        CredentialChain chain(&profiles, &network, nullptr);
        chain.setEnvironment(QProcessEnvironment());

        std::vector<std::unique_ptr<QWidget>> dialogs;
        dialogs.push_back(std::make_unique<HookEditorDialog>(QStringList { u"web"_s }, u"web"_s));
        dialogs.push_back(std::make_unique<HookEditorDialog>(hook));
        dialogs.push_back(std::make_unique<DeleteHookDialog>(hook, 1));
        dialogs.push_back(std::make_unique<ConfirmActionDialog>(LifecycleCommand::Abandon, QList { target }));
        dialogs.push_back(std::make_unique<ConfirmActionDialog>(LifecycleCommand::Heartbeat, QList { target }));
        dialogs.push_back(std::make_unique<KeepAliveDialog>(1, 600, now, now.addSecs(7200)));
        dialogs.push_back(std::make_unique<RequestTimeoutDialog>(30));
        dialogs.push_back(std::make_unique<MfaPromptDialog>(MfaRequest { u"prod"_s, {}, u"arn:aws:iam::1:mfa/me"_s }));
        dialogs.push_back(std::make_unique<NotificationDialog>());
        dialogs.push_back(std::make_unique<ProfileManagerDialog>(&profiles, &chain, &network));
        for (const auto& dialog : dialogs) {
            dialog->show();
            const QStringList missing = unnamed(dialog.get());
            QVERIFY2(missing.isEmpty(),
                qPrintable(QString::fromLatin1(dialog->metaObject()->className()) + u": "_s + missing.join(u", "_s)));
        }
    }

    // Before: a screen reader read "≈ 04:22" as "approximately equal 04 colon 22".
    void countdownReadsAsWords()
    {
        const QAbstractItemModel* model = m_window->pendingView()->model();
        const QString spoken = model->index(0, PendingActionModel::LeftColumn).data(Qt::AccessibleTextRole).toString();
        static const QRegularExpression pattern(u"^about (\\d+ minutes? )?\\d+ seconds? left, ABANDON$"_s);
        QVERIFY2(pattern.match(spoken).hasMatch(), qPrintable(spoken));
        // The view's accessible cell says the same.
        QTreeView* view = m_window->pendingView();
        QAccessibleInterface* table = QAccessible::queryAccessibleInterface(view);
        QVERIFY(table && table->tableInterface());
        const int column = PendingActionModel::LeftColumn;
        QAccessibleInterface* cell = table->tableInterface()->cellAt(0, column);
        QVERIFY(cell);
        QVERIFY2(cell->text(QAccessible::Name).startsWith(u"about "_s), qPrintable(cell->text(QAccessible::Name)));
    }

    void durationsInWords()
    {
        QCOMPARE(SpokenCountdown::duration(262), u"4 minutes 22 seconds"_s);
        QCOMPARE(SpokenCountdown::duration(61), u"1 minute 1 second"_s);
        QCOMPARE(SpokenCountdown::duration(3720), u"1 hour 2 minutes"_s);
        QCOMPARE(SpokenCountdown::duration(7200), u"2 hours"_s);
        QCOMPARE(SpokenCountdown::duration(0), u"0 seconds"_s);
    }

    // Tab goes through the window as it is laid out: connection row, filter, groups, tabs, the list, the details.
    void tabOrderFollowsTheLayout()
    {
        const QList<QWidget*> expected { m_window->findChild<QWidget*>(u"readOnlyCheck"_s), m_window->filterEdit(),
            m_window->groupView(), m_window->tabs()->tabBar(), m_window->pendingView(), m_window->detailsPane() };
        QList<QWidget*> seen;
        QWidget* widget = expected.first();
        for (int step = 0; step < 200 && seen.size() < expected.size(); ++step) {
            if (expected.contains(widget) && !seen.contains(widget))
                seen << widget;
            widget = widget->nextInFocusChain();
        }
        QCOMPARE(seen, expected);
    }
};

QTEST_MAIN(TestGuiAccessible)
#include "tst_gui_accessible.moc"
