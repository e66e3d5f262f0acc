#pragma once

// Shared by the models/ tests that run against the in-process simulator: one AwsSession, InventoryStore and
// AuditLog wired the way the GUI and the CLI wire them, with the store's clock on the simulator's clock.
#include "auditlog.h"
#include "awssession.h"
#include "credentialprovider.h"
#include "inventorystore.h"
#include "queryclient.h"
#include "simulatorfixture.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <utility>

struct SimSession {
    explicit SimSession(SimulatorOptions options = SimulatorFixture::defaultOptions())
        : fixture(std::move(options))
    {
    }

    // Let calls still in flight (the targeted refresh after an action) end before the session goes away: the aws/
    // page walker of a pending Describe call does not survive its QueryClient being deleted under it.
    ~SimSession()
    {
        if (store)
            (void)QTest::qWaitFor([this] { return !store->isRefreshing(); }, 10000);
    }

    // Starts the simulator, loads `scenario` (JSON), builds the session. QVERIFY-style: check the result.
    bool start(const QByteArray& scenario, QString* error)
    {
        if (!fixture.start(error))
            return false;
        if (!scenario.isEmpty() && !succeeded(fixture->loadScenario(scenario), error))
            return false;
        credentials = std::make_unique<StaticCredentialProvider>(fixture.credentials());
        ConnectionSettings settings;
        settings.profileName = QStringLiteral("sim-test");
        settings.region = fixture->options().region;
        settings.endpointUrl = fixture.url();
        session = std::make_unique<AwsSession>(&network, credentials.get(), settings);
        session->autoScalingQuery()->setRetryBaseDelay(5);
        store = std::make_unique<InventoryStore>(session.get());
        store->estimator()->setClock([this] { return fixture->now(); });
        audit = std::make_unique<AuditLog>(dir.filePath(QStringLiteral("audit.jsonl")));
        return true;
    }

    // A refresh (what is due, or `kind`), waited for. False on timeout or when the refresh reported errors.
    bool refresh(InventoryStore::RefreshKind kind = InventoryStore::RefreshKind::Auto)
    {
        QSignalSpy finished(store.get(), &InventoryStore::refreshFinished);
        if (!store->refresh(kind))
            return false;
        if (!finished.wait(10000))
            return false;
        return finished.constFirst().at(0).toBool();
    }

    SimulatorFixture fixture;
    QNetworkAccessManager network;
    QTemporaryDir dir;
    std::unique_ptr<StaticCredentialProvider> credentials;
    std::unique_ptr<AwsSession> session;
    std::unique_ptr<InventoryStore> store;
    std::unique_ptr<AuditLog> audit;
};
