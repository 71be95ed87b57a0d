#include "log_axis_ticker.h"

#include <cmath>
#include <utility>

namespace pwb::ui {

QVector<double> LogAxisTicker::createTickVector(double /*tickStep*/, const QCPRange& range) {
  QVector<double> ticks;
  if (range.lower <= 0.0 || range.upper <= range.lower) return ticks;
  const double decades = std::log10(range.upper / range.lower);
  const QVector<double> mantissas = decades > 3.0   ? QVector<double>{1.0}
                                    : decades > 0.7 ? QVector<double>{1.0, 2.0, 5.0}
                                                    : QVector<double>{1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0};
  // Over many decades, every k-th power so that about five labels remain.
  const int decade_step = decades > 3.0 ? std::max(1, static_cast<int>(std::ceil(decades / 5.0))) : 1;
  const int first = static_cast<int>(std::floor(std::log10(range.lower)));
  const int last = static_cast<int>(std::ceil(std::log10(range.upper)));
  for (int exponent = first; exponent <= last; exponent += decade_step) {
    for (const double mantissa : mantissas) {
      // Tick positions one step outside the range too: QCustomPlot trims them, and sub-ticks
      // need a neighbour on each side.
      ticks.push_back(mantissa * std::pow(10.0, exponent));
    }
  }
  return ticks;
}

QVector<double> LogAxisTicker::createSubTickVector(int /*subTickCount*/, const QVector<double>& /*ticks*/) {
  return {};
}

QString LogAxisTicker::getTickLabel(double tick, const QLocale& locale, QChar /*formatChar*/, int /*precision*/) {
  // Counts of parameters or tokens read best as 20k, 1M, 5G; small values as they are.
  static const std::pair<double, char> kPrefixes[] = {{1e9, 'G'}, {1e6, 'M'}, {1e3, 'k'}};
  for (const auto& [scale, prefix] : kPrefixes) {
    if (std::abs(tick) >= scale) return locale.toString(tick / scale, 'g', 6) + QLatin1Char(prefix);
  }
  return locale.toString(tick, 'g', 6);
}

}  // namespace pwb::ui
