#include "modelslogging.h"

Q_LOGGING_CATEGORY(lcModels, "hookdesk.models", QtInfoMsg)
