#include "cliarguments.h"

#include "cliformat.h"

#include <QCoreApplication>
#include <optional>

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

// An Integer or Duration value as a number; nullopt when it does not read as one (or lies outside the range).
std::optional<qint64> toNumber(const CliOption& option, const QString& value)
{
    if (option.type() == CliOption::Type::Duration) {
        const qint64 seconds = CliFormat::parseDuration(value);
        return seconds < 0 ? std::nullopt : std::optional<qint64>(seconds);
    }
    bool ok = false;
    const qint64 number = value.toInt(&ok);
    if (!ok || number < option.minimum || number > option.maximum)
        return std::nullopt;
    return number;
}
} // namespace

CliOption::Type CliOption::type() const
{
    if (!takesValue())
        return Type::Flag;
    if (repeatable || greedy)
        return Type::List;
    return valueType;
}

CliOption CliOption::asRequired() const
{
    CliOption option = *this;
    option.required = true;
    return option;
}

QString CliOption::problemWith(const QString& value) const
{
    const Type t = type();
    if (t != Type::Integer && t != Type::Duration)
        return {};
    if (toNumber(*this, value))
        return {};
    return invalidText.contains(u"%1"_s) ? invalidText.arg(value) : invalidText;
}

CliOption CliOption::flag(const QString& name, const QString& description)
{
    return { name, {}, description };
}

CliOption CliOption::text(const QString& name, const QString& valueName, const QString& description)
{
    return { name, valueName, description };
}

CliOption CliOption::list(const QString& name, const QString& valueName, const QString& description)
{
    return { name, valueName, description, true };
}

CliOption CliOption::words(const QString& name, const QString& valueName, const QString& description)
{
    return { name, valueName, description, true, true };
}

CliOption CliOption::integer(const QString& name, const QString& valueName, const QString& description,
    const QString& invalidText, qint64 minimum, qint64 maximum)
{
    return { name, valueName, description, false, false, Type::Integer, false, invalidText, minimum, maximum };
}

CliOption CliOption::duration(
    const QString& name, const QString& valueName, const QString& description, const QString& invalidText)
{
    return { name, valueName, description, false, false, Type::Duration, false, invalidText };
}

QString CliArguments::value(const QString& name) const
{
    const QStringList list = m_values.value(name);
    return list.isEmpty() ? QString() : list.last();
}

QStringList CliArguments::items(const QString& name) const
{
    QStringList list;
    for (const QString& value : m_values.value(name))
        list += value.split(u',', Qt::SkipEmptyParts);
    for (QString& item : list)
        item = item.trimmed();
    list.removeDuplicates();
    return list;
}

QString CliArguments::requiredText(const QString& name)
{
    return QCoreApplication::translate("CliCommand", "--%1 is required").arg(name);
}

bool CliArguments::parse(const QStringList& words, const QList<CliOption>& options, int maxPositional)
{
    m_values.clear();
    m_numbers.clear();
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

QString CliArguments::validate(const QList<CliOption>& options)
{
    for (const CliOption& option : options) {
        if (option.required && value(option.name).trimmed().isEmpty())
            return requiredText(option.name);
    }
    for (const CliOption& option : options) {
        if (!isSet(option.name))
            continue;
        if (const QString problem = option.problemWith(value(option.name)); !problem.isEmpty())
            return problem;
        const CliOption::Type type = option.type();
        if (type != CliOption::Type::Integer && type != CliOption::Type::Duration)
            continue;
        if (const std::optional<qint64> number = toNumber(option, value(option.name)))
            m_numbers.insert(option.name, *number);
    }
    return {};
}
