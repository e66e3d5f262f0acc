#include "proxyserver.h"

#include <QCoreApplication>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// The text with any "user:password@" cut out, so that an error message can quote what was given.
QString withoutUserInfo(const QString& text)
{
    const qsizetype at = text.lastIndexOf(u'@');
    if (at < 0)
        return text;
    const qsizetype schemeEnd = text.indexOf(u"://"_s);
    const qsizetype start = schemeEnd < 0 || schemeEnd > at ? 0 : schemeEnd + 3;
    return text.left(start) + u"…@"_s + text.mid(at + 1);
}

QString invalid(const QString& text)
{
    return QCoreApplication::translate("ProxyServer", "'%1' is not a proxy URL like http://host:port.")
        .arg(withoutUserInfo(text));
}

} // namespace

QString ProxyServer::hostPort() const
{
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return shownHost + u':' + QString::number(port);
}

QString ProxyServer::describe() const
{
    return user.isEmpty() ? hostPort() : user + u'@' + hostPort();
}

QNetworkProxy ProxyServer::toNetworkProxy() const
{
    return QNetworkProxy(QNetworkProxy::HttpProxy, host, port, user, password);
}

ProxyServer ProxyServer::parse(const QString& text, QString* error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    // requests and botocore read a bare "host:port" as an http proxy.
    const QString full = trimmed.contains(u"://"_s) ? trimmed : u"http://"_s + trimmed;
    const QUrl url(full, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.path() != u""_s && url.path() != u"/"_s)) {
        *error = invalid(trimmed);
        return {};
    }
    if (url.scheme().compare(u"http"_s, Qt::CaseInsensitive) != 0) {
        *error = QCoreApplication::translate("ProxyServer", "'%1': only http:// proxies are supported.")
                     .arg(withoutUserInfo(trimmed));
        return {};
    }
    ProxyServer server;
    server.host = url.host(QUrl::FullyDecoded);
    server.port = quint16(url.port(80));
    server.user = url.userName(QUrl::FullyDecoded);
    server.password = url.password(QUrl::FullyDecoded);
    return server;
}
