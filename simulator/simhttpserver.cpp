#include "simhttpserver.h"

#include "simlogging.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 4 * 1024 * 1024;
} // namespace

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
    case 400:
        return "Bad Request";
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

void SimHttpServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        m_connections.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            auto it = m_connections.find(socket);
            if (it == m_connections.end())
                return;
            it->buffer += socket->readAll();
            processBuffer(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
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
        auto it = m_connections.find(socket);
        if (it == m_connections.end() || it->busy)
            return;
        QByteArray& buffer = it->buffer;
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (buffer.size() > kMaxHeaderBytes)
                sendSimple(socket, 431, "header too large\n");
            return;
        }
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            sendSimple(socket, 400, "malformed request line\n");
            return;
        }
        SimHttpRequest request;
        request.method = requestLine.at(0);
        const QByteArray target = requestLine.at(1);
        const qsizetype q = target.indexOf('?');
        request.path = q < 0 ? target : target.left(q);
        request.query = q < 0 ? QByteArray() : target.mid(q + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            request.headers.emplaceBack(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
        }
        if (!request.header("Transfer-Encoding").isEmpty()) {
            sendSimple(socket, 501, "chunked request bodies are not supported\n");
            return;
        }
        bool ok = true;
        const QByteArray lengthHeader = request.header("Content-Length");
        const qsizetype length = lengthHeader.isEmpty() ? 0 : lengthHeader.toLongLong(&ok);
        if (!ok || length < 0) {
            sendSimple(socket, 400, "bad Content-Length\n");
            return;
        }
        if (length > kMaxBodyBytes) {
            sendSimple(socket, 413, "body too large\n");
            return;
        }
        const qsizetype total = headerEnd + 4 + length;
        if (buffer.size() < total) {
            if (request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0
                && buffer.size() == headerEnd + 4)
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        }
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, total);

        const bool http10 = requestLine.at(2) == "HTTP/1.0";
        const QByteArray connection = request.header("Connection").toLower();
        const bool keepAlive = http10 ? connection == "keep-alive" : connection != "close";

        const SimHttpResponse response = m_handler(request);
        if (response.delayMs > 0) {
            it->busy = true;
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(response.delayMs, this, [this, guarded, response, keepAlive] {
                if (!guarded || !m_connections.contains(guarded.data()))
                    return;
                m_connections[guarded.data()].busy = false;
                deliver(guarded.data(), response, keepAlive);
                if (guarded && m_connections.contains(guarded.data()))
                    processBuffer(guarded.data());
            });
            return;
        }
        deliver(socket, response, keepAlive);
    }
}

void SimHttpServer::deliver(QTcpSocket* socket, const SimHttpResponse& response, bool keepAlive)
{
    if (response.delivery == SimHttpResponse::Delivery::Drop) {
        m_connections.remove(socket);
        socket->abort();
        socket->deleteLater();
        return;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto& [key, value] : response.headers)
        out += key + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    const bool close = !keepAlive || response.delivery == SimHttpResponse::Delivery::Truncate;
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    if (response.delivery == SimHttpResponse::Delivery::Truncate)
        out += response.body.left(response.body.size() / 2);
    else
        out += response.body;
    socket->write(out);
    if (close) {
        m_connections.remove(socket);
        // The disconnected handler set up in onNewConnection deletes the socket once the bytes are out.
        socket->disconnectFromHost();
    }
}
