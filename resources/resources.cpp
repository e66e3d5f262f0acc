#include "resources.h"

#include <QtGlobal>

void hookdesk_init_resources()
{
    Q_INIT_RESOURCE(hookdesk);
}
