#pragma once

#include <QString>
#include <optional>
#include <utility>

// An Auto Scaling error as the service reports it: code, message, HTTP status and fault side.
struct SimError {
    QString code;
    QString message;
    int httpStatus = 400;
    bool receiverFault = false;

    static SimError validation(const QString& message) { return { QStringLiteral("ValidationError"), message }; }
    // Not an answer of the service but of the simulator itself: a port it cannot bind, a scenario it cannot read.
    static SimError local(const QString& message) { return { QStringLiteral("SimulatorError"), message }; }
};

// What every simulator operation returns: a value or the SimError the service would answer with, never both
// (ownCloud's Result<T, Error> in spirit). True when it succeeded, so `if (auto r = op()) use(*r); else
// fail(r.error());` reads the way it runs.
template <typename T> class [[nodiscard]] SimResult {
public:
    SimResult(T value) // NOLINT(google-explicit-constructor): returning a value is success
        : m_value(std::move(value))
    {
    }
    SimResult(SimError error) // NOLINT(google-explicit-constructor): returning an error is failure
        : m_error(std::move(error))
    {
    }

    bool ok() const { return !m_error; }
    explicit operator bool() const { return ok(); }
    const T& value() const { return *m_value; }
    const T& operator*() const { return *m_value; }
    const T* operator->() const { return &*m_value; }
    const SimError& error() const { return *m_error; }
    QString errorMessage() const { return m_error ? m_error->message : QString(); }

private:
    std::optional<T> m_value;
    std::optional<SimError> m_error;
};

template <> class [[nodiscard]] SimResult<void> {
public:
    SimResult() = default;
    SimResult(SimError error) // NOLINT(google-explicit-constructor): returning an error is failure
        : m_error(std::move(error))
    {
    }

    bool ok() const { return !m_error; }
    explicit operator bool() const { return ok(); }
    const SimError& error() const { return *m_error; }
    QString errorMessage() const { return m_error ? m_error->message : QString(); }

private:
    std::optional<SimError> m_error;
};
