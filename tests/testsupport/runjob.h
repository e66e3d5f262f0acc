#pragma once

#include "awsjob.h"

#include <QSignalSpy>
#include <memory>

namespace TestSupport {

// Waits for an aws/ job to finish (a job refused by validation has already) and hands it over, kept alive so the
// test can read its result or error. Wait with a timeout, then check isFinished().
template <typename Job> std::unique_ptr<Job> run(Job* job, int timeoutMs = 30000)
{
    job->setAutoDelete(false);
    std::unique_ptr<Job> owned(job);
    if (!owned->isFinished()) {
        QSignalSpy spy(owned.get(), &AwsJob::finished);
        spy.wait(timeoutMs);
    }
    return owned;
}

} // namespace TestSupport
