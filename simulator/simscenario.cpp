// Scenarios: a JSON description of groups, hooks and instances (file or built-in demo), and a generator for large
// inventories. Loading goes through SimEngine so a scenario obeys the same rules as the API.
#include "simengine.h"
#include "simsso.h"
#include "simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <algorithm>

using namespace Qt::StringLiterals;

using Lifecycle::State;

namespace {
// Scenarios name hook transitions the short way ("launching") or the API's way.
QString transitionName(const QString& value)
{
    if (value == u"launching" || value == u"launch")
        return nameOf(Lifecycle::HookTransition::Launching);
    if (value == u"terminating" || value == u"terminate")
        return nameOf(Lifecycle::HookTransition::Terminating);
    return value;
}

// The group as it is created, empty; its sizes are set once its instances are placed.
SimEngine::GroupSpec emptyGroupSpec(const QJsonObject& g, const QString& name, const QString& region)
{
    SimEngine::GroupSpec spec;
    spec.name = name;
    spec.minSize = 0;
    spec.maxSize = g.value(u"maxSize"_s).toInt(10);
    spec.desiredCapacity = 0;
    spec.launchTemplateName = g.value(u"launchTemplate"_s).toString(u"hookdesk-sim"_s);
    QStringList zones;
    for (const auto& z : g.value(u"availabilityZones"_s).toArray())
        zones.append(z.toString());
    if (zones.isEmpty())
        zones = { region + u"a"_s, region + u"b"_s, region + u"c"_s };
    spec.availabilityZones = zones;
    // "instanceLifecyclePolicy": { "retentionTriggers": { "terminateHookAbandon": "retain" } }, as AWS nests it.
    const QJsonValue retention
        = g.value(u"instanceLifecyclePolicy"_s)[u"retentionTriggers"_s][u"terminateHookAbandon"_s];
    if (retention.isString())
        spec.terminateHookAbandon = retention.toString();
    const QJsonObject tags = g.value(u"tags"_s).toObject();
    for (auto it = tags.begin(); it != tags.end(); ++it)
        spec.tags.append({ it.key(), it.value().toString(), true });
    return spec;
}

SimResult<void> loadHooks(SimEngine& e, const QString& groupName, const QJsonArray& hooks)
{
    for (const auto& hookValue : hooks) {
        const QJsonObject h = hookValue.toObject();
        SimEngine::HookSpec hook;
        hook.name = h.value(u"name"_s).toString();
        hook.groupName = groupName;
        hook.transition = transitionName(h.value(u"transition"_s).toString());
        hook.heartbeatTimeout = h.value(u"heartbeatTimeout"_s).toInt(3600);
        hook.defaultResult = h.value(u"defaultResult"_s).toString(u"ABANDON"_s);
        hook.notificationMetadata = h.value(u"notificationMetadata"_s).toString();
        hook.notificationTargetArn = h.value(u"notificationTargetArn"_s).toString();
        hook.roleArn = h.value(u"roleArn"_s).toString();
        if (auto put = e.putHook(hook); !put)
            return put;
        const QJsonObject autoComplete = h.value(u"autoComplete"_s).toObject();
        if (!autoComplete.isEmpty()) {
            e.setHookAutopilot(groupName, hook.name, autoComplete.value(u"share"_s).toDouble(1.0),
                autoComplete.value(u"minSeconds"_s).toInt(60), autoComplete.value(u"maxSeconds"_s).toInt(600),
                autoComplete.value(u"result"_s).toString(u"CONTINUE"_s));
        }
    }
    return {};
}

// Places the group's instances; returns how many count towards its capacity (all but those terminating).
SimResult<int> seedInstances(SimEngine& e, const QString& groupName, const QJsonArray& instances)
{
    int active = 0;
    for (const auto& instanceValue : instances) {
        const QJsonObject i = instanceValue.toObject();
        const Lifecycle::StateValue state
            = Lifecycle::parseState(i.value(u"state"_s).toString(nameOf(State::InService)));
        const int count = i.value(u"count"_s).toInt(1);
        for (int n = 0; n < count; ++n) {
            if (!e.seedInstance(groupName, state, i.value(u"elapsed"_s).toInt(0)))
                return SimError::local(Simulator::tr("cannot place an instance in %1").arg(groupName));
            if (Lifecycle::transitionOf(state) != Lifecycle::Transition::Terminate)
                ++active;
        }
    }
    return active;
}

// The group's "warmPool": its instances are placed first, then the pool is configured (which tops it up to its
// size counting them), so a scenario decides which pool instances wait and which are warmed.
SimResult<void> loadWarmPool(SimEngine& e, const QString& groupName, const QJsonObject& w)
{
    if (w.isEmpty())
        return {};
    for (const auto& instanceValue : w.value(u"instances"_s).toArray()) {
        const QJsonObject i = instanceValue.toObject();
        const Lifecycle::StateValue state
            = Lifecycle::parseState(i.value(u"state"_s).toString(nameOf(State::WarmedStopped)));
        for (int n = 0; n < i.value(u"count"_s).toInt(1); ++n) {
            if (!e.seedWarmInstance(groupName, state, i.value(u"elapsed"_s).toInt(0)))
                return SimError::local(Simulator::tr("cannot place a warm-pool instance in %1").arg(groupName));
        }
    }
    SimEngine::WarmPoolSpec spec;
    spec.groupName = groupName;
    spec.minSize = w.value(u"minSize"_s).toInt(0);
    spec.maxGroupPreparedCapacity = w.value(u"maxGroupPreparedCapacity"_s).toInt(-1);
    spec.poolState = w.value(u"poolState"_s).toString(u"Stopped"_s);
    spec.reuseOnScaleIn = w.value(u"reuseOnScaleIn"_s).toBool(false);
    return e.putWarmPool(spec);
}

// One entry of the scenario's "groups": the group, its hooks, its instances, then its sizes and churn.
SimResult<void> loadGroup(SimEngine& e, const QJsonObject& g, const QString& region)
{
    const QString name = g.value(u"name"_s).toString();
    if (name.isEmpty())
        return SimError::local(Simulator::tr("scenario group without a name"));
    const SimEngine::GroupSpec spec = emptyGroupSpec(g, name, region);
    if (auto created = e.createGroup(spec); !created)
        return created;
    if (auto hooks = loadHooks(e, name, g.value(u"hooks"_s).toArray()); !hooks)
        return hooks;
    const SimResult<int> active = seedInstances(e, name, g.value(u"instances"_s).toArray());
    if (!active)
        return active.error();

    SimEngine::GroupSpec sizes;
    sizes.name = name;
    sizes.minSize = g.value(u"minSize"_s).toInt(0);
    sizes.maxSize = qMax(spec.maxSize.value_or(10), *active);
    sizes.desiredCapacity = g.value(u"desiredCapacity"_s).toInt(qMax(*active, sizes.minSize.value_or(0)));
    if (auto updated = e.updateGroup(sizes); !updated)
        return updated;
    // After the sizes: the pool's size follows the desired capacity.
    if (auto pool = loadWarmPool(e, name, g.value(u"warmPool"_s).toObject()); !pool)
        return pool;
    const QJsonObject churn = g.value(u"churn"_s).toObject();
    if (!churn.isEmpty()) {
        e.setChurn(name, churn.value(u"everySeconds"_s).toInt(300),
            churn.value(u"min"_s).toInt(sizes.minSize.value_or(0)), churn.value(u"max"_s).toInt(*sizes.maxSize));
    }
    // A refresh running since the scenario started (the demo's one stalls on a launch hook nobody completes).
    const QJsonObject refresh = g.value(u"instanceRefresh"_s).toObject();
    if (!refresh.isEmpty()) {
        SimEngine::RefreshSpec spec;
        spec.groupName = name;
        spec.minHealthyPercentage = refresh.value(u"minHealthyPercentage"_s).toInt(90);
        spec.instanceWarmup = refresh.value(u"instanceWarmup"_s).toInt(60);
        if (auto started = e.startInstanceRefresh(spec); !started)
            return started.error();
    }
    return {};
}

// The scenario's "sso": { "accounts": [ { "accountId", "accountName", "emailAddress", "roles": [ … ] } ] }, the
// accounts and roles IAM Identity Center's portal offers (replacing the default three).
SimResult<QList<SimSsoAccount>> ssoAccounts(const QJsonObject& sso)
{
    QList<SimSsoAccount> accounts;
    for (const auto& accountValue : sso.value(u"accounts"_s).toArray()) {
        const QJsonObject a = accountValue.toObject();
        SimSsoAccount account;
        account.accountId = a.value(u"accountId"_s).toString();
        if (account.accountId.size() != 12
            || !std::all_of(account.accountId.cbegin(), account.accountId.cend(), [](QChar c) { return c.isDigit(); }))
            return SimError::local(Simulator::tr("sso account id '%1' is not 12 digits").arg(account.accountId));
        account.accountName = a.value(u"accountName"_s).toString(account.accountId);
        account.emailAddress = a.value(u"emailAddress"_s).toString();
        for (const auto& role : a.value(u"roles"_s).toArray())
            account.roles.append(role.toString());
        accounts.append(account);
    }
    return accounts;
}
} // namespace

SimResult<void> Simulator::loadDemoScenario()
{
    // The demo stays alive on its own: churn moves desired capacities up and down every few simulated minutes,
    // an imaginary agent completes most actions, and the rest run towards their timeout (amber, then red in the UI).
    return loadScenarioFile(u":/simulator/scenarios/demo.json"_s);
}

SimResult<void> Simulator::loadScenarioFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return SimError::local(tr("cannot read scenario %1: %2").arg(path, file.errorString()));
    return loadScenario(file.readAll());
}

SimResult<void> Simulator::loadScenario(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return SimError::local(tr("scenario is not a JSON object: %1").arg(parseError.errorString()));
    if (doc.object().contains(u"sso"_s)) {
        const SimResult<QList<SimSsoAccount>> accounts = ssoAccounts(doc.object().value(u"sso"_s).toObject());
        if (!accounts)
            return accounts.error();
        m_sso->setAccounts(*accounts);
    }
    const QJsonArray groups = doc.object().value(u"groups"_s).toArray();
    for (const auto& groupValue : groups) {
        if (auto loaded = loadGroup(engine(), groupValue.toObject(), options().region); !loaded)
            return loaded;
    }
    Q_EMIT stateChanged();
    return {};
}

SimResult<void> Simulator::generate(const QString& spec)
{
    int groups = 10;
    int instances = 10;
    int hooks = 2;
    double waiting = 0.1;
    for (const QString& part : spec.split(u',', Qt::SkipEmptyParts)) {
        const QString key = part.section(u'=', 0, 0).trimmed();
        const QString value = part.section(u'=', 1).trimmed();
        bool ok = false;
        if (key == u"groups")
            groups = value.toInt(&ok);
        else if (key == u"instances")
            instances = value.toInt(&ok);
        else if (key == u"hooks")
            hooks = value.toInt(&ok);
        else if (key == u"waiting")
            waiting = value.toDouble(&ok);
        if (!ok)
            return SimError::local(
                tr("bad --generate item '%1' (expected groups=N,instances=M,hooks=K,waiting=F)").arg(part));
    }
    if (groups < 0 || instances < 0 || hooks < 0 || hooks > 50 || waiting < 0 || waiting > 1)
        return SimError::local(tr("--generate values out of range (hooks ≤ 50, 0 ≤ waiting ≤ 1)"));

    QRandomGenerator random(options().faults.seed ? options().faults.seed : 42);
    QJsonArray groupArray;
    for (int g = 0; g < groups; ++g) {
        QJsonArray hookArray;
        for (int h = 0; h < hooks; ++h) {
            hookArray.append(QJsonObject {
                { u"name"_s, u"hook-%1"_s.arg(h + 1, 2, 10, QLatin1Char('0')) },
                { u"transition"_s, h % 2 == 0 ? u"launching"_s : u"terminating"_s },
                { u"heartbeatTimeout"_s, 300 * (1 + (g + h) % 12) },
                { u"defaultResult"_s, (g + h) % 3 == 0 ? u"CONTINUE"_s : u"ABANDON"_s },
            });
        }
        const int waitingCount = hooks > 0 ? qRound(waiting * instances) : 0;
        QJsonArray instanceArray;
        if (instances - waitingCount > 0)
            instanceArray.append(
                QJsonObject { { u"state"_s, nameOf(State::InService) }, { u"count"_s, instances - waitingCount } });
        for (int i = 0; i < waitingCount; ++i) {
            const bool terminating = hooks > 1 && i % 2 == 1;
            instanceArray.append(QJsonObject {
                { u"state"_s, nameOf(terminating ? State::TerminatingWait : State::PendingWait) },
                { u"elapsed"_s, int(random.bounded(280)) },
            });
        }
        groupArray.append(QJsonObject {
            { u"name"_s, u"asg-%1"_s.arg(g + 1, 4, 10, QLatin1Char('0')) },
            { u"minSize"_s, 0 },
            { u"maxSize"_s, qMax(1, instances * 2) },
            { u"tags"_s, QJsonObject { { u"generated"_s, u"true"_s }, { u"shard"_s, QString::number(g % 4) } } },
            { u"hooks"_s, hookArray },
            { u"instances"_s, instanceArray },
        });
    }
    return loadScenario(QJsonDocument(QJsonObject { { u"groups"_s, groupArray } }).toJson(QJsonDocument::Compact));
}
