#include "eval/classification.h"

#include <gtest/gtest.h>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

// 10 examples, 3 classes:
//   gold:      0 0 0 0 1 1 1 2 2 2
//   predicted: 0 0 1 2 1 1 0 2 2 1
// Confusion (rows gold, columns predicted):
//   gold 0: [2 1 1]   row sum 4
//   gold 1: [1 2 0]   row sum 3
//   gold 2: [0 1 2]   row sum 3
//   column sums 3 4 3
// class 0: P = 2/3, R = 2/4, F1 = 2·2/(4+3) = 4/7
// class 1: P = 2/4, R = 2/3, F1 = 4/(3+4) = 4/7
// class 2: P = 2/3, R = 2/3, F1 = 4/(3+3) = 2/3
// accuracy = (2+2+2)/10 = 0.6; macro-F1 = (4/7 + 4/7 + 2/3)/3 = (24/21 + 14/21)/3 = 38/63.
const std::vector<Label> kGold{0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
const std::vector<Label> kPredicted{0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

TEST(EvalClassification, ThreeClassReportMatchesHandCalculation) {
  const ClassificationReport r = classificationReport(kGold, kPredicted, 3);
  const ConfusionMatrix expected{{2, 1, 1}, {1, 2, 0}, {0, 1, 2}};
  EXPECT_EQ(r.confusion, expected);
  ASSERT_EQ(r.per_class.size(), 3u);
  EXPECT_DOUBLE_EQ(r.per_class[0].precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.per_class[0].recall, 0.5);
  EXPECT_DOUBLE_EQ(r.per_class[0].f1, 4.0 / 7.0);
  EXPECT_EQ(r.per_class[0].support, 4u);
  EXPECT_DOUBLE_EQ(r.per_class[1].precision, 0.5);
  EXPECT_DOUBLE_EQ(r.per_class[1].recall, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.per_class[1].f1, 4.0 / 7.0);
  EXPECT_EQ(r.per_class[1].support, 3u);
  EXPECT_DOUBLE_EQ(r.per_class[2].precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.per_class[2].recall, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.per_class[2].f1, 2.0 / 3.0);
  EXPECT_EQ(r.per_class[2].support, 3u);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.6);
  EXPECT_DOUBLE_EQ(r.macro_f1, 38.0 / 63.0);
}

TEST(EvalClassification, ConfusionMatrixAloneEqualsTheReportsOne) {
  EXPECT_EQ(confusionMatrix(kGold, kPredicted, 3), classificationReport(kGold, kPredicted, 3).confusion);
  EXPECT_DOUBLE_EQ(accuracy(kGold, kPredicted), 0.6);
}

// gold [0 0 1 1], predicted [0 0 0 0], K = 3.
// class 0: TP 2, FP 2, FN 0 → P = 2/4, R = 2/2, F1 = 4/(2+4) = 2/3
// class 1: never predicted → P = 0/0 := 0; TP 0 → R = 0/2 = 0; F1 = 0/(0+2) = 0
// class 2: in neither → P, R, F1 all 0/0 := 0, support 0
// macro-F1 counts all three classes: (2/3 + 0 + 0)/3 = 2/9.
TEST(EvalClassification, ZeroDenominatorsGiveZeroAsScikitLearnZeroDivision0) {
  const ClassificationReport r = classificationReport({0, 0, 1, 1}, {0, 0, 0, 0}, 3);
  EXPECT_DOUBLE_EQ(r.per_class[0].precision, 0.5);
  EXPECT_DOUBLE_EQ(r.per_class[0].recall, 1.0);
  EXPECT_DOUBLE_EQ(r.per_class[0].f1, 2.0 / 3.0);
  EXPECT_EQ(r.per_class[1].precision, 0.0);
  EXPECT_EQ(r.per_class[1].recall, 0.0);
  EXPECT_EQ(r.per_class[1].f1, 0.0);
  EXPECT_EQ(r.per_class[1].support, 2u);
  EXPECT_EQ(r.per_class[2].precision, 0.0);
  EXPECT_EQ(r.per_class[2].recall, 0.0);
  EXPECT_EQ(r.per_class[2].f1, 0.0);
  EXPECT_EQ(r.per_class[2].support, 0u);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.5);
  EXPECT_DOUBLE_EQ(r.macro_f1, 2.0 / 9.0);
}

// A class predicted but absent from gold: precision 0/1 = 0, recall 0/0 := 0.
TEST(EvalClassification, ClassOnlyPredictedHasZeroPrecisionAndRecall) {
  const ClassificationReport r = classificationReport({0, 0}, {0, 1}, 2);
  EXPECT_EQ(r.per_class[1].precision, 0.0);
  EXPECT_EQ(r.per_class[1].recall, 0.0);
  EXPECT_EQ(r.per_class[1].support, 0u);
  EXPECT_DOUBLE_EQ(r.per_class[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(r.per_class[0].recall, 0.5);
}

TEST(EvalClassification, PerfectPredictionsScoreOne) {
  const ClassificationReport r = classificationReport({1, 0, 1}, {1, 0, 1}, 2);
  EXPECT_EQ(r.accuracy, 1.0);
  EXPECT_EQ(r.macro_f1, 1.0);
}

TEST(EvalClassification, BadInputThrowsWithTheReason) {
  EXPECT_INVALID_ARGUMENT(classificationReport({0, 1}, {0}, 2), "gold has 2 entries but predicted has 1");
  EXPECT_INVALID_ARGUMENT(classificationReport({}, {}, 2), "gold is empty");
  EXPECT_INVALID_ARGUMENT(classificationReport({0, 2}, {0, 1}, 2), "gold[1] = 2 is not a class index below 2");
  EXPECT_INVALID_ARGUMENT(classificationReport({0, 1}, {5, 1}, 2), "predicted[0] = 5");
  EXPECT_INVALID_ARGUMENT(classificationReport({0}, {0}, 0), "number of classes is 0");
  EXPECT_INVALID_ARGUMENT(confusionMatrix({0, 1}, {0, 1, 1}, 2), "confusionMatrix: gold has 2 entries");
  EXPECT_INVALID_ARGUMENT(accuracy({0, 1}, {0}), "accuracy: gold has 2 entries but predicted has 1");
  EXPECT_INVALID_ARGUMENT(accuracy({}, {}), "accuracy: gold is empty");
}

}  // namespace
}  // namespace pwb::eval
