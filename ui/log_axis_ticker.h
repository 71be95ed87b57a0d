#pragma once
// Ticks for a logarithmic axis that stay labelled however narrow the range: QCustomPlot's
// own log ticker puts ticks at powers of ten only, so a loss falling from 7 to 2 would show
// no label at all. Here: powers of ten over wide ranges, 1-2-5 or every integer mantissa
// (1…9 × 10^k) over narrow ones; large values labelled with k, M, G.

#include <qcustomplot.h>

namespace pwb::ui {

class LogAxisTicker : public QCPAxisTicker {
 protected:
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
  QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;
  QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;
};

}  // namespace pwb::ui
