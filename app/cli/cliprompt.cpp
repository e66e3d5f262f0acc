#include "cliprompt.h"

#include "cliformat.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QTextStream>
#include <csignal>
#include <termios.h>
#include <unistd.h>

namespace {
// A terminal left with echo off after Ctrl+C is a classic CLI bug; the handler puts the saved state back and
// re-raises the signal so the shell still sees the process die of SIGINT.
struct termios g_savedTerminal { };
int g_echoFd = -1;

void restoreEchoAndReraise(int signal)
{
    if (g_echoFd >= 0)
        tcsetattr(g_echoFd, TCSANOW, &g_savedTerminal);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

class EchoOff {
public:
    explicit EchoOff(int fd)
    {
        if (fd < 0 || tcgetattr(fd, &g_savedTerminal) != 0)
            return;
        struct termios quiet = g_savedTerminal;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        g_echoFd = fd;
        m_previousInt = std::signal(SIGINT, restoreEchoAndReraise);
        m_previousTerm = std::signal(SIGTERM, restoreEchoAndReraise);
        m_active = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (g_echoFd < 0)
            return;
        tcsetattr(g_echoFd, TCSAFLUSH, &g_savedTerminal);
        g_echoFd = -1;
        std::signal(SIGINT, m_previousInt);
        std::signal(SIGTERM, m_previousTerm);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;
    bool active() const { return m_active; }

private:
    void (*m_previousInt)(int) = SIG_DFL;
    void (*m_previousTerm)(int) = SIG_DFL;
    bool m_active = false;
};
} // namespace

CliPrompt::CliPrompt(const CliIo& io)
    : m_io(io)
{
}

std::optional<QString> CliPrompt::readLine(const QString& prompt, bool secret)
{
    if (m_io.inputIsTerminal && m_io.err) {
        *m_io.err << CliFormat::terminalSafe(prompt); // it may name a hook or profile
        m_io.err->flush();
    }
    if (!m_io.in)
        return std::nullopt;
    QByteArray line;
    {
        const EchoOff echoOff(secret && m_io.inputIsTerminal ? m_io.inputFd : -1);
        if (m_io.in->atEnd() && !m_io.in->isSequential())
            return std::nullopt;
        line = m_io.in->readLine();
    }
    if (line.isEmpty())
        return std::nullopt;
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    QString text = QString::fromUtf8(line);
    line.fill('\0'); // the secret's bytes should not linger in a freed buffer
    return text;
}

bool CliPrompt::confirmByTyping(const QString& question, const QString& expected)
{
    const QString prompt
        = question + u' ' + QCoreApplication::translate("CliPrompt", "Type %1 to confirm: ").arg(expected);
    const std::optional<QString> answer = readLine(prompt);
    return answer && answer->trimmed() == expected;
}
