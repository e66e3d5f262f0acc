#include "thememanager.h"

#include "focusframestyle.h"
#include "uistyle.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace {
const QString SettingsKey = u"view/theme"_s;
const QString FusionKey = u"Fusion"_s;

// What the platform gave the application before any theme was applied: its style and whether its palette is dark.
// Read once, because later windows (tests build many) find the application already themed.
struct PlatformLook {
    QString styleKey;
    bool dark = false;
};

const PlatformLook& platformLook()
{
    static const PlatformLook look = [] {
        PlatformLook result;
        const QStyle* style = QApplication::style();
        const auto* proxy = qobject_cast<const FocusFrameStyle*>(style);
        result.styleKey = proxy ? proxy->baseKey() : style->name();
        if (result.styleKey.isEmpty())
            result.styleKey = FusionKey;
        result.dark = UiStyle::isDark(QApplication::palette());
        return result;
    }();
    return look;
}

ThemeManager::Mode modeFromString(const QString& text)
{
    if (text == u"light"_s)
        return ThemeManager::Mode::Light;
    if (text == u"dark"_s)
        return ThemeManager::Mode::Dark;
    return ThemeManager::Mode::System;
}

QString modeToString(ThemeManager::Mode mode)
{
    switch (mode) {
    case ThemeManager::Mode::Light:
        return u"light"_s;
    case ThemeManager::Mode::Dark:
        return u"dark"_s;
    case ThemeManager::Mode::System:
        break;
    }
    return u"system"_s;
}
} // namespace

ThemeManager::ThemeManager(QObject* parent)
    : QObject(parent)
    , m_system(new SystemColorScheme(this))
    , m_mode(modeFromString(QSettings().value(SettingsKey).toString()))
{
    (void)platformLook();
    connect(m_system, &SystemColorScheme::changed, this, &ThemeManager::setSystemPreference);
}

void ThemeManager::start()
{
    apply();
    m_system->query();
}

void ThemeManager::setMode(Mode mode)
{
    QSettings().setValue(SettingsKey, modeToString(mode));
    m_mode = mode;
    apply();
}

void ThemeManager::setSystemPreference(SystemColorScheme::Preference preference)
{
    m_systemPreference = preference;
    apply();
}

bool ThemeManager::wantsDark() const
{
    switch (m_mode) {
    case Mode::Light:
        return false;
    case Mode::Dark:
        return true;
    case Mode::System:
        break;
    }
    if (m_systemPreference == SystemColorScheme::Preference::None)
        return platformLook().dark;
    return m_systemPreference == SystemColorScheme::Preference::Dark;
}

void ThemeManager::apply()
{
    const bool dark = wantsDark();
    const PlatformLook& platform = platformLook();
    // The platform's own look when it already is what is wanted; Fusion with a palette of ours otherwise (other
    // styles, Windows' and macOS' among them, ignore a custom palette).
    const bool own = dark == platform.dark;
    const QString key = own ? platform.styleKey : FusionKey;
    const auto* current = qobject_cast<const FocusFrameStyle*>(QApplication::style());
    if (!current || current->baseKey() != key)
        QApplication::setStyle(new FocusFrameStyle(key));
    if (own)
        QApplication::setPalette(QPalette()); // back to the style's and platform's palette, following it again
    else
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    m_darkApplied = dark;
    if (m_group) {
        const QList<QAction*> actions = m_group->actions();
        actions.at(int(m_mode))->setChecked(true);
    }
    Q_EMIT applied(dark);
}

QMenu* ThemeManager::createMenu(QWidget* parent)
{
    auto* menu = new QMenu(tr("&Theme"), parent);
    menu->setObjectName(u"themeMenu"_s);
    m_group = new QActionGroup(menu);
    m_group->setExclusive(true);
    const QList<QPair<Mode, QString>> modes { { Mode::System, tr("&System") }, { Mode::Light, tr("&Light") },
        { Mode::Dark, tr("&Dark") } };
    for (const auto& [mode, text] : modes) {
        QAction* action = menu->addAction(text);
        action->setObjectName(u"theme-"_s + modeToString(mode));
        action->setCheckable(true);
        action->setChecked(mode == m_mode);
        action->setStatusTip(mode == Mode::System ? tr("Follow the desktop's light or dark preference")
                                                  : tr("Use this theme whatever the desktop prefers"));
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode = mode] { setMode(mode); });
    }
    return menu;
}

QPalette ThemeManager::darkPalette()
{
    // Fusion's shading (Light … Shadow) is derived from Button; the rest are chosen for 4.5:1 text contrast.
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x8a, 0x8d, 0x91);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3c));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x7b, 0x72));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    palette.setColor(QPalette::Midlight, QColor(0x3f, 0x42, 0x46));
    palette.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    palette.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    palette.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb8));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x7c, 0xb7, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xff));
    for (const QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabled);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3a, 0x3d, 0x41));
    return palette;
}
