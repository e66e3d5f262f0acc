#pragma once

#include "lifecycle.h"
#include "simrefresh.h"
#include "simresult.h"
#include "simulator.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

struct SimHook {
    QString name;
    QString groupName;
    Lifecycle::HookTransition transition = Lifecycle::HookTransition::Launching;
    QString notificationTargetArn;
    QString roleArn;
    QString notificationMetadata;
    int heartbeatTimeout = 3600;
    QString defaultResult = QStringLiteral("ABANDON");
    // Demo/scenario autopilot: an imaginary agent completes a share of actions after a random delay.
    double autoCompleteShare = 0;
    int autoCompleteMinSeconds = 0;
    int autoCompleteMaxSeconds = 0;
    QString autoCompleteResult = QStringLiteral("CONTINUE");

    int globalTimeout() const { return qMin(100 * heartbeatTimeout, 172800); }
    bool isLaunching() const { return transition == Lifecycle::HookTransition::Launching; }
};

struct SimAction {
    QString token;
    QString hookName;
    QDateTime waitStart;
    QDateTime deadline;
    QDateTime autoCompleteAt; // invalid: nobody completes it, the timeout will
    QString result; // empty while active
    bool active() const { return result.isEmpty(); }
};

struct SimInstance {
    QString id;
    QString groupName;
    QString availabilityZone;
    QString instanceType = QStringLiteral("t3.micro");
    Lifecycle::StateValue state; // a scenario may seed a state the simulator does not model; it is kept as given
    QString healthStatus = QStringLiteral("Healthy");
    bool protectedFromScaleIn = false;
    QDateTime launchTime;
    QDateTime phaseEnds; // when a timed state (Pending, *:Proceed, EnteringStandby, Terminated) moves on
    QDateTime inServiceTime; // when it last reached InService (the health check grace period runs from here)
    QList<SimAction> actions; // of the current transition
    QString activityId; // the scaling activity this transition reports into
    bool abandoned = false; // a launch action ended with ABANDON: terminate and replace
    bool skipHooks = false; // terminating without hooks (abandoned launch, force delete)
    // A terminating action was abandoned in a group that retains (simengineretain.cpp): the activity's status
    // message for when :Proceed ends in Terminating:Retained instead of Terminated. Empty: terminate as usual.
    QString retainMessage;
    bool inWarmPool = false; // listed by DescribeWarmPool, not in the group's Instances (simenginewarmpool.cpp)
    bool returningToPool = false; // came back on scale-in (ReuseOnScaleIn): its Warmed:Pending waits on terminate hooks
};

// PutWarmPool's configuration (simenginewarmpool.cpp).
struct SimWarmPool {
    int minSize = 0;
    int maxGroupPreparedCapacity = -1; // -1: unset, the group's MaxSize stands in
    QString poolState = QStringLiteral("Stopped"); // Stopped | Running | Hibernated
    bool reuseOnScaleIn = false;
    bool pendingDelete = false; // DeleteWarmPool without ForceDelete: instances leave, then the pool goes
};

struct SimActivity {
    QString id;
    QString groupName;
    QString groupArn;
    QString description;
    QString cause;
    QDateTime startTime;
    QDateTime endTime;
    QString statusCode;
    QString statusMessage;
    int progress = 0;
    QString details;
};

struct SimTag {
    QString key;
    QString value;
    bool propagateAtLaunch = false;
};

struct SimGroup {
    QString name;
    QString arn;
    int minSize = 0;
    int maxSize = 0;
    int desiredCapacity = 0;
    int defaultCooldown = 300;
    int healthCheckGracePeriod = 300;
    QString healthCheckType = QStringLiteral("EC2");
    QString launchTemplateName;
    QString launchTemplateId;
    QString launchConfigurationName;
    QString vpcZoneIdentifier;
    QStringList availabilityZones;
    QStringList terminationPolicies { QStringLiteral("Default") };
    bool newInstancesProtectedFromScaleIn = false;
    bool capacityRebalance = false;
    // InstanceLifecyclePolicy.RetentionTriggers.TerminateHookAbandon: "retain" | "terminate"; empty when never set
    // (AWS then leaves the policy out of DescribeAutoScalingGroups and terminates).
    QString terminateHookAbandon;
    QDateTime createdTime;
    QList<SimTag> tags;
    QList<SimHook> hooks; // in creation order
    QStringList instanceIds; // in launch order
    std::optional<SimWarmPool> warmPool;
    QStringList warmPoolIds; // instances in the warm pool, in the order they entered it
    int nextZone = 0;
    // Demo churn: every churnSeconds the desired capacity moves one step between churnMin and churnMax.
    int churnSeconds = 0;
    int churnMin = 0;
    int churnMax = 0;
    int churnDirection = 1;
    QDateTime nextChurn;

    const SimHook* hook(const QString& hookName) const;
};

// The Auto Scaling model and its lifecycle state machine (design.md §3), on a simulated clock. Every public
// operation validates like the service and returns a SimError on failure; the query layer only translates.
class SimEngine {
public:
    SimEngine(const SimulatorOptions& options, const QDateTime& start);

    QDateTime now() const { return m_now; }
    const SimulatorOptions& options() const { return m_options; }
    // Moves the clock to now + seconds, applying every due event at its own time, in order.
    void advance(double seconds);
    void setChangedCallback(std::function<void()> callback) { m_changed = std::move(callback); }

    // Groups.
    struct GroupSpec {
        QString name;
        std::optional<int> minSize, maxSize, desiredCapacity, defaultCooldown, healthCheckGracePeriod;
        QString healthCheckType, launchTemplateName, launchTemplateId, launchConfigurationName, vpcZoneIdentifier;
        std::optional<QStringList> availabilityZones, terminationPolicies;
        std::optional<bool> newInstancesProtectedFromScaleIn, capacityRebalance;
        std::optional<QString> terminateHookAbandon; // InstanceLifecyclePolicy; unset keeps the group's
        QList<SimTag> tags;
        bool hasInstanceId = false;
    };
    SimResult<void> createGroup(const GroupSpec& spec);
    SimResult<void> updateGroup(const GroupSpec& spec);
    SimResult<void> deleteGroup(const QString& name, bool forceDelete);
    SimResult<void> setDesiredCapacity(const QString& name, int desired);
    // The ID of the termination activity.
    SimResult<QString> terminateInstance(const QString& instanceId, bool decrement);
    // SetInstanceProtection (simengineremedy.cpp): every ID must be an instance of the group, or nothing changes.
    SimResult<void> setInstanceProtection(const QString& groupName, const QStringList& instanceIds, bool protect);
    // SetInstanceHealth, EnterStandby, ExitStandby (simenginestandby.cpp). Unhealthy replaces an InService
    // instance through its terminating hooks; the standby calls check every ID first and return one activity ID
    // per instance, in the order given.
    SimResult<void> setInstanceHealth(const QString& instanceId, const QString& healthStatus, bool respectGracePeriod);
    SimResult<QStringList> enterStandby(const QString& groupName, const QStringList& instanceIds, bool decrement);
    SimResult<QStringList> exitStandby(const QString& groupName, const QStringList& instanceIds);

    // Warm pools (simenginewarmpool.cpp). PutWarmPool input: unset fields keep their value on an update.
    struct WarmPoolSpec {
        QString groupName;
        std::optional<int> minSize, maxGroupPreparedCapacity;
        std::optional<QString> poolState;
        std::optional<bool> reuseOnScaleIn;
    };
    SimResult<void> putWarmPool(const WarmPoolSpec& spec);
    SimResult<void> deleteWarmPool(const QString& groupName, bool forceDelete);
    // The instances DescribeWarmPool lists, in the order they entered the pool.
    QList<const SimInstance*> warmPoolInstances(const QString& groupName) const;
    // How many instances the pool is kept at now (DescribeAutoScalingGroups' WarmPoolSize).
    int warmPoolTargetSize(const SimGroup& group) const;

    // Instance refreshes (simenginerefresh.cpp). One active refresh a group; each answers the refresh ID.
    struct RefreshSpec {
        QString groupName;
        std::optional<int> minHealthyPercentage; // 90 when unset
        std::optional<int> instanceWarmup; // the group's health check grace period when unset
        std::optional<bool> skipMatching, autoRollback;
        QString scaleInProtectedInstances, standbyInstances, strategy;
    };
    SimResult<QString> startInstanceRefresh(const RefreshSpec& spec);
    SimResult<QString> cancelInstanceRefresh(const QString& groupName);
    SimResult<QString> rollbackInstanceRefresh(const QString& groupName);
    // Newest first, as DescribeInstanceRefreshes lists them; empty `ids` for all of the group's.
    SimResult<QList<SimRefresh>> instanceRefreshes(const QString& groupName, const QStringList& ids = {}) const;

    const SimGroup* group(const QString& name) const;
    QList<const SimGroup*> groups() const; // sorted by name, as the service lists them
    const SimInstance* instance(const QString& id) const;
    QList<const SimInstance*> instancesOf(const QString& groupName) const;
    QList<const SimInstance*> allInstances() const; // sorted by instance ID
    const SimActivity* activity(const QString& id) const;
    QList<const SimActivity*> activities(const QString& groupName) const; // newest first; all groups when empty

    // Hooks. PutLifecycleHook input: unset fields keep their value on an update and take the service's default
    // on creation; the transition is validated here, as the service does, so it is kept as given.
    struct HookSpec {
        QString groupName;
        QString name;
        std::optional<QString> transition;
        std::optional<int> heartbeatTimeout;
        std::optional<QString> defaultResult;
        std::optional<QString> notificationTargetArn; // empty: removes the target (and, unless given, the role)
        std::optional<QString> roleArn;
        std::optional<QString> notificationMetadata;
    };
    SimResult<void> putHook(const HookSpec& spec);
    SimResult<void> deleteHook(const QString& groupName, const QString& hookName);
    // Exactly one of token / instanceId identifies the action; result empty = heartbeat.
    SimResult<void> completeAction(const QString& groupName, const QString& hookName, const QString& token,
        const QString& instanceId, const QString& result);
    SimResult<void> recordHeartbeat(
        const QString& groupName, const QString& hookName, const QString& token, const QString& instanceId);

    // Scenario support: an instance placed straight into a state, as if its wait began `elapsed` seconds ago.
    // Returns its ID.
    SimResult<QString> seedInstance(const QString& groupName, const Lifecycle::StateValue& state, int elapsedSeconds);
    // The same for a warm-pool instance (Warmed:Stopped, or Warmed:Pending:Wait on its way into the pool).
    SimResult<QString> seedWarmInstance(
        const QString& groupName, const Lifecycle::StateValue& state, int elapsedSeconds);
    void setChurn(const QString& groupName, int everySeconds, int minDesired, int maxDesired);
    void setHookAutopilot(const QString& groupName, const QString& hookName, double share, int minSeconds,
        int maxSeconds, const QString& result);

    QList<SimPendingAction> pendingActions(const QString& groupName) const;

private:
    SimGroup* mutableGroup(const QString& name);
    SimInstance* mutableInstance(const QString& id);
    QString newInstanceId();
    QString zoneFor(SimGroup& group);
    QString startActivity(const SimGroup& group, const QString& description, const QString& cause, const QString& zone,
        const QString& status);
    void finishActivity(const QString& id, const QString& status, const QString& message = {});
    void setActivityStatus(const QString& id, const QString& status, int progress);
    void launch(SimGroup& group, const QString& cause);
    void beginTermination(SimInstance& instance, const QString& cause, bool skipHooks);
    void startWait(SimInstance& instance, Lifecycle::Transition transition);
    // The same with the wait state and the hooks given apart: a warm-pool wait's hooks do not follow from its state.
    void startWait(SimInstance& instance, Lifecycle::State waitState, bool launching);
    // Warm pools (simenginewarmpool.cpp): what reconcileWithCause() and the clock defer to for pool instances.
    bool takeFromWarmPool(SimGroup& group, const QString& cause); // false: the pool has no warmed instance
    bool returnToWarmPool(SimInstance& instance, const QString& cause); // false: no pool, or no reuse on scale in
    void launchIntoWarmPool(SimGroup& group);
    void beginWarmTermination(SimInstance& instance, const QString& cause, bool skipHooks);
    void fillWarmPool(SimGroup& group); // launches or removes pool instances until the pool has its size
    void endWarmPhase(const QString& id, SimInstance& instance);
    void warmActionsSettled(SimInstance& instance);
    bool hasHooks(const SimGroup& group, bool launching) const;
    void actionsSettled(SimInstance& instance);
    void applyResult(SimInstance& instance, SimAction& action, const QString& result, const QString& how);
    // Launches or terminates until the group's active instances match its desired capacity.
    void reconcileWithCause(SimGroup& group, const QString& causeHead);
    // Runs everything due at m_now, round after round until nothing more is (each step can make another due).
    void processDue();
    bool processChurn(); // the scheduled demo capacity changes; true when one was due
    bool processRefreshes(); // the active instance refreshes move on where they can; true when one did
    bool processRefresh(SimRefresh& refresh);
    bool startRefreshBatch(SimRefresh& refresh, SimGroup& group);
    void endRefresh(SimRefresh& refresh, const QString& status);
    SimRefresh* activeRefresh(const QString& groupName);
    bool processDueAction(SimInstance& instance); // a timed-out or auto-completed hook wait; true when one was
    // The phase of instance `id` (Pending, Terminating…) is over: start its hook wait or move it on.
    void endPhase(const QString& id, SimInstance& instance);
    // An instance reached InService (simenginestandby.cpp): the grace period starts; one marked Unhealthy while it
    // could not be replaced (Pending, Standby) is replaced now. May launch: touch `instance` no more afterwards.
    void enteredService(SimInstance& instance);
    void replaceUnhealthy(SimInstance& instance);
    SimResult<QList<SimInstance*>> standbyTargets(
        const QString& groupName, const QStringList& instanceIds, Lifecycle::State required);
    std::optional<QDateTime> nextEvent() const;
    void removeInstance(const QString& id);
    SimAction* findAction(
        SimGroup& group, const QString& hookName, const QString& token, const QString& instanceId, SimInstance** owner);
    void changed();
    QString capacityCause(const SimGroup& group, int from, int to, const QString& why) const;
    // Instance retention (simengineretain.cpp).
    static SimResult<void> checkLifecyclePolicy(const GroupSpec& spec);
    bool retainsOnAbandon(const SimInstance& instance) const; // a terminating wait in a group that retains
    void retainInstance(SimInstance& instance); // :Proceed is over: Terminating:Retained, the activity ends
    // TerminateInstanceInAutoScalingGroup on a retained instance: terminated now, its hooks do not run again.
    void releaseRetained(SimInstance& instance, const QString& cause);
    void seedRetainedActivity(SimInstance& instance, const SimGroup& group, int elapsedSeconds);

    SimulatorOptions m_options;
    QDateTime m_now;
    QMap<QString, SimGroup> m_groups;
    QHash<QString, SimInstance> m_instances;
    QList<SimActivity> m_activities; // oldest first
    QList<SimRefresh> m_refreshes; // oldest first
    QHash<QString, qsizetype> m_activityIndex;
    QRandomGenerator m_random;
    std::function<void()> m_changed;
    bool m_dirty = false;
    QString m_abandonMessage;
};

namespace SimTime {
// ISO 8601 with milliseconds in UTC, as the service writes timestamps: 2026-11-26T04:48:48.123Z
QString iso(const QDateTime& time);
} // namespace SimTime
