#include "clitable.h"

#include "cliformat.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr int Gap = 2;

// Tabs and newlines inside a cell would break the alignment of every row after it.
QString flatten(QString text)
{
    for (QChar& c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = u' ';
    }
    return text;
}

QString fit(const QString& text, int width)
{
    if (text.size() <= width)
        return text;
    if (width <= 1)
        return text.left(width);
    return text.left(width - 1) + u'…';
}
} // namespace

CliTable::CliTable(QList<Column> columns)
    : m_columns(std::move(columns))
{
}

void CliTable::addRow(QStringList cells)
{
    Q_ASSERT(cells.size() <= m_columns.size());
    while (cells.size() < m_columns.size())
        cells.append(QString());
    for (QString& cell : cells)
        cell = CliFormat::terminalSafe(flatten(cell));
    m_rows.append(cells);
}

QString CliTable::render(int maxWidth) const
{
    QList<qsizetype> shown;
    for (qsizetype c = 0; c < m_columns.size(); ++c) {
        const bool empty = std::all_of(m_rows.cbegin(), m_rows.cend(),
            [c](const QStringList& row) { return row.at(c).isEmpty() || row.at(c) == u"-"_s; });
        if (!m_columns.at(c).hideWhenEmpty || !empty)
            shown.append(c);
    }
    if (shown.size() != m_columns.size()) {
        QList<Column> columns;
        for (qsizetype c : std::as_const(shown))
            columns.append(m_columns.at(c));
        CliTable visible(columns);
        for (const QStringList& row : m_rows) {
            QStringList cells;
            for (qsizetype c : std::as_const(shown))
                cells.append(row.at(c));
            visible.addRow(cells);
        }
        return visible.render(maxWidth);
    }
    const qsizetype count = m_columns.size();
    QList<int> widths(count, 0);
    for (qsizetype c = 0; c < count; ++c) {
        widths[c] = int(m_columns.at(c).header.size());
        for (const QStringList& row : m_rows)
            widths[c] = std::max(widths[c], int(row.at(c).size()));
    }

    // Take one column at a time from the widest shrinkable column until the table fits or nothing can give.
    auto total = [&] {
        int sum = Gap * int(std::max<qsizetype>(count - 1, 0));
        for (int w : widths)
            sum += w;
        return sum;
    };
    auto floorOf
        = [&](qsizetype c) { return std::max(m_columns.at(c).minimumWidth, int(m_columns.at(c).header.size())); };
    while (total() > maxWidth) {
        qsizetype widest = -1;
        for (qsizetype c = 0; c < count; ++c) {
            if (m_columns.at(c).shrinkable && widths.at(c) > floorOf(c)
                && (widest < 0 || widths.at(c) > widths.at(widest)))
                widest = c;
        }
        if (widest < 0)
            break;
        --widths[widest];
    }

    QString text;
    auto appendLine = [&](const QStringList& cells) {
        QString line;
        for (qsizetype c = 0; c < count; ++c) {
            const QString cell = fit(cells.at(c), widths.at(c));
            const bool last = c == count - 1;
            if (m_columns.at(c).align == Align::Right)
                line += cell.rightJustified(widths.at(c));
            else
                line += last ? cell : cell.leftJustified(widths.at(c));
            if (!last)
                line += QString(Gap, u' ');
        }
        while (line.endsWith(u' '))
            line.chop(1);
        text += line + u'\n';
    };
    QStringList headers;
    for (const Column& column : m_columns)
        headers.append(column.header);
    appendLine(headers);
    for (const QStringList& row : m_rows)
        appendLine(row);
    return text;
}
