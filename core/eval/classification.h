#pragma once
// Classification metrics from gold and predicted class indices. Torch-free.
//
// Zero denominators follow scikit-learn's zero_division=0: a class never predicted has
// precision 0, a class absent from gold has recall 0, and F1 is 0 when precision and recall
// are both 0 (F1 = 2·TP / (2·TP + FP + FN), 0 when that denominator is 0).

#include <cstddef>
#include <vector>

#include "eval/label.h"

namespace pwb::eval {

// K×K counts: confusion[g][p] = examples with gold class g predicted as class p.
using ConfusionMatrix = std::vector<std::vector<std::size_t>>;

struct ClassScores {
  double precision = 0.0;  // TP / (TP + FP)
  double recall = 0.0;     // TP / (TP + FN)
  double f1 = 0.0;
  std::size_t support = 0;  // examples whose gold class this is
};

struct ClassificationReport {
  ConfusionMatrix confusion;
  std::vector<ClassScores> per_class;  // index = class
  double accuracy = 0.0;
  // Unweighted mean of the K per-class F1 values, every class counted even when it occurs
  // neither in gold nor in predicted (as scikit-learn with labels=range(K)).
  double macro_f1 = 0.0;
};

// The functions below throw std::invalid_argument when gold and predicted differ in length,
// are empty, classes is 0, or a label is not below classes.
ConfusionMatrix confusionMatrix(const std::vector<Label>& gold, const std::vector<Label>& predicted,
                                std::size_t classes);
ClassificationReport classificationReport(const std::vector<Label>& gold, const std::vector<Label>& predicted,
                                          std::size_t classes);

// Share of examples with predicted == gold. Needs no class count: only equality matters.
double accuracy(const std::vector<Label>& gold, const std::vector<Label>& predicted);

}  // namespace pwb::eval
