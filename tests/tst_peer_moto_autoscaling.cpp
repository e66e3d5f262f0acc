// The Auto Scaling client against moto with authentication on: every call is SigV4-signed by Hookdesk and verified
// by moto; the values read back are the ones boto3 seeded or moto reports through boto3.
#include "autoscalingclient.h"
#include "credentialprovider.h"
#include "motoserver.h"
#include "queryclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int BulkGroups = 105;

// Waits for a job (it must not auto-delete) and returns whether it finished.
bool wait(AwsJob* job, int timeoutMs = 30000)
{
    if (job->isFinished())
        return true;
    QSignalSpy spy(job, &AwsJob::finished);
    return spy.wait(timeoutMs);
}

template <typename Job> std::unique_ptr<Job> run(Job* job)
{
    job->setAutoDelete(false);
    std::unique_ptr<Job> owned(job);
    wait(owned.get());
    return owned;
}

} // namespace

class TestPeerMotoAutoScaling : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void describeGroupsAcrossPages();
    void describeGroupsByNameInChunks();
    void describeGroupsByTagFilter();
    void describeInstances();
    void describeLifecycleHooks();
    void putAndDeleteLifecycleHook();
    void describeScalingActivities();
    void completeLifecycleActionHtml500IsUnreadableBody();
    void heartbeatHtml500IsUnreadableBody();
    void describeLifecycleHookTypesUnimplemented();
    void wrongSecretIsSignatureDoesNotMatch();
    void invalidInputSendsNothing();

private:
    QJsonValue boto(const QString& snippet);

    MotoServer m_moto;
    QJsonObject m_seed;
    QNetworkAccessManager m_network;
    std::unique_ptr<StaticCredentialProvider> m_provider;
    std::unique_ptr<QueryClient> m_query;
    std::unique_ptr<AutoScalingClient> m_client;
};

QJsonValue TestPeerMotoAutoScaling::boto(const QString& snippet)
{
    QString error;
    const QJsonValue value = m_moto.runBoto3(snippet, &error);
    if (value.isUndefined())
        qWarning("%s", qPrintable(error));
    return value;
}

void TestPeerMotoAutoScaling::initTestCase()
{
    if (!m_moto.start())
        QSKIP(qPrintable(m_moto.errorString()));
    m_provider = std::make_unique<StaticCredentialProvider>(m_moto.credentials());
    m_query = std::make_unique<QueryClient>(&m_network, m_moto.endpoint(MotoServer::AutoScaling), m_provider.get());
    m_query->setRetryBaseDelay(10);
    m_client = std::make_unique<AutoScalingClient>(m_query.get());

    const QJsonValue seeded = boto(uR"(
asg = client("autoscaling")
lt = ensure_launch_template()
asg.create_auto_scaling_group(AutoScalingGroupName="web-blue", LaunchTemplate={"LaunchTemplateName": lt},
    MinSize=2, MaxSize=4, DesiredCapacity=2, AvailabilityZones=["us-east-1a"],
    Tags=[{"Key": "Env", "Value": "prod", "PropagateAtLaunch": True}])
asg.create_auto_scaling_group(AutoScalingGroupName="web-green", LaunchTemplate={"LaunchTemplateName": lt},
    MinSize=1, MaxSize=2, DesiredCapacity=1, AvailabilityZones=["us-east-1b"],
    Tags=[{"Key": "Env", "Value": "staging", "PropagateAtLaunch": False}])
for i in range(%1):
    asg.create_auto_scaling_group(AutoScalingGroupName="bulk-%03d" % i, LaunchTemplate={"LaunchTemplateName": lt},
        MinSize=0, MaxSize=1, DesiredCapacity=0, AvailabilityZones=["us-east-1a"])
asg.put_lifecycle_hook(AutoScalingGroupName="web-blue", LifecycleHookName="warm-up",
    LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout=600, DefaultResult="CONTINUE",
    NotificationTargetARN="arn:aws:sqs:us-east-1:123456789012:hooks", RoleARN="arn:aws:iam::123456789012:role/hooks")
asg.put_lifecycle_hook(AutoScalingGroupName="web-blue", LifecycleHookName="drain",
    LifecycleTransition="autoscaling:EC2_INSTANCE_TERMINATING", HeartbeatTimeout=7200, DefaultResult="ABANDON")
# What moto holds, as boto3 reads it: the tests compare Hookdesk's reading with these.
g = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["web-blue"])["AutoScalingGroups"][0]
both = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["web-blue", "web-green"])["AutoScalingGroups"]
hook = asg.describe_lifecycle_hooks(AutoScalingGroupName="web-blue", LifecycleHookNames=["warm-up"])["LifecycleHooks"][0]
result = {
    "firstPage": len(asg.describe_auto_scaling_groups(MaxRecords=100)["AutoScalingGroups"]),
    "webBlueArn": g["AutoScalingGroupARN"],
    "webBlueInstances": sorted(i["InstanceId"] for i in g["Instances"]),
    "instances": sorted(i["InstanceId"] for x in both for i in x["Instances"]),
    "hookArns": [hook["NotificationTargetARN"], hook["RoleARN"]],
    "activities": len(asg.describe_scaling_activities(AutoScalingGroupName="web-blue")["Activities"]),
}
)"_s.arg(BulkGroups));
    m_seed = seeded.toObject();
    QCOMPARE(m_seed.value(u"firstPage"_s).toInt(), 100); // boto3 sees a first page of 100 too
}

void TestPeerMotoAutoScaling::describeGroupsAcrossPages()
{
    const int before = m_query->requestsSent();
    DescribeGroupsRequest request;
    request.maxRecords = 50;
    auto job = run(m_client->describeAutoScalingGroups(request));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().size(), BulkGroups + 2);
    QCOMPARE(m_query->requestsSent() - before, 3); // 50 + 50 + 7
    QSet<QString> names;
    for (const AutoScalingGroup& group : job->result())
        names.insert(group.name);
    QCOMPARE(names.size(), BulkGroups + 2); // no page read twice
    QVERIFY(names.contains(u"bulk-104"_s));
    QVERIFY(names.contains(u"web-green"_s));

    // Default page size (100): two pages.
    const int before2 = m_query->requestsSent();
    auto all = run(m_client->describeAutoScalingGroups());
    QVERIFY(!all->hasError());
    QCOMPARE(all->result().size(), BulkGroups + 2);
    QCOMPARE(m_query->requestsSent() - before2, 2);
}

void TestPeerMotoAutoScaling::describeGroupsByNameInChunks()
{
    DescribeGroupsRequest request;
    for (int i = 0; i < 60; ++i)
        request.groupNames << u"bulk-%1"_s.arg(i, 3, 10, QChar(u'0'));
    request.groupNames << u"web-blue"_s;
    const int before = m_query->requestsSent();
    auto job = run(m_client->describeAutoScalingGroups(request));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().size(), 61);
    QCOMPARE(m_query->requestsSent() - before, 1); // 61 names in one call: MaxRecords 100 allows up to 100

    const auto web = std::find_if(job->result().cbegin(), job->result().cend(),
        [](const AutoScalingGroup& group) { return group.name == u"web-blue"_s; });
    QVERIFY(web != job->result().cend());
    QCOMPARE(web->arn, m_seed.value(u"webBlueArn"_s).toString());
    QCOMPARE(web->minSize, 2);
    QCOMPARE(web->maxSize, 4);
    QCOMPARE(web->desiredCapacity, 2);
    QCOMPARE(web->availabilityZones, QStringList { u"us-east-1a"_s });
    QCOMPARE(web->tags.size(), 1);
    QCOMPARE(web->tags.at(0), (Tag { u"Env"_s, u"prod"_s, true }));
    QStringList ids;
    for (const GroupInstance& instance : web->instances) {
        ids << instance.instanceId;
        QCOMPARE(instance.groupName, u"web-blue"_s);
        QCOMPARE(instance.lifecycleState, u"InService"_s);
        QCOMPARE(instance.launchTemplateName, u"hookdesk-lt"_s);
    }
    ids.sort();
    QCOMPARE(QJsonArray::fromStringList(ids), m_seed.value(u"webBlueInstances"_s).toArray());
    QVERIFY(web->createdTime.isValid());
    QVERIFY(std::abs(web->createdTime.secsTo(QDateTime::currentDateTimeUtc())) < 600);
}

void TestPeerMotoAutoScaling::describeGroupsByTagFilter()
{
    DescribeGroupsRequest request;
    request.filters = { { u"tag:Env"_s, { u"prod"_s } } };
    auto job = run(m_client->describeAutoScalingGroups(request));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().size(), 1);
    QCOMPARE(job->result().at(0).name, u"web-blue"_s);

    request.filters = { { u"tag:Env"_s, { u"prod"_s, u"staging"_s } } };
    auto both = run(m_client->describeAutoScalingGroups(request));
    QVERIFY(!both->hasError());
    QCOMPARE(both->result().size(), 2);

    request.filters = { { u"tag-key"_s, { u"NoSuchKey"_s } } };
    auto none = run(m_client->describeAutoScalingGroups(request));
    QVERIFY(!none->hasError());
    QVERIFY(none->result().isEmpty());
}

void TestPeerMotoAutoScaling::describeInstances()
{
    const QJsonArray ids = m_seed.value(u"instances"_s).toArray();
    QCOMPARE(ids.size(), 3);
    QStringList wanted;
    for (const auto& id : ids)
        wanted << id.toString();
    auto job = run(m_client->describeAutoScalingInstances(wanted));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().size(), 3);
    QStringList got;
    int inGreen = 0;
    for (const GroupInstance& instance : job->result()) {
        got << instance.instanceId;
        inGreen += instance.groupName == u"web-green"_s;
        QCOMPARE(instance.instanceType, u"t3.micro"_s);
        QCOMPARE(instance.healthStatus.toLower(), u"healthy"_s);
    }
    got.sort();
    QCOMPARE(got, wanted);
    QCOMPARE(inGreen, 1);
}

void TestPeerMotoAutoScaling::describeLifecycleHooks()
{
    auto job = run(m_client->describeLifecycleHooks(u"web-blue"_s));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().size(), 2);
    const auto find = [&](const QString& name) {
        return *std::find_if(
            job->result().cbegin(), job->result().cend(), [&](const LifecycleHook& hook) { return hook.name == name; });
    };
    const LifecycleHook warmUp = find(u"warm-up"_s);
    QCOMPARE(warmUp.groupName, u"web-blue"_s);
    QVERIFY(warmUp.isLaunching());
    QCOMPARE(warmUp.heartbeatTimeout, 600);
    QCOMPARE(warmUp.defaultResult, u"CONTINUE"_s);
    // moto 5 keeps fixed NotificationTargetARN / RoleARN values for every hook: compare with what it tells boto3.
    const QJsonArray arns = m_seed.value(u"hookArns"_s).toArray();
    QCOMPARE(warmUp.notificationTargetArn, arns.at(0).toString());
    QCOMPARE(warmUp.roleArn, arns.at(1).toString());
    QVERIFY(warmUp.notificationTargetArn.startsWith(u"arn:aws:sqs:"_s));
    const LifecycleHook drain = find(u"drain"_s);
    QCOMPARE(drain.transition, QLatin1String(LifecycleTransition::Terminating));
    QCOMPARE(drain.heartbeatTimeout, 7200);
    QCOMPARE(drain.defaultResult, u"ABANDON"_s);

    auto named = run(m_client->describeLifecycleHooks(u"web-blue"_s, { u"drain"_s }));
    QVERIFY(!named->hasError());
    QCOMPARE(named->result().size(), 1);
    QCOMPARE(named->result().at(0).name, u"drain"_s);

    auto none = run(m_client->describeLifecycleHooks(u"web-green"_s));
    QVERIFY(!none->hasError());
    QVERIFY(none->result().isEmpty());
}

void TestPeerMotoAutoScaling::putAndDeleteLifecycleHook()
{
    PutLifecycleHookRequest request;
    request.groupName = u"web-green"_s;
    request.hookName = u"team/register_dns"_s;
    request.transition = QLatin1String(LifecycleTransition::Launching);
    request.heartbeatTimeout = 45;
    request.defaultResult = u"CONTINUE"_s;
    request.notificationMetadata = u"{\"zone\": \"example.com\", \"note\": \"a & b = c\"}"_s;
    request.notificationTargetArn = u"arn:aws:sns:us-east-1:123456789012:dns"_s;
    request.roleArn = u"arn:aws:iam::123456789012:role/dns"_s;
    auto put = run(m_client->putLifecycleHook(request));
    QVERIFY2(!put->hasError(), qPrintable(put->error().toString()));
    QVERIFY(!put->requestId().isEmpty());

    const QJsonArray held = boto(uR"(
hooks = client("autoscaling").describe_lifecycle_hooks(AutoScalingGroupName="web-green")["LifecycleHooks"]
result = [[h["LifecycleHookName"], h["LifecycleTransition"], h["HeartbeatTimeout"], h["DefaultResult"],
           h.get("NotificationTargetARN"), h.get("RoleARN")] for h in hooks]
)"_s)
                                .toArray();
    QCOMPARE(held.size(), 1);
    const QJsonArray hook = held.at(0).toArray();
    QCOMPARE(hook.at(0).toString(), request.hookName);
    QCOMPARE(hook.at(1).toString(), request.transition);
    QCOMPARE(hook.at(2).toInt(), 45);
    QCOMPARE(hook.at(3).toString(), u"CONTINUE"_s);
    // (moto does not keep NotificationTargetARN, RoleARN or NotificationMetadata; the signature check above covers
    // that they were sent: the metadata's spaces, '&' and '=' are part of the signed body.)

    auto removed = run(m_client->deleteLifecycleHook(u"web-green"_s, request.hookName));
    QVERIFY2(!removed->hasError(), qPrintable(removed->error().toString()));
    auto after = run(m_client->describeLifecycleHooks(u"web-green"_s));
    QVERIFY(!after->hasError());
    QVERIFY(after->result().isEmpty());
}

void TestPeerMotoAutoScaling::describeScalingActivities()
{
    const int expected = m_seed.value(u"activities"_s).toInt(-1);
    QVERIFY(expected >= 0);
    auto job = run(m_client->describeScalingActivities(u"web-blue"_s, 100));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().activities.size(), expected);
    QVERIFY(job->result().nextToken.isEmpty());
    QVERIFY(!job->requestId().isEmpty());
}

void TestPeerMotoAutoScaling::completeLifecycleActionHtml500IsUnreadableBody()
{
    // moto does not implement CompleteLifecycleAction: it answers an HTML 500 page.
    const int before = m_query->requestsSent();
    auto job = run(m_client->completeLifecycleAction(
        { u"web-blue"_s, u"warm-up"_s, u"i-0123456789abcdef0"_s, {} }, u"CONTINUE"_s));
    QVERIFY(job->hasError());
    QCOMPARE(job->error().kind, AwsError::Kind::UnreadableBody);
    QCOMPARE(job->error().httpStatus, 500);
    QVERIFY(job->error().bodyStart.startsWith("<!doctype html>"));
    QVERIFY(job->error().toString().contains(u"500"_s));
    // A 500 may come after the service acted, so a mutating call is not sent again by the transport (a second
    // heartbeat would count twice): one attempt, and ActionController reads the state back to decide. Reads are
    // still retried (describeLifecycleHookTypesUnimplemented).
    QCOMPARE(m_query->requestsSent() - before, 1);
}

void TestPeerMotoAutoScaling::heartbeatHtml500IsUnreadableBody()
{
    auto job = run(m_client->recordLifecycleActionHeartbeat(
        { u"web-blue"_s, u"warm-up"_s, {}, u"bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635"_s }));
    QVERIFY(job->hasError());
    QCOMPARE(job->error().kind, AwsError::Kind::UnreadableBody);
    QCOMPARE(job->error().httpStatus, 500);
}

void TestPeerMotoAutoScaling::describeLifecycleHookTypesUnimplemented()
{
    // Not in moto either; the point is a typed error, not a crash or an empty list.
    auto job = run(m_client->describeLifecycleHookTypes());
    QVERIFY(job->hasError());
    QCOMPARE(job->error().kind, AwsError::Kind::UnreadableBody);
    QVERIFY(job->result().isEmpty());
}

void TestPeerMotoAutoScaling::wrongSecretIsSignatureDoesNotMatch()
{
    Credentials wrong = m_moto.credentials();
    wrong.secretAccessKey = u"not-the-secret-0000000000000000000000000"_s;
    StaticCredentialProvider provider(wrong);
    QueryClient query(&m_network, m_moto.endpoint(MotoServer::AutoScaling), &provider);
    query.setRetryBaseDelay(10);
    AutoScalingClient client(&query);
    auto job = run(client.describeAutoScalingGroups());
    QVERIFY(job->hasError());
    QCOMPARE(job->error().kind, AwsError::Kind::Service);
    QCOMPARE(job->error().code, u"SignatureDoesNotMatch"_s);
    QCOMPARE(job->error().httpStatus, 403);
    QVERIFY(job->error().toString().startsWith(u"SignatureDoesNotMatch: "_s));
    QVERIFY(!job->error().toString().contains(wrong.secretAccessKey));
    QCOMPARE(query.requestsSent(), 1); // not retried
}

void TestPeerMotoAutoScaling::invalidInputSendsNothing()
{
    const int before = m_query->requestsSent();
    PutLifecycleHookRequest request { u"web-blue"_s, u"bad name"_s, QLatin1String(LifecycleTransition::Launching), 600,
        {}, {}, {}, {} };
    auto put = run(m_client->putLifecycleHook(request));
    QCOMPARE(put->error().kind, AwsError::Kind::Validation);
    request.hookName = u"ok"_s;
    request.heartbeatTimeout = 7201;
    auto put2 = run(m_client->putLifecycleHook(request));
    QCOMPARE(put2->error().kind, AwsError::Kind::Validation);
    auto complete
        = run(m_client->completeLifecycleAction({ u"web-blue"_s, u"warm-up"_s, {}, u"short"_s }, u"CONTINUE"_s));
    QCOMPARE(complete->error().kind, AwsError::Kind::Validation);
    auto complete2
        = run(m_client->completeLifecycleAction({ u"web-blue"_s, u"warm-up"_s, u"i-1"_s, {} }, u"PROCEED"_s));
    QCOMPARE(complete2->error().kind, AwsError::Kind::Validation);
    DescribeGroupsRequest describe;
    describe.maxRecords = 101;
    auto groups = run(m_client->describeAutoScalingGroups(describe));
    QCOMPARE(groups->error().kind, AwsError::Kind::Validation);
    QCOMPARE(m_query->requestsSent(), before);
}

QTEST_GUILESS_MAIN(TestPeerMotoAutoScaling)
#include "tst_peer_moto_autoscaling.moc"
