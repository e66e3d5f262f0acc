#pragma once

#include "awserror.h"
#include "cliexitcode.h"

#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

class CliContext;
class Connection;

// One command over several connections (issue 14): --profile and --region repeated, or --all-profiles. Every
// profile × region named is opened and loaded in parallel; one that cannot sign in, answers with an error or does
// not answer at all is reported beside the others' results, never in their way. The account comes from STS
// (GetCallerIdentity), asked beside the load.
class CliFleet : public QObject {
    Q_OBJECT
public:
    struct Member {
        QString profile; // as named: empty for the environment's keys
        QString region; // as named: empty for the profile's own region
        Connection* connection = nullptr; // owned by the context; null when it could not be opened
        AwsError error; // why it could not be opened or loaded
        bool ok() const { return connection && !error.isError(); }
        QString profileLabel() const; // "(environment)" for the environment's keys
        QString regionLabel() const; // the connection's region once opened
        QString account() const; // empty until STS answered
    };

    explicit CliFleet(CliContext* context, QObject* parent = nullptr);

    // The connections the global options name: each profile (or every saved one) in each --region, or in its own
    // region when none is given. False with a message when there is nothing to connect to.
    bool plan(QString* problem);

    // Opens every member and calls `load` for each opened one; `load` calls `loaded` exactly once with its error
    // (or none). `done` follows once every member has opened and loaded or failed.
    using Loaded = std::function<void(const AwsError& error)>;
    using Loader = std::function<void(int index, Connection* connection, const Loaded& loaded)>;
    void run(const Loader& load, const std::function<void()>& done);

    const QList<Member>& members() const { return m_members; }
    int answered() const;

    // Adds "account", "region" and "profile" of `member` to an item of the JSON output.
    static QJsonObject tagged(QJsonObject item, const Member& member);
    // The ACCOUNT cell: the account ID, "-" when STS did not say.
    static QString accountCell(const Member& member);

    // { profile, region, account, code, message } for every member that failed.
    QJsonArray errorsJson() const;
    // One "warning" line per failed member on standard error (table output).
    void printErrors() const;
    // 0 when every member answered; 5 when some failed while others answered; the first failure's code when none
    // answered.
    CliExit exitCode() const;

private:
    void memberDone(int index, const AwsError& error);

    CliContext* m_context;
    QList<Member> m_members;
    int m_outstanding = 0;
    std::function<void()> m_done;
};
