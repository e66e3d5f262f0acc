#include "awslogging.h"

Q_LOGGING_CATEGORY(lcAws, "hookdesk.aws", QtInfoMsg)
