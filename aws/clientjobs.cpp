#include "clientjobs.h"

#include <QCoreApplication>

namespace ClientJobs {

namespace {
// A listing that never ends is a broken peer, not a big account: 100 records a page makes this 1 000 000 items.
constexpr int MaxPages = 10000;
} // namespace

PageWalker::PageWalker(QueryClient* query, QString action, QList<QueryParameters> chunks, PageReader reader,
    AwsJob* job, std::function<void()> done)
    : QObject(job)
    , m_query(query)
    , m_action(std::move(action))
    , m_chunks(std::move(chunks))
    , m_reader(std::move(reader))
    , m_job(job)
    , m_done(std::move(done))
{
    if (m_chunks.isEmpty())
        m_chunks.append(QueryParameters());
}

void PageWalker::start()
{
    requestPage();
}

void PageWalker::requestPage()
{
    QueryParameters parameters = m_chunks.at(m_chunk);
    if (!m_nextToken.isEmpty())
        parameters.append({ QStringLiteral("NextToken"), m_nextToken });
    ResultJob<QByteArray>* raw = m_query->call(m_action, parameters);
    raw->setParent(this);
    connect(raw, &AwsJob::finished, this, [this, raw] {
        if (raw->hasError()) {
            m_job->setRequestId(raw->requestId());
            m_job->finishWithError(raw->error());
            return;
        }
        ++m_pages;
        QString nextToken, requestId;
        const AwsError error = m_reader(raw->result(), &nextToken, &requestId);
        m_job->setRequestId(requestId);
        if (error.isError()) {
            m_job->finishWithError(error);
            return;
        }
        if (!nextToken.isEmpty() && (nextToken == m_nextToken || m_pages >= MaxPages)) {
            AwsError loop;
            loop.kind = AwsError::Kind::UnreadableBody;
            loop.httpStatus = 200;
            loop.message = QCoreApplication::translate("PageWalker", "The service kept returning the same page of %1.")
                               .arg(m_action);
            m_job->finishWithError(loop);
            return;
        }
        m_nextToken = nextToken;
        if (m_nextToken.isEmpty() && ++m_chunk >= m_chunks.size()) {
            m_done();
            return;
        }
        requestPage();
    });
}

} // namespace ClientJobs
