// Micro-benchmarks of Hookdesk's hot paths with realistic inputs: SigV4 signing, Query encoding, XML reading and
// the pending-actions models, the audit view. The XML pages come from the simulator's own serialiser (an in-process
// Simulator, asked over HTTP once before the benchmarks run), so the readers see what the app sees.
//
// Figures only: nothing here asserts a speed. Run: bench_core [--benchmark_filter=…] [--benchmark_min_time=…]

#include "auditlog.h"
#include "auditlogmodel.h"
#include "autoscalingxml.h"
#include "benchreporter.h"
#include "deadlineestimator.h"
#include "inventorystore.h"
#include "pendingaction.h"
#include "pendingactionmodel.h"
#include "pendingfilterproxymodel.h"
#include "queryencoder.h"
#include "rowsyncmodel.h"
#include "sigv4signer.h"
#include "simulator.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTimer>
#include <QXmlStreamReader>
#include <array>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void fatal(const QString& message)
{
    std::fprintf(stderr, "bench_core: %s\n", qPrintable(message));
    std::exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs from the simulator

// Posts one unsigned Query call to the simulator (started with signature checks off) and returns the 200 body.
QByteArray query(QNetworkAccessManager& network, const Simulator& simulator, const QByteArray& form)
{
    QNetworkRequest request(simulator.url());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded; charset=utf-8"_s);
    QNetworkReply* reply = network.post(request, form);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    if (status != 200)
        fatal(u"simulator answered %1 to %2: %3"_s.arg(status).arg(QString::fromUtf8(form), QString::fromUtf8(body)));
    return body;
}

QByteArray form(const QString& action, const QueryParameters& parameters)
{
    return QueryEncoder::encode(action, u"2011-01-01"_s, parameters);
}

struct Inventory {
    QByteArray groupsPage; // DescribeAutoScalingGroups, 100 groups × 10 instances, one page
    QByteArray hooksPage; // DescribeLifecycleHooks of a group with 10 hooks
    QByteArray activitiesPage; // DescribeScalingActivities, 20 records
    // 100 groups × 20 instances, every instance waiting on a hook: 2000 pending rows.
    QList<PendingActions::GroupInput> pendingInputs;
    QDateTime now; // the simulator's (stopped) clock
};

Inventory& inventory()
{
    static Inventory data;
    return data;
}

std::unique_ptr<Simulator> startSimulator(const QString& spec)
{
    SimulatorOptions options;
    options.verifySignatures = false; // these calls are not what is measured
    options.clockRunning = false;
    auto simulator = std::make_unique<Simulator>(options);
    SimResult<void> ready = simulator->generate(spec);
    if (ready)
        ready = simulator->start(0);
    if (!ready)
        fatal(u"simulator (%1): %2"_s.arg(spec, ready.errorMessage()));
    return simulator;
}

void loadInventory()
{
    Inventory& data = inventory();
    QNetworkAccessManager network;

    // Reader inputs: 100 groups × 10 instances (30 % waiting), and one group with 10 hooks.
    {
        const auto simulator = startSimulator(u"groups=100,instances=10,hooks=2,waiting=0.3"_s);
        for (int h = 3; h <= 10; ++h) {
            const QString transition
                = QLatin1String(h % 2 ? LifecycleTransition::Launching : LifecycleTransition::Terminating);
            const SimResult<void> put
                = simulator->putLifecycleHook(u"asg-0001"_s, u"extra-hook-%1"_s.arg(h, 2, 10, QLatin1Char('0')),
                    transition, 300 * h, h % 3 ? u"ABANDON"_s : u"CONTINUE"_s);
            if (!put)
                fatal(put.errorMessage());
        }
        data.groupsPage
            = query(network, *simulator, form(u"DescribeAutoScalingGroups"_s, { { u"MaxRecords"_s, u"100"_s } }));
        data.hooksPage = query(
            network, *simulator, form(u"DescribeLifecycleHooks"_s, { { u"AutoScalingGroupName"_s, u"asg-0001"_s } }));
        data.activitiesPage = query(network, *simulator,
            form(u"DescribeScalingActivities"_s,
                { { u"AutoScalingGroupName"_s, u"asg-0001"_s }, { u"MaxRecords"_s, u"20"_s } }));
        const auto groups = AutoScalingXml::describeAutoScalingGroups(data.groupsPage);
        if (!groups.ok() || groups.value.size() != 100 || groups.value.first().instances.size() != 10
            || !groups.nextToken.isEmpty())
            fatal(u"unexpected DescribeAutoScalingGroups page (%1 groups)"_s.arg(groups.value.size()));
        if (AutoScalingXml::describeLifecycleHooks(data.hooksPage).value.size() != 10)
            fatal(u"unexpected DescribeLifecycleHooks page"_s);
    }

    // Model inputs: what InventoryStore holds after a full refresh of 100 groups × 20 instances.
    {
        const auto simulator = startSimulator(u"groups=100,instances=20,hooks=2,waiting=1"_s);
        data.now = simulator->now();
        const auto groups = AutoScalingXml::describeAutoScalingGroups(
            query(network, *simulator, form(u"DescribeAutoScalingGroups"_s, { { u"MaxRecords"_s, u"100"_s } })));
        if (!groups.ok() || groups.value.size() != 100)
            fatal(u"unexpected DescribeAutoScalingGroups page for the models"_s);
        for (const AutoScalingGroup& group : groups.value) {
            const QueryParameters byName { { u"AutoScalingGroupName"_s, group.name } };
            PendingActions::GroupInput input;
            input.group = group;
            input.hooks = AutoScalingXml::describeLifecycleHooks(
                query(network, *simulator, form(u"DescribeLifecycleHooks"_s, byName)))
                              .value;
            input.hooksLoaded = true;
            input.activities = AutoScalingXml::describeScalingActivities(
                query(network, *simulator,
                    form(u"DescribeScalingActivities"_s, byName + QueryParameters { { u"MaxRecords"_s, u"20"_s } })))
                                   .value;
            data.pendingInputs.append(input);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// SigV4

SignableRequest describeGroupsRequest()
{
    SignableRequest request;
    request.method = "POST";
    request.path = "/";
    request.body = "Action=DescribeAutoScalingGroups&Version=2011-01-01&MaxRecords=100&NextToken=";
    request.headers = {
        { "Host", "autoscaling.eu-west-1.amazonaws.com" },
        { "Content-Type", "application/x-www-form-urlencoded; charset=utf-8" },
        { "Content-Length", QByteArray::number(request.body.size()) },
        { "User-Agent", "hookdesk/1.0 Qt/6.4" },
    };
    return request;
}

Credentials credentials(int n)
{
    Credentials result;
    result.accessKeyId = u"AKIAIOSFODNN7EX%1"_s.arg(n, 5, 10, QLatin1Char('0'));
    result.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE%1"_s.arg(n, 4, 10, QLatin1Char('0'));
    return result;
}

// The app's path: one signer per client, the day's derived key cached after the first request.
void BM_SigV4_Sign_CachedKey(benchmark::State& state)
{
    const SigV4Signer signer(u"eu-west-1"_s, u"autoscaling"_s);
    const SignableRequest unsigned_ = describeGroupsRequest();
    const Credentials key = credentials(1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto _ : state) {
        SignableRequest request = unsigned_;
        signer.sign(request, key, now);
        benchmark::DoNotOptimize(request.headers);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SigV4_Sign_CachedKey);

// Every request with a key the cache has not seen: 64 credential sets in turn, more than the cache keeps (16), so
// each signature derives its key again (four extra HMACs).
void BM_SigV4_Sign_ColdKey(benchmark::State& state)
{
    const SigV4Signer signer(u"eu-west-1"_s, u"autoscaling"_s);
    const SignableRequest unsigned_ = describeGroupsRequest();
    QList<Credentials> keys;
    for (int i = 0; i < 64; ++i)
        keys.append(credentials(i));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qsizetype next = 0;
    for (auto _ : state) {
        SignableRequest request = unsigned_;
        signer.sign(request, keys.at(next), now);
        next = (next + 1) % keys.size();
        benchmark::DoNotOptimize(request.headers);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SigV4_Sign_ColdKey);

// ---------------------------------------------------------------------------------------------------------------
// Query encoding

void BM_QueryEncode_DescribeGroups50(benchmark::State& state)
{
    QStringList names;
    for (int i = 1; i <= 50; ++i)
        names.append(u"prod-eu-west-1-web-tier-asg-%1"_s.arg(i, 3, 10, QLatin1Char('0')));
    qint64 bytes = 0;
    for (auto _ : state) {
        QueryParameters parameters;
        QueryEncoder::addList(parameters, u"AutoScalingGroupNames"_s, names);
        parameters.append({ u"MaxRecords"_s, u"100"_s });
        const QByteArray body = QueryEncoder::encode(u"DescribeAutoScalingGroups"_s, u"2011-01-01"_s, parameters);
        bytes += body.size();
        benchmark::DoNotOptimize(body.constData());
    }
    state.SetBytesProcessed(bytes);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueryEncode_DescribeGroups50);

// ---------------------------------------------------------------------------------------------------------------
// XML readers

// Reads one page per iteration; bytes/s is over the page as it came off the wire.
template <typename Reader> void readPage(benchmark::State& state, const QByteArray& page, Reader read)
{
    for (auto _ : state) {
        const auto parsed = read(page);
        benchmark::DoNotOptimize(parsed.value.constData());
    }
    state.SetBytesProcessed(state.iterations() * page.size());
    state.counters["page_bytes"] = double(page.size());
}

void BM_Xml_DescribeAutoScalingGroups_100x10(benchmark::State& state)
{
    readPage(state, inventory().groupsPage,
        [](const QByteArray& body) { return AutoScalingXml::describeAutoScalingGroups(body); });
}
BENCHMARK(BM_Xml_DescribeAutoScalingGroups_100x10);

void BM_Xml_DescribeLifecycleHooks_10(benchmark::State& state)
{
    readPage(state, inventory().hooksPage,
        [](const QByteArray& body) { return AutoScalingXml::describeLifecycleHooks(body); });
}
BENCHMARK(BM_Xml_DescribeLifecycleHooks_10);

void BM_Xml_DescribeScalingActivities_20(benchmark::State& state)
{
    readPage(state, inventory().activitiesPage,
        [](const QByteArray& body) { return AutoScalingXml::describeScalingActivities(body); });
}
BENCHMARK(BM_Xml_DescribeScalingActivities_20);

// The floor under any QXmlStreamReader-based reader (issue 15 item 5): the same group page tokenised with nothing
// read from it. The streaming readers cannot be faster than this.
void BM_Xml_TokensOnly_DescribeAutoScalingGroups_100x10(benchmark::State& state)
{
    readPage(state, inventory().groupsPage, [](const QByteArray& body) {
        QXmlStreamReader reader(body);
        QList<int> elements { 0 };
        while (!reader.atEnd()) {
            if (reader.readNext() == QXmlStreamReader::StartElement)
                ++elements.first();
        }
        return ParsedResponse<QList<int>> { elements, {}, {}, {} };
    });
}
BENCHMARK(BM_Xml_TokensOnly_DescribeAutoScalingGroups_100x10);

// ---------------------------------------------------------------------------------------------------------------
// Models

std::unique_ptr<DeadlineEstimator> estimatorAtSimulatorTime()
{
    auto estimator = std::make_unique<DeadlineEstimator>();
    const QDateTime now = inventory().now;
    estimator->setClock([now] { return now; });
    return estimator;
}

void BM_PendingActions_Compute_100x20(benchmark::State& state)
{
    const auto estimator = estimatorAtSimulatorTime();
    const auto& inputs = inventory().pendingInputs;
    qsizetype rows = 0;
    for (auto _ : state) {
        const QList<PendingAction> pending = PendingActions::compute(inputs, *estimator);
        rows = pending.size();
        benchmark::DoNotOptimize(pending.constData());
    }
    state.counters["rows"] = double(rows);
    state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(BM_PendingActions_Compute_100x20);

// The same 2000 rows twice, the second with one instance moved on (Pending:Wait → Pending:Proceed).
struct TwoSnapshots {
    QList<PendingActions::GroupInput> before, after;
    QList<PendingAction> pendingBefore, pendingAfter;
};

const TwoSnapshots& twoSnapshots()
{
    static const TwoSnapshots snapshots = [] {
        TwoSnapshots s;
        s.before = s.after = inventory().pendingInputs;
        QList<GroupInstance>& instances = s.after[50].group.instances;
        const auto waiting = std::find_if(instances.begin(), instances.end(),
            [](const GroupInstance& instance) { return instance.lifecycleState == u"Pending:Wait"; });
        if (waiting == instances.end())
            fatal(u"no Pending:Wait instance in group 51"_s);
        waiting->lifecycleState = u"Pending:Proceed"_s;
        const auto estimator = estimatorAtSimulatorTime();
        s.pendingBefore = PendingActions::compute(s.before, *estimator);
        s.pendingAfter = PendingActions::compute(s.after, *estimator);
        if (s.pendingBefore.size() != 2000 || s.pendingAfter.size() != 2000)
            fatal(u"expected 2000 pending rows, got %1"_s.arg(s.pendingBefore.size()));
        return s;
    }();
    return snapshots;
}

// A RowSyncModel over PendingActions that can both sync in place (what every model does on refresh) and reset
// (what a naive model would do), so the two can be compared on the same rows behind the same sorting proxy.
class PendingRows : public RowSyncModel<PendingAction> {
public:
    enum Column { Instance, Group, State, Hooks, Default, Left, Columns };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit PendingRows(QDateTime now)
        : RowSyncModel(titles)
        , m_now(std::move(now))
    {
    }
    void sync(const QList<PendingAction>& fresh)
    {
        syncRows(fresh, [](const PendingAction& action) { return action.key(); });
    }
    void reset(const QList<PendingAction>& fresh) { resetRows(fresh); }

protected:
    QVariant cell(const PendingAction& action, const QModelIndex& index, int role) const override
    {
        if (role == SortRole && index.column() == Left)
            return action.secondsLeft(m_now);
        if (role != Qt::DisplayRole && role != SortRole)
            return {};
        switch (index.column()) {
        case Instance:
            return action.instanceId;
        case Group:
            return action.groupName;
        case State:
            return action.lifecycleState;
        case Hooks:
            return action.hookNames().join(u", "_s);
        case Default:
            return action.defaultResult;
        case Left:
            return action.leftText(m_now);
        }
        return {};
    }

private:
    static constexpr std::array<const char*, Columns> titles
        = { "Instance", "Group", "State", "Hooks", "Default", "Left" };
    QDateTime m_now;
};

template <bool Reset> void rowSyncBenchmark(benchmark::State& state)
{
    const TwoSnapshots& s = twoSnapshots();
    PendingRows model(inventory().now);
    QSortFilterProxyModel proxy; // the view sorts by time left, as the Pending tab does
    proxy.setSourceModel(&model);
    proxy.setSortRole(PendingRows::SortRole);
    proxy.sort(PendingRows::Left);
    model.sync(s.pendingBefore);
    bool flip = false;
    for (auto _ : state) {
        const QList<PendingAction>& fresh = flip ? s.pendingBefore : s.pendingAfter;
        if constexpr (Reset)
            model.reset(fresh);
        else
            model.sync(fresh);
        flip = !flip;
    }
    state.counters["rows"] = double(proxy.rowCount());
}

void BM_RowSync_OneOf2000Changed_InPlace(benchmark::State& state)
{
    rowSyncBenchmark<false>(state);
}
BENCHMARK(BM_RowSync_OneOf2000Changed_InPlace);

void BM_RowSync_OneOf2000Changed_FullReset(benchmark::State& state)
{
    rowSyncBenchmark<true>(state);
}
BENCHMARK(BM_RowSync_OneOf2000Changed_FullReset);

// The whole path of a refresh that moved one instance: InventoryStore applies the groups, recomputes the pending
// actions (2000 rows), PendingActionModel syncs in place, and the Pending tab's proxy re-sorts.
void BM_PendingActionModel_RefreshOneChanged(benchmark::State& state)
{
    const TwoSnapshots& s = twoSnapshots();
    auto toSnapshots = [](const QList<PendingActions::GroupInput>& inputs) {
        QList<GroupSnapshot> snapshots;
        for (const auto& input : inputs) {
            GroupSnapshot snapshot;
            snapshot.group = input.group;
            snapshot.hooks = input.hooks;
            snapshot.hooksLoaded = true;
            snapshot.activities = input.activities;
            snapshot.activitiesLoaded = true;
            snapshots.append(snapshot);
        }
        return snapshots;
    };
    const QList<GroupSnapshot> before = toSnapshots(s.before);
    const QList<GroupSnapshot> after = toSnapshots(s.after);
    InventoryStore store(nullptr);
    const QDateTime now = inventory().now;
    store.estimator()->setClock([now] { return now; });
    PendingActionModel model(&store);
    model.setTickInterval(0);
    PendingFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(PendingActionModel::LeftColumn);
    store.setSnapshotForTesting(before);
    bool flip = false;
    for (auto _ : state) {
        store.setSnapshotForTesting(flip ? before : after);
        flip = !flip;
    }
    state.counters["rows"] = double(model.rowCount());
}
BENCHMARK(BM_PendingActionModel_RefreshOneChanged);

// ---------------------------------------------------------------------------------------------------------------
// The audit view after every refresh: a year of operator actions (20 000 records, about 5 MB) with nothing new,
// read as a tail past what was read before, against parsing the whole file again.

class AuditLogFile {
public:
    static AuditLogFile& instance()
    {
        static AuditLogFile file;
        return file;
    }
    AuditLog& log() { return *m_log; }

private:
    AuditLogFile()
    {
        if (!m_dir.isValid())
            fatal(u"no temporary directory"_s);
        const QString path = m_dir.filePath(u"audit.jsonl"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            fatal(u"cannot write %1"_s.arg(path));
        for (int i = 0; i < 10'000; ++i) {
            AuditRecord record;
            record.time = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(i * 900);
            record.profile = u"prod-admin"_s;
            record.account = u"123456789012"_s;
            record.region = u"eu-west-1"_s;
            record.action = u"CompleteLifecycleAction"_s;
            record.group = u"web-%1"_s.arg(i % 40);
            record.hook = u"warm-up"_s;
            record.instance = u"i-%1"_s.arg(i, 17, 16, QLatin1Char('0'));
            record.token = u"71514b9d-6a40-4b26-8523-%1"_s.arg(i, 12, 10, QLatin1Char('0'));
            record.result = u"CONTINUE"_s;
            for (const char* phase : { "intent", "outcome" }) {
                record.phase = QString::fromLatin1(phase);
                record.outcome = record.phase == "outcome"_L1 ? u"done"_s : QString();
                record.requestId = record.outcome.isEmpty() ? QString() : record.token;
                file.write(QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) + '\n');
            }
        }
        file.close();
        m_log = std::make_unique<AuditLog>(path);
    }
    QTemporaryDir m_dir;
    std::unique_ptr<AuditLog> m_log;
};

void BM_AuditLog_ReloadNothingNew_20k(benchmark::State& state)
{
    AuditLogModel model(&AuditLogFile::instance().log());
    for (auto _ : state) {
        model.reload();
        benchmark::DoNotOptimize(model.rowCount());
    }
}
BENCHMARK(BM_AuditLog_ReloadNothingNew_20k);

void BM_AuditLog_ParseWholeFile_20k(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(AuditLogFile::instance().log().readAll().size());
}
BENCHMARK(BM_AuditLog_ParseWholeFile_20k);

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv); // the simulator, the network and the models need one
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    loadInventory();
    RatioReporter reporter({
        { "SigV4 sign: cold key / cached key", "BM_SigV4_Sign_ColdKey", "BM_SigV4_Sign_CachedKey" },
        { "1 of 2000 rows changed: full reset / in-place sync", "BM_RowSync_OneOf2000Changed_FullReset",
            "BM_RowSync_OneOf2000Changed_InPlace" },
        { "audit view after a refresh: whole file / new tail", "BM_AuditLog_ParseWholeFile_20k",
            "BM_AuditLog_ReloadNothingNew_20k" },
    });
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
