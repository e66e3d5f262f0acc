#pragma once

#include "clitable.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

class CliContext;

// How a list command's result reaches the screen, written once for all of them: with --output json one document
// ({ jsonKey: [ … ], plus jsonFields }), else a note on standard error when there is nothing to show, else the
// table. A command says only what its rows and JSON objects look like.
struct CliListing {
    QString jsonKey; // "groups"
    QJsonObject jsonFields; // the document's other keys: { "group": "web" }
    QString emptyNote; // "No Auto Scaling groups found."
    QList<CliTable::Column> columns;
    bool jsonLines = false; // the JSON document on one line (output that repeats)

    void print(const CliContext& context, qsizetype count, const std::function<QJsonValue(qsizetype)>& jsonAt,
        const std::function<QStringList(qsizetype)>& rowAt) const;

    template <typename T, typename ToJson, typename ToRow>
    void print(const CliContext& context, const QList<T>& items, ToJson toJson, ToRow toRow) const
    {
        print(
            context, items.size(), [&](qsizetype i) { return QJsonValue(toJson(items.at(i))); },
            [&](qsizetype i) { return QStringList(toRow(items.at(i))); });
    }
};
