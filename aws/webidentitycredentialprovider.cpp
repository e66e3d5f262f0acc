#include "webidentitycredentialprovider.h"

#include "awslogging.h"
#include "stsclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

WebIdentityCredentialProvider::WebIdentityCredentialProvider(QString tokenFile, QString roleArn,
    QString roleSessionName, const ServiceEndpoint& sts, QNetworkAccessManager* network, QObject* parent)
    : CredentialProvider(parent)
    , m_tokenFile(std::move(tokenFile))
    , m_roleArn(std::move(roleArn))
    , m_sessionName(std::move(roleSessionName))
    , m_query(new QueryClient(network, sts, nullptr, this))
    , m_sts(new StsClient(m_query, this))
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    m_query->setUnsigned(true);
    if (m_sessionName.isEmpty())
        m_sessionName = u"hookdesk-"_s + QString::number(QDateTime::currentSecsSinceEpoch());
}

WebIdentityCredentialProvider::~WebIdentityCredentialProvider()
{
    m_cached.wipeSecrets();
}

QString WebIdentityCredentialProvider::readTokenFile(const QString& path, QString* error)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    // Only a regular file: a FIFO would hang the read, a device would never end.
    if (!info.exists() || !info.isFile()) {
        *error
            = QCoreApplication::translate("WebIdentity", "The web identity token file %1 does not exist.").arg(shown);
        return {};
    }
    if (info.size() > MaxTokenFileSize) {
        *error = QCoreApplication::translate(
            "WebIdentity", "The web identity token file %1 is larger than 16 KiB; a token never is.")
                     .arg(shown);
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("WebIdentity", "The web identity token file %1 cannot be read: %2")
                     .arg(shown, file.errorString());
        return {};
    }
    const QByteArray content = file.read(MaxTokenFileSize + 1);
    if (content.size() > MaxTokenFileSize) { // it grew after the size check
        *error = QCoreApplication::translate(
            "WebIdentity", "The web identity token file %1 is larger than 16 KiB; a token never is.")
                     .arg(shown);
        return {};
    }
    const QString token = QString::fromUtf8(content).trimmed();
    if (token.isEmpty())
        *error = QCoreApplication::translate("WebIdentity", "The web identity token file %1 is empty.").arg(shown);
    return token;
}

void WebIdentityCredentialProvider::fetchCredentials(const Callback& done)
{
    if (m_cached.isValid() && m_cached.expiration.isValid()
        && m_now().secsTo(m_cached.expiration) > RefreshMarginSeconds) {
        const Credentials cached = m_cached;
        // Queued like every other answer: the caller must not be re-entered from its own call.
        QTimer::singleShot(0, this, [done, cached] { done(cached, {}); });
        return;
    }
    m_waiting.append(done);
    if (!m_inFlight)
        start();
}

void WebIdentityCredentialProvider::invalidate()
{
    m_cached.wipeSecrets();
    m_cached = {};
}

void WebIdentityCredentialProvider::start()
{
    m_inFlight = true;
    QString error;
    WebIdentityRequest request { m_roleArn, m_sessionName, readTokenFile(m_tokenFile, &error), 3600 };
    if (!error.isEmpty()) {
        const AwsError failure = AwsError::credentials(error);
        QTimer::singleShot(0, this, [this, failure] { finishAll({}, failure); });
        return;
    }
    ++m_calls;
    auto* job = m_sts->assumeRoleWithWebIdentity(request);
    request.webIdentityToken.fill(u'\0'); // not kept past the call
    connect(job, &AwsJob::finished, this, [this, job] {
        if (job->hasError()) {
            AwsError error = job->error();
            error.message
                = QCoreApplication::translate("WebIdentity", "Role %1 (web identity) could not be assumed: %2")
                      .arg(m_roleArn, error.message);
            finishAll({}, error);
            return;
        }
        qCInfo(lcAws) << "assumed role with web identity" << m_roleArn << "as session" << m_sessionName;
        finishAll(job->result(), {});
    });
}

void WebIdentityCredentialProvider::finishAll(const Credentials& credentials, const AwsError& error)
{
    m_inFlight = false;
    if (!error.isError()) {
        m_cached.wipeSecrets();
        m_cached = credentials;
    }
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback& done : waiting)
        done(credentials, error);
}
