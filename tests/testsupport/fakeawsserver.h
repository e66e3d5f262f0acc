#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>
#include <memory>

// A scripted HTTP/1.1 server on 127.0.0.1 for QueryClient tests: each request takes the next answer from the
// queue (a status + body + headers, a dropped connection, or silence), and every request is recorded as received.
// When the queue is empty it answers 599 so a test notices extra requests.
class FakeAwsServer : public QObject {
    Q_OBJECT
public:
    struct Answer {
        enum Kind { Respond, Drop, Hang } kind = Respond;
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QDateTime date; // Date header; invalid: now
        int trickleMs = 0; // > 0: the body goes out one byte every trickleMs (a slow or hostile peer)
        qint64 contentLength = -1; // the Content-Length sent: -1 the body's size, -2 none (ends at close)
    };
    struct Request {
        QByteArray method, target;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const;
    };

    explicit FakeAwsServer(QObject* parent = nullptr);
    bool listen();
    // HTTPS instead: the certificate and key (PEM files) the server presents. url() then says https.
    bool listenTls(const QString& certificatePem, const QString& keyPem);
    QUrl url() const;
    // TLS connections that ended in the handshake (the client refused the certificate).
    int handshakeFailures() const { return m_handshakeFailures; }

    void enqueue(const Answer& answer) { m_answers.append(answer); }
    void respond(int status, const QByteArray& body, const QDateTime& date = {});
    // An <ErrorResponse> with this code and message.
    void respondError(int status, const QByteArray& code, const QByteArray& message, const QDateTime& date = {});
    void drop();
    void hang();
    // Headers at once, then the body one byte every `intervalMs`.
    void trickle(const QByteArray& body, int intervalMs);

    const QList<Request>& requests() const { return m_requests; }
    qsizetype pendingAnswers() const { return m_answers.size(); }

private:
    void onReadyRead(class QTcpSocket* socket);

    void acceptConnections();

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    int m_handshakeFailures = 0;
    QList<Answer> m_answers;
    QList<Request> m_requests;
};
