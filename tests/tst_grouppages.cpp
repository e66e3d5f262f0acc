// DescribeAutoScalingGroups as the change-driven refresh uses it, end to end against the simulator: one page at a
// time with the NextToken seen before the page is read, IncludeInstances=false for small pages, and up to 100 names
// a call when MaxRecords allows it (50 without), as the service model documents.
#include "autoscalingclient.h"
#include "autoscalingxml.h"
#include "runjob.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

using TestSupport::run;

class TestGroupPages : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;

    AutoScalingClient* client() const { return m_sim->session->autoScaling(); }

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start({}, &error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->fixture->generate(u"groups=130,instances=2,hooks=1,waiting=0"_s), &error),
            qPrintable(error));
    }
    void cleanup() { m_sim.reset(); }

    void pagesGiveTheirTokenBeforeTheyAreRead()
    {
        DescribeGroupsRequest request;
        request.maxRecords = 100;
        QString early = u"(not called)"_s;
        auto first = run(
            client()->describeAutoScalingGroupsPage(request, {}, [&early](const QString& token) { early = token; }));
        QVERIFY2(!first->hasError(), qPrintable(first->error().toString()));
        QCOMPARE(first->result().groups.size(), 100);
        QVERIFY(!first->result().nextToken.isEmpty());
        QCOMPARE(early, first->result().nextToken);

        auto last = run(client()->describeAutoScalingGroupsPage(
            request, first->result().nextToken, [&early](const QString& token) { early = token; }));
        QVERIFY2(!last->hasError(), qPrintable(last->error().toString()));
        QCOMPARE(last->result().groups.size(), 30);
        QVERIFY(last->result().nextToken.isEmpty());
        QVERIFY(early.isEmpty());
        for (const AutoScalingGroup& group : last->result().groups)
            QCOMPARE(group.instances.size(), 2);
    }

    void withoutInstancesThePageIsSmall()
    {
        DescribeGroupsRequest request;
        request.includeInstances = false;
        auto page = run(client()->describeAutoScalingGroupsPage(request));
        QVERIFY2(!page->hasError(), qPrintable(page->error().toString()));
        QCOMPARE(page->result().groups.size(), 100);
        for (const AutoScalingGroup& group : page->result().groups) {
            QVERIFY(group.instances.isEmpty());
            QVERIFY(group.maxSize > 0); // the group's own fields are all there
        }
    }

    void upToAHundredNamesWithMaxRecords()
    {
        const QStringList names = m_sim->fixture->groupNames();
        DescribeGroupsRequest request;
        request.groupNames = names.mid(0, 100);
        request.maxRecords = 100;
        auto hundred = run(client()->describeAutoScalingGroupsPage(request));
        QVERIFY2(!hundred->hasError(), qPrintable(hundred->error().toString()));
        QCOMPARE(hundred->result().groups.size(), 100);

        // The client refuses what AWS would, before sending: 101 names, or 51 with MaxRecords 50.
        request.groupNames = names.mid(0, 101);
        auto tooMany = run(client()->describeAutoScalingGroupsPage(request));
        QCOMPARE(tooMany->error().kind, AwsError::Kind::Validation);
        request.groupNames = names.mid(0, 51);
        request.maxRecords = 50;
        QCOMPARE(run(client()->describeAutoScalingGroupsPage(request))->error().kind, AwsError::Kind::Validation);

        // The simulator refuses 51 names without MaxRecords as AWS does, and takes them with MaxRecords 51.
        QueryParameters parameters;
        for (int i = 0; i < 51; ++i)
            parameters.append({ u"AutoScalingGroupNames.member.%1"_s.arg(i + 1), names.at(i) });
        auto refused = run(m_sim->session->autoScalingQuery()->call(u"DescribeAutoScalingGroups"_s, parameters));
        QCOMPARE(refused->error().code, u"ValidationError"_s);
        parameters.append({ u"MaxRecords"_s, u"51"_s });
        auto accepted = run(m_sim->session->autoScalingQuery()->call(u"DescribeAutoScalingGroups"_s, parameters));
        QVERIFY2(!accepted->hasError(), qPrintable(accepted->error().toString()));
        QCOMPARE(AutoScalingXml::describeAutoScalingGroups(accepted->result()).value.size(), 51);
    }

    // The quick look is only a hint, and never mistakes text inside the list for the listing's token.
    void trailingTokenIsTheListingsOwn()
    {
        const QByteArray page
            = "<DescribeAutoScalingGroupsResponse><DescribeAutoScalingGroupsResult><AutoScalingGroups>"
              "<member><AutoScalingGroupName>NextToken</AutoScalingGroupName><Tags><member>"
              "<Value>&lt;NextToken&gt;x&lt;/NextToken&gt;</Value></member></Tags></member>"
              "</AutoScalingGroups><NextToken>abc+/=</NextToken></DescribeAutoScalingGroupsResult>"
              "</DescribeAutoScalingGroupsResponse>";
        QCOMPARE(AutoScalingXml::trailingNextToken(page, "AutoScalingGroups"), u"abc+/="_s);
        QCOMPARE(AutoScalingXml::describeAutoScalingGroups(page).nextToken, u"abc+/="_s);
        QByteArray last = page;
        last.replace("<NextToken>abc+/=</NextToken>", "");
        QVERIFY(AutoScalingXml::trailingNextToken(last, "AutoScalingGroups").isEmpty());
        QVERIFY(AutoScalingXml::trailingNextToken("<html>503</html>", "AutoScalingGroups").isEmpty());
        QByteArray escaped = page;
        escaped.replace("abc+/=", "a&amp;b");
        QVERIFY(AutoScalingXml::trailingNextToken(escaped, "AutoScalingGroups").isEmpty()); // the full read decides
    }
};

QTEST_GUILESS_MAIN(TestGroupPages)
#include "tst_grouppages.moc"
