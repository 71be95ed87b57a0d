#pragma once
// Exponential moving average as TensorBoard and W&B draw a smoothed curve: debiased, so the
// first points are not pulled towards zero.
//   s_t = w·s_{t−1} + (1 − w)·x_t,  s_0 = 0,  smoothed_t = s_t / (1 − w^n)
// where n counts the finite values so far. A non-finite value is passed through unchanged
// and leaves the average alone.

#include <QVector>

namespace pwb::ui {

// weight in [0, 1): 0 returns the values unchanged. Throws std::invalid_argument otherwise.
QVector<double> debiasedEma(const QVector<double>& values, double weight);

}  // namespace pwb::ui
