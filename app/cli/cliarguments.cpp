#include "cliarguments.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

const CliOption* findOption(const QList<CliOption>& options, const QString& name)
{
    for (const CliOption& option : options) {
        if (option.name == name)
            return &option;
    }
    return nullptr;
}
} // namespace

QString CliArguments::value(const QString& name) const
{
    const QStringList list = m_values.value(name);
    return list.isEmpty() ? QString() : list.last();
}

bool CliArguments::parse(const QStringList& words, const QList<CliOption>& options, int maxPositional)
{
    m_values.clear();
    m_positional.clear();
    m_error.clear();
    bool optionsEnded = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString& word = words.at(i);
        if (optionsEnded || !word.startsWith(u"--"_s) || word == u"-"_s) {
            if (!optionsEnded && word.startsWith(u'-') && word.size() > 1) {
                m_error = QCoreApplication::translate("CliArguments", "unknown option '%1'").arg(word);
                return false;
            }
            if (m_positional.size() >= maxPositional) {
                m_error = QCoreApplication::translate("CliArguments", "unexpected argument '%1'").arg(word);
                return false;
            }
            m_positional.append(word);
            continue;
        }
        if (word == u"--"_s) {
            optionsEnded = true;
            continue;
        }
        QString name = word.mid(2);
        QString value;
        bool hasInlineValue = false;
        if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
            hasInlineValue = true;
        }
        const CliOption* option = findOption(options, name);
        if (!option) {
            m_error = QCoreApplication::translate("CliArguments", "unknown option '--%1'").arg(name);
            return false;
        }
        if (!option->takesValue()) {
            if (hasInlineValue) {
                m_error = QCoreApplication::translate("CliArguments", "option '--%1' takes no value").arg(name);
                return false;
            }
            m_values[name] = QStringList { QString() };
            continue;
        }
        if (!hasInlineValue) {
            // "--group --yes" is a forgotten value, not a group named "--yes".
            if (i + 1 >= words.size() || words.at(i + 1).startsWith(u"--"_s)) {
                m_error = QCoreApplication::translate("CliArguments", "option '--%1' needs a value (%2)")
                              .arg(name, option->valueName);
                return false;
            }
            value = words.at(++i);
        }
        QStringList& list = m_values[name];
        if (!list.isEmpty() && !option->repeatable && !option->greedy) {
            m_error = QCoreApplication::translate("CliArguments", "option '--%1' given more than once").arg(name);
            return false;
        }
        list.append(value);
        while (option->greedy && i + 1 < words.size() && !words.at(i + 1).startsWith(u'-'))
            list.append(words.at(++i));
    }
    return true;
}
