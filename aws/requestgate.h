#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

// A bound on the requests in flight to one throttle bucket (service, account or access key, region), shared by
// every client that reaches it: all Auto Scaling APIs of an account and region share one throttle bucket, so a
// window's refresh, a bulk action and a second connection to the same account draw on one budget. Waiting
// requests are let in by priority, then in the order they came; an operator's action is never queued behind a
// background refresh. GUI thread only, like every aws/ client object.
class RequestGate {
public:
    enum class Priority { Background, Operator };

    explicit RequestGate(int limit);

    // Takes a slot for `owner`: true when one was free (the caller sends now), else `granted` is called later,
    // synchronously from leave(), with the slot already taken; it should only schedule the send. `owner` must
    // call cancel() (while waiting) or leave() (once holding) before it goes away.
    bool enter(QObject* owner, Priority priority, std::function<void()> granted);
    // Gives a slot back and lets the next waiter in.
    void leave();
    // Removes `owner` from the queue (it no longer wants to send); false when it was not waiting.
    bool cancel(QObject* owner);

    int limit() const { return m_limit; }
    void setLimit(int limit);
    int inFlight() const { return m_inFlight; }
    int peakInFlight() const { return m_peak; }
    int waiting() const { return int(m_waiting.size()); }

    // One gate per key, alive while anyone holds it. New gates get defaultLimit().
    static std::shared_ptr<RequestGate> shared(const QString& key);
    // 8 unless HOOKDESK_MAX_IN_FLIGHT (1 to 64) says otherwise: the fleet benchmark's best first-load depth
    // (tests/bench/results.md) at the fewest requests in flight.
    static int defaultLimit();
    static void setDefaultLimit(int limit); // 0: back to the environment's / built-in value
    static constexpr int BuiltInLimit = 8;
    static constexpr int MaxLimit = 64;

private:
    struct Waiter {
        QPointer<QObject> owner;
        Priority priority;
        std::function<void()> granted;
    };
    void admit();

    int m_limit;
    int m_inFlight = 0;
    int m_peak = 0;
    QList<Waiter> m_waiting; // operator waiters before background ones, each in arrival order
};
