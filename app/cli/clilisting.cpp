#include "clilisting.h"

#include "clicontext.h"

#include <QJsonArray>

void CliListing::print(const CliContext& context, qsizetype count, const std::function<QJsonValue(qsizetype)>& jsonAt,
    const std::function<QStringList(qsizetype)>& rowAt) const
{
    if (context.json()) {
        QJsonArray list;
        for (qsizetype i = 0; i < count; ++i)
            list.append(jsonAt(i));
        QJsonObject document = jsonFields;
        document.insert(jsonKey, list);
        if (jsonLines)
            context.printJsonLine(document);
        else
            context.printJson(document);
        return;
    }
    if (count == 0) {
        context.printNote(emptyNote);
        return;
    }
    CliTable table(columns);
    for (qsizetype i = 0; i < count; ++i)
        table.addRow(rowAt(i));
    context.printTable(table);
}
