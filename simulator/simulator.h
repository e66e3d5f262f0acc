#pragma once

#include "credentials.h"
#include "simresult.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <memory>

class SimEngine;
class SimHttpServer;
class SimQueryApi;
class SimFaultInjector;
class SimAuthenticator;
class SimSso;
class SimSsoApi;
class QTimer;

// Faults the simulator injects so that retries, throttling, clock skew and bad bodies can be tested against a
// real socket. Rates are shares of requests in [0, 1]; all zero means a well-behaved endpoint.
struct SimFaults {
    int latencyMs = 0; // added before every answer
    double serverErrorRate = 0; // answered HTTP 500 InternalFailure
    double unavailableRate = 0; // answered HTTP 503 ServiceUnavailable
    double throttleAboveRps = 0; // requests per (real) second above which Throttling / "Rate exceeded"; 0 = never
    double dropRate = 0; // connection closed without an answer
    double truncateRate = 0; // answer cut in the middle of its body (Content-Length kept)
    // The request is handled (a mutating call takes effect) and then the answer is lost: the connection closes
    // without one, or a 500 comes back. What a client cannot tell from a fault before acting.
    double dropAfterApplyingRate = 0;
    double serverErrorAfterApplyingRate = 0;
    // Auto Scaling answered 500 ResourceContention ("a pending update"), before acting: what the service says while
    // another change to the same group or instance is still being applied. STS requests never get it.
    double resourceContentionRate = 0;
    int clockSkewSeconds = 0; // the server's clock (Date header, signature expiry check) runs this far ahead
    quint32 seed = 0; // random seed for the rates above; 0 = nondeterministic
};

// One fault for the next request(s), regardless of the rates above (tests use this to be deterministic).
// Drop closes the connection before the request is handled; DropAfterApplying handles it (a mutating call takes
// effect) and then closes the connection without an answer: the client cannot tell the two apart. The same for
// ServerError (500 before acting) and ServerErrorAfterApplying.
// ResourceContention refuses an Auto Scaling request (after its signature is checked) without acting on it.
enum class SimFault {
    ServerError,
    Unavailable,
    Throttle,
    Drop,
    Truncate,
    DropAfterApplying,
    ServerErrorAfterApplying,
    ResourceContention,
};

// One mutating request the simulator applied: ground truth for the fault-matrix tests, which compare what a client
// reported with what really happened. A request refused, or dropped before it was handled, is not an entry; one
// applied whose answer was then lost (dropped, cut short, a 500 after acting) is.
struct SimLedgerEntry {
    QDateTime time; // real UTC
    QString action; // CompleteLifecycleAction, RecordLifecycleActionHeartbeat, PutLifecycleHook, …
    QString group;
    QString hook;
    QString instanceId; // also when the request named only the token
    QString token;
    QString result; // CONTINUE | ABANDON for CompleteLifecycleAction
    QString requestId;
    bool answerLost = false; // the client got no (readable) success answer for it
};

// How the simulated IAM Identity Center user answers sign-in requests (device authorizations and /authorize):
// Auto approves each at once; Manual waits for POST /sso/approve, the /authorize page or Simulator::approveUserCode.
enum class SimSsoApproval { Auto, Manual };

struct SimulatorOptions {
    // Accepted long-term keys. verifySignatures = false (--credentials none) accepts any request unsigned.
    QList<Credentials> credentials;
    bool verifySignatures = true;
    // Simulated seconds per real second. Tests usually leave the clock alone and call advance().
    double timeScale = 1.0;
    bool clockRunning = true; // false: only advance() moves the simulated clock
    SimFaults faults;
    QString accountId = QStringLiteral("123456789012");
    QString region = QStringLiteral("us-east-1");
    QString userName = QStringLiteral("hookdesk-demo"); // GetCallerIdentity: arn:aws:iam::<account>:user/<name>
    // AssumeRole: roles in this list demand SerialNumber + TokenCode (TokenCode must equal mfaCode).
    QStringList rolesRequiringMfa;
    QString mfaCode = QStringLiteral("123456");
    // Durations of the transitional states, in simulated seconds.
    int pendingSeconds = 2; // Pending / Terminating before hooks start
    int proceedSeconds = 2; // *:Proceed before InService / Terminated
    int terminatedLingerSeconds = 2; // Terminated stays visible this long, then the instance disappears
    // IAM Identity Center (SSO OIDC + portal, simssoapi.h). Lifetimes in simulated seconds.
    SimSsoApproval ssoApproval = SimSsoApproval::Auto;
    int ssoAccessTokenSeconds = 3600; // CreateToken's expiresIn
    int ssoRoleCredentialSeconds = 3600; // GetRoleCredentials
    int ssoDeviceCodeSeconds = 600; // StartDeviceAuthorization's expiresIn
    int ssoPollIntervalSeconds = 1; // StartDeviceAuthorization's interval
};

// A lifecycle action as the simulator holds it (tests and the demo inspect these).
struct SimPendingAction {
    QString token;
    QString instanceId;
    QString groupName;
    QString hookName;
    QString transition;
    QDateTime waitStart; // simulated clock
    QDateTime deadline; // heartbeat timeout, capped by the global timeout
    QDateTime globalDeadline;
};

struct SimInstanceInfo {
    QString instanceId;
    QString groupName;
    QString lifecycleState;
    QString availabilityZone;
    QDateTime launchTime;
};

// A local EC2 Auto Scaling (2011-01-01) + STS (2011-06-15) Query endpoint on 127.0.0.1 with real lifecycle
// semantics on a simulated clock. Used by `hookdesk-sim`, `hookdesk --demo` and the tests (in-process).
class Simulator : public QObject {
    Q_OBJECT
public:
    explicit Simulator(SimulatorOptions options = {}, QObject* parent = nullptr);
    ~Simulator() override;

    // Listens on 127.0.0.1:port (0 = any free port). Fails with a message when the port cannot be bound.
    SimResult<void> start(quint16 port = 0);
    void stop();
    bool isListening() const;
    quint16 port() const;
    QUrl url() const; // http://127.0.0.1:PORT

    // Fixed, well-known credentials for `hookdesk --demo` (not secret: the simulator only listens on loopback).
    static Credentials demoCredentials();
    // Fresh random long-term credentials (AKIA…), e.g. for a test fixture.
    static Credentials randomCredentials();
    void addCredentials(const Credentials& credentials);
    const SimulatorOptions& options() const;

    // Scenarios. Each fails with a message on bad input; loading adds to the current state.
    SimResult<void> loadDemoScenario();
    SimResult<void> loadScenarioFile(const QString& path);
    SimResult<void> loadScenario(const QByteArray& json);
    // "groups=N,instances=M,hooks=K,waiting=F" (instances and hooks per group, F = share of instances waiting).
    SimResult<void> generate(const QString& spec);

    // Simulated clock.
    QDateTime now() const;
    void advance(double seconds); // moves the clock and applies every timeout/transition due on the way
    void setTimeScale(double simulatedSecondsPerSecond);
    double timeScale() const;
    void setClockRunning(bool running);

    // Faults.
    void setFaults(const SimFaults& faults);
    SimFaults faults() const;
    void injectFault(SimFault fault, int count = 1);
    // The same for the next requests of one Query action ("CompleteLifecycleAction"); other requests pass.
    void injectFault(SimFault fault, int count, const QString& action);

    // State inspection (what the simulator holds right now).
    QStringList groupNames() const;
    QList<SimInstanceInfo> instances(const QString& groupName = {}) const;
    QString lifecycleState(const QString& instanceId) const; // empty when unknown (or gone)
    QList<SimPendingAction> pendingActions(const QString& groupName = {}) const;
    QStringList pendingTokens(const QString& instanceId = {}) const;
    int requestCount() const; // HTTP requests answered (any status)
    // The most requests received and not yet answered at one time since the last reset (see SimHttpServer).
    int peakConcurrentRequests() const;
    void resetPeakConcurrentRequests();
    QList<SimLedgerEntry> ledger() const; // every mutating request applied, oldest first

    // Direct manipulation without HTTP, for tests and scenarios. Errors use the same messages as the API.
    SimResult<void> createGroup(const QString& name, int minSize, int maxSize, int desired);
    SimResult<void> putLifecycleHook(const QString& groupName, const QString& hookName, const QString& transition,
        int heartbeatTimeout = 3600, const QString& defaultResult = QStringLiteral("ABANDON"));
    SimResult<void> setDesiredCapacity(const QString& groupName, int desired);

    // IAM Identity Center (SSO OIDC + portal on the same port, simssoapi.h): the simulated user's answer to
    // device authorizations and /authorize requests. Approving or denying an unknown (or used) user code is false.
    void setSsoApproval(SimSsoApproval approval);
    SimSsoApproval ssoApproval() const;
    bool approveUserCode(const QString& userCode);
    bool denyUserCode(const QString& userCode);
    QStringList pendingUserCodes() const; // device authorizations waiting for the user, sorted
    QStringList ssoAccountIds() const; // the portal's accounts, in listing order
    int ssoRequestCount() const; // Identity Center requests answered (any status); also in requestCount()

    SimEngine& engine(); // full model, for white-box tests of the simulator itself

Q_SIGNALS:
    // After every answered request: the Query action ("" when none was parsed) and the HTTP status.
    void requestServed(const QString& action, int httpStatus);
    void stateChanged();

private:
    void tick();

    SimulatorOptions m_options;
    std::unique_ptr<SimEngine> m_engine;
    std::unique_ptr<SimFaultInjector> m_faults;
    std::unique_ptr<SimAuthenticator> m_auth;
    std::unique_ptr<SimQueryApi> m_api;
    std::unique_ptr<SimSso> m_sso;
    std::unique_ptr<SimSsoApi> m_ssoApi;
    std::unique_ptr<SimHttpServer> m_server;
    QTimer* m_tick = nullptr;
    qint64 m_lastTickMs = 0;
};
