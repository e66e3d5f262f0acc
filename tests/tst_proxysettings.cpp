// HTTPS_PROXY / HTTP_PROXY / NO_PROXY read as botocore and requests read them, the preferences that override them,
// and the rule that a proxy password never appears in anything shown.
#include "networkpreferences.h"
#include "proxyauthenticator.h"
#include "proxyfactory.h"
#include "proxysettings.h"

#include <QNetworkProxyQuery>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QProcessEnvironment environment(std::initializer_list<std::pair<QString, QString>> variables)
{
    QProcessEnvironment result;
    for (const auto& [name, value] : variables)
        result.insert(name, value);
    return result;
}
} // namespace

class TestProxySettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesTheUrlForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("hostPort");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("url") << u"http://proxy.corp:3128"_s << u"proxy.corp:3128"_s << QString() << QString();
        QTest::newRow("bare") << u"proxy.corp:8080"_s << u"proxy.corp:8080"_s << QString() << QString();
        QTest::newRow("default port") << u"http://proxy.corp"_s << u"proxy.corp:80"_s << QString() << QString();
        QTest::newRow("trailing slash") << u"http://proxy.corp:3128/"_s << u"proxy.corp:3128"_s << QString()
                                        << QString();
        QTest::newRow("user info") << u"http://alice:s3cret@proxy.corp:3128"_s << u"proxy.corp:3128"_s << u"alice"_s
                                   << u"s3cret"_s;
        QTest::newRow("percent-decoded") << u"http://dom%5Calice:p%40ss%3Aw@10.0.0.1:3128"_s << u"10.0.0.1:3128"_s
                                         << u"dom\\alice"_s << u"p@ss:w"_s;
        QTest::newRow("bare with user") << u"bob:pw@proxy:1"_s << u"proxy:1"_s << u"bob"_s << u"pw"_s;
        QTest::newRow("ipv6") << u"http://[::1]:3128"_s << u"[::1]:3128"_s << QString() << QString();
    }

    void parsesTheUrlForms()
    {
        QFETCH(QString, text);
        QString error;
        const ProxyServer server = ProxyServer::parse(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFETCH(QString, hostPort);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QCOMPARE(server.hostPort(), hostPort);
        QCOMPARE(server.user, user);
        QCOMPARE(server.password, password);
    }

    void refusesWhatIsNotAnHttpProxy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("socks") << u"socks5://alice:hidden-pw@proxy:1080"_s;
        QTest::newRow("https") << u"https://alice:hidden-pw@proxy:443"_s;
        QTest::newRow("path") << u"http://alice:hidden-pw@proxy:3128/path"_s;
        QTest::newRow("port") << u"http://alice:hidden-pw@proxy:99999"_s;
    }

    void refusesWhatIsNotAnHttpProxy()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!ProxyServer::parse(text, &error).isValid());
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(u"hidden-pw"_s), qPrintable(error));
    }

    void schemesPickTheirVariable()
    {
        const ProxySettings settings = ProxySettings::fromEnvironment(
            environment({ { u"HTTPS_PROXY"_s, u"secure:1"_s }, { u"HTTP_PROXY"_s, u"plain:2"_s } }));
        QCOMPARE(settings.proxyFor(QUrl(u"https://sts.amazonaws.com/"_s)).hostPort(), u"secure:1"_s);
        QCOMPARE(settings.proxyFor(QUrl(u"http://127.0.0.1:9000/"_s)).hostPort(), u"plain:2"_s);
        QVERIFY(!ProxySettings::fromEnvironment(environment({ { u"HTTP_PROXY"_s, u"plain:2"_s } }))
                     .proxyFor(QUrl(u"https://sts.amazonaws.com/"_s))
                     .isValid());
        QVERIFY(ProxySettings().isDirect());
    }

    void lowerCaseWins()
    {
        const ProxySettings settings = ProxySettings::fromEnvironment(
            environment({ { u"HTTPS_PROXY"_s, u"upper:1"_s }, { u"https_proxy"_s, u"lower:2"_s },
                { u"NO_PROXY"_s, u"a.example"_s }, { u"no_proxy"_s, u"b.example"_s } }));
        QCOMPARE(settings.proxyFor(QUrl(u"https://x/"_s)).hostPort(), u"lower:2"_s);
        QVERIFY(settings.bypasses(u"b.example"_s, 443));
        QVERIFY(!settings.bypasses(u"a.example"_s, 443));
    }

    void noProxyMatching_data()
    {
        QTest::addColumn<QString>("noProxy");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("bypass");
        QTest::newRow("exact") << u"sts.amazonaws.com"_s << u"https://sts.amazonaws.com/"_s << true;
        QTest::newRow("suffix without dot") << u"amazonaws.com"_s << u"https://sts.amazonaws.com/"_s << true;
        QTest::newRow("suffix with dot") << u".amazonaws.com"_s << u"https://sts.amazonaws.com/"_s << true;
        QTest::newRow("dot matches the domain itself") << u".corp"_s << u"https://corp/"_s << true;
        QTest::newRow("not a label boundary") << u"example.com"_s << u"https://notexample.com/"_s << false;
        QTest::newRow("case") << u"STS.AmazonAWS.com"_s << u"https://sts.amazonaws.COM/"_s << true;
        QTest::newRow("star") << u"*"_s << u"https://anything.example/"_s << true;
        QTest::newRow("list with spaces") << u" a.example , b.example "_s << u"https://x.b.example/"_s << true;
        QTest::newRow("port matches") << u"vpce.local:8443"_s << u"https://vpce.local:8443/"_s << true;
        QTest::newRow("port differs") << u"vpce.local:8443"_s << u"https://vpce.local/"_s << false;
        QTest::newRow("ip") << u"10.1.2.3"_s << u"https://10.1.2.3/"_s << true;
        QTest::newRow("cidr") << u"10.0.0.0/8"_s << u"https://10.1.2.3/"_s << true;
        QTest::newRow("cidr outside") << u"10.0.0.0/8"_s << u"https://11.1.2.3/"_s << false;
        QTest::newRow("ipv6") << u"::1"_s << u"https://[::1]:4443/"_s << true;
        // requests does not exempt loopback by itself: a local TLS-inspecting proxy sees it too.
        QTest::newRow("loopback not exempt") << u""_s << u"https://127.0.0.1:4443/"_s << false;
        QTest::newRow("localhost not exempt") << u"example.com"_s << u"https://localhost/"_s << false;
    }

    void noProxyMatching()
    {
        QFETCH(QString, noProxy);
        QFETCH(QString, url);
        QFETCH(bool, bypass);
        const ProxySettings settings = ProxySettings::fromEnvironment(
            environment({ { u"HTTPS_PROXY"_s, u"proxy:3128"_s }, { u"NO_PROXY"_s, noProxy } }));
        QCOMPARE(!settings.proxyFor(QUrl(url)).isValid(), bypass);
    }

    void factoryAnswersPerRequest()
    {
        ProxyFactory factory(ProxySettings::fromEnvironment(
            environment({ { u"HTTPS_PROXY"_s, u"http://alice:pw@proxy:3128"_s }, { u"NO_PROXY"_s, u".internal"_s } })));
        const QList<QNetworkProxy> proxied
            = factory.queryProxy(QNetworkProxyQuery(QUrl(u"https://sts.amazonaws.com"_s)));
        QCOMPARE(proxied.size(), 1);
        QCOMPARE(proxied.first().type(), QNetworkProxy::HttpProxy);
        QCOMPARE(proxied.first().hostName(), u"proxy"_s);
        QCOMPARE(proxied.first().port(), 3128);
        QCOMPARE(proxied.first().user(), u"alice"_s);
        QCOMPARE(proxied.first().password(), u"pw"_s);
        const QList<QNetworkProxy> direct = factory.queryProxy(QNetworkProxyQuery(QUrl(u"https://vpce.internal"_s)));
        QCOMPARE(direct.first().type(), QNetworkProxy::NoProxy);
    }

    void passwordNeverShown()
    {
        const ProxySettings settings = ProxySettings::fromEnvironment(
            environment({ { u"HTTPS_PROXY"_s, u"http://alice:never-shown-1@proxy:3128"_s },
                { u"HTTP_PROXY"_s, u"socks5://bob:never-shown-2@proxy:1080"_s } }));
        const QString text = settings.describe() + settings.problems().join(u'\n')
            + settings.proxyFor(QUrl(u"https://x/"_s)).describe() + settings.proxyFor(QUrl(u"https://x/"_s)).hostPort();
        QVERIFY2(text.contains(u"alice@proxy:3128"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"never-shown"_s), qPrintable(text));
        QCOMPARE(settings.problems().size(), 1); // HTTP_PROXY is not an http proxy
    }

    void preferencesOverrideTheEnvironment()
    {
        const QProcessEnvironment env
            = environment({ { u"HTTPS_PROXY"_s, u"envproxy:1"_s }, { u"NO_PROXY"_s, u"skip.example"_s } });
        NetworkPreferences preferences;
        QStringList problems;
        QCOMPARE(preferences.proxySettings(env, &problems).proxyFor(QUrl(u"https://x/"_s)).hostPort(), u"envproxy:1"_s);
        preferences.proxyMode = NetworkPreferences::ProxyMode::None;
        QVERIFY(preferences.proxySettings(env, &problems).isDirect());
        preferences.proxyMode = NetworkPreferences::ProxyMode::Manual;
        preferences.manualProxy = u"manual.corp:8080"_s;
        const ProxySettings manual = preferences.proxySettings(env, &problems);
        QCOMPARE(manual.proxyFor(QUrl(u"https://x/"_s)).hostPort(), u"manual.corp:8080"_s);
        QCOMPARE(manual.proxyFor(QUrl(u"http://x/"_s)).hostPort(), u"manual.corp:8080"_s);
        QVERIFY(!manual.proxyFor(QUrl(u"https://skip.example/"_s)).isValid());
        QVERIFY(problems.isEmpty());
        preferences.manualProxy = u"ftp://nope"_s;
        QVERIFY(preferences.proxySettings(env, &problems).isDirect());
        QCOMPARE(problems.size(), 1);
    }

    void preferencesRoundTrip()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"p.ini"_s), QSettings::IniFormat);
        NetworkPreferences preferences;
        preferences.proxyMode = NetworkPreferences::ProxyMode::Manual;
        preferences.manualProxy = u"proxy:3128"_s;
        preferences.proxyUser = u"alice"_s;
        preferences.caBundle = u"/etc/corp.pem"_s;
        preferences.save(settings);
        const NetworkPreferences loaded = NetworkPreferences::load(settings);
        QCOMPARE(loaded.proxyMode, NetworkPreferences::ProxyMode::Manual);
        QCOMPARE(loaded.manualProxy, preferences.manualProxy);
        QCOMPARE(loaded.proxyUser, preferences.proxyUser);
        QCOMPARE(loaded.caBundle, preferences.caBundle);
    }

    void keychainFieldUsesAllowedCharacters()
    {
        QCOMPARE(ProxyAuthenticator::passwordField(u"proxy.corp:3128"_s), u"password.proxy.corp_3128"_s);
        QCOMPARE(ProxyAuthenticator::passwordField(u"[fe80::1]:3128"_s), u"password.fe80_1_3128"_s);
    }
};

QTEST_GUILESS_MAIN(TestProxySettings)
#include "tst_proxysettings.moc"
