#include "cabundle.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace CaBundle {

bool trust(const QString& path, QString* error)
{
    // A CA bundle is a few hundred kilobytes at most; anything far larger is not one.
    constexpr qint64 kMaxBytes = qint64(8) * 1024 * 1024;
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("CaBundle", "AWS_CA_BUNDLE names %1, which cannot be read.").arg(path);
        return false;
    }
    if (file.size() > kMaxBytes) {
        *error = QCoreApplication::translate("CaBundle", "AWS_CA_BUNDLE names %1, which is too large for a PEM bundle.")
                     .arg(path);
        return false;
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        *error = QCoreApplication::translate("CaBundle", "AWS_CA_BUNDLE names %1, which holds no PEM certificate.")
                     .arg(path);
        return false;
    }
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
    return true;
}

} // namespace CaBundle
