#pragma once

#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

// The one-shot listener that receives the browser's redirect of an authorization-code sign-in (RFC 8252 §7.3):
// bound to 127.0.0.1 only, on a port the system picks. It answers every request; the first one on the callback path
// with the expected `state` ends it (received() or, for an error the directory sent back, failed()), and it stops
// listening at once. A request with another state — a page that guessed the port — is refused with 400 and
// changes nothing. Requests are bounded in size and time, so a stray client cannot hold it.
class SsoLoopbackReceiver : public QObject {
    Q_OBJECT
public:
    explicit SsoLoopbackReceiver(QString expectedState, QObject* parent = nullptr);
    ~SsoLoopbackReceiver() override;

    bool listen(QString* error);
    bool isListening() const { return m_server.isListening(); }
    // http://127.0.0.1:PORT/oauth/callback
    QUrl redirectUri() const { return m_redirectUri; }
    int refusedRequests() const { return m_refused; }

Q_SIGNALS:
    void received(const QString& code);
    void failed(const QString& message);

private:
    void accept();
    void readRequest(QTcpSocket* socket);
    void answer(QTcpSocket* socket, int status, const QString& text);
    void handle(QTcpSocket* socket, const QUrl& target);

    QTcpServer m_server;
    QString m_expectedState;
    QUrl m_redirectUri;
    int m_refused = 0;
    bool m_done = false;
};
