#pragma once

#include "awsjob.h"

#include <QMetaObject>
#include <QObject>

// Runs `handler(error, result, requestId)` once `job` has finished, in `context`'s thread, never re-entering the
// caller: a job that already finished inside the call that created it (input rejected before sending) is handled
// on the next event-loop turn, with its values copied before its deleteLater runs.
template <typename T, typename Handler> void whenFinished(ResultJob<T>* job, QObject* context, Handler handler)
{
    if (job->isFinished()) {
        QMetaObject::invokeMethod(
            context,
            [handler, error = job->error(), result = job->result(), requestId = job->requestId()] {
                handler(error, result, requestId);
            },
            Qt::QueuedConnection);
        return;
    }
    QObject::connect(
        job, &AwsJob::finished, context, [handler, job] { handler(job->error(), job->result(), job->requestId()); });
}
