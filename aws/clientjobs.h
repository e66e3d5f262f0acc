#pragma once

#include "autoscalingxml.h"
#include "awsjob.h"
#include "queryclient.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>
#include <memory>

// Plumbing shared by AutoScalingClient and StsClient: a typed job over one Query call, a job that fails with a
// validation error (after the caller had a chance to connect), and a walker over NextToken pages and name chunks.
namespace ClientJobs {

template <typename T> ResultJob<T>* failed(const AwsError& error)
{
    auto* job = new ResultJob<T>();
    QTimer::singleShot(0, job, [job, error] { job->finishWithError(error); });
    return job;
}

// Answers at least this large are read on a worker thread: a page of 100 groups with their instances (about
// 800 kB) takes longer to read than one frame, and the window must not stall while a fleet loads.
constexpr qsizetype ParseOffThreadBytes = qsizetype(64) * 1024;

template <typename T> void finishParsed(ResultJob<T>* job, const QString& rawRequestId, const ParsedResponse<T>& parsed)
{
    job->setRequestId(parsed.requestId.isEmpty() ? rawRequestId : parsed.requestId);
    if (!parsed.ok())
        job->finishWithError(parsed.error);
    else
        job->finishWithResult(parsed.value);
}

// One call whose 2xx body `parse` turns into ParsedResponse<T>. `parse` must be a pure function of the body: a
// large body is read on a worker thread (the job still finishes on its own thread; deleting it drops the result).
// `peek`, when given, sees a 2xx body on the job's thread before it is read (a listing takes its NextToken from it to
// ask for the next page while this one is read).
template <typename T>
ResultJob<T>* single(QueryClient* query, const QString& action, const QueryParameters& parameters,
    std::function<ParsedResponse<T>(const QByteArray&)> parse, const std::function<void(const QByteArray&)>& peek = {})
{
    auto* job = new ResultJob<T>();
    ResultJob<QByteArray>* raw = query->call(action, parameters);
    raw->setParent(job); // deleting the typed job cancels the request
    QObject::connect(raw, &AwsJob::finished, job, [job, raw, parse, peek] {
        job->setAttempts(raw->attempts(), raw->uncertainEarlierAttempts());
        if (raw->hasError()) {
            job->setRequestId(raw->requestId());
            job->finishWithError(raw->error());
            return;
        }
        const QByteArray body = raw->result();
        if (peek)
            peek(body);
        if (body.size() < ParseOffThreadBytes) {
            finishParsed(job, raw->requestId(), parse(body));
            return;
        }
        auto* watcher = new QFutureWatcher<ParsedResponse<T>>(job);
        QObject::connect(watcher, &QFutureWatcherBase::finished, job,
            [job, watcher, requestId = raw->requestId()] { finishParsed(job, requestId, watcher->result()); });
        watcher->setFuture(QtConcurrent::run([parse, body] { return parse(body); }));
    });
    return job;
}

// The NextToken loop guard every paginated read shares: a token sent before (on any earlier page, not just the
// last one) would repeat pages for ever, and a listing past MaxPages is a broken peer, not a big account.
class PageTokens {
public:
    static constexpr int MaxPages = 1000;
    // After reading a page that returned `nextToken`: an error (UnreadableBody, PaginationLoop) to stop with, or
    // none to read the next page. An empty token (the last page) is always fine.
    AwsError check(const QString& action, const QString& nextToken);

private:
    QSet<QString> m_seen;
    int m_pages = 0;
};

// Reads every page of every chunk, one request at a time (pages must be sequential; chunks are kept sequential
// too so that one listing never bursts into the account's shared throttle bucket).
class PageWalker : public QObject {
public:
    // Parses one page body, keeps its items, returns the error (if any) and fills nextToken/requestId.
    using PageReader = std::function<AwsError(const QByteArray& body, QString* nextToken, QString* requestId)>;

    PageWalker(QueryClient* query, QString action, QList<QueryParameters> chunks, PageReader reader, AwsJob* job,
        std::function<void()> done);
    void start();

    int pagesRead() const { return m_pages; }

private:
    void requestPage();
    // The QueryClient belongs to the session, which a profile switch or sign-out destroys while a listing may be
    // between pages or in flight: the walker then ends the job with an error instead of calling a dead client.
    void clientGone();

    QPointer<QueryClient> m_query;
    QPointer<AwsJob> m_page; // the request in flight, deleted (cancelled) when the client goes away
    QString m_action;
    QList<QueryParameters> m_chunks;
    PageReader m_reader;
    AwsJob* m_job;
    std::function<void()> m_done;
    qsizetype m_chunk = 0;
    QString m_nextToken;
    PageTokens m_tokens;
    int m_pages = 0;
};

// A paginated listing into ResultJob<QList<Item>>: `read` parses one body into ParsedResponse<QList<Item>>.
template <typename Item>
ResultJob<QList<Item>>* paged(QueryClient* query, const QString& action, const QList<QueryParameters>& chunks,
    std::function<ParsedResponse<QList<Item>>(const QByteArray&)> read)
{
    auto* job = new ResultJob<QList<Item>>();
    auto items = std::make_shared<QList<Item>>();
    auto* walker = new PageWalker(
        query, action, chunks,
        [items, read](const QByteArray& body, QString* nextToken, QString* requestId) {
            ParsedResponse<QList<Item>> page = read(body);
            *requestId = page.requestId;
            if (!page.ok())
                return page.error;
            *nextToken = page.nextToken;
            items->append(page.value);
            return AwsError {};
        },
        job, [job, items] { job->finishWithResult(*items); });
    QTimer::singleShot(0, walker, [walker] { walker->start(); });
    return job;
}

} // namespace ClientJobs
