#include "keepaliveregistry.h"

#include "keepalive.h"

using namespace Qt::StringLiterals;

namespace {

QString keyOf(const QString& groupName, const QString& instanceId)
{
    return groupName + u'/' + instanceId;
}

} // namespace

KeepAliveRegistry::KeepAliveRegistry(ActionController* controller, InventoryStore* store, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_store(store)
{
}

KeepAliveRegistry::~KeepAliveRegistry()
{
    // Quietly: whoever listens is going away too.
    blockSignals(true);
    stopAll();
}

KeepAlive* KeepAliveRegistry::start(const LifecycleActionTarget& target, const QDateTime& until)
{
    stop(target.groupName, target.instanceId);
    auto* keepAlive = new KeepAlive(m_controller, m_store, target, until, this);
    keepAlive->setTimeScale(m_timeScale);
    const QString key = keepAlive->key();
    m_running.insert(key, keepAlive);
    connect(keepAlive, &KeepAlive::finished, this, [this, key](KeepAlive* ended) {
        if (m_running.value(key) == ended)
            m_running.remove(key);
        Q_EMIT keepAliveFinished(ended);
        Q_EMIT changed(ended->target().groupName, ended->target().instanceId);
        ended->deleteLater();
    });
    keepAlive->start();
    Q_EMIT changed(target.groupName, target.instanceId);
    return keepAlive;
}

void KeepAliveRegistry::stop(const QString& groupName, const QString& instanceId)
{
    if (KeepAlive* keepAlive = m_running.value(keyOf(groupName, instanceId)))
        keepAlive->stop();
}

void KeepAliveRegistry::stopAll()
{
    const QList<KeepAlive*> running = m_running.values();
    for (KeepAlive* keepAlive : running)
        keepAlive->stop();
}

KeepAlive* KeepAliveRegistry::find(const QString& groupName, const QString& instanceId) const
{
    KeepAlive* keepAlive = m_running.value(keyOf(groupName, instanceId));
    return keepAlive && !keepAlive->isFinished() ? keepAlive : nullptr;
}

QDateTime KeepAliveRegistry::keptAliveUntil(const QString& groupName, const QString& instanceId) const
{
    const KeepAlive* keepAlive = find(groupName, instanceId);
    return keepAlive ? keepAlive->until() : QDateTime();
}

int KeepAliveRegistry::runningCount() const
{
    return int(std::count_if(
        m_running.cbegin(), m_running.cend(), [](const KeepAlive* keepAlive) { return !keepAlive->isFinished(); }));
}
