#pragma once

#include "sigv4signer.h"
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

// The request exactly as received is what SigV4 verification needs, so the server hands out the signer's type.
using SimHttpRequest = SignableRequest;

struct SimHttpResponse {
    enum class Delivery { Normal, Drop, Truncate };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Delivery delivery = Delivery::Normal;
    int delayMs = 0;
};

// A small HTTP/1.1 server on 127.0.0.1: persistent connections, Content-Length bodies (no chunked uploads),
// requests on one connection answered in order. Enough for botocore, QNetworkAccessManager and curl.
class SimHttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<SimHttpResponse(const SimHttpRequest&)>;

    explicit SimHttpServer(Handler handler, QObject* parent = nullptr);
    ~SimHttpServer() override;

    SimResult<void> listen(quint16 port);
    void close();
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }

    static QByteArray reasonPhrase(int status);

private:
    struct Connection {
        QByteArray buffer;
        bool busy = false; // an answer is being delayed; later requests wait in the buffer
    };
    void onNewConnection();
    void processBuffer(QTcpSocket* socket);
    void deliver(QTcpSocket* socket, const SimHttpResponse& response, bool keepAlive);
    void sendSimple(QTcpSocket* socket, int status, const QByteArray& body);

    Handler m_handler;
    QTcpServer m_server;
    QHash<QTcpSocket*, Connection> m_connections;
};
