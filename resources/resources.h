#pragma once

#include <QString>

// Registers the icons compiled into the static hookdesk_resources library; call once from main().
void hookdesk_init_resources();

// Installs the translators for the system locale on the running application: Qt's own strings (qtbase_<lang>.qm)
// and Hookdesk's, embedded as :/i18n/hookdesk_<lang>.qm. A locale without a Hookdesk translation keeps the English
// source strings, with real English plurals ("1 instance", "3 instances") where a numerus source string marks the
// plural with "(s)". `language` ("de", "en") overrides the system locale (the window's View > Language); empty
// follows the system. Call after hookdesk_init_resources(); the translators live as long as the application.
void hookdesk_install_translators(const QString& language = {});
