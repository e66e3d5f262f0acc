#pragma once

#include "autoscalingtypes.h"

#include <QJsonObject>
#include <QString>

// A group's warm pool in words and in JSON, the same in the group list, the details pane and the CLI.
namespace WarmPoolText {

// "warm pool: 3 instances, min 2, max prepared 5, Stopped, reuse on scale in" (translated); "max prepared" reads
// "group max" when MaxGroupPreparedCapacity is not set; ", being deleted" while PendingDelete. Empty without a pool.
QString summary(const AutoScalingGroup& group);

// {"minSize", "maxGroupPreparedCapacity" (null when unset), "poolState", "status" (null unless PendingDelete),
// "reuseOnScaleIn", "size"}: AWS's names, for `--json`. Empty without a pool.
QJsonObject json(const AutoScalingGroup& group);

} // namespace WarmPoolText
