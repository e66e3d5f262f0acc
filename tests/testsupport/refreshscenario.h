#pragma once

// The scenario the instance refresh tests of the CLI and the window share.
#include <QByteArray>

namespace RefreshScenario {

// rollout: four instances, a launch hook nobody completes and a refresh that stalls on it (advance the clock a
// little after loading: the first replacement then waits in Pending:Wait); quiet: no refresh.
inline const QByteArray Json = R"({ "groups": [
  { "name": "rollout", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "smoke-test", "transition": "launching", "heartbeatTimeout": 3600, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "InService", "count": 4 } ],
    "instanceRefresh": { "minHealthyPercentage": 75, "instanceWarmup": 60 } },
  { "name": "quiet", "minSize": 0, "maxSize": 10, "instances": [ { "state": "InService", "count": 2 } ] }
] })";

} // namespace RefreshScenario
