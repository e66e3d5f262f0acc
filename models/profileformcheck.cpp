#include "profileformcheck.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {
// Valid in every field, so a field set on a copy of it is the only thing validationError() can object to.
Profile validBase()
{
    Profile base;
    base.name = u"form-check"_s;
    base.region = u"us-east-1"_s;
    return base;
}

void check(QHash<ProfileFormCheck::Field, QString>& errors, ProfileFormCheck::Field field, const Profile& probe)
{
    if (const QString error = probe.validationError(); !error.isEmpty())
        errors.insert(field, error);
}
} // namespace

QHash<ProfileFormCheck::Field, QString> ProfileFormCheck::errors(const Input& input)
{
    QHash<Field, QString> errors;
    const Profile& p = input.profile;
    Profile probe = validBase();
    probe.name = p.name;
    check(errors, Field::Name, probe);
    probe = validBase();
    probe.region = p.region;
    check(errors, Field::Region, probe);
    probe = validBase();
    probe.endpointUrl = p.endpointUrl;
    check(errors, Field::Endpoint, probe);
    if (p.role.isSet() || !p.role.sourceProfile.isEmpty() || !p.role.mfaSerial.isEmpty()) {
        // The ARN alone (with a stand-in source), then the source against the real name.
        probe = validBase();
        probe.role = p.role;
        probe.role.sourceProfile = u"form-check-source"_s;
        check(errors, Field::RoleArn, probe);
        if (!errors.contains(Field::RoleArn)) {
            probe.name = Profile::isValidName(p.name) ? p.name : probe.name;
            probe.role.sourceProfile = p.role.sourceProfile;
            check(errors, Field::SourceProfile, probe);
        }
    }
    if (input.keysRequired && !p.assumesRole()
        && (input.accessKeyId.trimmed().isEmpty() || input.secretAccessKey.isEmpty()))
        errors.insert(Field::Keys,
            QCoreApplication::translate("ProfileFormCheck", "Enter an access key ID and a secret access key."));
    return errors;
}
