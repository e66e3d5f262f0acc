#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A plain-text table for terminals: columns padded to their widest cell, two spaces apart, no borders (like
// `kubectl get` or `git branch -v`), so it stays readable when copied into a ticket and greppable in scripts.
// When the table is wider than maxWidth, only the columns marked shrinkable (free text, ARNs, hook lists) are cut,
// with "…" at the end; identifiers are never cut, because a truncated instance ID is worse than a wrapped line.
class CliTable {
public:
    enum class Align { Left, Right };
    struct Column {
        QString header;
        Align align = Align::Left;
        bool shrinkable = false;
        int minimumWidth = 8; // a shrinkable column is never cut below this (or its header)
        bool hideWhenEmpty = false; // left out when no row has a value (e.g. STATUS, set only while deleting)
    };

    static constexpr int DefaultMaxWidth = 100;

    explicit CliTable(QList<Column> columns);

    // Missing cells are empty, extra cells are an error (asserted). Control and bidi characters in a cell are
    // escaped (CliFormat::terminalSafe): cells hold names and messages from AWS.
    void addRow(QStringList cells);
    int rowCount() const { return int(m_rows.size()); }
    // Lines end with '\n'; trailing spaces are trimmed.
    QString render(int maxWidth = DefaultMaxWidth) const;

private:
    QList<Column> m_columns;
    QList<QStringList> m_rows;
};
