#include "simlogging.h"

Q_LOGGING_CATEGORY(lcSim, "hookdesk.sim", QtInfoMsg)
