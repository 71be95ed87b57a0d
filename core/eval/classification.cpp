#include "eval/classification.h"

#include "eval/checks.h"

namespace pwb::eval {
namespace {

double ratioOrZero(std::size_t numerator, std::size_t denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

void checkPredictions(const std::vector<Label>& gold, const std::vector<Label>& predicted, const char* function) {
  detail::requireSameLength(gold.size(), predicted.size(), function, "gold", "predicted");
  detail::requireNonEmpty(gold.size(), function, "gold");
}

// Errors name the public function the caller used.
ConfusionMatrix countConfusion(const std::vector<Label>& gold, const std::vector<Label>& predicted,
                               std::size_t classes, const char* function) {
  checkPredictions(gold, predicted, function);
  detail::requireClassCount(classes, function);
  detail::requireLabelsBelow(gold, classes, function, "gold");
  detail::requireLabelsBelow(predicted, classes, function, "predicted");
  ConfusionMatrix counts(classes, std::vector<std::size_t>(classes, 0));
  for (std::size_t i = 0; i < gold.size(); ++i) ++counts[gold[i]][predicted[i]];
  return counts;
}

}  // namespace

ConfusionMatrix confusionMatrix(const std::vector<Label>& gold, const std::vector<Label>& predicted,
                                std::size_t classes) {
  return countConfusion(gold, predicted, classes, "confusionMatrix");
}

ClassificationReport classificationReport(const std::vector<Label>& gold, const std::vector<Label>& predicted,
                                          std::size_t classes) {
  ClassificationReport report;
  report.confusion = countConfusion(gold, predicted, classes, "classificationReport");
  const ConfusionMatrix& m = report.confusion;

  std::size_t correct = 0;
  double f1_sum = 0.0;
  for (std::size_t k = 0; k < classes; ++k) {
    std::size_t gold_k = 0;       // row sum: TP + FN
    std::size_t predicted_k = 0;  // column sum: TP + FP
    for (std::size_t j = 0; j < classes; ++j) {
      gold_k += m[k][j];
      predicted_k += m[j][k];
    }
    const std::size_t tp = m[k][k];
    ClassScores scores;
    scores.precision = ratioOrZero(tp, predicted_k);
    scores.recall = ratioOrZero(tp, gold_k);
    // 2·TP + FP + FN = gold_k + predicted_k.
    scores.f1 = ratioOrZero(2 * tp, gold_k + predicted_k);
    scores.support = gold_k;
    report.per_class.push_back(scores);
    correct += tp;
    f1_sum += scores.f1;
  }
  report.accuracy = ratioOrZero(correct, gold.size());
  report.macro_f1 = f1_sum / static_cast<double>(classes);
  return report;
}

double accuracy(const std::vector<Label>& gold, const std::vector<Label>& predicted) {
  checkPredictions(gold, predicted, "accuracy");
  std::size_t correct = 0;
  for (std::size_t i = 0; i < gold.size(); ++i) correct += gold[i] == predicted[i] ? 1 : 0;
  return ratioOrZero(correct, gold.size());
}

}  // namespace pwb::eval
