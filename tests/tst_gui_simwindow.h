#pragma once

// Shared by the window tests that run against the in-process simulator: connects a MainWindow to it the way
// main() does, shows it, and waits for the first refresh with `pending` rows whose hooks are known (so the rows are
// actionable). QVERIFY-style: the helper fails the test and returns early on a timeout.
#include "credentialprovider.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"
#include "simulatorfixture.h"

#include <QTest>
#include <QTreeView>

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
