#pragma once

#include "awserror.h"
#include "instancerefresh.h"

#include <QObject>
#include <QPointer>
#include <optional>

class AuditLog;
class AwsSession;

// CancelInstanceRefresh or RollbackInstanceRefresh on a group's active refresh, the way every Hookdesk action runs:
// the intent is written to the audit log before the request leaves (or nothing is sent), the refresh is read back,
// the outcome is decided by that read-back (an accepted request the refresh does not show is "unknown", an error
// whose change is visible is "done") and written too. The GUI and the CLI share it; they confirm before start().
class InstanceRefreshAction : public QObject {
    Q_OBJECT
public:
    enum class Operation { Cancel, Rollback };
    struct Outcome {
        QString outcome; // done | failed | unknown
        bool verified = false; // the read-back showed the change
        QString message;
        QString requestId;
        AwsError error;
        InstanceRefresh after; // as read back; empty when it could not be read
    };

    InstanceRefreshAction(
        AwsSession* session, AuditLog* audit, Operation operation, InstanceRefresh before, QObject* parent = nullptr);

    static QString actionName(Operation operation); // CancelInstanceRefresh | RollbackInstanceRefresh
    // Why the operation cannot act on the group's active refresh (none, or rolling back / cancelling); empty when
    // it can. AWS would answer ActiveInstanceRefreshNotFound: this says so before anything is sent.
    static QString refusal(Operation operation, const QString& groupName, const std::optional<InstanceRefresh>& active);
    // What AWS will do, in one or two sentences, for the confirmation; `waiting` are the instances holding it.
    static QString consequences(Operation operation, const InstanceRefresh& refresh, const QStringList& waiting);
    // Whether a refresh read back after the request shows the operation applied.
    static bool applied(Operation operation, const InstanceRefresh& after);

    // Writes the intent and sends; false (with the audit log's problem) when the intent could not be written, and
    // then nothing is sent and finished() is not emitted.
    bool start(QString* problem);
    const Outcome& outcome() const { return m_outcome; }
    const InstanceRefresh& before() const { return m_before; }
    Operation operation() const { return m_operation; }
    // After finished(): the outcome record could not be written (it stays in the log's memory).
    QString outcomeAuditProblem() const { return m_outcomeProblem; }

Q_SIGNALS:
    void finished();

private:
    void readBack();
    void decide(bool read, const QString& readError);
    bool writeAudit(const QString& phase, QString* problem);

    QPointer<AwsSession> m_session;
    AuditLog* m_audit;
    Operation m_operation;
    InstanceRefresh m_before;
    QString m_auditId;
    Outcome m_outcome;
    QString m_outcomeProblem;
};
