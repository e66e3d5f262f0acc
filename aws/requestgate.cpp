#include "requestgate.h"

#include <QHash>
#include <QtGlobal>
#include <algorithm>

namespace {

int g_defaultLimit = 0; // 0: not set by the application

int limitFromEnvironment()
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue("HOOKDESK_MAX_IN_FLIGHT", &ok);
    return ok && value >= 1 && value <= RequestGate::MaxLimit ? value : RequestGate::BuiltInLimit;
}

} // namespace

RequestGate::RequestGate(int limit)
    : m_limit(std::clamp(limit, 1, MaxLimit))
{
}

bool RequestGate::enter(QObject* owner, Priority priority, std::function<void()> granted)
{
    // Nobody may overtake a waiter of the same or a higher priority.
    const bool ahead = std::any_of(
        m_waiting.cbegin(), m_waiting.cend(), [priority](const Waiter& waiter) { return waiter.priority >= priority; });
    if (m_inFlight < m_limit && !ahead) {
        ++m_inFlight;
        m_peak = std::max(m_peak, m_inFlight);
        return true;
    }
    // Behind every waiter of the same or a higher priority, ahead of the lower ones.
    const auto position = std::find_if(
        m_waiting.begin(), m_waiting.end(), [priority](const Waiter& waiter) { return waiter.priority < priority; });
    m_waiting.insert(position, Waiter { owner, priority, std::move(granted) });
    return false;
}

void RequestGate::leave()
{
    if (m_inFlight > 0)
        --m_inFlight;
    admit();
}

bool RequestGate::cancel(QObject* owner)
{
    const auto found = std::find_if(
        m_waiting.begin(), m_waiting.end(), [owner](const Waiter& waiter) { return waiter.owner == owner; });
    if (found == m_waiting.end())
        return false;
    m_waiting.erase(found);
    return true;
}

void RequestGate::setLimit(int limit)
{
    m_limit = std::clamp(limit, 1, MaxLimit);
    admit();
}

void RequestGate::admit()
{
    while (m_inFlight < m_limit && !m_waiting.isEmpty()) {
        Waiter next = m_waiting.takeFirst();
        if (!next.owner)
            continue; // gone without cancelling: nothing to send for it
        ++m_inFlight;
        m_peak = std::max(m_peak, m_inFlight);
        next.granted();
    }
}

std::shared_ptr<RequestGate> RequestGate::shared(const QString& key)
{
    static QHash<QString, std::weak_ptr<RequestGate>> registry;
    if (auto existing = registry.value(key).lock())
        return existing;
    auto gate = std::make_shared<RequestGate>(defaultLimit());
    registry.insert(key, gate);
    return gate;
}

int RequestGate::defaultLimit()
{
    return g_defaultLimit > 0 ? g_defaultLimit : limitFromEnvironment();
}

void RequestGate::setDefaultLimit(int limit)
{
    g_defaultLimit = limit > 0 ? std::clamp(limit, 1, MaxLimit) : 0;
}
