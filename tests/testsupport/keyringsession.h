#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace TestSupport {

// A private D-Bus session bus for one test process, optionally with its own unlocked gnome-keyring on it, so that
// keychain tests never touch the developer's real keyring and can lock theirs without disturbing tests running in
// parallel. start() points this process's DBUS_SESSION_BUS_ADDRESS at the private bus, so it must run before
// anything in the process connects to D-Bus (first thing in initTestCase()).
class KeyringSession {
public:
    enum class Mode {
        UnlockedKeyring, // dbus-daemon + gnome-keyring-daemon --unlock
        NoSecretService, // dbus-daemon only: "no keychain service running"
    };

    KeyringSession();
    ~KeyringSession();
    KeyringSession(const KeyringSession&) = delete;
    KeyringSession& operator=(const KeyringSession&) = delete;

    bool start(Mode mode = Mode::UnlockedKeyring);
    // Starts gnome-keyring on the private bus later, e.g. to play a Secret Service that comes up late.
    bool startKeyring();
    QString errorString() const { return m_error; }
    // Where gnome-keyring keeps its (encrypted) keyring files: $XDG_DATA_HOME/keyrings of the private session.
    QString keyringDirectory() const;
    // Locks the collection behind the "default" alias through org.freedesktop.Secret.Service.Lock.
    bool lockDefaultCollection();
    bool isDefaultCollectionLocked();

    // True when a keychain test has to run: HOOKDESK_REQUIRE_KEYRING is set (CI), so a missing keyring is a failure.
    static bool required();

private:
    void stop();

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    std::unique_ptr<QProcess> m_bus;
    std::unique_ptr<QProcess> m_keyring;
    QString m_error;
};

} // namespace TestSupport

// For a keychain test's initTestCase(): start the private session, then skip (locally) or fail (CI) without one.
#define HOOKDESK_REQUIRE_SECRET_SERVICE(session)                                                                       \
    do {                                                                                                               \
        const bool started_ = (session).start(TestSupport::KeyringSession::Mode::UnlockedKeyring);                     \
        if (!started_ || !TestSupport::secretServiceAvailable()) {                                                     \
            if (TestSupport::KeyringSession::required())                                                               \
                QFAIL(qPrintable(QStringLiteral("HOOKDESK_REQUIRE_KEYRING is set but no Secret Service: ")             \
                    + (session).errorString()));                                                                       \
            QSKIP("no Secret Service (gnome-keyring) available; set HOOKDESK_REQUIRE_KEYRING=1 to make this fail");    \
        }                                                                                                              \
    } while (false)
