#pragma once

// Registers the icons compiled into the static hookdesk_resources library; call once from main().
void hookdesk_init_resources();
