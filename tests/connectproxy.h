#pragma once

// A tiny HTTP CONNECT proxy on 127.0.0.1 for the proxy tests: it records each CONNECT target, optionally demands
// "Proxy-Authorization: Basic" (answering 407 otherwise, on the same connection as real proxies do), and once a
// tunnel is open copies bytes both ways without looking at them (TLS stays end to end).
#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

class ConnectProxy : public QObject {
public:
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    void requireBasic(const QByteArray& user, const QByteArray& password)
    {
        m_expected = "Basic " + QByteArray(user + ':' + password).toBase64();
    }
    void reset()
    {
        m_targets.clear();
        m_challenges = 0;
        m_expected.clear();
    }
    const QList<QByteArray>& targets() const { return m_targets; } // every CONNECT, answered or not
    int challenges() const { return m_challenges; } // 407s sent

    ConnectProxy()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* client = m_server.nextPendingConnection())
                serve(client);
        });
    }

private:
    void serve(QTcpSocket* client)
    {
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(client, &QTcpSocket::readyRead, this, [this, client] { readRequest(client); });
    }

    void readRequest(QTcpSocket* client)
    {
        if (client->property("tunnel").toBool())
            return;
        QByteArray buffer = client->property("buffer").toByteArray() + client->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        client->setProperty("buffer", end < 0 ? buffer : buffer.mid(end + 4));
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QByteArray target = lines.value(0).split(' ').value(1);
        m_targets.append(target);
        QByteArray authorization;
        for (const QByteArray& line : lines) {
            if (line.toLower().startsWith("proxy-authorization:"))
                authorization = line.mid(line.indexOf(':') + 1).trimmed();
        }
        if (!m_expected.isEmpty() && authorization != m_expected) {
            ++m_challenges;
            client->write("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                          "Content-Length: 0\r\n\r\n");
            return;
        }
        openTunnel(client, target);
    }

    void openTunnel(QTcpSocket* client, const QByteArray& target)
    {
        client->setProperty("tunnel", true);
        auto* upstream = new QTcpSocket(client);
        connect(upstream, &QTcpSocket::connected, client, [client, upstream] {
            client->write("HTTP/1.1 200 Connection established\r\n\r\n");
            const QByteArray early = client->property("buffer").toByteArray();
            if (!early.isEmpty())
                upstream->write(early);
            connect(
                client, &QTcpSocket::readyRead, upstream, [client, upstream] { upstream->write(client->readAll()); });
            connect(
                upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
        });
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        const qsizetype colon = target.lastIndexOf(':');
        upstream->connectToHost(QString::fromLatin1(target.left(colon)), target.mid(colon + 1).toUShort());
    }

    QTcpServer m_server;
    QByteArray m_expected;
    QList<QByteArray> m_targets;
    int m_challenges = 0;
};
