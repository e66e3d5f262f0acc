#include "simhttpserver.h"

#include "simlogging.h"

#include <QTcpSocket>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

SimHttpServer::SimHttpServer(Handler handler, QObject* parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &SimHttpServer::onNewConnection);
}

SimHttpServer::~SimHttpServer()
{
    close();
}

SimResult<void> SimHttpServer::listen(quint16 port)
{
    // Loopback only: the simulator accepts well-known demo credentials and must never be reachable from outside.
    if (m_server.listen(QHostAddress::LocalHost, port))
        return {};
    return SimError::local(m_server.errorString());
}

void SimHttpServer::close()
{
    m_server.close();
    const QList<QTcpSocket*> sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket* socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

QByteArray SimHttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

qsizetype SimHttpServer::bufferedBytes() const
{
    qsizetype total = 0;
    for (const Connection& connection : m_connections)
        total += connection.buffer.size();
    return total;
}

void SimHttpServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
        if (m_connections.size() >= m_limits.maxConnections) {
            // Refused before anything is read: the client learns why instead of waiting on a connection that is
            // never served. Its bytes are not read; the socket goes when the close completes.
            qCInfo(lcSim) << "refusing a connection beyond" << m_limits.maxConnections;
            SimHttpResponse refusal;
            refusal.status = 503;
            refusal.body = "too many connections\n";
            refusal.headers.emplaceBack("Content-Type", "text/plain");
            socket->write(encode(refusal, true));
            socket->disconnectFromHost();
            continue;
        }
        Connection connection;
        connection.idle = new QTimer(socket);
        connection.idle->setSingleShot(true);
        connect(connection.idle, &QTimer::timeout, this, [this, socket] {
            const auto it = m_connections.constFind(socket);
            if (it == m_connections.cend() || it->busy)
                return;
            qCDebug(lcSim) << "closing a connection idle for" << m_limits.idleTimeoutMs << "ms";
            m_connections.remove(socket);
            socket->disconnectFromHost(); // the disconnected handler above deletes it
        });
        m_connections.insert(socket, connection);
        restartIdleTimer(connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    }
}

void SimHttpServer::restartIdleTimer(const Connection& connection) const
{
    if (m_limits.idleTimeoutMs > 0)
        connection.idle->start(m_limits.idleTimeoutMs);
    else
        connection.idle->stop();
}

void SimHttpServer::onReadyRead(QTcpSocket* socket)
{
    // Read even when nothing is kept, so that Qt's own buffer does not grow instead of ours.
    const QByteArray data = socket->readAll();
    const auto it = m_connections.find(socket);
    if (it == m_connections.end() || it->refusedStatus != 0)
        return;
    it->buffer += data;
    if (it->busy)
        checkWhileBusy(*it);
    else
        processBuffer(socket);
}

void SimHttpServer::checkWhileBusy(Connection& connection) const
{
    // The delayed answer must go out first (answers keep the order of the requests), so what arrives meanwhile is
    // only checked: refused as soon as it is known to be, and never kept beyond what one request may take.
    const SimHttpParse next = SimHttpParser::parse(connection.buffer, m_limits);
    if (next.outcome == SimHttpParse::Outcome::Malformed) {
        connection.refusedStatus = next.status;
        connection.refusedReason = next.reason;
    } else if (connection.buffer.size() > m_limits.maxHeaderBytes + m_limits.maxBodyBytes) {
        connection.refusedStatus = 503;
        connection.refusedReason = "too many requests queued behind a delayed answer\n";
    }
    if (connection.refusedStatus != 0)
        connection.buffer.clear();
}

void SimHttpServer::sendSimple(QTcpSocket* socket, int status, const QByteArray& body)
{
    SimHttpResponse response;
    response.status = status;
    response.body = body;
    response.headers.emplaceBack("Content-Type", "text/plain");
    deliver(socket, response, false);
}

void SimHttpServer::processBuffer(QTcpSocket* socket)
{
    for (;;) {
        const auto it = m_connections.find(socket);
        if (it == m_connections.end() || it->busy)
            return;
        const SimHttpParse parsed = SimHttpParser::parse(it->buffer, m_limits);
        if (parsed.outcome == SimHttpParse::Outcome::Malformed) {
            sendSimple(socket, parsed.status, parsed.reason);
            return;
        }
        if (parsed.outcome == SimHttpParse::Outcome::Incomplete) {
            if (parsed.expectsContinue)
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        }
        it->buffer.remove(0, parsed.consumed);
        restartIdleTimer(*it);
        m_peakInProgress = std::max(m_peakInProgress, m_inProgress + 1);
        const SimHttpResponse response = m_handler(parsed.request);
        if (response.delayMs > 0) {
            answerLater(socket, response, parsed.keepAlive);
            return;
        }
        deliver(socket, response, parsed.keepAlive);
    }
}

void SimHttpServer::answerLater(QTcpSocket* socket, const SimHttpResponse& response, bool keepAlive)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->busy = true;
    it->idle->stop(); // the client waits for us now
    ++m_inProgress; // until the delayed answer is out (or its connection is gone)
    QPointer<QTcpSocket> guarded(socket);
    QTimer::singleShot(response.delayMs, this, [this, guarded, response, keepAlive] {
        --m_inProgress;
        if (!guarded || !m_connections.contains(guarded.data()))
            return;
        Connection& connection = m_connections[guarded.data()];
        connection.busy = false;
        const int refused = connection.refusedStatus;
        const QByteArray reason = connection.refusedReason;
        deliver(guarded.data(), response, keepAlive);
        if (!guarded || !m_connections.contains(guarded.data()))
            return;
        if (refused != 0) {
            sendSimple(guarded.data(), refused, reason);
            return;
        }
        restartIdleTimer(m_connections[guarded.data()]);
        processBuffer(guarded.data());
    });
}

QByteArray SimHttpServer::encode(const SimHttpResponse& response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto& [key, value] : response.headers)
        out += key + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    if (response.delivery == SimHttpResponse::Delivery::Truncate)
        out += response.body.left(response.body.size() / 2);
    else
        out += response.body;
    return out;
}

void SimHttpServer::deliver(QTcpSocket* socket, const SimHttpResponse& response, bool keepAlive)
{
    if (response.delivery == SimHttpResponse::Delivery::Drop) {
        m_connections.remove(socket);
        socket->abort();
        socket->deleteLater();
        return;
    }
    const bool close = !keepAlive || response.delivery == SimHttpResponse::Delivery::Truncate;
    socket->write(encode(response, close));
    if (close) {
        m_connections.remove(socket);
        // The disconnected handler set up in onNewConnection deletes the socket once the bytes are out.
        socket->disconnectFromHost();
    }
}
