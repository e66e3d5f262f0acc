#pragma once

#include <QObject>
#include <QVariant>

// The desktop's light/dark preference, which Qt 6.4 has no API for. Linux: the freedesktop settings portal
// (org.freedesktop.appearance color-scheme), read asynchronously and followed while it changes; no portal (no
// session bus, a minimal desktop) means no preference. Windows: the registry's AppsUseLightTheme. macOS: no
// preference here, because Qt's platform palette already follows the system there.
class SystemColorScheme : public QObject {
    Q_OBJECT
public:
    enum class Preference { None, Dark, Light };
    Q_ENUM(Preference)

    explicit SystemColorScheme(QObject* parent = nullptr);

    Preference preference() const { return m_preference; }
    // Starts reading the preference; changed() follows when the answer differs from preference().
    void query();

    // The portal's color-scheme value (uint 0 none, 1 prefer dark, 2 prefer light), possibly wrapped in D-Bus
    // variants: Settings.Read (version 1) wraps it twice, ReadOne and SettingChanged once.
    static Preference fromPortalValue(const QVariant& value);

Q_SIGNALS:
    void changed(SystemColorScheme::Preference preference);

private:
    void setPreference(Preference preference);
    void readPortal(const QString& method);

    Preference m_preference = Preference::None;
};
