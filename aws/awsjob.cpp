#include "awsjob.h"

#include "awslogging.h"

AwsJob::AwsJob(QObject* parent)
    : QObject(parent)
{
}

AwsJob::~AwsJob() = default;

void AwsJob::finishWithError(const AwsError& error)
{
    if (m_finished) {
        qCDebug(lcAws) << "job already finished; ignoring late error" << error.toString();
        return;
    }
    m_error = error;
    if (!m_error.isError()) // an error without a kind would read as success
        m_error.kind = AwsError::Kind::Network;
    if (m_requestId.isEmpty())
        m_requestId = error.requestId;
    emitFinished();
}

void AwsJob::finishSuccessfully()
{
    if (m_finished) {
        qCDebug(lcAws) << "job already finished; ignoring late result";
        return;
    }
    emitFinished();
}

void AwsJob::emitFinished()
{
    m_finished = true;
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}
