#include "systemcolorscheme.h"

#include "uilogging.h"

#include <QSettings>
#include <functional>

#ifdef HOOKDESK_SETTINGS_PORTAL
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif

using namespace Qt::StringLiterals;

namespace {
#ifdef HOOKDESK_SETTINGS_PORTAL
const QString PortalService = u"org.freedesktop.portal.Desktop"_s;
const QString PortalPath = u"/org/freedesktop/portal/desktop"_s;
const QString SettingsInterface = u"org.freedesktop.portal.Settings"_s;
const QString AppearanceGroup = u"org.freedesktop.appearance"_s;
const QString ColorSchemeKey = u"color-scheme"_s;

// QDBusConnection::connect() in Qt 6.4 takes a slot signature, not a lambda: this receiver keeps the D-Bus types out
// of SystemColorScheme's header.
class PortalListener : public QObject {
    Q_OBJECT
public:
    PortalListener(std::function<void(const QVariant&)> onColorScheme, QObject* parent)
        : QObject(parent)
        , m_onColorScheme(std::move(onColorScheme))
    {
    }

public Q_SLOTS:
    void settingChanged(const QString& group, const QString& key, const QDBusVariant& value)
    {
        if (group == AppearanceGroup && key == ColorSchemeKey)
            m_onColorScheme(QVariant::fromValue(value));
    }

private:
    std::function<void(const QVariant&)> m_onColorScheme;
};
#endif
} // namespace

SystemColorScheme::SystemColorScheme(QObject* parent)
    : QObject(parent)
{
}

SystemColorScheme::Preference SystemColorScheme::fromPortalValue(const QVariant& value)
{
    QVariant inner = value;
#ifdef HOOKDESK_SETTINGS_PORTAL
    while (inner.metaType() == QMetaType::fromType<QDBusVariant>())
        inner = qvariant_cast<QDBusVariant>(inner).variant();
#endif
    bool ok = false;
    const uint scheme = inner.toUInt(&ok);
    if (!ok)
        return Preference::None;
    if (scheme == 1)
        return Preference::Dark;
    if (scheme == 2)
        return Preference::Light;
    return Preference::None;
}

void SystemColorScheme::query()
{
#if defined(Q_OS_WIN)
    const QSettings personalize(
        u"HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize"_s,
        QSettings::NativeFormat);
    const QVariant light = personalize.value(u"AppsUseLightTheme"_s);
    if (light.isValid())
        setPreference(light.toInt() == 0 ? Preference::Dark : Preference::Light);
#elif defined(HOOKDESK_SETTINGS_PORTAL)
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    auto* listener = new PortalListener([this](const QVariant& value) { setPreference(fromPortalValue(value)); }, this);
    bus.connect(PortalService, PortalPath, SettingsInterface, u"SettingChanged"_s, listener,
        SLOT(settingChanged(QString, QString, QDBusVariant)));
    readPortal(u"ReadOne"_s);
#endif
}

void SystemColorScheme::readPortal(const QString& method)
{
#ifdef HOOKDESK_SETTINGS_PORTAL
    QDBusMessage call = QDBusMessage::createMethodCall(PortalService, PortalPath, SettingsInterface, method);
    call << AppearanceGroup << ColorSchemeKey;
    auto* watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, 3000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, method](QDBusPendingCallWatcher* finished) {
        finished->deleteLater();
        const QDBusPendingReply<QDBusVariant> reply = *finished;
        if (!reply.isError()) {
            setPreference(fromPortalValue(QVariant::fromValue(reply.value())));
            return;
        }
        // Portals before version 2 have no ReadOne; no portal at all leaves the preference unknown.
        if (method == u"ReadOne"_s && reply.error().type() == QDBusError::UnknownMethod) {
            readPortal(u"Read"_s);
            return;
        }
        qCInfo(lcUi) << "no colour-scheme preference from the settings portal:" << reply.error().message();
    });
#else
    Q_UNUSED(method)
#endif
}

void SystemColorScheme::setPreference(Preference preference)
{
    if (preference == m_preference)
        return;
    m_preference = preference;
    Q_EMIT changed(preference);
}

#ifdef HOOKDESK_SETTINGS_PORTAL
#include "systemcolorscheme.moc"
#endif
