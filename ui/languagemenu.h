#pragma once

#include <QMenu>

class QActionGroup;

// View > Language: System / English / Deutsch. The choice is stored in QSettings "ui/language" and read by
// main() before any window exists (hookdesk_install_translators), so it applies on the next start; the menu says
// so when the choice changes, because retranslating every widget that composed its text at run time would be a
// second code path for every string.
class LanguageMenu : public QMenu {
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget* parent = nullptr);

    // The stored choice: "" (follow the system), "en" or "de".
    static QString savedLanguage();

private:
    void choose(const QString& language);

    QActionGroup* m_group = nullptr;
};
