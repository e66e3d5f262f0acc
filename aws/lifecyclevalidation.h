#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"

#include <QString>
#include <optional>

// Input checks for the lifecycle-hook operations, with the limits of the Auto Scaling service model
// (tests/data/models/autoscaling-2011-01-01.json) and its documentation. Each check returns an empty string when
// the value is acceptable, else a translated message naming the field and the rule, fit to show beside the field.
namespace LifecycleValidation {

inline constexpr int HookNameMaxLength = 255; // AsciiStringMaxLen255, pattern [A-Za-z0-9\-_\/]+
inline constexpr int GroupNameMaxLength = 255; // XmlStringMaxLen255
inline constexpr int HeartbeatTimeoutMin = 30; // seconds
inline constexpr int HeartbeatTimeoutMax = 7200;
inline constexpr int MetadataMaxLength = 4000; // AnyPrintableAsciiStringMaxLen4000
inline constexpr int TokenLength = 36; // LifecycleActionToken: exactly 36
inline constexpr int InstanceIdMaxLength = 19; // XmlStringMaxLen19
inline constexpr int ArnMaxLength = 255;

QString hookNameError(const QString& name);
QString groupNameError(const QString& name);
QString heartbeatTimeoutError(int seconds);
QString defaultResultError(const QString& result); // empty allowed (service default ABANDON)
QString actionResultError(const QString& result); // CONTINUE | ABANDON, required
QString metadataError(const QString& metadata); // empty allowed
QString tokenError(const QString& token); // empty allowed (the instance ID is used instead)
QString transitionError(const QString& transition); // required
QString instanceIdError(const QString& instanceId); // empty allowed (the token is used instead)
// What a person types or pastes: "i-" and 8 or 17 lower-case hexadecimal digits, the only forms EC2 issues.
// Stricter than the service model (which takes any 1–19 characters), so a typo such as "x-123" is refused before
// any request instead of coming back as "No active Lifecycle Action found". Empty is refused too.
QString instanceIdShapeError(const QString& instanceId);
QString arnError(const QString& arn); // empty allowed
// NotificationTargetARN and RoleARN of PutLifecycleHook, where unset means "leave as is" and empty means "remove":
// a target needs a role; an empty role only goes with an empty target (which removes both).
QString notificationTargetError(const std::optional<QString>& target, const std::optional<QString>& role);

// Whole-request checks: the first problem as a Validation error, or an AwsError without error.
AwsError validate(const PutLifecycleHookRequest& request);
AwsError validate(const LifecycleActionTarget& target);

} // namespace LifecycleValidation
