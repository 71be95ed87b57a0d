// The debiased EMA against values worked out by hand from its definition
//   s_t = w·s_{t−1} + (1 − w)·x_t, s_0 = 0, shown s_t / (1 − w^n).

#include <QtTest>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "ema.h"

using pwb::ui::debiasedEma;

class EmaTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void weightZeroLeavesTheValues() {
    const QVector<double> values{3.0, -1.0, 7.5};
    QCOMPARE(debiasedEma(values, 0.0), values);
  }

  void halfWeightByHand() {
    // s1 = 0.5 → 0.5/0.5 = 1;  s2 = 0.25 + 1 = 1.25 → 1.25/0.75 = 5/3;
    // s3 = 0.625 + 1.5 = 2.125 → 2.125/0.875 = 17/7.
    const auto smoothed = debiasedEma({1.0, 2.0, 3.0}, 0.5);
    QCOMPARE(smoothed.size(), 3);
    QCOMPARE(smoothed[0], 1.0);
    QCOMPARE(smoothed[1], 5.0 / 3.0);
    QCOMPARE(smoothed[2], 17.0 / 7.0);
  }

  void tensorBoardDefaultWeightByHand() {
    // w = 0.6: s1 = 4 → 4/0.4 = 10;  s2 = 2.4 → 2.4/(1 − 0.36) = 3.75.
    const auto smoothed = debiasedEma({10.0, 0.0}, 0.6);
    QCOMPARE(smoothed[0], 10.0);
    QCOMPARE(smoothed[1], 3.75);
  }

  void debiasingKeepsAConstantConstant() {
    // Without the 1/(1 − w^n) factor the first values would start near 0.
    for (const double value : debiasedEma(QVector<double>(50, 4.0), 0.95)) QVERIFY(std::abs(value - 4.0) < 1e-12);
  }

  void nonFiniteValuesPassThroughAndAreSkipped() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // After the NaN: s = 0.5·0.5 + 0.5·3 = 1.75 over n = 2 finite values → 1.75/0.75 = 7/3.
    const auto smoothed = debiasedEma({1.0, nan, 3.0}, 0.5);
    QCOMPARE(smoothed[0], 1.0);
    QVERIFY(std::isnan(smoothed[1]));
    QCOMPARE(smoothed[2], 7.0 / 3.0);
  }

  void weightOutsideTheRangeIsAnError() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, debiasedEma({1.0}, 1.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, debiasedEma({1.0}, -0.1));
  }
};

QTEST_APPLESS_MAIN(EmaTest)
#include "ema_test.moc"
