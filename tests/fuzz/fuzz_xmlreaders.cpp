// Fuzz target: every Auto Scaling and STS reader (aws/autoscalingxml.h) and the XML layer under them
// (aws/xmlnode.h) on arbitrary bytes, as a server, a proxy or a cut connection may send them. The streaming Auto
// Scaling readers must also give exactly what the tree-based ones they replaced give (treereaders.h).

#include "autoscalingxml.h"
#include "fuzzcheck.h"
#include "treereaders.h"
#include "xmlnode.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int SuccessStatus = 200;
constexpr int ClientErrorStatus = 400;
constexpr int ServerErrorStatus = 503;
// xmlnode.cpp keeps this much of an unreadable body in AwsError::bodyStart.
constexpr qsizetype BodyStartBytes = 256;
// An unreadable body's message is a sentence, the HTTP status, a short reason and the start of the body (120
// characters); it goes to a status bar and the CLI's JSON, so it must never grow with the body.
constexpr qsizetype MaxUnreadableMessage = 1024;
// xmlnode.cpp refuses elements nested deeper than this below the root.
constexpr int MaxDepth = 64;

const QString RequestIdHeader = u"request-id-from-header"_s;

void checkError(const AwsError& error, const QByteArray& body, int httpStatus)
{
    if (!error.isError())
        return;
    FUZZ_CHECK(error.kind == AwsError::Kind::Service || error.kind == AwsError::Kind::UnreadableBody);
    FUZZ_CHECK(error.httpStatus == httpStatus);
    // The one line a status bar or the CLI shows is never empty.
    FUZZ_CHECK(!error.toString().isEmpty());
    if (error.kind == AwsError::Kind::Service) {
        FUZZ_CHECK(!error.code.isEmpty()); // "HTTP<status>" when the body names none
        FUZZ_CHECK(error.bodyStart.isEmpty());
    } else {
        FUZZ_CHECK(!error.message.isEmpty());
        FUZZ_CHECK(error.bodyStart.size() <= BodyStartBytes);
        FUZZ_CHECK(body.startsWith(error.bodyStart));
        FUZZ_CHECK(error.message.size() <= MaxUnreadableMessage);
    }
}

void checkTree(const XmlNode& node, int depth)
{
    FUZZ_CHECK(depth <= MaxDepth);
    FUZZ_CHECK(!node.name.isEmpty());
    FUZZ_CHECK(node.text == node.text.trimmed());
    for (const XmlNode& child : node.children)
        checkTree(child, depth + 1);
}

void checkTimestamp(const QString& text)
{
    const QDateTime parsed = AwsXml::parseTimestamp(text);
    if (!parsed.isValid())
        return;
    FUZZ_CHECK(parsed.timeSpec() == Qt::UTC);
    // What it gives back, written as AWS writes timestamps, reads back the same (ISO 8601 has four-digit years).
    if (parsed.date().year() >= 1 && parsed.date().year() <= 9999)
        FUZZ_CHECK(AwsXml::parseTimestamp(parsed.toString(Qt::ISODateWithMs)) == parsed);
}

// What every reader shares: it is parseActionResult() for its action plus the reading of the result element.
template <typename T>
void checkResponse(const ParsedResponse<T>& response, const QByteArray& body, const AwsXml::Document& document,
    QLatin1StringView action)
{
    checkError(response.error, body, SuccessStatus);
    const AwsXml::ActionResult envelope = AwsXml::parseActionResult(body, SuccessStatus, action);
    checkError(envelope.error, body, SuccessStatus);
    FUZZ_CHECK(response.requestId == envelope.requestId);
    if (envelope.error.isError()) {
        FUZZ_CHECK(!response.ok());
        FUZZ_CHECK(response.error.kind == envelope.error.kind);
        FUZZ_CHECK(response.error.code == envelope.error.code);
    }
    if (document.error.isError())
        FUZZ_CHECK(response.error.kind == AwsError::Kind::UnreadableBody);
}

template <typename T> void checkSame(const ParsedResponse<T>& streamed, const ParsedResponse<T>& tree)
{
    const QString differences = TreeReaders::differences(streamed, tree);
    if (!differences.isEmpty())
        std::fprintf(stderr, "streaming and tree readers differ in %s\n", qPrintable(differences));
    FUZZ_CHECK(differences.isEmpty());
}

void checkAgainstTree(const QByteArray& body)
{
    for (const int status : { SuccessStatus, ServerErrorStatus }) {
        checkSame(AutoScalingXml::describeAutoScalingGroups(body, status),
            TreeReaders::describeAutoScalingGroups(body, status));
        checkSame(AutoScalingXml::describeAutoScalingInstances(body, status),
            TreeReaders::describeAutoScalingInstances(body, status));
        checkSame(
            AutoScalingXml::describeLifecycleHooks(body, status), TreeReaders::describeLifecycleHooks(body, status));
        checkSame(AutoScalingXml::describeLifecycleHookTypes(body, status),
            TreeReaders::describeLifecycleHookTypes(body, status));
        checkSame(AutoScalingXml::describeScalingActivities(body, status),
            TreeReaders::describeScalingActivities(body, status));
        checkSame(AutoScalingXml::emptyResult(body, "CompleteLifecycleAction"_L1, status),
            TreeReaders::emptyResult(body, "CompleteLifecycleAction"_L1, status));
    }
}

void checkAutoScalingReaders(const QByteArray& body, const AwsXml::Document& document)
{
    checkAgainstTree(body);
    const auto groups = AutoScalingXml::describeAutoScalingGroups(body);
    checkResponse(groups, body, document, "DescribeAutoScalingGroups"_L1);
    for (const AutoScalingGroup& group : groups.value) {
        FUZZ_CHECK(!group.createdTime.isValid() || group.createdTime.timeSpec() == Qt::UTC);
        FUZZ_CHECK(!group.availabilityZones.contains(QString()));
        // Instances listed inside a group belong to it even when their element does not say so.
        for (const GroupInstance& instance : group.instances)
            FUZZ_CHECK(group.name.isEmpty() || !instance.groupName.isEmpty());
    }

    checkResponse(
        AutoScalingXml::describeAutoScalingInstances(body), body, document, "DescribeAutoScalingInstances"_L1);
    checkResponse(AutoScalingXml::describeLifecycleHooks(body), body, document, "DescribeLifecycleHooks"_L1);

    const auto types = AutoScalingXml::describeLifecycleHookTypes(body);
    checkResponse(types, body, document, "DescribeLifecycleHookTypes"_L1);
    FUZZ_CHECK(!types.value.contains(QString()));

    const auto activities = AutoScalingXml::describeScalingActivities(body);
    checkResponse(activities, body, document, "DescribeScalingActivities"_L1);
    for (const ScalingActivity& activity : activities.value) {
        FUZZ_CHECK(!activity.startTime.isValid() || activity.startTime.timeSpec() == Qt::UTC);
        FUZZ_CHECK(!activity.endTime.isValid() || activity.endTime.timeSpec() == Qt::UTC);
    }

    for (const QLatin1StringView action : { "PutLifecycleHook"_L1, "DeleteLifecycleHook"_L1,
             "CompleteLifecycleAction"_L1, "RecordLifecycleActionHeartbeat"_L1 })
        checkResponse(AutoScalingXml::emptyResult(body, action), body, document, action);
}

void checkStsReaders(const QByteArray& body, const AwsXml::Document& document)
{
    const auto identity = StsXml::getCallerIdentity(body);
    checkResponse(identity, body, document, "GetCallerIdentity"_L1);
    if (identity.ok())
        FUZZ_CHECK(!identity.value.account.isEmpty() && !identity.value.arn.isEmpty());

    const auto role = StsXml::assumeRole(body);
    checkResponse(role, body, document, "AssumeRole"_L1);
    if (role.ok()) {
        FUZZ_CHECK(role.value.isValid() && role.value.isTemporary());
        return;
    }
    // A refused answer hands out no part of the credentials, and one that was an AssumeRoleResponse is not echoed
    // (its body holds the secret key and the session token).
    FUZZ_CHECK(role.value.secretAccessKey.isEmpty() && role.value.sessionToken.isEmpty());
    if (!document.error.isError() && document.root.name == "AssumeRoleResponse"_L1) {
        FUZZ_CHECK(role.error.bodyStart.isEmpty());
        for (const QLatin1StringView secretName : { "SecretAccessKey"_L1, "SessionToken"_L1 }) {
            const XmlNode* secret = document.root.find(secretName);
            if (secret && secret->text.size() >= 8)
                FUZZ_CHECK(!role.error.toString().contains(secret->text));
        }
    }
}

void checkErrorResponses(const QByteArray& body, const AwsXml::Document& document)
{
    // A non-2xx answer always gives an error, whatever its body.
    const AwsError withHeader = AwsXml::errorFromResponse(ClientErrorStatus, body, RequestIdHeader);
    FUZZ_CHECK(withHeader.isError());
    checkError(withHeader, body, ClientErrorStatus);
    if (withHeader.kind == AwsError::Kind::Service)
        FUZZ_CHECK(!withHeader.requestId.isEmpty()); // from the body, else from x-amzn-RequestId
    if (document.error.isError())
        FUZZ_CHECK(withHeader.kind == AwsError::Kind::UnreadableBody);

    const AwsError withoutHeader = AwsXml::errorFromResponse(ServerErrorStatus, body);
    FUZZ_CHECK(withoutHeader.isError());
    checkError(withoutHeader, body, ServerErrorStatus);
    FUZZ_CHECK(withoutHeader.kind == withHeader.kind);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Fuzz::pinTimeZoneWithDst();
    const QByteArray body = Fuzz::bytes(data, size);

    const AwsXml::Document document = AwsXml::parse(body, SuccessStatus);
    checkError(document.error, body, SuccessStatus);
    if (document.error.isError()) {
        FUZZ_CHECK(document.error.kind == AwsError::Kind::UnreadableBody);
        FUZZ_CHECK(document.root.isEmpty() && document.root.name.isEmpty());
    } else {
        checkTree(document.root, 0);
    }

    checkAutoScalingReaders(body, document);
    checkStsReaders(body, document);
    checkErrorResponses(body, document);
    checkTimestamp(QString::fromUtf8(body));
    return 0;
}
