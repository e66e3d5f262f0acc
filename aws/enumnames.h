#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringView>
#include <iterator>
#include <optional>
#include <utility>

// Stable names for enum values — wire values, JSON and audit identifiers — written once as a table next to the
// enum instead of a switch per use. A table is any range of EnumName<E>, usually a constexpr array:
//
//     inline constexpr EnumName<Kind> kKindNames[] = { { Kind::A, "a"_L1 }, { Kind::B, "b-b"_L1 } };
//
// An enum with one canonical set of names also declares `enumNames(E)` returning its table, found by
// argument-dependent lookup, so that nameOf(value) and enumFromName<E>(text) need no table argument. An enum may
// have other tables for other audiences (the API's action names beside the CLI's).
//
// Translated labels are a different thing and stay apart: EnumLabel tables hold QT_TRANSLATE_NOOP source texts,
// and labelOf() translates them at the moment of use, so a language change is picked up.

template <typename E> struct EnumName {
    E value;
    QLatin1StringView name;
};

template <typename E> struct EnumLabel {
    E value;
    const char* sourceText; // marked with QT_TRANSLATE_NOOP(context, …) for lupdate
};

// The table's name for `value`; empty when the table does not name it.
template <typename Table, typename E> QString nameOf(const Table& table, E value)
{
    for (const auto& entry : table) {
        if (entry.value == value)
            return entry.name;
    }
    return {};
}

template <typename E> QString nameOf(E value)
{
    return nameOf(enumNames(value), value);
}

// The value whose name is `text`; nullopt when none is.
template <typename Table, typename E = decltype(std::begin(std::declval<const Table&>())->value)>
std::optional<E> enumFromName(const Table& table, QStringView text, Qt::CaseSensitivity cs = Qt::CaseSensitive)
{
    for (const auto& entry : table) {
        if (QStringView(text).compare(entry.name, cs) == 0)
            return entry.value;
    }
    return std::nullopt;
}

template <typename E> std::optional<E> enumFromName(QStringView text, Qt::CaseSensitivity cs = Qt::CaseSensitive)
{
    return enumFromName(enumNames(E {}), text, cs);
}

// The translated label for `value` in `context` (the context the QT_TRANSLATE_NOOP marks used); empty when none.
template <typename Table, typename E> QString labelOf(const Table& table, const char* context, E value)
{
    for (const auto& entry : table) {
        if (entry.value == value)
            return QCoreApplication::translate(context, entry.sourceText);
    }
    return {};
}

// A value of an enum that the other side may extend: either one the table names, or — for a name this build does
// not know, such as a lifecycle state AWS adds next year — E{} (the enum's Unknown, by convention its first
// enumerator) with the original text kept, so that reading and writing it back never loses it.
template <typename E> class OpenEnum {
public:
    OpenEnum() = default;
    OpenEnum(E value) // NOLINT(google-explicit-constructor): a known value is an OpenEnum
        : m_value(value)
    {
    }

    static OpenEnum parse(QStringView text)
    {
        if (const std::optional<E> known = enumFromName<E>(text); known && *known != E {})
            return *known;
        OpenEnum unknown;
        unknown.m_text = text.toString();
        return unknown;
    }

    E value() const { return m_value; }
    bool isKnown() const { return m_value != E {}; }
    // The name as it was read (unknown) or as the table spells it (known).
    QString toString() const { return isKnown() ? nameOf(m_value) : m_text; }

    friend bool operator==(const OpenEnum&, const OpenEnum&) = default;
    friend bool operator==(const OpenEnum& a, E b) { return a.m_value == b; }

private:
    E m_value {};
    QString m_text; // only for an unknown value
};
