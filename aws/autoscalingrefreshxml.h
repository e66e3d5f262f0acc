#pragma once

#include "autoscalingxml.h"
#include "instancerefresh.h"

// Readers of the instance refresh answers (autoscalingrefreshxml.cpp), on the same terms as AutoScalingXml's: a
// body that is not the operation's <…Response> gives an error.
namespace AutoScalingRefreshXml {

ParsedResponse<QList<InstanceRefresh>> describeInstanceRefreshes(const QByteArray& body, int httpStatus = 200);
// CancelInstanceRefresh and RollbackInstanceRefresh (`action`) answer the ID of the refresh they acted on.
ParsedResponse<QString> instanceRefreshId(const QByteArray& body, QLatin1StringView action, int httpStatus = 200);

} // namespace AutoScalingRefreshXml
