#include "fakeawsserver.h"

#include <QFile>
#include <QLocale>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

QByteArray FakeAwsServer::Request::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

FakeAwsServer::FakeAwsServer(QObject* parent)
    : QObject(parent)
    , m_server(std::make_unique<QTcpServer>())
{
}

void FakeAwsServer::acceptConnections()
{
    // QSslServer hands out a socket once its handshake is done, so the same reader serves both.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool FakeAwsServer::listen()
{
    acceptConnections();
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool FakeAwsServer::listenTls(const QString& certificatePem, const QString& keyPem)
{
    QFile certificateFile(certificatePem);
    QFile keyFile(keyPem);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return false;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certificateFile.readAll(), QSsl::Pem));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(tls);
    connect(server.get(), &QSslServer::errorOccurred, this,
        [this](QSslSocket*, QAbstractSocket::SocketError) { ++m_handshakeFailures; });
    connect(server.get(), &QSslServer::sslErrors, this,
        [this](QSslSocket*, const QList<QSslError>&) { ++m_handshakeFailures; });
    m_server = std::move(server);
    m_tls = true;
    return listen();
}

QUrl FakeAwsServer::url() const
{
    return QUrl(u"%1://127.0.0.1:%2/"_s.arg(m_tls ? u"https"_s : u"http"_s).arg(m_server->serverPort()));
}

void FakeAwsServer::respond(int status, const QByteArray& body, const QDateTime& date)
{
    Answer answer;
    answer.status = status;
    answer.body = body;
    answer.date = date;
    enqueue(answer);
}

void FakeAwsServer::respondError(int status, const QByteArray& code, const QByteArray& message, const QDateTime& date)
{
    respond(status,
        "<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><Error><Type>Sender</Type><Code>"
            + code + "</Code><Message>" + message + "</Message></Error><RequestId>req-" + code
            + "</RequestId></ErrorResponse>",
        date);
}

void FakeAwsServer::drop()
{
    Answer answer;
    answer.kind = Answer::Drop;
    enqueue(answer);
}

void FakeAwsServer::hang()
{
    Answer answer;
    answer.kind = Answer::Hang;
    enqueue(answer);
}

void FakeAwsServer::trickle(const QByteArray& body, int intervalMs)
{
    Answer answer;
    answer.body = body;
    answer.trickleMs = intervalMs;
    enqueue(answer);
}

void FakeAwsServer::onReadyRead(QTcpSocket* socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        socket->setProperty("buffer", buffer);
        return;
    }
    Request request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
        if (line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
            contentLength = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (buffer.size() < headerEnd + 4 + contentLength) {
        socket->setProperty("buffer", buffer);
        return;
    }
    socket->setProperty("buffer", QByteArray());
    request.body = buffer.mid(headerEnd + 4, contentLength);
    m_requests.append(request);

    Answer answer;
    if (m_answers.isEmpty())
        answer.status = 599;
    else
        answer = m_answers.takeFirst();
    if (answer.kind == Answer::Drop) {
        socket->abort();
        return;
    }
    if (answer.kind == Answer::Hang)
        return;
    const QDateTime date = answer.date.isValid() ? answer.date : QDateTime::currentDateTimeUtc();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(answer.status) + " Status\r\n";
    response
        += "Date: " + QLocale::c().toString(date.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1() + "\r\n";
    response += "Content-Type: text/xml\r\n";
    response += "x-amzn-RequestId: fake-" + QByteArray::number(m_requests.size()) + "\r\n";
    for (const auto& [name, value] : std::as_const(answer.headers))
        response += name + ": " + value + "\r\n";
    if (answer.contentLength != -2) {
        const qint64 length = answer.contentLength >= 0 ? answer.contentLength : answer.body.size();
        response += "Content-Length: " + QByteArray::number(length) + "\r\n";
    }
    response += "Connection: close\r\n\r\n";
    if (answer.trickleMs <= 0) {
        socket->write(response + answer.body);
        socket->disconnectFromHost();
        return;
    }
    socket->write(response);
    auto* timer = new QTimer(socket); // ends with the socket, when the client gives up
    auto remaining = std::make_shared<QByteArray>(answer.body);
    connect(timer, &QTimer::timeout, socket, [socket, timer, remaining] {
        if (remaining->isEmpty()) {
            timer->stop();
            socket->disconnectFromHost();
            return;
        }
        socket->write(remaining->left(1));
        remaining->remove(0, 1);
    });
    timer->start(answer.trickleMs);
}
