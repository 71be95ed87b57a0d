#pragma once
// Two runs on the same examples: where they agree, where they differ, and whether the
// difference is more than chance (McNemar's exact test). Torch-free.

#include <cstddef>
#include <vector>

#include "eval/label.h"

namespace pwb::eval {

struct AgreementTable {
  std::size_t both_right = 0;
  std::size_t only_a_right = 0;  // A right, B wrong (McNemar's b)
  std::size_t only_b_right = 0;  // A wrong, B right (McNemar's c)
  std::size_t both_wrong = 0;
};

struct RunComparison {
  AgreementTable table;
  double mcnemar_p = 1.0;  // mcnemarExactP(only_a_right, only_b_right)
  // Example indices, ascending.
  std::vector<std::size_t> only_a_right;
  std::vector<std::size_t> only_b_right;
};

// a_correct[i], b_correct[i]: whether run A, run B got example i right. Throws
// std::invalid_argument when the lengths differ or the input is empty.
RunComparison compareRuns(const std::vector<bool>& a_correct, const std::vector<bool>& b_correct);

// The same from labels: a run is right where its prediction equals gold. Throws
// std::invalid_argument when the three lengths differ or the input is empty.
RunComparison compareRuns(const std::vector<Label>& gold, const std::vector<Label>& predicted_a,
                          const std::vector<Label>& predicted_b);

}  // namespace pwb::eval
