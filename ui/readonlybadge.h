#pragma once

#include <QLabel>

// "READ-ONLY" as a bold badge in the toolbar, shown while read-only mode is on (issue 18.8): a checkbox alone is
// easy to miss. Painted from the palette's warning colour with whichever text colour contrasts more, so it stays
// readable when the theme switches.
class ReadOnlyBadge : public QLabel {
    Q_OBJECT
public:
    explicit ReadOnlyBadge(QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;
};
