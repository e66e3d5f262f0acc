// The request timeout (issue 17, item 4): set in the window through File > Request timeout…, kept in QSettings,
// and used by the open connection from its next request on, without reconnecting.
#include "awssession.h"
#include "credentialprovider.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "queryclient.h"
#include "simulatorfixture.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestGuiRequestTimeout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(u"connection/requestTimeoutSeconds"_s);
    }

    void timeoutSetInTheWindowAppliesToTheNextRequest()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SimulatorFixture sim;
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        StaticCredentialProvider credentials(sim.credentials());
        ConnectionSettings settings;
        settings.profileName = u"test"_s;
        settings.region = sim.simulator().options().region;
        settings.endpointUrl = sim.url();

        MainWindow window;
        window.setAuditLogPath(dir.filePath(u"audit.jsonl"_s));
        window.connectTo(&credentials, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(window.store()->hasLoaded(), 20000);
        AwsSession* session = window.session();
        QCOMPARE(session->autoScalingQuery()->deadline(), 60 * 1000); // the default

        // The operator finds it in the menu and sets 1 s.
        auto* action = window.findChild<QAction*>(u"requestTimeoutAction"_s);
        QVERIFY(action);
        QVERIFY(!action->associatedObjects().isEmpty()); // in a menu, not only a shortcut
        action->trigger();
        QDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QDialog*>(u"requestTimeoutDialog"_s)) && dialog->isVisible());
        auto* spin = dialog->findChild<QSpinBox*>(u"requestTimeoutSpin"_s);
        QVERIFY(spin);
        QCOMPARE(spin->value(), 60);
        QCOMPARE(spin->minimum(), 1);
        QCOMPARE(spin->maximum(), 3600);
        spin->setValue(1);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();

        // Same connection, new deadline for both services, and remembered.
        QCOMPARE(window.session(), session);
        QCOMPARE(session->settings().deadlineSeconds, 1);
        QCOMPARE(session->autoScalingQuery()->deadline(), 1000);
        QCOMPARE(session->stsQuery()->deadline(), 1000);
        QCOMPARE(QSettings().value(u"connection/requestTimeoutSeconds"_s).toInt(), 1);

        // A server slower than that: the next refresh gives up after 1 s and says so.
        SimFaults faults;
        faults.latencyMs = 2500;
        sim.simulator().setFaults(faults);
        QSignalSpy errors(window.store(), &InventoryStore::errorOccurred);
        window.findChild<QAction*>(u"refreshAction"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
        const auto awsError = errors.first().first().value<AwsError>();
        QCOMPARE(awsError.kind, AwsError::Kind::Timeout);
        QVERIFY2(awsError.message.contains(u"longer than 1 s"_s), qPrintable(awsError.message));

        // A later connection starts with it too.
        sim.simulator().setFaults({});
        window.connectTo(&credentials, settings);
        QCOMPARE(window.session()->autoScalingQuery()->deadline(), 1000);
        QSettings().remove(u"connection/requestTimeoutSeconds"_s);
    }
};

QTEST_MAIN(TestGuiRequestTimeout)
#include "tst_gui_requesttimeout.moc"
