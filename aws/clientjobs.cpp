#include "clientjobs.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ClientJobs {

namespace {
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
    // Queued, not direct: destroyed() is emitted from inside the client's (and often its session's) destructor,
    // and the job's receivers must not run there.
    if (m_query)
        connect(m_query, &QObject::destroyed, this, &PageWalker::clientGone, Qt::QueuedConnection);
}

void PageWalker::clientGone()
{
    delete m_page; // cancels the request in flight, if any; its finished() never reaches us
    AwsError gone;
    gone.kind = AwsError::Kind::Network;
    gone.message
        = QCoreApplication::translate("PageWalker", "%1 was cancelled: the connection was closed.").arg(m_action);
    m_job->finishWithError(gone); // idempotent: a job that already finished stays as it was
}

void PageWalker::start()
{
    requestPage();
}

void PageWalker::requestPage()
{
    if (!m_query) {
        clientGone();
        return;
    }
    QueryParameters parameters = m_chunks.at(m_chunk);
    if (!m_nextToken.isEmpty())
        parameters.append({ QStringLiteral("NextToken"), m_nextToken });
    ResultJob<QByteArray>* raw = m_query->call(m_action, parameters);
    raw->setParent(this);
    m_page = raw;
    connect(raw, &AwsJob::finished, this, [this, raw] {
        m_page = nullptr; // finished: it deletes itself, clientGone() must not
        if (raw->hasError()) {
            m_job->setRequestId(raw->requestId());
            m_job->finishWithError(raw->error());
            return;
        }
        ++m_pages;
        QString nextToken;
        QString requestId;
        const AwsError error = m_reader(raw->result(), &nextToken, &requestId);
        m_job->setRequestId(requestId);
        if (error.isError()) {
            m_job->finishWithError(error);
            return;
        }
        if (const AwsError loop = m_tokens.check(m_action, nextToken); loop.isError()) {
            m_job->finishWithError(loop);
            return;
        }
        m_nextToken = nextToken;
        if (m_nextToken.isEmpty())
            m_tokens = PageTokens(); // the next chunk starts its own listing
        if (m_nextToken.isEmpty() && ++m_chunk >= m_chunks.size()) {
            m_done();
            return;
        }
        requestPage();
    });
}

AwsError PageTokens::check(const QString& action, const QString& nextToken)
{
    if (nextToken.isEmpty())
        return {};
    ++m_pages;
    AwsError error;
    error.kind = AwsError::Kind::UnreadableBody;
    error.httpStatus = 200;
    error.code = u"PaginationLoop"_s;
    if (m_seen.contains(nextToken)) {
        error.message = QCoreApplication::translate("PageWalker",
            "The service sent a page token of %1 it had already sent (after %2 pages): stopped reading, the listing "
            "would never end.")
                            .arg(action)
                            .arg(m_pages);
        return error;
    }
    if (m_pages >= MaxPages) {
        error.message = QCoreApplication::translate("PageWalker", "%1 had more than %2 pages: stopped reading.")
                            .arg(action)
                            .arg(MaxPages);
        return error;
    }
    m_seen.insert(nextToken);
    return {};
}

} // namespace ClientJobs
