#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "hookdesk.ui", QtInfoMsg)
