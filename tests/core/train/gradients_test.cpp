#include "train/gradients.h"

#include <gtest/gtest.h>

#include <ATen/ATen.h>

namespace pwb::train {
namespace {

NamedParameters withGradients() {
  NamedParameters parameters{{"a", at::zeros({2}, at::kDouble)}, {"b", at::zeros({1}, at::kDouble)},
                             {"frozen", at::zeros({1}, at::kDouble)}};
  parameters[0].tensor.mutable_grad() = at::tensor({3.0, 4.0}, at::kDouble);
  parameters[1].tensor.mutable_grad() = at::tensor({12.0}, at::kDouble);
  return parameters;  // "frozen" has no gradient
}

TEST(GradientClipping, ReportsTheGlobalNormBeforeClippingAndScalesToTheMaximum) {
  const auto parameters = withGradients();
  // √(3² + 4² + 12²) = 13, clipped to 6.5: every gradient times 6.5 / (13 + 1e-6).
  EXPECT_DOUBLE_EQ(clipGradientNorm(parameters, 6.5), 13.0);
  const double scale = 6.5 / (13.0 + 1e-6);
  EXPECT_DOUBLE_EQ(parameters[0].tensor.grad()[1].item<double>(), 4.0 * scale);
  EXPECT_DOUBLE_EQ(parameters[1].tensor.grad()[0].item<double>(), 12.0 * scale);
  EXPECT_FALSE(parameters[2].tensor.grad().defined());
}

TEST(GradientClipping, LeavesGradientsBelowTheMaximumOrWithClippingOff) {
  for (const double max_norm : {20.0, 0.0}) {
    const auto parameters = withGradients();
    EXPECT_DOUBLE_EQ(clipGradientNorm(parameters, max_norm), 13.0);
    EXPECT_DOUBLE_EQ(parameters[1].tensor.grad()[0].item<double>(), 12.0) << max_norm;
  }
}

TEST(GradientAccumulation, DividesEveryGradientByTheStepsCount) {
  const auto parameters = withGradients();
  divideGradients(parameters, 4.0);
  EXPECT_DOUBLE_EQ(parameters[0].tensor.grad()[0].item<double>(), 0.75);
  EXPECT_DOUBLE_EQ(parameters[1].tensor.grad()[0].item<double>(), 3.0);
}

}  // namespace
}  // namespace pwb::train
