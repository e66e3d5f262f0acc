#pragma once

#include "credentials.h"
#include "queryclient.h"

#include <QJsonValue>
#include <QProcess>
#include <QString>
#include <QUrl>
#include <memory>

// A moto server (python -m moto.server) on a free 127.0.0.1 port, with authentication ON: it verifies SigV4 and
// IAM policies like AWS. start() spends the few unsigned calls moto allows (INITIAL_NO_AUTH_ACTION_COUNT) on an IAM
// user with an allow-all policy and an access key; credentials() are that key. The process stops with the object.
//
//     MotoServer moto;
//     if (!moto.start())
//         QSKIP(qPrintable(moto.errorString()));          // no Python with moto on this machine
//     QueryClient query(&network, moto.endpoint(MotoServer::AutoScaling), &provider);
//     moto.runBoto3(u"client('autoscaling').create_auto_scaling_group(...)"_s);   // seed with boto3
//
// Python comes from TestSupport::pythonWithMoto(); helper scripts live in tests/data/moto/.
class MotoServer {
public:
    enum Service { AutoScaling, Sts };

    MotoServer();
    ~MotoServer(); // stops the server
    MotoServer(const MotoServer&) = delete;
    MotoServer& operator=(const MotoServer&) = delete;

    // Starts the server and creates the test user; false with errorString() when that fails.
    bool start(int timeoutMs = 60000);
    void stop();
    bool isRunning() const;
    QString errorString() const { return m_error; }

    QUrl url() const; // http://127.0.0.1:<port>/
    QString region() const { return QStringLiteral("us-east-1"); }
    Credentials credentials() const { return m_credentials; } // the allow-all IAM user's access key
    QString account() const { return QStringLiteral("123456789012"); } // moto's default account
    // Endpoint for a QueryClient: url(), region(), signing name and API version of the service.
    ServiceEndpoint endpoint(Service service) const;

    // Runs a boto3 snippet signed with credentials() (see tests/data/moto/run_snippet.py: it has `client(name)`,
    // `session`, `ensure_launch_template()`); returns what it assigns to `result`, as JSON. On failure returns
    // undefined and sets *error (the Python traceback's last lines).
    QJsonValue runBoto3(const QString& snippet, QString* error = nullptr, int timeoutMs = 120000) const;

private:
    bool bootstrap(int timeoutMs);

    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    Credentials m_credentials;
    QString m_error;
};
