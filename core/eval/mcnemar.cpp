#include "eval/mcnemar.h"

#include <algorithm>
#include <cmath>

namespace pwb::eval {

double mcnemarExactP(std::size_t b, std::size_t c) {
  const std::size_t n = b + c;
  if (n == 0) return 1.0;
  const std::size_t m = std::min(b, c);
  const auto nd = static_cast<double>(n);
  const auto md = static_cast<double>(m);
  // log P(X = m) = log C(n, m) − n·log 2, the largest term of the tail since m <= n/2.
  const double log_choose = std::lgamma(nd + 1.0) - std::lgamma(md + 1.0) - std::lgamma(nd - md + 1.0);
  const double log_top = log_choose - nd * std::log(2.0);
  // Σ_{k<=m} P(X = k) / P(X = m): terms fall geometrically once k is well below m, so stop
  // when they no longer change the sum.
  double relative_sum = 1.0;
  double term = 1.0;
  for (std::size_t k = m; k > 0; --k) {
    term *= static_cast<double>(k) / static_cast<double>(n - k + 1);
    if (term < relative_sum * 1e-17) break;
    relative_sum += term;
  }
  return std::min(1.0, 2.0 * std::exp(log_top + std::log(relative_sum)));
}

}  // namespace pwb::eval
