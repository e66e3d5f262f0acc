#pragma once

#include "systemcolorscheme.h"

#include <QObject>
#include <QPalette>

class QActionGroup;
class QMenu;

// Light or dark, following the system unless the operator picks one (View ▸ Theme: System / Light / Dark,
// remembered in QSettings "view/theme"). Qt 6.4 has no colour-scheme API, so SystemColorScheme reads the platform's
// preference. The dark theme is Fusion with a dark palette applied to the whole application; the light one is the
// platform's own style and palette, or Fusion's light palette when the platform's is dark. Every style is wrapped in
// FocusFrameStyle, so keyboard focus shows in every list. Widgets follow through QEvent::PaletteChange (UiStyle's
// colours are computed from the palette at paint time).
class ThemeManager : public QObject {
    Q_OBJECT
public:
    enum class Mode { System, Light, Dark };
    Q_ENUM(Mode)

    // Reads the saved mode.
    explicit ThemeManager(QObject* parent = nullptr);
    // Applies the mode and asks the system for its preference (the answer may switch the theme later). The window
    // calls it once its widgets exist, as they follow palette changes.
    void start();

    Mode mode() const { return m_mode; }
    // Applies and remembers `mode`.
    void setMode(Mode mode);
    bool isDarkApplied() const { return m_darkApplied; }
    // The system's preference as the theme uses it (tests set it instead of asking the desktop).
    void setSystemPreference(SystemColorScheme::Preference preference);

    // "&Theme" with System / Light / Dark, checked as the mode is.
    QMenu* createMenu(QWidget* parent);

    static QPalette darkPalette();

Q_SIGNALS:
    void applied(bool dark);

private:
    void apply();
    bool wantsDark() const;

    SystemColorScheme* m_system;
    SystemColorScheme::Preference m_systemPreference = SystemColorScheme::Preference::None;
    Mode m_mode = Mode::System;
    bool m_darkApplied = false;
    QActionGroup* m_group = nullptr;
};
