#pragma once

#include "cliio.h"

#include <QString>
#include <optional>

// Reads answers from standard input. On a terminal it prints the prompt to stderr and, for secrets, turns echo
// off with termios for exactly the one line (restored even on Ctrl+C). Off a terminal it reads plain lines, so
// `printf '%s\n' "$KEY" "$SECRET" | hookdesk-cli profile add x` works and nothing is echoed anywhere.
// Reading blocks the thread: a prompt is the one place a CLI waits for a person, and no event loop is nested.
class CliPrompt {
public:
    explicit CliPrompt(const CliIo& io);

    // The line without its end-of-line; std::nullopt at end of input.
    std::optional<QString> readLine(const QString& prompt, bool secret = false);
    // Asks the person to type `expected` (a count, a hook name) to go ahead; true only on an exact match.
    bool confirmByTyping(const QString& question, const QString& expected);

private:
    CliIo m_io;
};
