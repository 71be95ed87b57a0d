#include "eval/run_comparison.h"

#include "eval/checks.h"
#include "eval/mcnemar.h"

namespace pwb::eval {

RunComparison compareRuns(const std::vector<bool>& a_correct, const std::vector<bool>& b_correct) {
  detail::requireSameLength(a_correct.size(), b_correct.size(), "compareRuns", "a_correct", "b_correct");
  detail::requireNonEmpty(a_correct.size(), "compareRuns", "a_correct");
  RunComparison comparison;
  AgreementTable& t = comparison.table;
  for (std::size_t i = 0; i < a_correct.size(); ++i) {
    if (a_correct[i] && b_correct[i]) {
      ++t.both_right;
    } else if (a_correct[i]) {
      ++t.only_a_right;
      comparison.only_a_right.push_back(i);
    } else if (b_correct[i]) {
      ++t.only_b_right;
      comparison.only_b_right.push_back(i);
    } else {
      ++t.both_wrong;
    }
  }
  comparison.mcnemar_p = mcnemarExactP(t.only_a_right, t.only_b_right);
  return comparison;
}

RunComparison compareRuns(const std::vector<Label>& gold, const std::vector<Label>& predicted_a,
                          const std::vector<Label>& predicted_b) {
  detail::requireSameLength(gold.size(), predicted_a.size(), "compareRuns", "gold", "predicted_a");
  detail::requireSameLength(gold.size(), predicted_b.size(), "compareRuns", "gold", "predicted_b");
  detail::requireNonEmpty(gold.size(), "compareRuns", "gold");
  std::vector<bool> a_correct(gold.size());
  std::vector<bool> b_correct(gold.size());
  for (std::size_t i = 0; i < gold.size(); ++i) {
    a_correct[i] = predicted_a[i] == gold[i];
    b_correct[i] = predicted_b[i] == gold[i];
  }
  return compareRuns(a_correct, b_correct);
}

}  // namespace pwb::eval
