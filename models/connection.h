#pragma once

#include "awssession.h"

#include <QObject>
#include <QString>

class ActionController;
class AuditLog;
class CredentialProvider;
class InventoryStore;
class KeepAliveRegistry;
class QNetworkAccessManager;
class RefreshController;

// Everything one connection — credentials, account, region, endpoint — works with, built and torn down in one
// place: the session, the inventory, the heartbeat feed from the audit log, the action controller, the
// keep-alives and the refresh controller. The window holds one per connection and every CLI command one per profile
// and region; nobody wires these objects by hand, so none of them can be forgotten (the heartbeat feed once was).
class Connection : public QObject {
    Q_OBJECT
public:
    // `audit` may be null (a read-only listing needs none); actions are then refused by the controller.
    Connection(QNetworkAccessManager* network, CredentialProvider* credentials, const ConnectionSettings& settings,
        AuditLog* audit, QObject* parent = nullptr);
    // Settles what still runs (settle()) before anything is deleted.
    ~Connection() override;

    AwsSession* session() const { return m_session; }
    InventoryStore* store() const { return m_store; }
    ActionController* actions() const { return m_actions; }
    KeepAliveRegistry* keepAlives() const { return m_keepAlives; }
    // Created on first use: only a window refreshes by itself.
    RefreshController* refresh();

    // What tearing this connection down would interrupt: action items sent or queued and not decided yet, and
    // keep-alives sending heartbeats. A caller asks the operator (or refuses) while either is non-zero.
    int unsettledActions() const;
    int runningKeepAlives() const;
    bool isBusy() const { return unsettledActions() > 0 || runningKeepAlives() > 0; }

    // Stops the keep-alives and ends every action with an outcome record (ActionController::stopAll(true)):
    // nothing more is sent, nothing is dropped without a record. Safe to call more than once.
    void settle();

    // "prod · eu-west-1", with the account once STS has answered: how lists and errors name the connection.
    QString label() const;

private:
    AwsSession* m_session;
    InventoryStore* m_store;
    ActionController* m_actions;
    KeepAliveRegistry* m_keepAlives;
    RefreshController* m_refresh = nullptr;
};
