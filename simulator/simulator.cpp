#include "simulator.h"

#include "simauth.h"
#include "simengine.h"
#include "simfaultinjector.h"
#include "simhttpserver.h"
#include "simlogging.h"
#include "simqueryapi.h"
#include "simsso.h"
#include "simssoapi.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTickMs = 100;
} // namespace

Simulator::Simulator(SimulatorOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_engine = std::make_unique<SimEngine>(m_options, QDateTime::currentDateTimeUtc());
    m_engine->setChangedCallback([this] { Q_EMIT stateChanged(); });
    m_faults = std::make_unique<SimFaultInjector>(m_options.faults);
    m_auth = std::make_unique<SimAuthenticator>(m_options);
    m_api = std::make_unique<SimQueryApi>(*m_engine, *m_auth, *m_faults, m_options);
    m_sso = std::make_unique<SimSso>(m_options);
    m_ssoApi = std::make_unique<SimSsoApi>(*m_sso, *m_engine, *m_auth, *m_faults, m_options, [this] { return url(); });
    m_server = std::make_unique<SimHttpServer>([this](const SimHttpRequest& request) {
        QString action;
        // Identity Center's REST paths first: they are unsigned, so the Query front's SigV4 check must not see them.
        std::optional<SimHttpResponse> sso = m_ssoApi->handle(request, &action);
        SimHttpResponse response = sso ? *std::move(sso) : m_api->handle(request, &action);
        Q_EMIT requestServed(action, response.status);
        return response;
    });
    m_tick = new QTimer(this);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &Simulator::tick);
}

Simulator::~Simulator()
{
    stop();
    m_server.reset();
    m_ssoApi.reset();
    m_api.reset();
}

SimResult<void> Simulator::start(quint16 port)
{
    if (auto listening = m_server->listen(port); !listening)
        return listening;
    setClockRunning(m_options.clockRunning);
    qCInfo(lcSim) << "listening on" << url().toString();
    return {};
}

void Simulator::stop()
{
    m_tick->stop();
    m_server->close();
}

bool Simulator::isListening() const
{
    return m_server->isListening();
}

quint16 Simulator::port() const
{
    return m_server->port();
}

QUrl Simulator::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(u"/"_s);
    return url;
}

Credentials Simulator::demoCredentials()
{
    Credentials credentials;
    credentials.accessKeyId = u"AKIAHOOKDESKDEMO0001"_s;
    credentials.secretAccessKey = u"hookdesk/demo/not-a-secret/simulator-only00"_s;
    return credentials;
}

Credentials Simulator::randomCredentials()
{
    Credentials credentials;
    credentials.accessKeyId = SimAuthenticator::randomKeyId(u"AKIA"_s);
    credentials.secretAccessKey = SimAuthenticator::randomSecret();
    return credentials;
}

void Simulator::addCredentials(const Credentials& credentials)
{
    m_options.credentials.append(credentials);
    m_auth->addCredentials(credentials);
}

const SimulatorOptions& Simulator::options() const
{
    return m_options;
}

QDateTime Simulator::now() const
{
    return m_engine->now();
}

void Simulator::advance(double seconds)
{
    m_engine->advance(seconds);
}

void Simulator::tick()
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 elapsed = m_lastTickMs ? nowMs - m_lastTickMs : kTickMs;
    m_lastTickMs = nowMs;
    m_engine->advance(double(elapsed) / 1000.0 * m_options.timeScale);
}

void Simulator::setTimeScale(double simulatedSecondsPerSecond)
{
    m_options.timeScale = qMax(0.0, simulatedSecondsPerSecond);
}

double Simulator::timeScale() const
{
    return m_options.timeScale;
}

void Simulator::setClockRunning(bool running)
{
    m_options.clockRunning = running;
    m_lastTickMs = 0;
    if (running && isListening())
        m_tick->start();
    else if (!running)
        m_tick->stop();
}

void Simulator::setFaults(const SimFaults& faults)
{
    m_options.faults = faults;
    m_faults->setFaults(faults);
}

SimFaults Simulator::faults() const
{
    return m_faults->faults();
}

void Simulator::injectFault(SimFault fault, int count)
{
    m_faults->inject(fault, count);
}

void Simulator::injectFault(SimFault fault, int count, const QString& action)
{
    m_faults->inject(fault, count, action);
}

QStringList Simulator::groupNames() const
{
    QStringList names;
    for (const SimGroup* group : m_engine->groups())
        names.append(group->name);
    return names;
}

QList<SimInstanceInfo> Simulator::instances(const QString& groupName) const
{
    QList<SimInstanceInfo> out;
    for (const SimInstance* instance : m_engine->allInstances()) {
        if (!groupName.isEmpty() && instance->groupName != groupName)
            continue;
        out.append({ instance->id, instance->groupName, instance->state.toString(), instance->availabilityZone,
            instance->launchTime });
    }
    return out;
}

QString Simulator::lifecycleState(const QString& instanceId) const
{
    const SimInstance* instance = m_engine->instance(instanceId);
    return instance ? instance->state.toString() : QString();
}

QList<SimPendingAction> Simulator::pendingActions(const QString& groupName) const
{
    return m_engine->pendingActions(groupName);
}

QStringList Simulator::pendingTokens(const QString& instanceId) const
{
    QStringList tokens;
    for (const SimPendingAction& action : m_engine->pendingActions({})) {
        if (instanceId.isEmpty() || action.instanceId == instanceId)
            tokens.append(action.token);
    }
    return tokens;
}

int Simulator::peakConcurrentRequests() const
{
    return m_server->peakRequestsInProgress();
}

void Simulator::resetPeakConcurrentRequests()
{
    m_server->resetPeakRequestsInProgress();
}

int Simulator::requestCount() const
{
    return m_api->requestCount() + m_ssoApi->requestCount();
}

QList<SimLedgerEntry> Simulator::ledger() const
{
    return m_api->ledger();
}

SimResult<void> Simulator::createGroup(const QString& name, int minSize, int maxSize, int desired)
{
    SimEngine::GroupSpec spec;
    spec.name = name;
    spec.minSize = minSize;
    spec.maxSize = maxSize;
    spec.desiredCapacity = desired;
    spec.launchTemplateName = u"hookdesk-sim"_s;
    spec.availabilityZones = QStringList { m_options.region + u"a"_s, m_options.region + u"b"_s };
    return m_engine->createGroup(spec);
}

SimResult<void> Simulator::putLifecycleHook(const QString& groupName, const QString& hookName,
    const QString& transition, int heartbeatTimeout, const QString& defaultResult)
{
    SimEngine::HookSpec hook;
    hook.groupName = groupName;
    hook.name = hookName;
    hook.transition = transition;
    hook.heartbeatTimeout = heartbeatTimeout;
    hook.defaultResult = defaultResult;
    return m_engine->putHook(hook);
}

SimResult<void> Simulator::setDesiredCapacity(const QString& groupName, int desired)
{
    return m_engine->setDesiredCapacity(groupName, desired);
}

void Simulator::setSsoApproval(SimSsoApproval approval)
{
    m_options.ssoApproval = approval;
    m_sso->setApproval(approval);
}

SimSsoApproval Simulator::ssoApproval() const
{
    return m_sso->approval();
}

bool Simulator::approveUserCode(const QString& userCode)
{
    return m_sso->approveUserCode(userCode);
}

bool Simulator::denyUserCode(const QString& userCode)
{
    return m_sso->denyUserCode(userCode);
}

QStringList Simulator::pendingUserCodes() const
{
    return m_sso->pendingUserCodes();
}

QStringList Simulator::ssoAccountIds() const
{
    QStringList ids;
    for (const SimSsoAccount& account : m_sso->accounts())
        ids.append(account.accountId);
    return ids;
}

int Simulator::ssoRequestCount() const
{
    return m_ssoApi->requestCount();
}

SimEngine& Simulator::engine()
{
    return *m_engine;
}
