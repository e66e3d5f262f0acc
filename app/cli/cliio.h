#pragma once

class QIODevice;
class QTextStream;

// Where a command reads and writes. The real process passes stdout/stderr/stdin; tests pass buffers and say
// whether standard input should count as a terminal, so confirmation and prompt rules are testable in-process.
struct CliIo {
    QTextStream* out = nullptr; // results only (tables, JSON): safe to pipe
    QTextStream* err = nullptr; // prompts, progress, warnings and errors
    QIODevice* in = nullptr; // answers to prompts, secrets piped in
    bool inputIsTerminal = false; // isatty(0): prompts are allowed, confirmations are asked
    int inputFd = -1; // the terminal's descriptor for turning echo off; -1 when `in` is not a real terminal
    bool outputIsTerminal = false; // isatty(1): `pending --watch` may clear the screen before each table
};
