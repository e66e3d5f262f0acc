#include "proxysettings.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// urllib (and so requests and botocore) prefer the lower-case spelling when both are set.
QString variable(const QProcessEnvironment& environment, const QString& upper)
{
    const QString lower = environment.value(upper.toLower());
    return lower.isEmpty() ? environment.value(upper) : lower;
}

QString withoutBrackets(const QString& host)
{
    return host.startsWith(u'[') && host.endsWith(u']') ? host.mid(1, host.size() - 2) : host;
}

// An IP entry, or a CIDR block like 10.0.0.0/8, as requests accepts them; false when `entry` is not one.
bool addressMatches(const QHostAddress& address, const QString& entry, bool* isAddressEntry)
{
    if (entry.contains(u'/')) {
        const auto subnet = QHostAddress::parseSubnet(entry);
        *isAddressEntry = subnet.second >= 0;
        return *isAddressEntry && address.isInSubnet(subnet);
    }
    const QHostAddress other(withoutBrackets(entry));
    *isAddressEntry = !other.isNull();
    return *isAddressEntry && other.isEqual(address);
}

// urllib's proxy_bypass_environment: "example.com" and ".example.com" both match example.com and its subdomains
// (never notexample.com); an entry with a port matches only that port.
bool nameMatches(const QString& host, int port, const QString& entry)
{
    const QString withPort = port >= 0 ? host + u':' + QString::number(port) : host;
    const QStringList candidates { host, withPort };
    return std::ranges::any_of(candidates,
        [&entry](const QString& candidate) { return candidate == entry || candidate.endsWith(u'.' + entry); });
}

} // namespace

ProxySettings ProxySettings::fromEnvironment(const QProcessEnvironment& environment)
{
    ProxySettings settings;
    const auto read = [&](const QString& name, ProxyServer* into) {
        QString problem;
        *into = ProxyServer::parse(variable(environment, name), &problem);
        if (!problem.isEmpty())
            settings.m_problems.append(name + u": "_s + problem);
    };
    read(u"HTTPS_PROXY"_s, &settings.m_https);
    read(u"HTTP_PROXY"_s, &settings.m_http);
    settings.setNoProxy(variable(environment, u"NO_PROXY"_s));
    return settings;
}

ProxySettings ProxySettings::manual(const ProxyServer& server, const QString& noProxy)
{
    ProxySettings settings;
    settings.m_https = server;
    settings.m_http = server;
    settings.setNoProxy(noProxy);
    return settings;
}

void ProxySettings::setNoProxy(const QString& list)
{
    m_noProxy.clear();
    for (const QString& part : list.split(u',', Qt::SkipEmptyParts)) {
        QString entry = part.trimmed().toLower();
        while (entry.startsWith(u'.'))
            entry.remove(0, 1);
        if (!entry.isEmpty())
            m_noProxy.append(entry);
    }
}

bool ProxySettings::bypasses(const QString& host, int port) const
{
    const QString name = withoutBrackets(host).toLower();
    const QHostAddress address(name);
    for (const QString& entry : m_noProxy) {
        if (entry == u"*"_s)
            return true;
        bool isAddressEntry = false;
        if (!address.isNull() && addressMatches(address, entry, &isAddressEntry))
            return true;
        if (!isAddressEntry && nameMatches(name, port, entry))
            return true;
    }
    return false;
}

ProxyServer ProxySettings::proxyFor(const QUrl& url) const
{
    const QString scheme = url.scheme().toLower();
    const ProxyServer& server = scheme == u"https"_s ? m_https : scheme == u"http"_s ? m_http : ProxyServer {};
    if (!server.isValid() || bypasses(url.host(), url.port(scheme == u"https"_s ? 443 : 80)))
        return {};
    return server;
}

QString ProxySettings::describe() const
{
    QStringList parts;
    if (m_https.isValid())
        parts.append(QCoreApplication::translate("ProxySettings", "https via %1").arg(m_https.describe()));
    if (m_http.isValid())
        parts.append(QCoreApplication::translate("ProxySettings", "http via %1").arg(m_http.describe()));
    if (!parts.isEmpty() && !m_noProxy.isEmpty())
        parts.append(QCoreApplication::translate("ProxySettings", "not for %1").arg(m_noProxy.join(u", "_s)));
    return parts.join(u", "_s);
}
