#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Small helpers every test may use. Fixtures with a lifetime (servers, keyrings) have files of their own.
namespace TestSupport {

// Directory of the vendored reference data (AWS SigV4 suite, service models) and test fixtures.
QString dataDir();
// The bytes of dataDir()/relativePath; the test aborts when the fixture is missing.
QByteArray dataFile(const QString& relativePath);

// Path of a built executable (hookdesk, hookdesk-cli, hookdesk-sim); the tests' environment names the folder.
QString executable(const QString& name);

// A TCP port on 127.0.0.1 that was free a moment ago. Servers that can should bind port 0 instead.
quint16 freePort();

// True when a Secret Service (gnome-keyring under the test's dbus-run-session) answers on the session bus.
bool secretServiceAvailable();

// The Python interpreter that has moto and boto3 (the pyenv one on our machines), or empty when none has.
QString pythonWithMoto();

} // namespace TestSupport
