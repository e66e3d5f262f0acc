#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>

// What an MFA prompt shows: which profile, which role, which device.
struct MfaRequest {
    QString profile;
    QString roleArn;
    QString mfaSerial;
};

// Asks the user for a one-time MFA code. The GUI answers with a dialog, the CLI with a terminal prompt, tests with
// ScriptedMfaPrompter. Asynchronous: `done` runs exactly once, with the code, or with an empty string when the user
// cancelled.
class MfaPrompter : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const QString& code)>;
    using QObject::QObject;
    virtual void requestCode(const MfaRequest& request, const Callback& done) = 0;
};

// Answers from a list of codes, in order; an empty list (or an empty entry) means "cancelled".
class ScriptedMfaPrompter : public MfaPrompter {
    Q_OBJECT
public:
    explicit ScriptedMfaPrompter(QStringList codes = {}, QObject* parent = nullptr)
        : MfaPrompter(parent)
        , m_codes(std::move(codes))
    {
    }
    void addCode(const QString& code) { m_codes << code; }
    const QList<MfaRequest>& requests() const { return m_requests; }

    void requestCode(const MfaRequest& request, const Callback& done) override
    {
        m_requests << request;
        const QString code = m_codes.isEmpty() ? QString() : m_codes.takeFirst();
        QTimer::singleShot(0, this, [done, code] { done(code); });
    }

private:
    QStringList m_codes;
    QList<MfaRequest> m_requests;
};
