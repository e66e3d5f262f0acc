// "Keep alive…" in the window against the in-process simulator (clock stopped, so the one-hour hook never runs out):
// the action on the selected row starts a keep-alive that sends its first heartbeat, the row is marked, the stop
// action ends it, read-only mode refuses it, and closing the window while one runs asks before quitting.
#include "credentialprovider.h"
#include "detailspane.h"
#include "keepalive.h"
#include "keepalivedialog.h"
#include "keepaliveregistry.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"
#include "simulatorfixture.h"
#include "tst_gui_simwindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

class TestGuiKeepAlive : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<StaticCredentialProvider> m_credentials;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
    int m_heartbeats = 0;

    QAction* action(const QString& name) const { return m_window->findChild<QAction*>(name); }

    KeepAliveDialog* dialog() const
    {
        for (KeepAliveDialog* candidate : m_window->findChildren<KeepAliveDialog*>()) {
            if (candidate->isVisible())
                return candidate;
        }
        return nullptr;
    }

    QVariant keptAliveUntil() const
    {
        return m_window->pendingView()->model()->index(0, 0).data(PendingActionModel::KeptAliveUntilRole);
    }

    // Keep alive… on the first row, accepted with the dialog's default time.
    void keepAliveFirstRow()
    {
        QVERIFY(m_window->selectPending(u"web"_s, m_sim->simulator().pendingActions(u"web"_s).value(0).instanceId));
        QVERIFY(action(u"keepAliveAction"_s)->isEnabled());
        action(u"keepAliveAction"_s)->trigger();
        QTRY_VERIFY(dialog());
        dialog()->accept();
        QTRY_COMPARE(m_window->runningKeepAlives(), 1);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_sim = std::make_unique<SimulatorFixture>();
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().createGroup(u"web"_s, 0, 10, 0), &error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().putLifecycleHook(u"web"_s, u"warm-up"_s,
                               QString::fromLatin1(LifecycleTransition::Launching), 3600, u"ABANDON"_s),
                     &error),
            qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().setDesiredCapacity(u"web"_s, 1), &error), qPrintable(error));
        m_sim->simulator().advance(10);
        m_heartbeats = 0;
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& served, int status) {
            if (served == u"RecordLifecycleActionHeartbeat"_s && status == 200)
                ++m_heartbeats;
        });
        m_credentials = std::make_unique<StaticCredentialProvider>(m_sim->credentials());
        m_window = std::make_unique<MainWindow>();
        m_window->setAuditLogPath(m_dir.filePath(u"audit.jsonl"_s));
        openSimWindow(m_window.get(), m_credentials.get(), *m_sim, 1);
    }

    void cleanup()
    {
        if (m_window && m_window->keepAlives())
            m_window->keepAlives()->stopAll();
        QTRY_COMPARE(m_window->runningKeepAlives(), 0);
        m_window.reset();
        m_sim.reset();
    }

    void startMarkAndStop()
    {
        QVERIFY(!keptAliveUntil().toDateTime().isValid());
        keepAliveFirstRow();
        QTRY_COMPARE_WITH_TIMEOUT(m_heartbeats, 1, 10000);
        QTRY_VERIFY(keptAliveUntil().toDateTime().isValid());
        QVERIFY(!m_window->pendingView()->model()->index(0, 0).data(Qt::DecorationRole).isNull());
        QTRY_VERIFY(m_window->detailsPane()->toPlainText().contains(u"Kept alive until"_s));

        QVERIFY(action(u"stopKeepAliveAction"_s)->isEnabled());
        action(u"stopKeepAliveAction"_s)->trigger();
        QTRY_COMPARE(m_window->runningKeepAlives(), 0);
        QTRY_VERIFY(!keptAliveUntil().toDateTime().isValid());
        QCOMPARE(m_heartbeats, 1);
    }

    void readOnlyRefuses()
    {
        m_window->setReadOnly(true);
        QVERIFY(m_window->selectPending(u"web"_s, m_sim->simulator().pendingActions(u"web"_s).value(0).instanceId));
        QVERIFY(!action(u"keepAliveAction"_s)->isEnabled());
        m_window->keepAliveSelected();
        QVERIFY(!dialog());
        QCOMPARE(m_window->runningKeepAlives(), 0);
    }

    void closeAsksWhileOneRuns()
    {
        keepAliveFirstRow();
        QVERIFY(!m_window->close());
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(u"keepAliveQuitBox"_s)));
        QVERIFY2(box->text().contains(u"Stop 1 keep-alive"_s), qPrintable(box->text()));
        QVERIFY(m_window->isVisible());
        box->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(!m_window->isVisible());
        QTRY_COMPARE(m_window->runningKeepAlives(), 0);
    }
};

QTEST_MAIN(TestGuiKeepAlive)
#include "tst_gui_keepalive.moc"
