#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <limits>

// One option of a command: "--group G" (takes a value) or "--yes" (a flag). Declared once, in the command's
// CliCommandSpec; the parser checks a command line against it, so a command reads values that are already valid.
// Build them with the named constructors (flag(), text(), list()…); the fields stay public so tests can write one
// in place.
struct CliOption {
    // What the value is. Flag and list follow from valueName/repeatable/greedy; Integer and Duration are converted
    // (and refused with invalidText) when the command line is parsed.
    enum class Type { Flag, Text, List, Integer, Duration };

    QString name; // without the dashes
    QString valueName; // "G"; empty for a flag
    QString description;
    bool repeatable = false;
    // "--instance i-1 i-2 …": also takes the words that follow, up to the next option (implies repeatable).
    bool greedy = false;
    Type valueType = Type::Text; // Integer or Duration; Flag and List are implied by the fields above
    bool required = false; // "--group is required" when missing or blank
    QString invalidText {}; // usage error for a value that is not an integer/duration; "%1" is the value
    qint64 minimum = std::numeric_limits<qint64>::min(); // integers outside [minimum, maximum] get invalidText
    qint64 maximum = std::numeric_limits<qint64>::max();

    bool takesValue() const { return !valueName.isEmpty(); }
    Type type() const;
    // A copy that must be given (and not blank).
    CliOption asRequired() const;
    // Empty when `value` suits the type; else the usage error to show.
    QString problemWith(const QString& value) const;

    static CliOption flag(const QString& name, const QString& description);
    static CliOption text(const QString& name, const QString& valueName, const QString& description);
    // Repeatable: every value is kept, in order.
    static CliOption list(const QString& name, const QString& valueName, const QString& description);
    // Repeatable and greedy: "--instance i-1 i-2 --instance i-3".
    static CliOption words(const QString& name, const QString& valueName, const QString& description);
    static CliOption integer(const QString& name, const QString& valueName, const QString& description,
        const QString& invalidText, qint64 minimum = std::numeric_limits<qint64>::min(),
        qint64 maximum = std::numeric_limits<qint64>::max());
    // "45s", "90m", "2h", "1h30m" (at most 48 hours), read as seconds.
    static CliOption duration(
        const QString& name, const QString& valueName, const QString& description, const QString& invalidText);
};

// The parsed options and positional words of one command line. Only the parser writes it.
class CliArguments {
public:
    // Parses `words` against `options`. --name VALUE and --name=VALUE are both accepted, "--" ends the options.
    // At most `maxPositional` words that are not options are accepted. Returns false with errorText() set.
    bool parse(const QStringList& words, const QList<CliOption>& options, int maxPositional = 0);
    // After parse(): required options are there (in declaration order), then integers and durations convert (in
    // declaration order). Returns the first problem, worded as the usage error a command prints, or an empty string.
    QString validate(const QList<CliOption>& options);

    bool isSet(const QString& name) const { return m_values.contains(name); }
    QString value(const QString& name) const;
    QStringList values(const QString& name) const { return m_values.value(name); }
    // A list option's values with commas as separators too, trimmed, each once: "--instance i-1 i-2",
    // "--instance i-1 --instance i-2" and "--instance i-1,i-2" give the same list.
    QStringList items(const QString& name) const;
    // An Integer or Duration option's value (seconds for a duration) after validate(); `fallback` when not given.
    qint64 number(const QString& name, qint64 fallback = 0) const { return m_numbers.value(name, fallback); }
    const QStringList& positional() const { return m_positional; }
    QString errorText() const { return m_error; }

    // "--group is required": the usage error for a required option that is missing or blank.
    static QString requiredText(const QString& name);

private:
    QHash<QString, QStringList> m_values; // flags hold one empty string
    QHash<QString, qint64> m_numbers;
    QStringList m_positional;
    QString m_error;
};

// Options every command accepts (before or after the command name). --profile and --region are lists: the ones
// given after the command, else the ones before it. More than one of either, or --all-profiles, runs a fleet
// command (pending, groups) over every profile × region; other commands take one connection.
struct CliGlobalOptions {
    QStringList profiles;
    QStringList regions;
    bool allProfiles = false;
    QString endpointUrl;
    bool json = false;
    bool verbose = false;
    bool readOnly = false; // --read-only: every mutating command is refused before anything is sent
    int timeoutSeconds = 60; // --timeout: the deadline of every request (QueryClient::setDeadline)

    QString profile() const { return profiles.value(0); }
    QString region() const { return regions.value(0); }
    bool isFleet() const { return allProfiles || profiles.size() > 1 || regions.size() > 1; }
};
