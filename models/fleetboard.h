#pragma once

#include "awserror.h"
#include "awssession.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

class AuditLog;
class Connection;
class CredentialProvider;
class QNetworkAccessManager;

// One profile × region the fleet board can open (issue 14 item 3). The profile is as the operator knows it; the
// region is the one to open it in.
struct FleetSource {
    QString profile;
    QString region;
    // "prod/eu-west-1": how the board, its models and QSettings name the connection.
    QString key() const { return profile + QLatin1Char('/') + region; }
    friend bool operator==(const FleetSource&, const FleetSource&) = default;
};

// Several connections side by side, one per ticked profile × region: each is opened, loaded and refreshed on its
// own, so one that cannot sign in, fails or hangs never holds up the others — it only says so in its status. The
// board owns the connections; models (FleetPendingModel, FleetGroupTreeModel) and the window follow its signals.
class FleetBoard : public QObject {
    Q_OBJECT
public:
    // What opening a source needs: credentials (owned by `providerParent` or living longer than the board) and the
    // settings, or why it cannot be opened. Resolving is synchronous (CredentialChain::resolve is); signing in
    // with a role or MFA happens later, in the connection's first requests.
    struct Opened {
        CredentialProvider* credentials = nullptr;
        ConnectionSettings settings;
        AwsError error;
    };
    using Resolver = std::function<Opened(const FleetSource& source, QObject* providerParent)>;

    enum class Status { Loading, Loaded, Failed };
    struct Member {
        FleetSource source;
        Connection* connection = nullptr; // null when it could not be opened
        Status status = Status::Loading;
        QString error; // translated, for Failed
    };

    // `audit` may be null: actions are then refused (Connection). `network` must outlive the board.
    FleetBoard(QNetworkAccessManager* network, AuditLog* audit, Resolver resolver, QObject* parent = nullptr);
    ~FleetBoard() override;

    // Opens `source` and starts loading it; nothing when it is open already.
    void open(const FleetSource& source);
    // Settles and closes it (Connection::settle(): every action sent gets its outcome record).
    void close(const QString& key);
    // Opens what is in `sources` and not open, closes what is open and not in it.
    void setSources(const QList<FleetSource>& sources);

    // Without auto-refresh (tests) a connection loads once when opened and then only on refreshAll().
    void setAutoRefresh(bool autoRefresh) { m_autoRefresh = autoRefresh; }
    void refreshAll();
    // Applies to every connection, open or opened later: ActionController refuses every mutating action.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    const QList<Member>& members() const { return m_members; }
    int indexOf(const QString& key) const;
    const Member* member(const QString& key) const;
    const Member* memberOf(const Connection* connection) const;
    QList<Connection*> connections() const;
    // Instances in a *:Wait state the connection shows (0 before it loaded).
    static int waitingCount(const Connection* connection);
    // "loading…", "12 waiting", "error: …" (translated).
    QString statusText(const QString& key) const;
    // "prod-eu (111111111111)" once STS answered, else the profile name.
    static QString accountLabel(const Connection* connection);

Q_SIGNALS:
    // Before its first load starts: a model attaches to it here (and tests set its clock).
    void connectionAdded(Connection* connection);
    // Before it is deleted.
    void connectionRemoved(Connection* connection);
    void statusChanged(const QString& key);
    // The account of a connection became known (STS answered).
    void identityChanged(Connection* connection);

private:
    Opened credentialsFor(const FleetSource& source);
    void attach(int index);
    void setStatus(const QString& key, Status status, const QString& error = {});

    QNetworkAccessManager* m_network;
    AuditLog* m_audit;
    Resolver m_resolver;
    // Per profile: the credentials its first connection resolved, shared by its other regions (credentialsFor()).
    QHash<QString, Opened> m_signedIn;
    QList<Member> m_members;
    bool m_autoRefresh = true;
    bool m_readOnly = false;
};
