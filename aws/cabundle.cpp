#include "cabundle.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace CaBundle {

namespace {

enum class Problem { None, Unreadable, TooLarge, NoCertificate };

QList<QSslCertificate> load(const QString& path, Problem* problem)
{
    // A CA bundle is a few hundred kilobytes at most; anything far larger is not one.
    constexpr qint64 kMaxBytes = qint64(8) * 1024 * 1024;
    QFile file(path);
    *problem = Problem::None;
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        *problem = Problem::Unreadable;
        return {};
    }
    if (file.size() > kMaxBytes) {
        *problem = Problem::TooLarge;
        return {};
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        *problem = Problem::NoCertificate;
    return certificates;
}

QString environmentMessage(Problem problem, const QString& path)
{
    switch (problem) {
    case Problem::Unreadable:
        return QCoreApplication::translate("CaBundle", "AWS_CA_BUNDLE names %1, which cannot be read.").arg(path);
    case Problem::TooLarge:
        return QCoreApplication::translate("CaBundle", "AWS_CA_BUNDLE names %1, which is too large for a PEM bundle.")
            .arg(path);
    case Problem::NoCertificate:
    case Problem::None:
        break;
    }
    return QCoreApplication::translate("CaBundle", "AWS_CA_BUNDLE names %1, which holds no PEM certificate.").arg(path);
}

QString fileMessage(Problem problem, const QString& path)
{
    switch (problem) {
    case Problem::Unreadable:
        return QCoreApplication::translate("CaBundle", "The CA bundle %1 cannot be read.").arg(path);
    case Problem::TooLarge:
        return QCoreApplication::translate("CaBundle", "The CA bundle %1 is too large for a PEM bundle.").arg(path);
    case Problem::NoCertificate:
    case Problem::None:
        break;
    }
    return QCoreApplication::translate("CaBundle", "The CA bundle %1 holds no PEM certificate.").arg(path);
}

void add(const QList<QSslCertificate>& certificates)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    // Qt loads the system's roots on demand and reports none until then; setting any list ends that on-demand
    // loading, so the list set must hold the system's roots themselves, or the bundle would replace them.
    QList<QSslCertificate> trusted = configuration.caCertificates();
    if (trusted.isEmpty())
        trusted = QSslConfiguration::systemCaCertificates();
    bool changed = false;
    for (const QSslCertificate& certificate : certificates) {
        if (!trusted.contains(certificate)) {
            trusted.append(certificate);
            changed = true;
        }
    }
    if (changed) {
        configuration.setCaCertificates(trusted);
        QSslConfiguration::setDefaultConfiguration(configuration);
    }
}

// Loads and trusts `path`, or says why not in the words `message` gives (AWS_CA_BUNDLE's, or a chosen file's).
bool trustWith(const QString& path, QString* error, QString (*message)(Problem, const QString&))
{
    Problem problem = Problem::None;
    const QList<QSslCertificate> certificates = load(path, &problem);
    if (problem != Problem::None) {
        *error = message(problem, path);
        return false;
    }
    add(certificates);
    return true;
}
} // namespace

bool trust(const QString& path, QString* error)
{
    return trustWith(path, error, environmentMessage);
}

bool trustFile(const QString& path, QString* error)
{
    return trustWith(path, error, fileMessage);
}

bool check(const QString& path, QString* error)
{
    Problem problem = Problem::None;
    load(path, &problem);
    if (problem != Problem::None)
        *error = fileMessage(problem, path);
    return problem == Problem::None;
}

} // namespace CaBundle
