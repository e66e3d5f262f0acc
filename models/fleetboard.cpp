#include "fleetboard.h"

#include "connection.h"
#include "inventorystore.h"
#include "modelslogging.h"
#include "refreshcontroller.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

FleetBoard::FleetBoard(QNetworkAccessManager* network, AuditLog* audit, Resolver resolver, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_audit(audit)
    , m_resolver(std::move(resolver))
{
}

FleetBoard::~FleetBoard()
{
    // Connections first (they settle their actions), then the credentials they signed with.
    while (!m_members.isEmpty())
        close(m_members.constLast().source.key());
}

void FleetBoard::open(const FleetSource& source)
{
    if (indexOf(source.key()) >= 0)
        return;
    Member member;
    member.source = source;
    const Opened opened = credentialsFor(source);
    m_members.append(member);
    const int index = int(m_members.size()) - 1;
    if (opened.error.isError() || !opened.credentials) {
        const QString why = opened.error.isError()
            ? opened.error.toString()
            : QCoreApplication::translate("FleetBoard", "no credentials for this profile");
        qCInfo(lcModels) << "fleet board: cannot open" << source.key() << why;
        setStatus(source.key(), Status::Failed, why);
        return;
    }
    ConnectionSettings settings = opened.settings;
    settings.readOnly = settings.readOnly || m_readOnly;
    m_members[index].connection = new Connection(m_network, opened.credentials, settings, m_audit, this);
    attach(index);
}

FleetBoard::Opened FleetBoard::credentialsFor(const FleetSource& source)
{
    // One sign-in per profile: another region of the same profile signs with the same credentials, so a role is
    // assumed, and its MFA code asked for, once rather than once per region. The credentials stay until the board
    // goes (a profile ticked again later does not ask again), after every connection that used them.
    if (const auto shared = m_signedIn.constFind(source.profile); shared != m_signedIn.cend() && shared->credentials) {
        Opened opened = *shared;
        if (!source.region.isEmpty())
            opened.settings.region = source.region;
        return opened;
    }
    auto* owner = new QObject(this);
    const Opened opened = m_resolver ? m_resolver(source, owner) : Opened {};
    if (opened.error.isError() || !opened.credentials) {
        delete owner; // nothing to keep: the next tick resolves again
        return opened;
    }
    m_signedIn.insert(source.profile, opened);
    return opened;
}

void FleetBoard::attach(int index)
{
    Connection* connection = m_members.at(index).connection;
    const QString key = m_members.at(index).source.key();
    InventoryStore* store = connection->store();
    AwsSession* session = connection->session();
    connect(store, &InventoryStore::refreshFinished, this, [this, key, store](bool ok) {
        if (ok) {
            setStatus(key, Status::Loaded);
            return;
        }
        const QList<AwsError> errors = store->errors();
        setStatus(key, Status::Failed,
            errors.isEmpty() ? QCoreApplication::translate("FleetBoard", "unknown error") : errors.first().toString());
    });
    // A new wait, or one that ended, changes the count the status names.
    connect(store, &InventoryStore::pendingActionsChanged, this, [this, key] { Q_EMIT statusChanged(key); });
    connect(session, &AwsSession::identityChanged, this, [this, connection] { Q_EMIT identityChanged(connection); });
    Q_EMIT connectionAdded(connection);
    setStatus(key, Status::Loading);
    // The account for the Account column and the audit records: asked beside the load, never before it.
    session->fetchIdentity();
    if (m_autoRefresh)
        connection->refresh()->start();
    else
        store->refresh(InventoryStore::RefreshKind::Full);
}

void FleetBoard::close(const QString& key)
{
    const int index = indexOf(key);
    if (index < 0)
        return;
    const Member member = m_members.takeAt(index);
    if (member.connection) {
        Q_EMIT connectionRemoved(member.connection);
        delete member.connection;
    }
    Q_EMIT statusChanged(key);
}

void FleetBoard::setSources(const QList<FleetSource>& sources)
{
    QStringList wanted;
    for (const FleetSource& source : sources)
        wanted << source.key();
    QStringList unwanted;
    for (const Member& member : std::as_const(m_members)) {
        if (!wanted.contains(member.source.key()))
            unwanted << member.source.key();
    }
    for (const QString& key : std::as_const(unwanted))
        close(key);
    for (const FleetSource& source : sources)
        open(source);
}

void FleetBoard::refreshAll()
{
    for (const Member& member : std::as_const(m_members)) {
        if (!member.connection)
            continue;
        if (m_autoRefresh)
            member.connection->refresh()->refreshNow();
        else
            member.connection->store()->refresh();
    }
}

void FleetBoard::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (const Member& member : std::as_const(m_members)) {
        if (member.connection)
            member.connection->session()->setReadOnly(readOnly);
    }
}

int FleetBoard::indexOf(const QString& key) const
{
    for (int i = 0; i < m_members.size(); ++i) {
        if (m_members.at(i).source.key() == key)
            return i;
    }
    return -1;
}

const FleetBoard::Member* FleetBoard::member(const QString& key) const
{
    const int index = indexOf(key);
    return index < 0 ? nullptr : &m_members.at(index);
}

const FleetBoard::Member* FleetBoard::memberOf(const Connection* connection) const
{
    for (const Member& member : m_members) {
        if (member.connection == connection)
            return &member;
    }
    return nullptr;
}

QList<Connection*> FleetBoard::connections() const
{
    QList<Connection*> list;
    for (const Member& member : m_members) {
        if (member.connection)
            list << member.connection;
    }
    return list;
}

int FleetBoard::waitingCount(const Connection* connection)
{
    const QList<PendingAction>& actions = connection->store()->pendingActions();
    return int(
        std::count_if(actions.cbegin(), actions.cend(), [](const PendingAction& action) { return action.actionable; }));
}

QString FleetBoard::statusText(const QString& key) const
{
    const Member* found = member(key);
    if (!found)
        return QCoreApplication::translate("FleetBoard", "not open");
    switch (found->status) {
    case Status::Loading:
        return QCoreApplication::translate("FleetBoard", "loading…");
    case Status::Loaded:
        return QCoreApplication::translate("FleetBoard", "%n waiting", nullptr, waitingCount(found->connection));
    case Status::Failed:
        return QCoreApplication::translate("FleetBoard", "error: %1").arg(found->error);
    }
    return {};
}

QString FleetBoard::accountLabel(const Connection* connection)
{
    AwsSession* session = connection->session();
    const QString profile = session->profileName().isEmpty()
        ? QCoreApplication::translate("FleetBoard", "(environment)")
        : session->profileName();
    if (!session->hasIdentity())
        return profile;
    return QCoreApplication::translate("FleetBoard", "%1 (%2)").arg(profile, session->account());
}

void FleetBoard::setStatus(const QString& key, Status status, const QString& error)
{
    const int index = indexOf(key);
    if (index < 0)
        return;
    m_members[index].status = status;
    m_members[index].error = error;
    Q_EMIT statusChanged(key);
}
