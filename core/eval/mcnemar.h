#pragma once
// McNemar's exact test for two classifiers scored on the same examples. Torch-free.

#include <cstddef>

namespace pwb::eval {

// Two-sided p-value from the discordant pairs: b examples only A got right, c only B got right.
// Under the null each discordant example goes either way with probability 1/2, so
//   p = min(1, 2 · P(X <= min(b, c))),  X ~ Binomial(b + c, 1/2),
// and p = 1 when b + c = 0. Computed in log space (P(X = min) by lgamma, the lower terms by
// the ratio P(X = k−1)/P(X = k) = k/(n−k+1)), so it is accurate for n in the hundreds of
// thousands, where 2^−n underflows and factorials overflow.
double mcnemarExactP(std::size_t b, std::size_t c);

}  // namespace pwb::eval
