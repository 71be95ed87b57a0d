#pragma once
// Makes a QCustomPlot follow the widget palette (dark mode included), as native widgets do.

class QCustomPlot;
class QPalette;

namespace pwb::ui {

void applyPalette(QCustomPlot& plot, const QPalette& palette);

}  // namespace pwb::ui
