#pragma once

// Shared by the window tests that run against the in-process simulator: connects a MainWindow to it the way
// main() does, shows it, and waits for the first refresh with `pending` rows whose hooks are known (so the rows are
// actionable). QVERIFY-style: the helper fails the test and returns early on a timeout. SimWindow does the whole
// set-up of a test function.
#include "credentialprovider.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"
#include "simulatorfixture.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

inline void openSimWindow(MainWindow* window, CredentialProvider* credentials, SimulatorFixture& sim, int pending)
{
    ConnectionSettings settings;
    settings.profileName = QStringLiteral("test");
    settings.region = sim.simulator().options().region;
    settings.endpointUrl = sim.url();
    window->connectTo(credentials, settings);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_VERIFY_WITH_TIMEOUT(window->store()->hasLoaded(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window->pendingView()->model()->rowCount(), pending, 10000);
    if (pending > 0)
        QTRY_VERIFY_WITH_TIMEOUT(!window->pendingView()
                                      ->model()
                                      ->index(0, 0)
                                      .data(PendingActionModel::HookNamesRole)
                                      .toStringList()
                                      .isEmpty(),
            10000);
}

// The simulator, credentials and window of one test function. open() loads `scenario` into a new simulator and
// opens a window on it (audit log at `auditPath`, or in `dir`; `size` when given) with `pending` rows; close() waits
// for a refresh in flight and tears everything down, window first. QVERIFY-style, like openSimWindow().
struct SimWindow {
    std::unique_ptr<SimulatorFixture> sim;
    std::unique_ptr<StaticCredentialProvider> credentials;
    std::unique_ptr<MainWindow> window;
    QTemporaryDir dir;

    void open(const QByteArray& scenario, int pending)
    {
        open(scenario, dir.filePath(QStringLiteral("audit.jsonl")), pending);
    }

    void open(const QByteArray& scenario, const QString& auditPath, int pending, const QSize& size = {})
    {
        sim = std::make_unique<SimulatorFixture>();
        QString error;
        QVERIFY2(sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded(sim->simulator().loadScenario(scenario), &error), qPrintable(error));
        credentials = std::make_unique<StaticCredentialProvider>(sim->credentials());
        window = std::make_unique<MainWindow>();
        window->setAuditLogPath(auditPath);
        if (size.isValid())
            window->resize(size);
        openSimWindow(window.get(), credentials.get(), *sim, pending);
    }

    void close()
    {
        if (window && window->store())
            (void)QTest::qWaitFor([this] { return !window->store()->isRefreshing(); }, 10000);
        window.reset();
        credentials.reset();
        sim.reset();
    }
};

// The visible dialog of type T the window opened (dialogs are opened with open(), so they are children of it).
template <typename T> T* visibleDialog(QWidget* window)
{
    for (T* dialog : window->findChildren<T*>()) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}
