#pragma once
// Writes one or more plots, side by side at their on-screen size, to a PNG, SVG or PDF file
// (chosen by the file's suffix). SVG and PDF are vector drawings.

#include <QList>
#include <QString>

class QCustomPlot;
class QWidget;

namespace pwb::ui {

// Returns an empty string on success, otherwise what went wrong, naming the file.
QString exportPlots(const QList<QCustomPlot*>& plots, const QString& file);

// Asks for a file name (PNG, SVG or PDF), exports, and says so when that failed.
void exportPlotsWithDialog(QWidget* parent, const QList<QCustomPlot*>& plots, const QString& suggested_name);

}  // namespace pwb::ui
