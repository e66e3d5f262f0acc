#include "ssoloopbackreceiver.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype kMaxRequestBytes = qsizetype(16) * 1024;
constexpr int kRequestTimeoutMs = 10000;
constexpr int kMaxRefused = 20; // past this, someone is probing the port: give the sign-in up
const QString kCallbackPath = u"/oauth/callback"_s;
} // namespace

SsoLoopbackReceiver::SsoLoopbackReceiver(QString expectedState, QObject* parent)
    : QObject(parent)
    , m_expectedState(std::move(expectedState))
{
    connect(&m_server, &QTcpServer::newConnection, this, &SsoLoopbackReceiver::accept);
}

SsoLoopbackReceiver::~SsoLoopbackReceiver() = default;

bool SsoLoopbackReceiver::listen(QString* error)
{
    // 127.0.0.1 only: never an address another machine could reach.
    if (m_server.listen(QHostAddress::LocalHost, 0)) {
        // Kept: the token request must repeat it exactly, after the listener has closed.
        m_redirectUri.setScheme(u"http"_s);
        m_redirectUri.setHost(u"127.0.0.1"_s);
        m_redirectUri.setPort(m_server.serverPort());
        m_redirectUri.setPath(kCallbackPath);
        return true;
    }
    *error = QCoreApplication::translate("SsoSignIn", "No local port could be opened for the browser's answer: %1")
                 .arg(m_server.errorString());
    return false;
}

void SsoLoopbackReceiver::accept()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kRequestTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void SsoLoopbackReceiver::readRequest(QTcpSocket* socket)
{
    if (socket->bytesAvailable() > kMaxRequestBytes)
        return socket->abort();
    const QByteArray head = socket->peek(kMaxRequestBytes);
    if (!head.contains("\r\n\r\n"))
        return; // the rest of the head is on its way
    socket->readAll();
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET")
        return answer(
            socket, 405, QCoreApplication::translate("SsoSignIn", "Only the sign-in's redirect is served here."));
    handle(socket, QUrl::fromEncoded(requestLine.at(1)));
}

void SsoLoopbackReceiver::handle(QTcpSocket* socket, const QUrl& target)
{
    const QUrlQuery query(target);
    if (m_done || target.path() != kCallbackPath || query.queryItemValue(u"state"_s) != m_expectedState) {
        answer(
            socket, 400, QCoreApplication::translate("SsoSignIn", "This is not the sign-in Hookdesk is waiting for."));
        if (++m_refused >= kMaxRefused && !m_done) {
            m_done = true;
            m_server.close();
            Q_EMIT failed(QCoreApplication::translate(
                "SsoSignIn", "The sign-in was given up: too many unexpected requests reached its local port."));
        }
        return;
    }
    m_done = true;
    m_server.close();
    const QString error = query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
    const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (!error.isEmpty() || code.isEmpty()) {
        answer(socket, 200,
            QCoreApplication::translate("SsoSignIn", "The sign-in did not complete. You can close this tab."));
        Q_EMIT failed(error == u"access_denied"_s
                ? QCoreApplication::translate("SsoSignIn", "The sign-in was denied in the browser.")
                : QCoreApplication::translate("SsoSignIn", "IAM Identity Center ended the sign-in with %1.")
                      .arg(error.left(60).isEmpty() ? u"no code"_s : error.left(60)));
        return;
    }
    answer(socket, 200, QCoreApplication::translate("SsoSignIn", "Signed in to Hookdesk. You can close this tab."));
    Q_EMIT received(code);
}

void SsoLoopbackReceiver::answer(QTcpSocket* socket, int status, const QString& text)
{
    const QByteArray body = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Hookdesk</title></head><body><p>"
        + text.toHtmlEscaped().toUtf8() + "</p></body></html>";
    const QByteArray reason = status == 200 ? "OK" : status == 400 ? "Bad Request" : "Method Not Allowed";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n"
          "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}
