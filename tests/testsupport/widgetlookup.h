#pragma once

#include <QLineEdit>
#include <QPushButton>
#include <QString>
#include <QWidget>

// Finding a dialog's controls the way an operator names them (the button's text without its mnemonic, the
// field's accessible name), so the widget tests do not depend on object names the .ui files may not set.
namespace TestSupport {
inline QPushButton* buttonNamed(QWidget* parent, const QString& text)
{
    for (QPushButton* button : parent->findChildren<QPushButton*>()) {
        if (button->text().remove(u'&') == text)
            return button;
    }
    return nullptr;
}

inline QLineEdit* editNamed(QWidget* parent, const QString& accessibleName)
{
    for (QLineEdit* edit : parent->findChildren<QLineEdit*>()) {
        if (edit->accessibleName() == accessibleName)
            return edit;
    }
    return nullptr;
}
} // namespace TestSupport
