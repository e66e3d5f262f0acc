// Region → endpoint resolution for every partition, FIPS and override URLs (plain http only to loopback), and the
// per-service endpoints configured the SDKs' way (environment, [services] sections, ignore flag).
#include "awsconfig.h"
#include "endpointoverrides.h"
#include "endpointresolver.h"
#include "inifile.h"

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
    void identityCenterHosts();
    void precedence_data();
    void precedence();
    void ignoreConfigured();
    void servicesSectionParsed();
    void missingServicesSectionWarns();
    void badConfiguredUrlNamesItsOrigin();
};

void TestEndpoints::resolve_data()
{
    QTest::addColumn<int>("service");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("fips");
    QTest::addColumn<QString>("url"); // empty: an error is expected
    const int as = int(Service::AutoScaling);
    const int sts = int(Service::Sts);
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
    if (Service(service) == Service::Sso || Service(service) == Service::SsoOidc)
        return;
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

void TestEndpoints::identityCenterHosts()
{
    auto url = [](Service service, const QString& region) {
        return EndpointResolver::resolve(service, region).endpoint.url.toString();
    };
    QCOMPARE(url(Service::Sso, u"eu-west-1"_s), u"https://portal.sso.eu-west-1.amazonaws.com/"_s);
    QCOMPARE(url(Service::SsoOidc, u"eu-west-1"_s), u"https://oidc.eu-west-1.amazonaws.com/"_s);
    QCOMPARE(url(Service::Sso, u"cn-north-1"_s), u"https://portal.sso.cn-north-1.amazonaws.com.cn/"_s);
    QCOMPARE(url(Service::SsoOidc, u"cn-northwest-1"_s), u"https://oidc.cn-northwest-1.amazonaws.com.cn/"_s);
    QCOMPARE(url(Service::Sso, u"us-gov-west-1"_s), u"https://portal.sso.us-gov-west-1.amazonaws.com/"_s);
    QVERIFY(!EndpointResolver::resolve(Service::SsoOidc, u"us-east-1"_s, true).ok()); // no FIPS host
    QCOMPARE(EndpointResolver::configKey(Service::AutoScaling), u"auto_scaling"_s);
    QCOMPARE(EndpointResolver::configKey(Service::SsoOidc), u"sso_oidc"_s);
}

namespace {
const QString Specific = u"http://127.0.0.1:1001"_s;
const QString Global = u"http://127.0.0.1:1002"_s;
const QString Section = u"http://127.0.0.1:1003"_s;
const QString ProfileUrl = u"http://127.0.0.1:1004"_s;
} // namespace

void TestEndpoints::precedence_data()
{
    // Which layers are set (specific env, global env, services section, profile endpoint_url) → the URL that wins.
    QTest::addColumn<bool>("specific");
    QTest::addColumn<bool>("global");
    QTest::addColumn<bool>("section");
    QTest::addColumn<bool>("profile");
    QTest::addColumn<QString>("expected");
    QTest::newRow("all") << true << true << true << true << Specific;
    QTest::newRow("no specific") << false << true << true << true << Global;
    QTest::newRow("config only") << false << false << true << true << Section;
    QTest::newRow("profile only") << false << false << false << true << ProfileUrl;
    QTest::newRow("none") << false << false << false << false << QString();
    QTest::newRow("specific beats section") << true << false << true << false << Specific;
}

void TestEndpoints::precedence()
{
    QFETCH(bool, specific);
    QFETCH(bool, global);
    QFETCH(bool, section);
    QFETCH(bool, profile);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    if (specific)
        env.insert(u"AWS_ENDPOINT_URL_AUTO_SCALING"_s, Specific);
    if (global)
        env.insert(u"AWS_ENDPOINT_URL"_s, Global);
    ConfiguredEndpoints configured;
    if (section) {
        configured.servicesSection = u"local"_s;
        configured.services.at(std::size_t(Service::AutoScaling)) = QUrl(Section);
    }
    if (profile)
        configured.endpointUrl = QUrl(ProfileUrl);
    const EndpointOverrides overrides = EndpointOverrides::configured(env, configured);
    QCOMPARE(overrides.url(Service::AutoScaling), QUrl(expected));
    const auto result = overrides.resolve(Service::AutoScaling, u"eu-west-1"_s);
    QVERIFY(result.ok());
    QCOMPARE(result.endpoint.url.port(), expected.isEmpty() ? -1 : QUrl(expected).port());
    // The specific variable is Auto Scaling's only: STS falls to the next layer down.
    if (specific && !global && !section && !profile)
        QVERIFY(overrides.url(Service::Sts).isEmpty());
    // An explicit endpoint (--endpoint-url, a Hookdesk profile's) is used for every service regardless.
    const EndpointOverrides all = EndpointOverrides::forAll(QUrl(u"https://vpce.example.com"_s), u"profile p"_s);
    for (Service s : EndpointResolver::AllServices)
        QCOMPARE(all.url(s).host(), u"vpce.example.com"_s);
}

void TestEndpoints::ignoreConfigured()
{
    QProcessEnvironment env;
    env.insert(u"AWS_ENDPOINT_URL_STS"_s, Specific);
    env.insert(u"AWS_ENDPOINT_URL"_s, Global);
    ConfiguredEndpoints configured;
    configured.endpointUrl = QUrl(ProfileUrl);
    QVERIFY(!EndpointOverrides::configured(env, configured).isEmpty());
    env.insert(u"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"_s, u"TRUE"_s);
    QVERIFY(EndpointOverrides::configured(env, configured).isEmpty());
    env.insert(u"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"_s, u"false"_s);
    configured.ignoreConfigured = true; // the profile's own ignore_configured_endpoint_urls
    QVERIFY(EndpointOverrides::configured(env, configured).isEmpty());
}

void TestEndpoints::servicesSectionParsed()
{
    const QByteArray config = "[profile dev]\n"
                              "region = eu-west-1\n"
                              "aws_access_key_id = AKIADEV\n"
                              "aws_secret_access_key = devsecret\n"
                              "endpoint_url = https://global.example.com\n"
                              "services = local\n"
                              "ignore_configured_endpoint_urls = false\n"
                              "\n"
                              "[services local]\n"
                              "auto_scaling =\n"
                              "  endpoint_url = http://127.0.0.1:4566\n"
                              "sts =\n"
                              "  endpoint_url = http://localhost:4567 # the local STS\n"
                              "s3 =\n"
                              "  addressing_style = path\n"
                              "sso_oidc =\n"
                              "  region = us-east-1\n"
                              "  endpoint_url = https://oidc.example.com\n";
    const IniDocument doc = IniDocument::parse(config);
    QVERIFY(doc.isValid());
    const IniEntry* sts = doc.section(u"services local"_s)->entry(u"sts"_s);
    QVERIFY(sts);
    QCOMPARE(sts->nested().size(), 1);
    QCOMPARE(sts->nested().constFirst().key, u"endpoint_url"_s);
    QCOMPARE(sts->nested().constFirst().value, u"http://localhost:4567"_s);
    QVERIFY(doc.section(u"profile dev"_s)->entry(u"region"_s)->nested().isEmpty());

    const AwsConfigPreview preview = AwsConfigImport::previewContent({}, config);
    QVERIFY(preview.errors.isEmpty());
    const AwsConfigCandidate* dev = preview.candidate(u"dev"_s);
    QVERIFY(dev);
    QCOMPARE(dev->endpoints.servicesSection, u"local"_s);
    QCOMPARE(dev->endpoints.service(Service::AutoScaling), QUrl(u"http://127.0.0.1:4566"_s));
    QCOMPARE(dev->endpoints.service(Service::Sts), QUrl(u"http://localhost:4567"_s));
    QCOMPARE(dev->endpoints.service(Service::SsoOidc), QUrl(u"https://oidc.example.com"_s));
    QVERIFY(dev->endpoints.service(Service::Sso).isEmpty());
    QVERIFY(!dev->endpoints.ignoreConfigured);

    const EndpointOverrides overrides = EndpointOverrides::configured({}, dev->endpoints, u"config"_s);
    QCOMPARE(overrides.url(Service::Sso), QUrl(u"https://global.example.com"_s)); // falls to endpoint_url
    QVERIFY(overrides.entry(Service::Sts).origin.contains(u"[services local] sts"_s));
}

void TestEndpoints::missingServicesSectionWarns()
{
    const AwsConfigPreview preview = AwsConfigImport::previewContent({},
        "[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n"
        "services = nowhere\n");
    QVERIFY(preview.errors.isEmpty());
    QCOMPARE(preview.warnings.size(), 1);
    QVERIFY(preview.warnings.constFirst().message.contains(u"[services nowhere]"_s));
}

void TestEndpoints::badConfiguredUrlNamesItsOrigin()
{
    QProcessEnvironment env;
    env.insert(u"AWS_ENDPOINT_URL_STS"_s, u"http://192.168.1.20:5000"_s);
    const EndpointOverrides overrides = EndpointOverrides::configured(env);
    const auto sts = overrides.resolve(Service::Sts, u"eu-west-1"_s);
    QVERIFY(!sts.ok());
    QVERIFY2(sts.error.contains(u"AWS_ENDPOINT_URL_STS"_s), qPrintable(sts.error));
    QVERIFY2(sts.error.contains(u"192.168.1.20"_s), qPrintable(sts.error));
    QVERIFY(overrides.resolve(Service::AutoScaling, u"eu-west-1"_s).ok()); // the others are not affected
}

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
