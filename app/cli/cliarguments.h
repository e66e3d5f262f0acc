#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// One option of a command: "--group G" (takes a value) or "--yes" (a flag).
struct CliOption {
    QString name; // without the dashes
    QString valueName; // "G"; empty for a flag
    QString description;
    bool repeatable = false;
    // "--instance i-1 i-2 …": also takes the words that follow, up to the next option (implies repeatable).
    bool greedy = false;

    bool takesValue() const { return !valueName.isEmpty(); }
};

// The parsed options and positional words of one command line. Only the parser writes it.
class CliArguments {
public:
    // Parses `words` against `options`. --name VALUE and --name=VALUE are both accepted, "--" ends the options.
    // At most `maxPositional` words that are not options are accepted. Returns false with errorText() set.
    bool parse(const QStringList& words, const QList<CliOption>& options, int maxPositional = 0);

    bool isSet(const QString& name) const { return m_values.contains(name); }
    QString value(const QString& name) const;
    QStringList values(const QString& name) const { return m_values.value(name); }
    const QStringList& positional() const { return m_positional; }
    QString errorText() const { return m_error; }

private:
    QHash<QString, QStringList> m_values; // flags hold one empty string
    QStringList m_positional;
    QString m_error;
};
