#pragma once

#include <QByteArray>
#include <QHash>
#include <QMetaEnum>

// Role names for a model's Q_ENUM(Role), derived from the enumerator names (InstanceIdRole → "instanceId"), so
// that a role added to the enum is named for QML and tools like GammaRay without a second list to keep in step.
// `names` holds the base class's names (display, edit, …), which are kept.
template <typename RoleEnum> QHash<int, QByteArray> withEnumRoleNames(QHash<int, QByteArray> names)
{
    static constexpr QByteArrayView suffix = "Role";
    const QMetaEnum roles = QMetaEnum::fromType<RoleEnum>();
    for (int i = 0; i < roles.keyCount(); ++i) {
        QByteArray name(roles.key(i));
        if (name.endsWith(suffix))
            name.chop(suffix.size());
        if (!name.isEmpty())
            name[0] = char(QChar::toLower(uchar(name.at(0))));
        names.insert(roles.value(i), name);
    }
    return names;
}
