#pragma once

#include "autoscalingtypes.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class ActionController;
class InventoryStore;
class KeepAlive;

// The keep-alives one connection runs, at most one per instance (group + instance), for the window: the pending
// view marks kept-alive rows, the details pane offers to stop one, and quitting stops them all. It owns its
// KeepAlives and deletes each once it has finished. Nothing outlives it: there is no background agent.
class KeepAliveRegistry : public QObject {
    Q_OBJECT
public:
    KeepAliveRegistry(ActionController* controller, InventoryStore* store, QObject* parent = nullptr);
    ~KeepAliveRegistry() override;

    // Starts keeping `target` alive until `until`; one already running for that instance is stopped first.
    KeepAlive* start(const LifecycleActionTarget& target, const QDateTime& until);
    void stop(const QString& groupName, const QString& instanceId);
    void stopAll();

    // The running keep-alive of an instance, or nullptr.
    KeepAlive* find(const QString& groupName, const QString& instanceId) const;
    QDateTime keptAliveUntil(const QString& groupName, const QString& instanceId) const;
    int runningCount() const;

    // Clock seconds per real second for keep-alives started from now on (see KeepAlive::setTimeScale()).
    void setTimeScale(double clockSecondsPerSecond) { m_timeScale = clockSecondsPerSecond; }

Q_SIGNALS:
    // A keep-alive of this instance started or ended.
    void changed(const QString& groupName, const QString& instanceId);
    // One ended, with its reason (KeepAlive::stopMessage()), before it is deleted.
    void keepAliveFinished(KeepAlive* keepAlive);

private:
    ActionController* m_controller;
    InventoryStore* m_store;
    QHash<QString, KeepAlive*> m_running; // "group/instance" → keep-alive
    double m_timeScale = 1.0;
};
