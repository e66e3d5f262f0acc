#pragma once

#include "simhttpparser.h"
#include "simresult.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <functional>

class QTcpSocket;
class QTimer;

struct SimHttpResponse {
    enum class Delivery { Normal, Drop, Truncate };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Delivery delivery = Delivery::Normal;
    int delayMs = 0;
};

// A small HTTP/1.1 server on 127.0.0.1: persistent connections, Content-Length bodies (no chunked uploads),
// requests on one connection answered in order. Enough for botocore, QNetworkAccessManager and curl. Bounded, so a
// slow or hostile client cannot hold it: see Limits.
class SimHttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<SimHttpResponse(const SimHttpRequest&)>;

    struct Limits : SimHttpParser::Limits {
        // A connection that brings no complete request for this long is closed (a delayed answer does not count:
        // then the client waits for the server).
        int idleTimeoutMs = 30 * 1000;
        // Connections beyond this many are answered 503 and closed at once.
        int maxConnections = 64;
    };

    explicit SimHttpServer(Handler handler, QObject* parent = nullptr);
    ~SimHttpServer() override;

    SimResult<void> listen(quint16 port);
    void close();
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }

    // Applies to connections accepted afterwards and to every request parsed afterwards.
    void setLimits(const Limits& limits) { m_limits = limits; }
    const Limits& limits() const { return m_limits; }
    // What the open connections hold (tests: the buffer of a busy connection stays bounded).
    int connectionCount() const { return int(m_connections.size()); }
    qsizetype bufferedBytes() const;
    // Requests received and not yet answered, and the most seen at once since the last reset: what a client's
    // bound on requests in flight looks like from the server's side (tests of the per-account request gate).
    int requestsInProgress() const { return m_inProgress; }
    int peakRequestsInProgress() const { return m_peakInProgress; }
    void resetPeakRequestsInProgress() { m_peakInProgress = m_inProgress; }

    static QByteArray reasonPhrase(int status);

private:
    struct Connection {
        QByteArray buffer;
        bool busy = false; // an answer is being delayed; later requests wait in the buffer
        // Set when what waits behind a delayed answer is already refused: answered (and the connection closed)
        // once the delayed answer is out; input after it is discarded, so the buffer stays bounded.
        int refusedStatus = 0;
        QByteArray refusedReason;
        QTimer* idle = nullptr; // owned by the socket
    };
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void processBuffer(QTcpSocket* socket);
    void checkWhileBusy(Connection& connection) const;
    void restartIdleTimer(const Connection& connection) const;
    void answerLater(QTcpSocket* socket, const SimHttpResponse& response, bool keepAlive);
    static QByteArray encode(const SimHttpResponse& response, bool close);
    void deliver(QTcpSocket* socket, const SimHttpResponse& response, bool keepAlive);
    void sendSimple(QTcpSocket* socket, int status, const QByteArray& body);

    Handler m_handler;
    Limits m_limits;
    QTcpServer m_server;
    QHash<QTcpSocket*, Connection> m_connections;
    int m_inProgress = 0;
    int m_peakInProgress = 0;
};
