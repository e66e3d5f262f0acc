#pragma once

#include "awserror.h"

#include <QObject>

// Base of every asynchronous aws/ operation. A job finishes exactly once — with a result or with an AwsError —
// emits finished(), and then deletes itself later (deleteLater) unless setAutoDelete(false) was called.
// No nested event loops: callers connect to finished().
class AwsJob : public QObject {
    Q_OBJECT
public:
    explicit AwsJob(QObject* parent = nullptr);
    ~AwsJob() override;

    bool isFinished() const { return m_finished; }
    bool hasError() const { return m_error.isError(); }
    const AwsError& error() const { return m_error; }
    // Request ID of the (last) AWS response, for audit records; empty when none arrived.
    QString requestId() const { return m_requestId; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    // Requests sent for this job (retries included; 0 when it failed before sending), and how many of the attempts
    // before the last one ended in a way that does not say whether the server acted (connection lost after the
    // request left, timeout, 5xx, unreadable answer). A mutating call with such an earlier attempt may have been
    // applied by it even when the last answer says otherwise (design.md §3: decide by reading the state back).
    int attempts() const { return m_attempts; }
    int uncertainEarlierAttempts() const { return m_uncertainEarlier; }
    void setAttempts(int attempts, int uncertainEarlier)
    {
        m_attempts = attempts;
        m_uncertainEarlier = uncertainEarlier;
    }

    // Finishing is idempotent: the first call wins, later ones are ignored (and logged).
    void finishWithError(const AwsError& error);
    void setRequestId(const QString& requestId) { m_requestId = requestId; }

Q_SIGNALS:
    void finished(AwsJob* job);

protected:
    void finishSuccessfully();

private:
    void emitFinished();

    AwsError m_error;
    QString m_requestId;
    bool m_finished = false;
    bool m_autoDelete = true;
    int m_attempts = 0;
    int m_uncertainEarlier = 0;
};

// A job with a typed result. Not a Q_OBJECT (templates cannot be); the finished() signal comes from AwsJob.
template <typename T> class ResultJob : public AwsJob {
public:
    using AwsJob::AwsJob;
    const T& result() const { return m_result; }
    void finishWithResult(T result)
    {
        if (isFinished())
            return;
        m_result = std::move(result);
        finishSuccessfully();
    }

private:
    T m_result {};
};

struct NoResult { };
