#pragma once

#include "profile.h"

#include <QHash>
#include <QString>

// The problems of a profile as typed into the Add/Edit form, each with the field it belongs to, so the form says
// it next to that field instead of in a message box (issue 18 item 7). The rules are Profile::validationError()'s:
// each field is checked on its own against an otherwise valid profile, so the two cannot disagree.
namespace ProfileFormCheck {
enum class Field { Name, Region, Endpoint, RoleArn, SourceProfile, Keys };

struct Input {
    Profile profile;
    QString accessKeyId;
    QString secretAccessKey;
    // Keys are asked for: always when adding a profile without a role; when editing, only once the operator chose
    // to replace them (rotation).
    bool keysRequired = true;
};

// Empty when the profile can be saved.
QHash<Field, QString> errors(const Input& input);
} // namespace ProfileFormCheck
