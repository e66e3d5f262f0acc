#include "mainwindow.h"

#include <QLabel>

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Hookdesk"));
    setCentralWidget(new QLabel(tr("Hookdesk"), this));
    resize(1200, 760);
}

MainWindow::~MainWindow() = default;
