#pragma once

// One cell of the fault matrix (tst_faults_session): a fresh in-process simulator with the given faults, the
// seven-command session run through the hookdesk-cli binary (one process per command, its own HOME), and the
// check of what every command reported and what the audit log holds against the simulator's ledger.
#include "simulatorfixture.h"
#include "testsupport.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

class FaultSession {
public:
    enum class Special {
        None,
        FullDisk, // the audit log's disk fills up during the mutating commands; space is back for the last one
        TornLog, // the audit log ends in a torn line before the session starts
        Kill, // the bulk CONTINUE is killed with SIGKILL once a few of its actions were applied
    };

    struct Tally {
        int applied = 0; // ledger entries of the whole session
        int answersLost = 0; // of which the client got no readable answer
        int unknown = 0; // items reported "unknown"
        int reconciled = 0; // intents of a dead process settled by a later command
        int wrongOutcomes = 0;
        int duplicates = 0;
        int missingRecords = 0;
        QStringList problems; // one line per violation, for the failure message
    };

    FaultSession(const SimFaults& faults, Special special, int bulkSize);

    bool start(QString* error);
    bool run(QString* error);
    Tally check() const;
    QString transcript() const; // every command with its exit code, stdout and stderr

private:
    // A mutating target a command chose: action, group, hook, instance (empty for hook changes) and result.
    struct Target {
        QString action;
        QString group;
        QString hook;
        QString instance;
        QString result;
        QString key() const { return QStringList { action, group, hook, instance }.join(u'|'); }
    };
    struct Command {
        QString name;
        QStringList arguments;
        QList<Target> chosen;
        int exitCode = -1;
        bool killed = false;
        QByteArray out;
        QByteArray err;
        qsizetype ledgerBegin = 0;
        qsizetype ledgerEnd = 0;

        static Command make(const QString& name, const QStringList& arguments, const QList<Target>& chosen = {})
        {
            Command command;
            command.name = name;
            command.arguments = arguments;
            command.chosen = chosen;
            return command;
        }
    };

    void planCommands();
    bool runCommand(Command& command, QString* error);
    QString auditPath() const;
    void prepareAuditLog();
    qint64 auditSize() const;

    void checkCommand(const Command& command, const QList<SimLedgerEntry>& ledger, Tally& tally) const;
    void checkAudit(const QList<SimLedgerEntry>& ledger, Tally& tally) const;
    void checkReconciled(const QList<SimLedgerEntry>& ledger, Tally& tally) const;

    SimFaults m_faults;
    Special m_special;
    int m_bulkSize;
    std::unique_ptr<SimulatorFixture> m_sim;
    QTemporaryDir m_home;
    QStringList m_bulkWaiting; // group bulk, Pending:Wait on warm-up
    QStringList m_listWaiting; // group list, Terminating:Wait on drain
    QList<Command> m_commands;
};
