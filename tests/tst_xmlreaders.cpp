// The Auto Scaling and STS readers on real-shaped answers (tests/data/xml/): every operation's result, empty and
// paginated results, error bodies, an HTML page, a truncated body and unknown elements; and the streaming readers
// against the tree-based ones they replaced (issue 15), on every fixture and the fuzz corpus.
#include "autoscalingxml.h"
#include "fuzz/treereaders.h"
#include "testsupport.h"
#include "xmlnode.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <ctime>

using namespace Qt::StringLiterals;

namespace {

QByteArray fixture(const QString& name)
{
    return TestSupport::dataFile(u"xml/"_s + name);
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

} // namespace

class TestXmlReaders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void describeGroupsFirstPage();
    void describeGroupsLastPage();
    void describeGroupsEmpty();
    void describeInstances();
    void describeHooks();
    void describeHooksEmpty();
    void describeHookTypes();
    void describeActivities();
    void emptyResults_data();
    void emptyResults();
    void getCallerIdentity();
    void assumeRole();
    void errorResponse_data();
    void errorResponse();
    void unreadable_data();
    void unreadable();
    void errorBodyWith200IsAnError();
    void wrongOperationIsAnError();
    void timestamps_data();
    void timestamps();
    void deepNestingIsRejected();
    void streamingEqualsTree_data();
    void streamingEqualsTree();
};

void TestXmlReaders::describeGroupsFirstPage()
{
    const auto page = AutoScalingXml::describeAutoScalingGroups(fixture(u"describe-auto-scaling-groups-page1.xml"_s));
    QVERIFY2(page.ok(), qPrintable(page.error.toString()));
    QCOMPARE(page.nextToken, u"Z3M3LMPEXAMPLE"_s);
    QCOMPARE(page.requestId, u"7c6e177f-f082-11e1-ac58-3714bEXAMPLE"_s);
    QCOMPARE(page.value.size(), 2);

    const AutoScalingGroup& web = page.value.at(0);
    QCOMPARE(web.name, u"web-blue"_s);
    QVERIFY(web.arn.endsWith(u":autoScalingGroupName/web-blue"_s));
    QCOMPARE(web.minSize, 2);
    QCOMPARE(web.maxSize, 6);
    QCOMPARE(web.desiredCapacity, 3);
    QCOMPARE(web.availabilityZones, QStringList({ u"eu-west-1a"_s, u"eu-west-1b"_s }));
    QCOMPARE(web.healthCheckType, u"ELB"_s);
    QCOMPARE(web.createdTime, utc(2024, 3, 14, 9, 26, 53, 354));
    QVERIFY(web.status.isEmpty());
    // Tags: element order inside <member> differs from the model's, and an empty <Value/> is an empty value.
    QCOMPARE(web.tags.size(), 2);
    QCOMPARE(web.tags.at(0), (Tag { u"Env"_s, u"prod"_s, true }));
    QCOMPARE(web.tags.at(1), (Tag { u"team"_s, QString(), false }));
    // Three real instances; the ones inside the unknown <FutureCapacityPlan> element are not read.
    QCOMPARE(web.instances.size(), 3);
    const GroupInstance& waiting = web.instances.at(0);
    QCOMPARE(waiting.instanceId, u"i-0a1b2c3d4e5f60001"_s);
    QCOMPARE(waiting.groupName, u"web-blue"_s);
    QCOMPARE(waiting.lifecycleState, u"Pending:Wait"_s);
    QCOMPARE(waiting.instanceType, u"t3.small"_s);
    QCOMPARE(waiting.availabilityZone, u"eu-west-1a"_s);
    QCOMPARE(waiting.healthStatus, u"Healthy"_s);
    QCOMPARE(waiting.launchTemplateName, u"web"_s);
    QVERIFY(!waiting.protectedFromScaleIn);
    QVERIFY(web.instances.at(1).protectedFromScaleIn);
    QCOMPARE(web.instances.at(2).lifecycleState, u"Terminating:Wait"_s);
    QVERIFY(web.instances.at(2).launchTemplateName.isEmpty()); // <LaunchTemplate/> is absent

    const AutoScalingGroup& batch = page.value.at(1);
    QCOMPARE(batch.name, u"batch & jobs"_s);
    QCOMPARE(batch.status, u"Delete in progress"_s);
    QVERIFY(batch.instances.isEmpty());
    QVERIFY(batch.tags.isEmpty());
    QCOMPARE(batch.createdTime, utc(2023, 11, 2, 17, 0, 0));
}

void TestXmlReaders::describeGroupsLastPage()
{
    // https:// namespace (documentation style), one line, <NextToken/> empty: the last page.
    const auto page = AutoScalingXml::describeAutoScalingGroups(fixture(u"describe-auto-scaling-groups-page2.xml"_s));
    QVERIFY2(page.ok(), qPrintable(page.error.toString()));
    QVERIFY(page.nextToken.isEmpty());
    QCOMPARE(page.value.size(), 1);
    QCOMPARE(page.value.at(0).name, u"api"_s);
    QCOMPARE(page.value.at(0).instances.at(0).lifecycleState, u"Warmed:Pending:Wait"_s);
}

void TestXmlReaders::describeGroupsEmpty()
{
    const auto page = AutoScalingXml::describeAutoScalingGroups(fixture(u"describe-auto-scaling-groups-empty.xml"_s));
    QVERIFY(page.ok());
    QVERIFY(page.value.isEmpty());
    QVERIFY(page.nextToken.isEmpty());
    QCOMPARE(page.requestId, u"0f5b1d2e-0000-4000-8000-000000000001"_s);
}

void TestXmlReaders::describeInstances()
{
    const auto parsed = AutoScalingXml::describeAutoScalingInstances(fixture(u"describe-auto-scaling-instances.xml"_s));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value.size(), 2);
    QCOMPARE(parsed.value.at(0).instanceId, u"i-0a1b2c3d4e5f60001"_s);
    QCOMPARE(parsed.value.at(0).groupName, u"web-blue"_s);
    QCOMPARE(parsed.value.at(0).lifecycleState, u"Pending:Wait"_s);
    QCOMPARE(parsed.value.at(0).launchTemplateName, u"web"_s);
    QCOMPARE(parsed.value.at(1).groupName, u"batch"_s);
    QCOMPARE(parsed.value.at(1).healthStatus, u"UNHEALTHY"_s);
    QVERIFY(parsed.value.at(1).protectedFromScaleIn);
    QVERIFY(parsed.value.at(1).launchTemplateName.isEmpty());
}

void TestXmlReaders::describeHooks()
{
    const auto parsed = AutoScalingXml::describeLifecycleHooks(fixture(u"describe-lifecycle-hooks.xml"_s));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value.size(), 2);
    const LifecycleHook& warmUp = parsed.value.at(0);
    QCOMPARE(warmUp.name, u"warm-up"_s);
    QCOMPARE(warmUp.groupName, u"web-blue"_s);
    QVERIFY(warmUp.isLaunching());
    QCOMPARE(warmUp.notificationTargetArn, u"arn:aws:sqs:eu-west-1:123456789012:lifecycle"_s);
    QCOMPARE(warmUp.roleArn, u"arn:aws:iam::123456789012:role/asg-notify"_s);
    QCOMPARE(warmUp.notificationMetadata, u"{\"stage\": \"warm-up\", \"note\": \"a <b> & c\"}"_s);
    QCOMPARE(warmUp.heartbeatTimeout, 600);
    QCOMPARE(warmUp.globalTimeout, 60000);
    QCOMPARE(warmUp.defaultResult, u"CONTINUE"_s);
    const LifecycleHook& drain = parsed.value.at(1);
    QCOMPARE(drain.name, u"drain/jobs"_s);
    QVERIFY(!drain.isLaunching());
    QCOMPARE(drain.transition, QLatin1String(LifecycleTransition::Terminating));
    QVERIFY(drain.notificationTargetArn.isEmpty());
    QCOMPARE(drain.heartbeatTimeout, 7200);
    QCOMPARE(drain.defaultResult, u"ABANDON"_s);
}

void TestXmlReaders::describeHooksEmpty()
{
    const auto parsed = AutoScalingXml::describeLifecycleHooks(fixture(u"describe-lifecycle-hooks-empty.xml"_s));
    QVERIFY(parsed.ok());
    QVERIFY(parsed.value.isEmpty());
}

void TestXmlReaders::describeHookTypes()
{
    const auto parsed = AutoScalingXml::describeLifecycleHookTypes(fixture(u"describe-lifecycle-hook-types.xml"_s));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value,
        QStringList({ u"autoscaling:EC2_INSTANCE_LAUNCHING"_s, u"autoscaling:EC2_INSTANCE_TERMINATING"_s }));
}

void TestXmlReaders::describeActivities()
{
    const auto parsed = AutoScalingXml::describeScalingActivities(fixture(u"describe-scaling-activities.xml"_s));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.nextToken, u"b5a3b43e-10c6-4b61-8e41-2756db1fb8f5"_s);
    QCOMPARE(parsed.value.size(), 2);
    const ScalingActivity& mid = parsed.value.at(0);
    QCOMPARE(mid.statusCode, u"MidLifecycleAction"_s);
    QCOMPARE(mid.startTime, utc(2024, 3, 14, 10, 0, 14, 316));
    QVERIFY(!mid.endTime.isValid()); // still in progress
    QCOMPARE(mid.progress, 30);
    QVERIFY(mid.description.endsWith(u"i-0a1b2c3d4e5f60001"_s));
    QVERIFY(mid.statusMessage.isEmpty());
    QVERIFY(mid.details.contains(u"subnet-0a1b2c3d"_s));
    const ScalingActivity& done = parsed.value.at(1);
    QCOMPARE(done.statusCode, u"Successful"_s);
    QCOMPARE(done.endTime, utc(2024, 3, 14, 9, 41, 27));
    QCOMPARE(done.progress, 100);
}

void TestXmlReaders::emptyResults_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("action");
    QTest::newRow("PutLifecycleHook") << u"put-lifecycle-hook.xml"_s << u"PutLifecycleHook"_s;
    QTest::newRow("DeleteLifecycleHook") << u"delete-lifecycle-hook.xml"_s << u"DeleteLifecycleHook"_s;
    QTest::newRow("CompleteLifecycleAction") << u"complete-lifecycle-action.xml"_s << u"CompleteLifecycleAction"_s;
    QTest::newRow("RecordLifecycleActionHeartbeat")
        << u"record-lifecycle-action-heartbeat.xml"_s << u"RecordLifecycleActionHeartbeat"_s;
}

void TestXmlReaders::emptyResults()
{
    QFETCH(QString, file);
    QFETCH(QString, action);
    const QByteArray latin = action.toLatin1();
    const auto parsed = AutoScalingXml::emptyResult(fixture(file), QLatin1StringView(latin));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
    QVERIFY(parsed.requestId.startsWith(u"a1b2c3d4-"_s));
    // The same body read as another operation's answer is not a success.
    QVERIFY(!AutoScalingXml::emptyResult(fixture(file), "SomethingElse"_L1).ok());
}

void TestXmlReaders::getCallerIdentity()
{
    const auto parsed = StsXml::getCallerIdentity(fixture(u"sts-get-caller-identity.xml"_s));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value.account, u"123456789012"_s);
    QCOMPARE(parsed.value.arn, u"arn:aws:iam::123456789012:user/Alice"_s);
    QCOMPARE(parsed.value.userId, u"AKIAI44QH8DHBEXAMPLE"_s);
    QCOMPARE(parsed.requestId, u"01234567-89ab-cdef-0123-456789abcdef"_s);
}

void TestXmlReaders::assumeRole()
{
    const auto parsed = StsXml::assumeRole(fixture(u"sts-assume-role.xml"_s));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value.accessKeyId, u"ASIAIOSFODNN7EXAMPLE"_s);
    QCOMPARE(parsed.value.secretAccessKey, u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"_s);
    QVERIFY(parsed.value.sessionToken.startsWith(u"AQoDYXdzEPT//"_s));
    QVERIFY(parsed.value.isTemporary());
    QCOMPARE(parsed.value.expiration, utc(2019, 11, 9, 13, 34, 41));

    // Credentials without a token are not usable role credentials, and the error never carries the body.
    QByteArray broken = fixture(u"sts-assume-role.xml"_s);
    broken.replace("<SessionToken>", "<Other>").replace("</SessionToken>", "</Other>");
    const auto bad = StsXml::assumeRole(broken);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error.kind, AwsError::Kind::UnreadableBody);
    QVERIFY(!bad.error.toString().contains(u"EXAMPLEKEY"_s));
    QVERIFY(bad.error.bodyStart.isEmpty());
}

void TestXmlReaders::errorResponse_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<bool>("throttling");
    QTest::addColumn<bool>("noActiveAction");
    QTest::newRow("no active lifecycle action")
        << u"error-no-active-action.xml"_s << 400 << u"ValidationError"_s << u"Sender"_s
        << u"b9a1e7c4-0000-4000-8000-000000000004"_s << false << true;
    QTest::newRow("throttling") << u"error-throttling.xml"_s << 400 << u"Throttling"_s << u"Sender"_s
                                << u"b9a1e7c4-0000-4000-8000-000000000005"_s << true << false;
    // moto nests <Error> in <Errors> and puts the request ID in a header only.
    QTest::newRow("moto signature") << u"error-moto-signature.xml"_s << 403 << u"SignatureDoesNotMatch"_s << u"Sender"_s
                                    << u"from-header"_s << false << false;
}

void TestXmlReaders::errorResponse()
{
    QFETCH(QString, file);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, type);
    QFETCH(QString, requestId);
    QFETCH(bool, throttling);
    QFETCH(bool, noActiveAction);
    const AwsError error = AwsXml::errorFromResponse(status, fixture(file), u"from-header"_s);
    QCOMPARE(error.kind, AwsError::Kind::Service);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.code, code);
    QCOMPARE(error.type, type);
    QCOMPARE(error.requestId, requestId);
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(error.isThrottling(), throttling);
    QCOMPARE(error.isNoActiveLifecycleAction(), noActiveAction);
    QVERIFY(error.toString().startsWith(code + u": "_s));
    QVERIFY(error.toString().contains(requestId));
}

void TestXmlReaders::unreadable_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expectedStart");
    QTest::newRow("moto HTML 500") << fixture(u"html-500.html"_s) << 500 << QByteArray("<!doctype html>");
    // A 2xx body is never quoted (issue 17: STS answers hold secret keys): nothing of it is kept.
    QTest::newRow("truncated") << fixture(u"truncated.xml"_s) << 200 << QByteArray();
    QTest::newRow("empty body") << QByteArray() << 502 << QByteArray();
    QTest::newRow("plain text") << QByteArray("upstream connect error or disconnect/reset before headers") << 503
                                << QByteArray("upstream connect");
    QTest::newRow("json") << QByteArray(R"({"__type":"Throttling"})") << 400 << QByteArray(R"({"__type")");
    QTest::newRow("two roots") << QByteArray("<a/><b/>") << 200 << QByteArray();
}

void TestXmlReaders::unreadable()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, expectedStart);
    // As a success body for every reader, and as an error body: an UnreadableBody error, never a crash or empty list.
    const auto groups = AutoScalingXml::describeAutoScalingGroups(body, status);
    QVERIFY(!groups.ok());
    QVERIFY(groups.value.isEmpty());
    QCOMPARE(groups.error.kind, AwsError::Kind::UnreadableBody);
    QCOMPARE(groups.error.httpStatus, status);
    QVERIFY(groups.error.bodyStart.startsWith(expectedStart));
    if (expectedStart.isEmpty())
        QVERIFY(groups.error.bodyStart.isEmpty());
    QVERIFY(groups.error.bodyStart.size() <= 256);
    QVERIFY(groups.error.toString().contains(QString::number(status)));
    QVERIFY(!AutoScalingXml::describeLifecycleHooks(body, status).ok());
    QVERIFY(!AutoScalingXml::describeScalingActivities(body, status).ok());
    QVERIFY(!AutoScalingXml::describeAutoScalingInstances(body, status).ok());
    QVERIFY(!AutoScalingXml::describeLifecycleHookTypes(body, status).ok());
    QVERIFY(!AutoScalingXml::emptyResult(body, "CompleteLifecycleAction"_L1, status).ok());
    QVERIFY(!StsXml::getCallerIdentity(body, status).ok());
    QVERIFY(!StsXml::assumeRole(body, status).ok());
    const AwsError error = AwsXml::errorFromResponse(status, body);
    QCOMPARE(error.kind, AwsError::Kind::UnreadableBody);
    QCOMPARE(error.httpStatus, status);
}

void TestXmlReaders::errorBodyWith200IsAnError()
{
    const auto parsed = AutoScalingXml::describeLifecycleHooks(fixture(u"error-throttling.xml"_s), 200);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error.kind, AwsError::Kind::Service);
    QCOMPARE(parsed.error.code, u"Throttling"_s);
}

void TestXmlReaders::wrongOperationIsAnError()
{
    const auto parsed = AutoScalingXml::describeLifecycleHooks(fixture(u"describe-auto-scaling-groups-empty.xml"_s));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error.kind, AwsError::Kind::UnreadableBody);
    QVERIFY(parsed.error.message.contains(u"DescribeLifecycleHooksResponse"_s));
}

void TestXmlReaders::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("seconds") << u"2024-03-14T10:00:14Z"_s << utc(2024, 3, 14, 10, 0, 14);
    QTest::newRow("millis") << u"2024-03-14T10:00:14.316Z"_s << utc(2024, 3, 14, 10, 0, 14, 316);
    QTest::newRow("micros (moto)") << u"2026-11-26T05:00:15.232392Z"_s << utc(2026, 11, 26, 5, 0, 15, 232);
    QTest::newRow("one digit") << u"2024-03-14T10:00:14.5Z"_s << utc(2024, 3, 14, 10, 0, 14, 500);
    QTest::newRow("offset") << u"2024-03-14T12:00:14+02:00"_s << utc(2024, 3, 14, 10, 0, 14);
    QTest::newRow("negative offset") << u"2024-03-14T08:00:14-02:00"_s << utc(2024, 3, 14, 10, 0, 14);
    // No zone designator: UTC like every AWS timestamp, not local time (02:30 on that day does not exist in
    // Berlin, where the test runs, see timestamps()).
    QTest::newRow("no zone is UTC") << u"2026-03-29T02:30:00"_s << utc(2026, 3, 29, 2, 30, 0);
    QTest::newRow("garbage") << u"yesterday"_s << QDateTime();
    QTest::newRow("empty") << QString() << QDateTime();
}

void TestXmlReaders::timestamps()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    // A zone with daylight saving time, so reading a timestamp as local time shows on a UTC machine too.
    qputenv("TZ", "Europe/Berlin");
    tzset();
    const QDateTime parsed = AwsXml::parseTimestamp(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid())
        QCOMPARE(parsed, expected);
}

void TestXmlReaders::deepNestingIsRejected()
{
    QByteArray body;
    for (int i = 0; i < 5000; ++i)
        body += "<a>";
    const auto parsed = AutoScalingXml::describeAutoScalingGroups(body);
    QCOMPARE(parsed.error.kind, AwsError::Kind::UnreadableBody);
}

void TestXmlReaders::streamingEqualsTree_data()
{
    QTest::addColumn<QByteArray>("body");
    const QStringList dirs { TestSupport::dataDir() + u"/xml"_s,
        TestSupport::dataDir() + u"/../fuzz/corpus/xmlreaders"_s };
    for (const QString& path : dirs) {
        const QDir dir(path);
        const QStringList names = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY2(!names.isEmpty(), qPrintable(path));
        for (const QString& name : names) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QTest::newRow(qPrintable(dir.dirName() + u'/' + name)) << file.readAll();
        }
    }
    // Cut anywhere (a dropped connection): the errors must be word for word the tree's too.
    const QByteArray page = fixture(u"describe-auto-scaling-groups-page1.xml"_s);
    for (qsizetype cut = 0; cut < page.size(); cut += 53)
        QTest::newRow(qPrintable(u"page1 cut at %1"_s.arg(cut))) << page.left(cut);
    QTest::newRow("page1 with a second root") << page + "<more/>";
}

void TestXmlReaders::streamingEqualsTree()
{
    QFETCH(QByteArray, body);
    for (const int status : { 200, 400, 500 }) {
        const auto check = [&](const QString& differences, const char* reader) {
            QVERIFY2(differences.isEmpty(),
                qPrintable(
                    u"%1 (HTTP %2) differs in %3"_s.arg(QLatin1StringView(reader)).arg(status).arg(differences)));
        };
        check(TreeReaders::differences(AutoScalingXml::describeAutoScalingGroups(body, status),
                  TreeReaders::describeAutoScalingGroups(body, status)),
            "DescribeAutoScalingGroups");
        check(TreeReaders::differences(AutoScalingXml::describeAutoScalingInstances(body, status),
                  TreeReaders::describeAutoScalingInstances(body, status)),
            "DescribeAutoScalingInstances");
        check(TreeReaders::differences(AutoScalingXml::describeLifecycleHooks(body, status),
                  TreeReaders::describeLifecycleHooks(body, status)),
            "DescribeLifecycleHooks");
        check(TreeReaders::differences(AutoScalingXml::describeLifecycleHookTypes(body, status),
                  TreeReaders::describeLifecycleHookTypes(body, status)),
            "DescribeLifecycleHookTypes");
        check(TreeReaders::differences(AutoScalingXml::describeScalingActivities(body, status),
                  TreeReaders::describeScalingActivities(body, status)),
            "DescribeScalingActivities");
        for (const QLatin1StringView action : { "PutLifecycleHook"_L1, "DeleteLifecycleHook"_L1,
                 "CompleteLifecycleAction"_L1, "RecordLifecycleActionHeartbeat"_L1 })
            check(TreeReaders::differences(AutoScalingXml::emptyResult(body, action, status),
                      TreeReaders::emptyResult(body, action, status)),
                action.data());
        if (QTest::currentTestFailed())
            return;
    }
}

QTEST_GUILESS_MAIN(TestXmlReaders)
#include "tst_xmlreaders.moc"
