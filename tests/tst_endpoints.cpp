// Region → endpoint resolution for every partition, FIPS and override URLs (plain http only to loopback).
#include "endpointresolver.h"

#include <QTest>

using namespace Qt::StringLiterals;
using EndpointResolver::Service;

class TestEndpoints : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resolve_data();
    void resolve();
    void overrideUrl_data();
    void overrideUrl();
    void partitions_data();
    void partitions();
};

void TestEndpoints::resolve_data()
{
    QTest::addColumn<int>("service");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("fips");
    QTest::addColumn<QString>("url"); // empty: an error is expected
    const int as = int(Service::AutoScaling), sts = int(Service::Sts);
    QTest::newRow("aws") << as << u"eu-west-1"_s << false << u"https://autoscaling.eu-west-1.amazonaws.com/"_s;
    QTest::newRow("aws sts regional") << sts << u"ap-southeast-2"_s << false
                                      << u"https://sts.ap-southeast-2.amazonaws.com/"_s;
    QTest::newRow("aws-cn") << as << u"cn-north-1"_s << false << u"https://autoscaling.cn-north-1.amazonaws.com.cn/"_s;
    QTest::newRow("aws-cn sts") << sts << u"cn-northwest-1"_s << false
                                << u"https://sts.cn-northwest-1.amazonaws.com.cn/"_s;
    QTest::newRow("aws-us-gov") << as << u"us-gov-west-1"_s << false
                                << u"https://autoscaling.us-gov-west-1.amazonaws.com/"_s;
    QTest::newRow("fips us-east-1") << as << u"us-east-1"_s << true
                                    << u"https://autoscaling-fips.us-east-1.amazonaws.com/"_s;
    QTest::newRow("fips ca-central-1") << as << u"ca-central-1"_s << true
                                       << u"https://autoscaling-fips.ca-central-1.amazonaws.com/"_s;
    QTest::newRow("fips sts us-west-2") << sts << u"us-west-2"_s << true
                                        << u"https://sts-fips.us-west-2.amazonaws.com/"_s;
    QTest::newRow("fips sts ca-central-1 not offered") << sts << u"ca-central-1"_s << true << QString();
    QTest::newRow("fips gov is the regular host")
        << as << u"us-gov-east-1"_s << true << u"https://autoscaling.us-gov-east-1.amazonaws.com/"_s;
    QTest::newRow("fips eu not offered") << as << u"eu-west-1"_s << true << QString();
    QTest::newRow("fips cn not offered") << as << u"cn-north-1"_s << true << QString();
    QTest::newRow("unknown region") << as << u"mars-north-1"_s << false << QString();
    QTest::newRow("empty region") << as << QString() << false << QString();
    QTest::newRow("injection") << as << u"eu-west-1.evil.example/"_s << false << QString();
}

void TestEndpoints::resolve()
{
    QFETCH(int, service);
    QFETCH(QString, region);
    QFETCH(bool, fips);
    QFETCH(QString, url);
    const auto result = EndpointResolver::resolve(Service(service), region, fips);
    QCOMPARE(result.ok(), !url.isEmpty());
    if (url.isEmpty()) {
        QVERIFY(!result.error.isEmpty());
        return;
    }
    QCOMPARE(result.endpoint.url.toString(), url);
    QCOMPARE(result.endpoint.region, region);
    const bool sts = Service(service) == Service::Sts;
    QCOMPARE(result.endpoint.signingName, sts ? u"sts"_s : u"autoscaling"_s);
    QCOMPARE(result.endpoint.apiVersion, sts ? u"2011-06-15"_s : u"2011-01-01"_s);
}

void TestEndpoints::overrideUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https vpc endpoint") << u"https://vpce-0123-abcd.autoscaling.eu-west-1.vpce.amazonaws.com"_s << true;
    QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:5000"_s << true;
    QTest::newRow("http 127.1.2.3") << u"http://127.1.2.3:5000/"_s << true;
    QTest::newRow("http localhost") << u"http://localhost:8080"_s << true;
    QTest::newRow("http ::1") << u"http://[::1]:8080/"_s << true;
    QTest::newRow("http lan host") << u"http://192.168.1.20:5000"_s << false;
    QTest::newRow("http public name") << u"http://autoscaling.example.com"_s << false;
    QTest::newRow("http localhost lookalike") << u"http://localhost.example.com"_s << false;
    QTest::newRow("ftp") << u"ftp://127.0.0.1/"_s << false;
    QTest::newRow("no host") << u"https:///path"_s << false;
}

void TestEndpoints::overrideUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    const auto result = EndpointResolver::resolve(Service::AutoScaling, u"eu-west-1"_s, false, QUrl(url));
    QCOMPARE(result.ok(), allowed);
    if (allowed) {
        QCOMPARE(result.endpoint.url.host(), QUrl(url).host());
        QCOMPARE(result.endpoint.url.path(), u"/"_s);
        QCOMPARE(result.endpoint.region, u"eu-west-1"_s); // still signs for the chosen region
    } else if (QUrl(url).scheme() == u"http"_s && !QUrl(url).host().isEmpty()) {
        QVERIFY2(result.error.contains(u"http"_s) && result.error.contains(QUrl(url).host()), qPrintable(result.error));
    }
}

void TestEndpoints::partitions_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("partition");
    QTest::newRow("eu") << u"eu-central-2"_s << u"aws"_s;
    QTest::newRow("il") << u"il-central-1"_s << u"aws"_s;
    QTest::newRow("cn") << u"cn-north-1"_s << u"aws-cn"_s;
    QTest::newRow("gov") << u"us-gov-west-1"_s << u"aws-us-gov"_s;
    QTest::newRow("us") << u"us-east-1"_s << u"aws"_s;
    QTest::newRow("iso unknown") << u"us-iso-east-1"_s << QString();
}

void TestEndpoints::partitions()
{
    QFETCH(QString, region);
    QFETCH(QString, partition);
    QCOMPARE(EndpointResolver::partitionOf(region), partition);
}

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
