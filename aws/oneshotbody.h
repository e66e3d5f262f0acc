#pragma once

#include <QByteArray>
#include <QIODevice>

// The body of a mutating request (CompleteLifecycleAction, heartbeats, hook changes). QNetworkAccessManager in
// Qt 6.4 sends a request again by itself when the connection closes before an answer (it takes the connection for a
// stale keep-alive one), and does so by resetting the upload device. A device that cannot be reset turns that silent
// second send into a ContentReSendError, which the caller sees and decides by reading the state back — so an action
// is never applied twice behind the code's back. Read requests keep the resend: repeating a read is harmless.
class OneShotBody : public QIODevice {
    Q_OBJECT
public:
    explicit OneShotBody(QByteArray data, QObject* parent = nullptr);

    bool isSequential() const override { return true; }
    bool reset() override { return false; } // the point of this class: it can be read once
    qint64 bytesAvailable() const override { return qint64(m_data.size()) - m_offset + QIODevice::bytesAvailable(); }
    qint64 size() const override { return m_data.size(); }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* /*data*/, qint64 /*size*/) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_offset = 0;
};
