#include "connection.h"

#include "actioncontroller.h"
#include "auditheartbeatfeed.h"
#include "inventorystore.h"
#include "keepaliveregistry.h"
#include "refreshcontroller.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

Connection::Connection(QNetworkAccessManager* network, CredentialProvider* credentials,
    const ConnectionSettings& settings, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_session(new AwsSession(network, credentials, settings, this))
    , m_store(new InventoryStore(m_session, this))
    , m_actions(new ActionController(m_session, m_store, audit, this))
    , m_keepAlives(new KeepAliveRegistry(m_actions, m_store, this))
{
    // Heartbeats another process (hookdesk-cli, a second window) sent reach the deadlines through the audit log.
    // Created before anyone connects to the store, so its records are in the estimate when a refresh is reported.
    if (audit)
        new AuditHeartbeatFeed(audit, m_store, m_store);
}

Connection::~Connection()
{
    settle();
    // Children go in reverse dependency order: what uses the store and the session first.
    delete m_refresh;
    delete m_keepAlives;
    delete m_actions;
    delete m_store;
    delete m_session;
}

RefreshController* Connection::refresh()
{
    if (!m_refresh)
        m_refresh = new RefreshController(m_store, this);
    return m_refresh;
}

int Connection::unsettledActions() const
{
    return m_actions->unsettledItems();
}

int Connection::runningKeepAlives() const
{
    return m_keepAlives->runningCount();
}

void Connection::settle()
{
    m_keepAlives->stopAll();
    m_actions->stopAll(true);
}

QString Connection::label() const
{
    const QString profile = m_session->profileName().isEmpty()
        ? QCoreApplication::translate("Connection", "(environment)")
        : m_session->profileName();
    QString text = profile + u" · "_s + m_session->region();
    if (m_session->hasIdentity())
        text += u" · "_s + m_session->account();
    return text;
}
