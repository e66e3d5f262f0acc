// File > Network… (issue 13, corporate networks): the page saves what it shows to QSettings and shows what was
// saved, refuses a CA bundle that holds no PEM certificate and a manual proxy that is not host:port, and the window
// offers it in the File menu.
#include "mainwindow.h"
#include "networkpreferences.h"
#include "networkpreferencesdialog.h"
#include "screenshot.h"
#include "testsupport.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestGuiNetworkPrefs : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QString testCa() { return TestSupport::dataDir() + u"/tls/test-ca.pem"_s; }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"HookdeskTest"_s);
        QCoreApplication::setApplicationName(u"tst_gui_networkprefs"_s);
    }

    void init() { QSettings().remove(u"network"_s); }

    void savesAndLoads()
    {
        {
            NetworkPreferencesDialog dialog;
            QCOMPARE(dialog.preferences().proxyMode, NetworkPreferences::ProxyMode::Environment);
            auto* mode = dialog.findChild<QComboBox*>(u"proxyModeCombo"_s);
            mode->setCurrentIndex(mode->findData(int(NetworkPreferences::ProxyMode::Manual)));
            dialog.findChild<QLineEdit*>(u"manualProxyEdit"_s)->setText(u"proxy.corp:3128"_s);
            dialog.findChild<QLineEdit*>(u"proxyUserEdit"_s)->setText(u"alice"_s);
            dialog.findChild<QLineEdit*>(u"caBundleEdit"_s)->setText(testCa());
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        const NetworkPreferences saved = NetworkPreferences::load();
        QCOMPARE(saved.proxyMode, NetworkPreferences::ProxyMode::Manual);
        QCOMPARE(saved.manualProxy, u"proxy.corp:3128"_s);
        QCOMPARE(saved.proxyUser, u"alice"_s);
        QCOMPARE(saved.caBundle, testCa());

        NetworkPreferencesDialog again;
        QCOMPARE(again.findChild<QComboBox*>(u"proxyModeCombo"_s)->currentData().toInt(),
            int(NetworkPreferences::ProxyMode::Manual));
        QCOMPARE(again.findChild<QLineEdit*>(u"manualProxyEdit"_s)->text(), u"proxy.corp:3128"_s);
        QVERIFY(again.findChild<QLineEdit*>(u"manualProxyEdit"_s)->isEnabled());
        QCOMPARE(again.findChild<QLineEdit*>(u"caBundleEdit"_s)->text(), testCa());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        TestSupport::screenshot(&again, u"13-3-network-preferences"_s);
    }

    void refusesACaFileThatIsNotPem()
    {
        const QString notPem = m_dir.filePath(u"not.pem"_s);
        QFile file(notPem);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a certificate\n");
        file.close();
        NetworkPreferencesDialog dialog;
        dialog.findChild<QLineEdit*>(u"caBundleEdit"_s)->setText(notPem);
        dialog.accept();
        QVERIFY(dialog.result() != int(QDialog::Accepted));
        auto* problem = dialog.findChild<QLabel*>(u"networkProblemLabel"_s);
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains(u"not.pem"_s), qPrintable(problem->text()));
        QVERIFY(NetworkPreferences::load().caBundle.isEmpty()); // nothing saved
    }

    void refusesAManualProxyWithAPassword()
    {
        NetworkPreferencesDialog dialog;
        auto* mode = dialog.findChild<QComboBox*>(u"proxyModeCombo"_s);
        mode->setCurrentIndex(mode->findData(int(NetworkPreferences::ProxyMode::Manual)));
        dialog.findChild<QLineEdit*>(u"manualProxyEdit"_s)->setText(u"alice:secret-pw@proxy:3128"_s);
        dialog.accept();
        QVERIFY(dialog.result() != int(QDialog::Accepted));
        QVERIFY(!dialog.findChild<QLabel*>(u"networkProblemLabel"_s)->text().contains(u"secret-pw"_s));
        QVERIFY(QSettings().value(u"network/manualProxy"_s).toString().isEmpty());
    }

    void windowOffersThePage()
    {
        MainWindow window;
        auto* action = window.findChild<QAction*>(u"networkAction"_s);
        QVERIFY(action);
        action->trigger();
        QTRY_VERIFY(window.findChild<NetworkPreferencesDialog*>());
        window.findChild<NetworkPreferencesDialog*>()->reject();
    }
};

QTEST_MAIN(TestGuiNetworkPrefs)
#include "tst_gui_networkprefs.moc"
