#pragma once

#include "simauth.h"
#include "simengine.h"
#include "simhttpserver.h"
#include "simulator.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QXmlStreamWriter>
#include <functional>

class SimFaultInjector;

// Decoded Query parameters (form body and URL query merged) with the service's validation messages.
class SimParams {
public:
    explicit SimParams(const QHash<QString, QString>& values)
        : m_values(values)
    {
    }
    bool has(const QString& name) const { return m_values.contains(name); }
    QString value(const QString& name) const { return m_values.value(name); }
    // Name.member.1, Name.member.2, … in order; stops at the first gap.
    QStringList list(const QString& name) const;
    // An optional integer or boolean: nullopt when absent, MalformedInput when it does not parse.
    SimResult<std::optional<int>> integer(const QString& name) const;
    SimResult<std::optional<bool>> boolean(const QString& name) const;
    // "1 validation error detected: Value null at 'x' failed to satisfy constraint: Member must not be null"
    SimResult<void> require(const QStringList& names) const;

    static QHash<QString, QString> decodeForm(const QByteArray& form);

private:
    QHash<QString, QString> m_values;
};

// The Query protocol front: faults, authentication, dispatch by Action, XML envelopes.
class SimQueryApi {
public:
    SimQueryApi(SimEngine& engine, SimAuthenticator& auth, SimFaultInjector& faults, SimulatorOptions options);

    SimHttpResponse handle(const SimHttpRequest& request, QString* action);
    int requestCount() const { return m_requests; }
    const QList<SimLedgerEntry>& ledger() const { return m_ledger; }
    QDateTime serverNow() const; // real UTC plus the injected clock skew

    // For the per-service handlers (simautoscalingapi.cpp, simstsapi.cpp).
    using Body = std::function<void(QXmlStreamWriter&)>;
    struct Reply {
        Body result; // writes the children of <OpResult>; empty for operations without output
        bool hasResult = true;
    };
    using Answer = SimResult<Reply>;

private:
    SimHttpResponse answer(const SimHttpRequest& request, QString* action, std::optional<SimFault> fault);
    // The ledger entry for a mutating request about to be dispatched (nullopt for a read); the token's instance
    // is looked up before the action settles it.
    std::optional<SimLedgerEntry> ledgerEntryFor(const QString& action, const SimParams& params) const;
    Answer dispatchAutoScaling(const QString& action, const SimParams& params);
    Answer dispatchSts(const QString& action, const SimParams& params, const SimCaller& caller);
    SimHttpResponse envelope(const QString& action, const Answer& answer, const QString& ns) const;
    SimHttpResponse errorResponse(const SimError& error, const QString& ns) const;
    SimHttpResponse baseResponse(int status) const;

    // Auto Scaling operations.
    Answer createGroup(const SimParams& p);
    Answer updateGroup(const SimParams& p);
    Answer deleteGroup(const SimParams& p);
    Answer setDesiredCapacity(const SimParams& p);
    Answer terminateInstance(const SimParams& p);
    Answer setInstanceProtection(const SimParams& p); // simautoscalingremedy.cpp
    Answer setInstanceHealth(const SimParams& p); // simautoscalingremedy.cpp
    Answer enterStandby(const SimParams& p); // simautoscalingremedy.cpp
    Answer exitStandby(const SimParams& p); // simautoscalingremedy.cpp
    Answer putWarmPool(const SimParams& p); // simautoscalingwarmpool.cpp
    Answer describeWarmPool(const SimParams& p);
    Answer deleteWarmPool(const SimParams& p);
    // Instance refreshes (simautoscalingrefresh.cpp).
    Answer startInstanceRefresh(const SimParams& p);
    Answer describeInstanceRefreshes(const SimParams& p);
    Answer cancelInstanceRefresh(const SimParams& p);
    Answer rollbackInstanceRefresh(const SimParams& p);
    Answer describeGroups(const SimParams& p);
    Answer describeInstances(const SimParams& p);
    Answer describeActivities(const SimParams& p);
    Answer describeHookTypes(const SimParams& p);
    Answer putHook(const SimParams& p);
    Answer describeHooks(const SimParams& p);
    Answer deleteHook(const SimParams& p);
    Answer completeAction(const SimParams& p, bool heartbeat);
    // STS operations.
    Answer getCallerIdentity(const SimCaller& caller);
    Answer assumeRole(const SimParams& p);
    Answer getSessionToken(const SimParams& p, const SimCaller& caller);
    Answer assumeRoleWithWebIdentity(const SimParams& p);

    SimEngine& m_engine;
    SimAuthenticator& m_auth;
    SimFaultInjector& m_faults;
    SimulatorOptions m_options;
    int m_requests = 0;
    QList<SimLedgerEntry> m_ledger;
};

// Shared by the per-service handler files.
namespace SimApiDetail {
SimQueryApi::Answer fail(const SimError& error);
// An Activity's fields inside `element` (<member> in lists, <Activity> in TerminateInstanceInAutoScalingGroup).
void writeActivity(QXmlStreamWriter& w, const SimActivity& a, const QString& element);
// One <member> of Instances (inside a group, or DescribeWarmPool's) or AutoScalingInstances (with the group name).
void writeInstance(QXmlStreamWriter& w, const SimInstance& i, const SimGroup& g, bool withGroupName);
// <WarmPoolConfiguration> (DescribeAutoScalingGroups and DescribeWarmPool).
void writeWarmPoolConfiguration(QXmlStreamWriter& w, const SimWarmPool& pool);
// MaxRecords (1..max, default given) and NextToken applied to `total` items of one listing kind.
struct Page {
    qsizetype offset = 0;
    qsizetype end = 0;
    QString next;
};
SimResult<Page> paginate(const SimParams& p, const QString& kind, qsizetype total, int defaultSize, int max);
} // namespace SimApiDetail

namespace SimXml {
void text(QXmlStreamWriter& w, const QString& name, const QString& value); // skipped when value is null
void number(QXmlStreamWriter& w, const QString& name, qint64 value);
void boolean(QXmlStreamWriter& w, const QString& name, bool value);
void time(QXmlStreamWriter& w, const QString& name, const QDateTime& value); // skipped when invalid
void list(QXmlStreamWriter& w, const QString& name, const QStringList& members);
// Pagination tokens: opaque to clients, validated on the way back in ("The token 'x' is invalid.").
QString pageToken(const QString& kind, qsizetype offset);
std::optional<qsizetype> pageOffset(const QString& kind, const QString& token);
} // namespace SimXml
