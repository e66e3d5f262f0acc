// Fleet load through the window's models (issue 15 item 4): an InventoryStore fed a large account answer by answer
// — group pages of 100, then the hooks and activities of every group with a waiting instance, spaced as a network
// delivers them — with the item models and proxies the main window puts on it (groups, pending, instances, hooks,
// activities; sorted as the window sorts them). No network and no widgets: what is measured is what the GUI thread
// spends in the store and the models.
//
// Reported per load: wall time from the first answer to a complete model set, the client CPU spent, the longest
// single answer (the store's apply plus every model slot it reaches at once), the longest event-loop stall (a 5 ms
// timer measuring its own lateness: any answer, coalesced flush or countdown tick that held the thread), and how
// many structural and dataChanged signals the instance model emitted. Then a second full refresh of the same fleet
// in which 5 groups changed. Figures only: nothing is asserted but the final row counts.

#include "activitymodel.h"
#include "grouplistmodel.h"
#include "hooklistmodel.h"
#include "instancelistmodel.h"
#include "inventorystore.h"
#include "pendingactionmodel.h"
#include "pendingfilterproxymodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

void print(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

double processCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    auto toSeconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return toSeconds(usage.ru_utime) + toSeconds(usage.ru_stime);
}

struct FleetShape {
    int groups = 2000;
    int instances = 10;
    int waitingEvery = 20; // every Nth group has 1–3 waiting instances
    int pageSize = 100;
};

// What the network answers hold: the groups (in pages) and, for each group with a waiting instance, its hooks and
// recent activities.
struct Fleet {
    QList<AutoScalingGroup> groups;
    QHash<QString, QList<LifecycleHook>> hooks;
    QHash<QString, QList<ScalingActivity>> activities;
};

const QDateTime Now = QDateTime::currentDateTimeUtc();

LifecycleHook makeHook(const QString& group, const QString& name, const QString& transition)
{
    LifecycleHook hook;
    hook.name = name;
    hook.groupName = group;
    hook.transition = transition;
    hook.heartbeatTimeout = 3600;
    hook.globalTimeout = 172800;
    hook.defaultResult = u"ABANDON"_s;
    return hook;
}

AutoScalingGroup makeGroup(const FleetShape& shape, int g, Fleet* fleet)
{
    AutoScalingGroup group;
    group.name = u"fleet-%1"_s.arg(g, 5, 10, QLatin1Char('0'));
    group.minSize = 0;
    group.maxSize = shape.instances * 2;
    group.desiredCapacity = shape.instances;
    const int waiting = g % shape.waitingEvery == 0 ? 1 + (g / shape.waitingEvery) % 3 : 0;
    for (int i = 0; i < shape.instances; ++i) {
        GroupInstance instance;
        instance.instanceId = u"i-%1%2"_s.arg(g, 8, 16, QLatin1Char('0')).arg(i, 4, 16, QLatin1Char('0'));
        instance.groupName = group.name;
        instance.instanceType = u"t3.micro"_s;
        instance.availabilityZone = u"eu-west-1a"_s;
        instance.healthStatus = u"Healthy"_s;
        instance.lifecycleState = i < waiting ? u"Pending:Wait"_s : u"InService"_s;
        group.instances.append(instance);
        if (i < waiting) {
            ScalingActivity activity;
            activity.activityId = u"act-%1-%2"_s.arg(g).arg(i);
            activity.groupName = group.name;
            activity.description = u"Launching a new EC2 instance: "_s + instance.instanceId;
            activity.statusCode = u"MidLifecycleAction"_s;
            activity.startTime = Now.addSecs(-60 * (i + 1));
            fleet->activities[group.name].append(activity);
        }
    }
    if (waiting > 0) {
        fleet->hooks[group.name] = { makeHook(group.name, u"warm-up"_s, u"autoscaling:EC2_INSTANCE_LAUNCHING"_s),
            makeHook(group.name, u"drain"_s, u"autoscaling:EC2_INSTANCE_TERMINATING"_s) };
    }
    return group;
}

Fleet makeFleet(const FleetShape& shape)
{
    Fleet fleet;
    for (int g = 0; g < shape.groups; ++g)
        fleet.groups.append(makeGroup(shape, g, &fleet));
    return fleet;
}

// The models and proxies of MainWindow::attachModels(), sorted as its views sort them.
struct WindowModels {
    explicit WindowModels(InventoryStore* store)
        : groups(store)
        , pending(store)
        , instances(store)
        , hooks(store)
        , activities(store)
    {
        attach(&groupProxy, &groups, GroupListModel::SortRole, GroupListModel::NameColumn, Qt::AscendingOrder);
        groupProxy.setFilterKeyColumn(GroupListModel::NameColumn);
        pendingProxy.setSourceModel(&pending);
        pendingProxy.sort(PendingActionModel::LeftColumn, Qt::AscendingOrder);
        attach(&instanceProxy, &instances, InstanceListModel::SortRole, InstanceListModel::InstanceColumn,
            Qt::AscendingOrder);
        attach(&hookProxy, &hooks, HookListModel::SortRole, HookListModel::NameColumn, Qt::AscendingOrder);
        attach(&activityProxy, &activities, ActivityModel::SortRole, ActivityModel::StartColumn, Qt::DescendingOrder);
    }

    static void attach(
        QSortFilterProxyModel* proxy, QAbstractItemModel* source, int sortRole, int column, Qt::SortOrder order)
    {
        proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
        proxy->setFilterKeyColumn(-1);
        proxy->setSortRole(sortRole);
        proxy->setSourceModel(source);
        proxy->sort(column, order);
    }

    GroupListModel groups;
    PendingActionModel pending;
    InstanceListModel instances;
    HookListModel hooks;
    ActivityModel activities;
    QSortFilterProxyModel groupProxy;
    PendingFilterProxyModel pendingProxy;
    QSortFilterProxyModel instanceProxy;
    QSortFilterProxyModel hookProxy;
    QSortFilterProxyModel activityProxy;
};

// Counts what a model tells its views: structural signals and dataChanged.
struct SignalCount {
    explicit SignalCount(QAbstractItemModel* model)
    {
        for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
            QObject::connect(model, signal, model, [this] { ++structural; });
        QObject::connect(model, &QAbstractItemModel::modelReset, model, [this] { ++structural; });
        QObject::connect(model, &QAbstractItemModel::dataChanged, model, [this] { ++changed; });
    }
    int structural = 0;
    int changed = 0;
};

// The GUI thread's longest stall: a 5 ms timer that measures how late it fires.
class StallMeter {
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(Interval);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_worst = std::max(m_worst, now - m_last - qint64(Interval) * 1000000);
            m_last = now;
        });
    }
    void start()
    {
        m_worst = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double worstMs()
    {
        m_timer.stop();
        return double(m_worst) / 1e6;
    }

private:
    static constexpr int Interval = 5;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

struct LoadFigures {
    double wallMs = 0;
    double cpuMs = 0;
    double longestAnswerMs = 0;
    double longestStallMs = 0;
    int answers = 0;
};

// One full refresh of `fleet`: answers spaced `spacingMs` apart on the event loop, as they would arrive.
LoadFigures feed(InventoryStore* store, const Fleet& fleet, const FleetShape& shape, int spacingMs)
{
    QList<std::function<void()>> answers;
    for (qsizetype first = 0; first < fleet.groups.size(); first += shape.pageSize) {
        const QList<AutoScalingGroup> page = fleet.groups.mid(first, shape.pageSize);
        answers.append([store, page] { store->applyGroupsForTesting(page); });
    }
    for (const AutoScalingGroup& group : fleet.groups) {
        if (fleet.hooks.contains(group.name)) {
            answers.append([store, &fleet, name = group.name] {
                store->applyDetailsForTesting(name, fleet.hooks.value(name), fleet.activities.value(name));
            });
        }
    }

    LoadFigures figures;
    figures.answers = int(answers.size());
    StallMeter stalls;
    QEventLoop loop;
    QElapsedTimer wall;
    const double cpuBefore = processCpuSeconds();
    std::function<void(qsizetype)> next = [&](qsizetype i) {
        QElapsedTimer one;
        one.start();
        if (i < answers.size())
            answers.at(i)();
        else
            store->endRefreshForTesting();
        figures.longestAnswerMs = std::max(figures.longestAnswerMs, double(one.nsecsElapsed()) / 1e6);
        if (i < answers.size())
            QTimer::singleShot(spacingMs, &loop, [&next, i] { next(i + 1); });
        else
            QTimer::singleShot(200, &loop, &QEventLoop::quit); // coalesced work left behind, countdown ticks
    };
    stalls.start();
    wall.start();
    store->beginRefreshForTesting();
    QTimer::singleShot(0, &loop, [&next] { next(0); });
    loop.exec();
    figures.wallMs = double(wall.nsecsElapsed()) / 1e6 - 200;
    figures.cpuMs = (processCpuSeconds() - cpuBefore) * 1000;
    figures.longestStallMs = stalls.worstMs();
    return figures;
}

void report(const QString& label, const LoadFigures& f, const SignalCount& before, const SignalCount& after)
{
    print(u"%1 | %2 answers | wall %3 ms | CPU %4 ms | longest answer %5 ms | longest stall %6 ms | "
          "instance model: %7 structural, %8 dataChanged"_s.arg(label)
              .arg(f.answers)
              .arg(f.wallMs, 0, 'f', 0)
              .arg(f.cpuMs, 0, 'f', 0)
              .arg(f.longestAnswerMs, 0, 'f', 1)
              .arg(f.longestStallMs, 0, 'f', 1)
              .arg(after.structural - before.structural)
              .arg(after.changed - before.changed));
}

// Five groups change between refreshes: one instance each goes from InService to Terminating.
void changeFiveGroups(Fleet* fleet)
{
    for (int k = 0; k < 5; ++k) {
        AutoScalingGroup& group = fleet->groups[qsizetype(k + 1) * fleet->groups.size() / 6];
        group.instances.last().lifecycleState = u"Terminating"_s;
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"groups"_s, u"Groups in the fleet."_s, u"n"_s, u"2000"_s });
    parser.addOption({ u"instances"_s, u"Instances per group."_s, u"n"_s, u"10"_s });
    parser.addOption({ u"spacing"_s, u"Milliseconds between two answers (network latency)."_s, u"ms"_s, u"5"_s });
    parser.addOption({ u"page"_s,
        u"Groups per answer (100: a DescribeAutoScalingGroups page; the store today applies the whole listing as "
        "one answer, as with --page 2000)."_s,
        u"n"_s, u"100"_s });
    parser.process(app);
    FleetShape shape;
    shape.groups = std::max(1, parser.value(u"groups"_s).toInt());
    shape.instances = std::max(1, parser.value(u"instances"_s).toInt());
    shape.pageSize = std::max(1, parser.value(u"page"_s).toInt());
    const int spacing = std::max(0, parser.value(u"spacing"_s).toInt());

    Fleet fleet = makeFleet(shape);
    InventoryStore store(nullptr);
    WindowModels models(&store);
    print(u"== Fleet load through the window's models: %1 groups x %2 instances, %3 with waiting instances, %4 "
          "groups per answer, answers %5 ms apart"_s.arg(shape.groups)
              .arg(shape.instances)
              .arg(fleet.hooks.size())
              .arg(shape.pageSize)
              .arg(spacing));

    SignalCount signalCount(&models.instances);
    const SignalCount start = signalCount;
    const LoadFigures first = feed(&store, fleet, shape, spacing);
    report(u"first load"_s, first, start, signalCount);
    const SignalCount loaded = signalCount;
    changeFiveGroups(&fleet);
    const LoadFigures second = feed(&store, fleet, shape, spacing);
    report(u"refresh, 5 groups changed"_s, second, loaded, signalCount);

    const int instances = models.instanceProxy.rowCount();
    print(u"rows: %1 groups, %2 instances, %3 pending, %4 hooks, %5 activities"_s.arg(models.groupProxy.rowCount() - 1)
              .arg(instances)
              .arg(models.pendingProxy.rowCount())
              .arg(models.hookProxy.rowCount())
              .arg(models.activityProxy.rowCount()));
    return instances == shape.groups * shape.instances ? 0 : 1;
}
