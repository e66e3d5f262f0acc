#pragma once

#include "credentials.h"
#include "profile.h"
#include "profileformcheck.h"

#include <QDialog>
#include <QHash>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// The Add / Edit profile form of the profile manager: name, region, endpoint, role ARN with its source profile and
// MFA device, and the access keys. Editing keeps the stored keys unless "Replace the access keys" is ticked (key
// rotation without removing the profile). Problems show under the field they concern (ProfileFormCheck); a problem
// the keychain reports shows at the bottom. The form stays open until the manager says the save went through.
class ProfileFormDialog : public QDialog {
    Q_OBJECT
public:
    // Add: `existing` empty. Edit: the stored profile, whose name the form starts with.
    ProfileFormDialog(const std::optional<Profile>& existing, const QStringList& otherProfiles, QWidget* parent);

    bool isEdit() const { return m_editing; }
    QString originalName() const { return m_originalName; }
    Profile profile() const;
    // The keys to store: always when adding; when editing only if they are being replaced.
    std::optional<Credentials> keys() const;
    // Shown at the bottom (a keychain error); empty hides it.
    void setSaveError(const QString& message);
    // The message next to a field, for tests and screen readers; empty when the field is fine.
    QString fieldError(ProfileFormCheck::Field field) const;

Q_SIGNALS:
    // Save was pressed and every field is valid.
    void saveRequested();

private:
    void addRow(const QString& label, QWidget* field, ProfileFormCheck::Field errorField);
    void validateAndSave();
    void updateKeyFields();

    bool m_editing;
    QString m_originalName;
    QLineEdit* m_name;
    QLineEdit* m_region;
    QLineEdit* m_endpoint;
    QLineEdit* m_roleArn;
    QComboBox* m_source;
    QLineEdit* m_mfa;
    QCheckBox* m_replaceKeys = nullptr;
    QLineEdit* m_keyId;
    QLineEdit* m_secret;
    QLabel* m_saveError;
    QDialogButtonBox* m_buttons;
    QHash<ProfileFormCheck::Field, QLabel*> m_errors;
};
