// Input checks from the service model: what the hook editor shows inline and what stops a request being sent.
#include "lifecyclevalidation.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace V = LifecycleValidation;

class TestValidation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hookName_data();
    void hookName();
    void heartbeat_data();
    void heartbeat();
    void results();
    void metadata();
    void token();
    void transition();
    void instanceId();
    void groupName();
    void putRequest();
    void targetRemoval_data();
    void targetRemoval();
    void actionTarget();
};

void TestValidation::hookName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << u"warm-up"_s << true;
    QTest::newRow("slash underscore digits") << u"team/drain_jobs-2"_s << true;
    QTest::newRow("255") << QString(255, u'a') << true;
    QTest::newRow("256") << QString(256, u'a') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << u"warm up"_s << false;
    QTest::newRow("dot") << u"warm.up"_s << false;
    QTest::newRow("non-ascii letter") << u"wärme"_s << false;
    QTest::newRow("newline") << u"a\nb"_s << false;
}

void TestValidation::hookName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(V::hookNameError(name).isEmpty(), valid);
}

void TestValidation::heartbeat_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<bool>("valid");
    QTest::newRow("29") << 29 << false;
    QTest::newRow("30") << 30 << true;
    QTest::newRow("3600") << 3600 << true;
    QTest::newRow("7200") << 7200 << true;
    QTest::newRow("7201") << 7201 << false;
    QTest::newRow("negative") << -1 << false;
}

void TestValidation::heartbeat()
{
    QFETCH(int, seconds);
    QFETCH(bool, valid);
    const QString error = V::heartbeatTimeoutError(seconds);
    QCOMPARE(error.isEmpty(), valid);
    if (!valid) // the message names the allowed range
        QVERIFY(error.contains(u"30"_s) && error.contains(u"7200"_s));
}

void TestValidation::results()
{
    QVERIFY(V::actionResultError(u"CONTINUE"_s).isEmpty());
    QVERIFY(V::actionResultError(u"ABANDON"_s).isEmpty());
    QVERIFY(!V::actionResultError(u"continue"_s).isEmpty());
    QVERIFY(!V::actionResultError(QString()).isEmpty());
    QVERIFY(V::defaultResultError(QString()).isEmpty()); // unset: service default
    QVERIFY(V::defaultResultError(u"ABANDON"_s).isEmpty());
    QVERIFY(!V::defaultResultError(u"RETRY"_s).isEmpty());
}

void TestValidation::metadata()
{
    QVERIFY(V::metadataError(QString()).isEmpty());
    QVERIFY(V::metadataError(u"{\"a\": 1}\n\tx"_s).isEmpty());
    QVERIFY(V::metadataError(QString(4000, u'x')).isEmpty());
    QVERIFY(V::metadataError(QString(4001, u'x')).contains(u"4000"_s));
    QVERIFY(!V::metadataError(u"café"_s).isEmpty());
    QVERIFY(!V::metadataError(u"bell\a"_s).isEmpty());
}

void TestValidation::token()
{
    QVERIFY(V::tokenError(QString()).isEmpty());
    QVERIFY(V::tokenError(u"bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635"_s).isEmpty());
    QVERIFY(V::tokenError(u"bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf63"_s).contains(u"36"_s));
}

void TestValidation::transition()
{
    QVERIFY(V::transitionError(u"autoscaling:EC2_INSTANCE_LAUNCHING"_s).isEmpty());
    QVERIFY(V::transitionError(u"autoscaling:EC2_INSTANCE_TERMINATING"_s).isEmpty());
    QVERIFY(!V::transitionError(QString()).isEmpty());
    QVERIFY(!V::transitionError(u"autoscaling:EC2_INSTANCE_REBOOTING"_s).isEmpty());
}

void TestValidation::instanceId()
{
    QVERIFY(V::instanceIdError(u"i-0123456789abcdef0"_s).isEmpty());
    QVERIFY(!V::instanceIdError(u"i-0123456789abcdef01"_s).isEmpty()); // 20 > 19
    QVERIFY(!V::instanceIdError(u"i-01 23"_s).isEmpty());
    // Issue 17: what a person types is held to the shape EC2 issues.
    QVERIFY(V::instanceIdShapeError(u"i-0123456789abcdef0"_s).isEmpty());
    QVERIFY(V::instanceIdShapeError(u"i-0123abcd"_s).isEmpty());
    QCOMPARE(V::instanceIdShapeError(u"x-123"_s),
        u"x-123 is not an instance ID (i- followed by 8 or 17 hexadecimal digits)."_s);
    for (const QString& bad : { u"i-123"_s, u"i-0123456789"_s, u"i-0123456789ABCDEF0"_s, u"i-0123abcg"_s,
             u"I-0123abcd"_s, u" i-0123abcd"_s, u"i-0123abcd\n"_s, QString() })
        QVERIFY2(!V::instanceIdShapeError(bad).isEmpty(), qPrintable(bad));
}

void TestValidation::groupName()
{
    QVERIFY(V::groupNameError(u"batch & jobs"_s).isEmpty());
    QVERIFY(!V::groupNameError(QString()).isEmpty());
    QVERIFY(!V::groupNameError(QString(256, u'g')).isEmpty());
    QVERIFY(!V::groupNameError(u"a\u0001b"_s).isEmpty());
}

void TestValidation::putRequest()
{
    PutLifecycleHookRequest request { u"web"_s, u"warm-up"_s, QLatin1String(LifecycleTransition::Launching), 600,
        u"CONTINUE"_s, u"meta"_s, {}, {} };
    QVERIFY(!V::validate(request).isError());
    auto bad = request;
    bad.heartbeatTimeout = 10;
    QCOMPARE(V::validate(bad).kind, AwsError::Kind::Validation);
    QVERIFY(V::validate(bad).message.contains(u"30"_s));
    bad = request;
    bad.hookName = u"has space"_s;
    QCOMPARE(V::validate(bad).kind, AwsError::Kind::Validation);
    bad = request;
    bad.notificationTargetArn = u"arn:aws:sqs:eu-west-1:123456789012:q"_s;
    QVERIFY(V::validate(bad).isError()); // a target needs a role
    bad.roleArn = u"arn:aws:iam::123456789012:role/r"_s;
    QVERIFY(!V::validate(bad).isError());
    bad = request;
    bad.transition.clear(); // an update of an existing hook may leave it out
    QVERIFY(!V::validate(bad).isError());
}

// Unset leaves a hook's target and role as they are; an empty target removes both. RoleARN has a minimum length of
// 1 in the model, so an empty role is only accepted together with an empty target (and is then not sent).
void TestValidation::targetRemoval_data()
{
    QTest::addColumn<std::optional<QString>>("target");
    QTest::addColumn<std::optional<QString>>("role");
    QTest::addColumn<bool>("valid");
    const std::optional<QString> unset;
    const std::optional<QString> empty = QString();
    const std::optional<QString> target = u"arn:aws:sns:eu-west-1:123456789012:t"_s;
    const std::optional<QString> role = u"arn:aws:iam::123456789012:role/r"_s;
    QTest::newRow("neither") << unset << unset << true;
    QTest::newRow("both") << target << role << true;
    QTest::newRow("target without role") << target << unset << false;
    QTest::newRow("empty target removes both") << empty << unset << true;
    QTest::newRow("empty target and empty role") << empty << empty << true;
    QTest::newRow("empty role alone") << unset << empty << false;
    QTest::newRow("empty role beside a target") << target << empty << false;
    QTest::newRow("role with an empty target") << empty << role << false;
}

void TestValidation::targetRemoval()
{
    QFETCH(std::optional<QString>, target);
    QFETCH(std::optional<QString>, role);
    QFETCH(bool, valid);
    QCOMPARE(V::notificationTargetError(target, role).isEmpty(), valid);
    PutLifecycleHookRequest request { u"web"_s, u"warm-up"_s, {}, {}, {}, {}, target, role };
    QCOMPARE(V::validate(request).isError(), !valid);
}

void TestValidation::actionTarget()
{
    LifecycleActionTarget target { u"web"_s, u"warm-up"_s, u"i-0123456789abcdef0"_s, {} };
    QVERIFY(!V::validate(target).isError());
    target.instanceId.clear();
    QVERIFY(V::validate(target).isError()); // neither instance nor token
    target.token = u"bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635"_s;
    QVERIFY(!V::validate(target).isError());
    target.token.chop(1);
    QVERIFY(V::validate(target).message.contains(u"36"_s));
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
