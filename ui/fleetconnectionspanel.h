#pragma once

#include "fleetboard.h"

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;

// The fleet board's "Connections" panel: every profile × region it can open, with a checkbox, and beside each ticked
// one its status ("loading…", "3 waiting", "error: …") and the progress of an action running on it. Ticking and
// unticking emit tickedChanged(); the window opens and closes connections from it.
class FleetConnectionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FleetConnectionsPanel(QWidget* parent = nullptr);

    void setSources(const QList<FleetSource>& sources, const QStringList& tickedKeys);
    QList<FleetSource> tickedSources() const;
    QStringList tickedKeys() const;
    // Ticks or unticks one source (as a click would); false when it is not offered.
    bool setTicked(const QString& key, bool ticked);

    // The status column of one source; `error` shows it in the error colour, with the text as tooltip too.
    void setStatus(const QString& key, const QString& text, bool error);
    // What an action does on the connection now ("ABANDON: 1 of 2 sent"); empty clears it.
    void setProgress(const QString& key, const QString& text);
    QString statusText(const QString& key) const;

    QTreeWidget* list() const { return m_list; }

Q_SIGNALS:
    void tickedChanged();

private:
    QTreeWidgetItem* item(const QString& key) const;
    void showStatus(QTreeWidgetItem* entry);

    QTreeWidget* m_list;
    QList<FleetSource> m_sources;
};
