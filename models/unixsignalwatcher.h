#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGTERM/SIGINT/SIGHUP into a Qt signal. The handler only write()s one byte to a socketpair (the one thing
// that is async-signal-safe here); a QSocketNotifier reads it in the event loop, where quitting is safe. Installers
// and session managers stop the GUI with SIGTERM, so it must shut down like a window close: settings saved,
// simulator stopped, destructors run. It lives in models/ because `hookdesk-cli heartbeat --keep-alive` needs the
// same clean stop on Ctrl+C (outstanding heartbeats answered and audited).
class UnixSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject* parent = nullptr);
    ~UnixSignalWatcher() override;

    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();
    QSocketNotifier* m_notifier = nullptr;
};
