#include "fleetconnectionspanel.h"

#include "uistyle.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int KeyRole = Qt::UserRole + 1;
constexpr int StatusRole = Qt::UserRole + 2;
constexpr int ProgressRole = Qt::UserRole + 3;
constexpr int ErrorRole = Qt::UserRole + 4;
} // namespace

FleetConnectionsPanel::FleetConnectionsPanel(QWidget* parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("<b>Connections</b>"), this);
    layout->addWidget(title);
    m_list->setObjectName(u"fleetConnections"_s);
    m_list->setAccessibleName(tr("Connections: profiles and regions"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({ tr("Profile · region"), tr("Status") });
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list);
    title->setBuddy(m_list);
    connect(m_list, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem*, int column) {
        if (column == 0)
            Q_EMIT tickedChanged();
    });
}

void FleetConnectionsPanel::setSources(const QList<FleetSource>& sources, const QStringList& tickedKeys)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    m_sources = sources;
    for (const FleetSource& source : sources) {
        auto* entry = new QTreeWidgetItem(m_list);
        entry->setText(0, tr("%1 · %2").arg(source.profile, source.region));
        entry->setData(0, KeyRole, source.key());
        entry->setFlags(entry->flags() | Qt::ItemIsUserCheckable);
        entry->setCheckState(0, tickedKeys.contains(source.key()) ? Qt::Checked : Qt::Unchecked);
        showStatus(entry);
    }
}

QList<FleetSource> FleetConnectionsPanel::tickedSources() const
{
    QList<FleetSource> ticked;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->checkState(0) == Qt::Checked)
            ticked << m_sources.value(i);
    }
    return ticked;
}

QStringList FleetConnectionsPanel::tickedKeys() const
{
    QStringList keys;
    for (const FleetSource& source : tickedSources())
        keys << source.key();
    return keys;
}

bool FleetConnectionsPanel::setTicked(const QString& key, bool ticked)
{
    QTreeWidgetItem* entry = item(key);
    if (!entry)
        return false;
    entry->setCheckState(0, ticked ? Qt::Checked : Qt::Unchecked);
    return true;
}

QTreeWidgetItem* FleetConnectionsPanel::item(const QString& key) const
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(0, KeyRole).toString() == key)
            return m_list->topLevelItem(i);
    }
    return nullptr;
}

void FleetConnectionsPanel::setStatus(const QString& key, const QString& text, bool error)
{
    if (QTreeWidgetItem* entry = item(key)) {
        const QSignalBlocker blocker(m_list);
        entry->setData(1, StatusRole, text);
        entry->setData(1, ErrorRole, error);
        showStatus(entry);
    }
}

void FleetConnectionsPanel::setProgress(const QString& key, const QString& text)
{
    if (QTreeWidgetItem* entry = item(key)) {
        const QSignalBlocker blocker(m_list);
        entry->setData(1, ProgressRole, text);
        showStatus(entry);
    }
}

QString FleetConnectionsPanel::statusText(const QString& key) const
{
    const QTreeWidgetItem* entry = item(key);
    return entry ? entry->text(1) : QString();
}

void FleetConnectionsPanel::showStatus(QTreeWidgetItem* entry)
{
    // An unticked source has no connection, so nothing to say about it.
    QString text = entry->checkState(0) == Qt::Checked ? entry->data(1, StatusRole).toString() : QString();
    if (const QString progress = entry->data(1, ProgressRole).toString(); !progress.isEmpty() && !text.isEmpty())
        text += u" · "_s + progress;
    entry->setText(1, text);
    entry->setToolTip(1, text);
    const bool error = entry->data(1, ErrorRole).toBool() && !text.isEmpty();
    entry->setForeground(1, error ? QBrush(UiStyle::dangerColor(palette())) : QBrush());
}
