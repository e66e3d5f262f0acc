#include "simqueryapi.h"

#include "simfaultinjector.h"
#include "simlogging.h"

#include <QLocale>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
const QString kAutoScalingNs = u"http://autoscaling.amazonaws.com/doc/2011-01-01/"_s;
const QString kStsNs = u"https://sts.amazonaws.com/doc/2011-06-15/"_s;

bool isStsAction(const QString& action)
{
    return action == u"GetCallerIdentity" || action == u"AssumeRole" || action == u"GetSessionToken"
        || action == u"AssumeRoleWithWebIdentity";
}

QByteArray httpDate(const QDateTime& utc)
{
    return QLocale::c().toString(utc.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

QString camel(const QString& name)
{
    // The service names members lower-camel in validation messages: AutoScalingGroupName -> autoScalingGroupName.
    return name.isEmpty() ? name : name.left(1).toLower() + name.mid(1);
}
} // namespace

// ---- parameters -----------------------------------------------------------------------------------------

QHash<QString, QString> SimParams::decodeForm(const QByteArray& form)
{
    QHash<QString, QString> out;
    for (const QByteArray& pair : form.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        out.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
            QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return out;
}

QStringList SimParams::list(const QString& name) const
{
    QStringList out;
    for (int i = 1;; ++i) {
        const QString key = name + u".member."_s + QString::number(i);
        if (!m_values.contains(key))
            break;
        out.append(m_values.value(key));
    }
    return out;
}

SimResult<std::optional<int>> SimParams::integer(const QString& name) const
{
    if (!m_values.contains(name))
        return std::optional<int>();
    bool ok = false;
    const int value = m_values.value(name).toInt(&ok);
    if (!ok) {
        return SimError { u"MalformedInput"_s,
            u"Value '%1' for parameter %2 is not a valid integer"_s.arg(m_values.value(name), name) };
    }
    return std::optional<int>(value);
}

SimResult<std::optional<bool>> SimParams::boolean(const QString& name) const
{
    if (!m_values.contains(name))
        return std::optional<bool>();
    const QString value = m_values.value(name).toLower();
    if (value == u"true" || value == u"false")
        return std::optional<bool>(value == u"true");
    return SimError { u"MalformedInput"_s,
        u"Value '%1' for parameter %2 is not a valid boolean"_s.arg(m_values.value(name), name) };
}

SimResult<void> SimParams::require(const QStringList& names) const
{
    QStringList missing;
    for (const QString& name : names) {
        if (!m_values.contains(name))
            missing.append(
                u"Value null at '%1' failed to satisfy constraint: Member must not be null"_s.arg(camel(name)));
    }
    if (missing.isEmpty())
        return {};
    return SimError::validation(u"%1 validation error%2 detected: %3"_s.arg(missing.size())
                                    .arg(missing.size() > 1 ? u"s"_s : QString(), missing.join(u"; "_s)));
}

// ---- XML helpers ----------------------------------------------------------------------------------------

void SimXml::text(QXmlStreamWriter& w, const QString& name, const QString& value)
{
    if (!value.isNull())
        w.writeTextElement(name, value);
}

void SimXml::number(QXmlStreamWriter& w, const QString& name, qint64 value)
{
    w.writeTextElement(name, QString::number(value));
}

void SimXml::boolean(QXmlStreamWriter& w, const QString& name, bool value)
{
    w.writeTextElement(name, value ? u"true"_s : u"false"_s);
}

void SimXml::time(QXmlStreamWriter& w, const QString& name, const QDateTime& value)
{
    if (value.isValid())
        w.writeTextElement(name, SimTime::iso(value));
}

void SimXml::list(QXmlStreamWriter& w, const QString& name, const QStringList& members)
{
    if (members.isEmpty()) {
        w.writeEmptyElement(name);
        return;
    }
    w.writeStartElement(name);
    for (const QString& member : members)
        w.writeTextElement(u"member"_s, member);
    w.writeEndElement();
}

QString SimXml::pageToken(const QString& kind, qsizetype offset)
{
    return QString::fromLatin1(
        (kind + u':' + QString::number(offset)).toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

std::optional<qsizetype> SimXml::pageOffset(const QString& kind, const QString& token)
{
    const QByteArray decoded = QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
    const QString text = QString::fromUtf8(decoded);
    if (!text.startsWith(kind + u':'))
        return std::nullopt;
    bool ok = false;
    const qsizetype offset = text.mid(kind.size() + 1).toLongLong(&ok);
    if (!ok || offset < 0)
        return std::nullopt;
    return offset;
}

// ---- front ----------------------------------------------------------------------------------------------

SimQueryApi::SimQueryApi(SimEngine& engine, SimAuthenticator& auth, SimFaultInjector& faults, SimulatorOptions options)
    : m_engine(engine)
    , m_auth(auth)
    , m_faults(faults)
    , m_options(std::move(options))
{
}

QDateTime SimQueryApi::serverNow() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_faults.clockSkewSeconds());
}

SimHttpResponse SimQueryApi::baseResponse(int status) const
{
    SimHttpResponse response;
    response.status = status;
    response.delayMs = m_faults.latencyMs();
    response.headers.emplaceBack("Date", httpDate(serverNow()));
    return response;
}

SimHttpResponse SimQueryApi::errorResponse(const SimError& error, const QString& ns) const
{
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    SimHttpResponse response = baseResponse(error.httpStatus);
    response.headers.emplaceBack("x-amzn-RequestId", requestId.toLatin1());
    response.headers.emplaceBack("Content-Type", "text/xml");
    QXmlStreamWriter w(&response.body);
    w.writeStartElement(u"ErrorResponse"_s);
    w.writeDefaultNamespace(ns);
    w.writeStartElement(u"Error"_s);
    w.writeTextElement(u"Type"_s, error.receiverFault ? u"Receiver"_s : u"Sender"_s);
    w.writeTextElement(u"Code"_s, error.code);
    w.writeTextElement(u"Message"_s, error.message);
    w.writeEndElement();
    w.writeTextElement(u"RequestId"_s, requestId);
    w.writeEndElement();
    response.body += '\n';
    return response;
}

SimHttpResponse SimQueryApi::envelope(const QString& action, const Answer& answer, const QString& ns) const
{
    if (!answer)
        return errorResponse(answer.error(), ns);
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    SimHttpResponse response = baseResponse(200);
    response.headers.emplaceBack("x-amzn-RequestId", requestId.toLatin1());
    response.headers.emplaceBack("Content-Type", "text/xml");
    QXmlStreamWriter w(&response.body);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    w.writeStartElement(action + u"Response"_s);
    w.writeDefaultNamespace(ns);
    if (answer->hasResult) {
        w.writeStartElement(action + u"Result"_s);
        if (answer->result)
            answer->result(w);
        w.writeEndElement();
    }
    w.writeStartElement(u"ResponseMetadata"_s);
    w.writeTextElement(u"RequestId"_s, requestId);
    w.writeEndElement();
    w.writeEndElement();
    response.body += '\n';
    return response;
}

SimHttpResponse SimQueryApi::handle(const SimHttpRequest& request, QString* actionOut)
{
    ++m_requests;
    // The action is read ahead (answer() decodes the whole request) so that a test can aim a fault at one action.
    QString action = SimParams::decodeForm(request.query).value(u"Action"_s);
    if (action.isEmpty() && request.method == "POST")
        action = SimParams::decodeForm(request.body).value(u"Action"_s);
    const std::optional<SimFault> fault = m_faults.next(action);
    if (fault == SimFault::Drop) {
        SimHttpResponse dropped;
        dropped.delivery = SimHttpResponse::Delivery::Drop;
        dropped.delayMs = m_faults.latencyMs();
        return dropped;
    }
    const qsizetype applied = m_ledger.size();
    SimHttpResponse response = answer(request, actionOut, fault);
    // Any answer may be cut short, errors included: a proxy does not care what it truncates.
    if (fault == SimFault::Truncate)
        response.delivery = SimHttpResponse::Delivery::Truncate;
    else if (fault == SimFault::DropAfterApplying)
        response.delivery = SimHttpResponse::Delivery::Drop;
    if (m_ledger.size() > applied
        && (fault == SimFault::Truncate || fault == SimFault::DropAfterApplying
            || fault == SimFault::ServerErrorAfterApplying))
        m_ledger.last().answerLost = true;
    return response;
}

SimHttpResponse SimQueryApi::answer(const SimHttpRequest& request, QString* actionOut, std::optional<SimFault> fault)
{
    QHash<QString, QString> values = SimParams::decodeForm(request.query);
    if (request.method == "POST") {
        const QHash<QString, QString> form = SimParams::decodeForm(request.body);
        for (auto it = form.cbegin(); it != form.cend(); ++it)
            values.insert(it.key(), it.value());
    }
    const SimParams params(values);
    const QString action = params.value(u"Action"_s);
    if (actionOut)
        *actionOut = action;
    const QString ns = isStsAction(action) ? kStsNs : kAutoScalingNs;

    if (fault == SimFault::ServerError)
        return errorResponse(
            { u"InternalFailure"_s, u"We encountered an internal error. Please try again."_s, 500, true }, ns);
    if (fault == SimFault::Unavailable)
        return errorResponse({ u"ServiceUnavailable"_s, u"Service is unable to handle request."_s, 503, true }, ns);
    if (fault == SimFault::Throttle)
        return errorResponse({ u"Throttling"_s, u"Rate exceeded"_s, 400, false }, ns);

    if (request.method != "POST" && request.method != "GET")
        return errorResponse(
            { u"InvalidAction"_s, u"Method %1 is not allowed."_s.arg(QString::fromLatin1(request.method)), 405 }, ns);

    SimCaller caller;
    // STS takes AssumeRoleWithWebIdentity unsigned, as AWS does: the token is the proof of identity.
    if (m_auth.enabled() && action != u"AssumeRoleWithWebIdentity") {
        const SimResult<SimCaller> verified = m_auth.verify(request, serverNow(), m_engine.now());
        if (!verified)
            return errorResponse(verified.error(), ns);
        caller = *verified;
    } else {
        caller.accessKeyId = u"AKIAANONYMOUS0000000"_s;
        caller.arn = u"arn:aws:iam::%1:user/%2"_s.arg(m_options.accountId, m_options.userName);
        caller.userId = u"AIDAANONYMOUS0000000"_s;
    }
    if (action.isEmpty())
        return errorResponse({ u"MissingAction"_s, u"Missing Action"_s }, ns);
    if (fault == SimFault::ResourceContention && !isStsAction(action)) {
        // The service's answer while an earlier change to the same resource is still being applied: nothing done.
        return errorResponse(
            { u"ResourceContention"_s,
                u"You already have a pending update to an Auto Scaling resource (for example, a group, instance, or load balancer)."_s,
                500 },
            ns);
    }

    std::optional<SimLedgerEntry> applied = ledgerEntryFor(action, params);
    const Answer answer
        = isStsAction(action) ? dispatchSts(action, params, caller) : dispatchAutoScaling(action, params);
    SimHttpResponse response = envelope(action, answer, ns);
    if (answer && applied) {
        for (const auto& [name, value] : std::as_const(response.headers)) {
            if (name == "x-amzn-RequestId")
                applied->requestId = QString::fromLatin1(value);
        }
        m_ledger.append(*applied);
    }
    qCDebug(lcSim) << action << response.status;
    if (fault == SimFault::ServerErrorAfterApplying)
        return errorResponse(
            { u"InternalFailure"_s, u"We encountered an internal error. Please try again."_s, 500, true }, ns);
    return response;
}

std::optional<SimLedgerEntry> SimQueryApi::ledgerEntryFor(const QString& action, const SimParams& params) const
{
    static const QStringList kMutating { u"CreateAutoScalingGroup"_s, u"UpdateAutoScalingGroup"_s,
        u"DeleteAutoScalingGroup"_s, u"SetDesiredCapacity"_s, u"TerminateInstanceInAutoScalingGroup"_s,
        u"SetInstanceProtection"_s, u"PutLifecycleHook"_s, u"DeleteLifecycleHook"_s, u"CompleteLifecycleAction"_s,
        u"RecordLifecycleActionHeartbeat"_s, u"SetInstanceHealth"_s, u"EnterStandby"_s, u"ExitStandby"_s,
        u"StartInstanceRefresh"_s, u"CancelInstanceRefresh"_s, u"RollbackInstanceRefresh"_s };
    if (!kMutating.contains(action))
        return std::nullopt;
    SimLedgerEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.action = action;
    entry.group = params.value(u"AutoScalingGroupName"_s);
    entry.hook = params.value(u"LifecycleHookName"_s);
    entry.instanceId = params.value(u"InstanceId"_s);
    entry.token = params.value(u"LifecycleActionToken"_s);
    entry.result = params.value(u"LifecycleActionResult"_s);
    if (entry.instanceId.isEmpty() && !entry.token.isEmpty()) {
        for (const SimPendingAction& pending : m_engine.pendingActions(entry.group)) {
            if (pending.token == entry.token)
                entry.instanceId = pending.instanceId;
        }
    }
    return entry;
}
