#include "profileformdialog.h"

#include "uistyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QLineEdit* lineEdit(QWidget* parent, const QString& accessibleName, const QString& text = {})
{
    auto* edit = new QLineEdit(text, parent);
    edit->setAccessibleName(accessibleName);
    // Wide enough for a role ARN or an endpoint URL without scrolling inside the field.
    edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(u'x') * 48);
    return edit;
}
} // namespace

ProfileFormDialog::ProfileFormDialog(
    const std::optional<Profile>& existing, const QStringList& otherProfiles, QWidget* parent)
    : QDialog(parent)
    , m_editing(existing.has_value())
    , m_originalName(existing ? existing->name : QString())
{
    setObjectName(m_editing ? u"editProfileDialog"_s : u"addProfileDialog"_s);
    setWindowTitle(m_editing ? tr("Edit profile") : tr("Add profile"));
    Profile p;
    p.region = u"us-east-1"_s;
    if (existing)
        p = *existing;
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(form);
    m_name = lineEdit(this, tr("Profile name"), p.name);
    m_region = lineEdit(this, tr("Region"), p.region);
    m_endpoint = lineEdit(this, tr("Endpoint URL"), p.endpointUrl.toString());
    m_endpoint->setPlaceholderText(tr("optional, e.g. a VPC endpoint"));
    m_roleArn = lineEdit(this, tr("Role ARN"), p.role.roleArn);
    m_roleArn->setPlaceholderText(tr("optional: arn:aws:iam::123456789012:role/name"));
    m_source = new QComboBox(this);
    m_source->setAccessibleName(tr("Source profile"));
    m_source->setEditable(true);
    m_source->setMinimumWidth(m_name->minimumWidth()); // as wide as the fields around it, not as its empty text
    m_source->addItem(QString());
    m_source->addItems(otherProfiles);
    m_source->setCurrentText(p.role.sourceProfile);
    m_mfa = lineEdit(this, tr("MFA device"), p.role.mfaSerial);
    m_mfa->setPlaceholderText(tr("optional: arn:aws:iam::123456789012:mfa/name"));
    m_keyId = lineEdit(this, tr("Access key ID"));
    m_secret = lineEdit(this, tr("Secret access key"));
    m_secret->setEchoMode(QLineEdit::Password);

    using Field = ProfileFormCheck::Field;
    addRow(tr("&Name:"), m_name, Field::Name);
    addRow(tr("&Region:"), m_region, Field::Region);
    addRow(tr("&Endpoint URL:"), m_endpoint, Field::Endpoint);
    addRow(tr("Role &ARN:"), m_roleArn, Field::RoleArn);
    addRow(tr("S&ource profile:"), m_source, Field::SourceProfile);
    form->addRow(tr("&MFA device:"), m_mfa);
    if (m_editing) {
        // The stored keys are never shown; replacing them is a choice, so an edit of the region cannot wipe them.
        m_replaceKeys = new QCheckBox(tr("Re&place the access keys (rotation)"), this);
        m_replaceKeys->setAccessibleName(tr("Replace the access keys"));
        form->addRow(QString(), m_replaceKeys);
        connect(m_replaceKeys, &QCheckBox::toggled, this, &ProfileFormDialog::updateKeyFields);
    }
    form->addRow(tr("Access &key ID:"), m_keyId);
    addRow(tr("&Secret access key:"), m_secret, Field::Keys);

    m_saveError = new QLabel(this);
    m_saveError->setObjectName(u"saveError"_s);
    m_saveError->setWordWrap(true);
    m_saveError->setVisible(false);
    layout->addWidget(m_saveError);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileFormDialog::validateAndSave);
    updateKeyFields();
    // Sized for what it holds, not a fixed size: the error lines grow it as they appear.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    adjustSize();
}

void ProfileFormDialog::addRow(const QString& label, QWidget* field, ProfileFormCheck::Field errorField)
{
    auto* form = qobject_cast<QFormLayout*>(layout()->itemAt(0)->layout());
    auto* cell = new QWidget(this);
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(field);
    auto* error = new QLabel(cell);
    error->setWordWrap(true);
    error->setVisible(false);
    QPalette pal = error->palette();
    pal.setColor(QPalette::WindowText, UiStyle::dangerColor(palette()));
    error->setPalette(pal);
    column->addWidget(error);
    m_errors.insert(errorField, error);
    form->addRow(label, cell);
    if (auto* buddy = qobject_cast<QLabel*>(form->labelForField(cell)))
        buddy->setBuddy(field);
}

Profile ProfileFormDialog::profile() const
{
    Profile p;
    p.name = m_name->text().trimmed();
    p.region = m_region->text().trimmed();
    p.endpointUrl = QUrl(m_endpoint->text().trimmed());
    p.role.roleArn = m_roleArn->text().trimmed();
    p.role.sourceProfile = m_source->currentText().trimmed();
    p.role.mfaSerial = m_mfa->text().trimmed();
    return p;
}

std::optional<Credentials> ProfileFormDialog::keys() const
{
    if (m_replaceKeys && !m_replaceKeys->isChecked())
        return std::nullopt;
    Credentials keys;
    keys.accessKeyId = m_keyId->text().trimmed();
    keys.secretAccessKey = m_secret->text();
    if (!keys.isValid() && profile().assumesRole())
        return std::nullopt; // a role profile may go without keys of its own
    return keys;
}

void ProfileFormDialog::setSaveError(const QString& message)
{
    QPalette pal = m_saveError->palette();
    pal.setColor(QPalette::WindowText, UiStyle::dangerColor(palette()));
    m_saveError->setPalette(pal);
    m_saveError->setText(message);
    m_saveError->setVisible(!message.isEmpty());
    adjustSize();
}

QString ProfileFormDialog::fieldError(ProfileFormCheck::Field field) const
{
    const QLabel* label = m_errors.value(field);
    return label && label->isVisibleTo(this) ? label->text() : QString();
}

void ProfileFormDialog::updateKeyFields()
{
    const bool keysOn = !m_replaceKeys || m_replaceKeys->isChecked();
    m_keyId->setEnabled(keysOn);
    m_secret->setEnabled(keysOn);
    m_keyId->setPlaceholderText(keysOn ? QString() : tr("stored in the keychain; tick above to replace"));
}

void ProfileFormDialog::validateAndSave()
{
    ProfileFormCheck::Input input;
    input.profile = profile();
    input.accessKeyId = m_keyId->text();
    input.secretAccessKey = m_secret->text();
    input.keysRequired = !m_replaceKeys || m_replaceKeys->isChecked();
    const auto errors = ProfileFormCheck::errors(input);
    // In the order of the form, so the focus goes to the topmost field to fix.
    using Field = ProfileFormCheck::Field;
    QWidget* first = nullptr;
    for (const Field field :
        { Field::Name, Field::Region, Field::Endpoint, Field::RoleArn, Field::SourceProfile, Field::Keys }) {
        QLabel* label = m_errors.value(field);
        const QString message = errors.value(field);
        label->setText(message);
        label->setVisible(!message.isEmpty());
        if (!message.isEmpty() && !first)
            first = label->parentWidget()->layout()->itemAt(0)->widget();
    }
    setSaveError({});
    adjustSize();
    if (first) {
        first->setFocus();
        return;
    }
    Q_EMIT saveRequested();
}
