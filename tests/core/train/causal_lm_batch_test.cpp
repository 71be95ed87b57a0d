#include "train/causal_lm_batch.h"

#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include "tiny_causal_lm.h"
#include "train/causal_lm_task.h"

namespace pwb::train {
namespace {

std::vector<std::int64_t> row(const at::Tensor& t, std::int64_t i) {
  const auto r = t[i].contiguous();
  return {r.data_ptr<std::int64_t>(), r.data_ptr<std::int64_t>() + r.numel()};
}

TEST(CausalLmBatch, RightPadsAndLabelsOnlyTheAnswer) {
  const auto batch = collateCausalLm({{{5, 6, 7}, {8}}, {{9}, {10, 11}}, {{12, 13}, {14, 15, 16}}}, /*pad_id=*/0);
  ASSERT_EQ(batch.ids.sizes(), (at::IntArrayRef{3, 5}));
  EXPECT_EQ(row(batch.ids, 0), (std::vector<std::int64_t>{5, 6, 7, 8, 0}));
  EXPECT_EQ(row(batch.ids, 1), (std::vector<std::int64_t>{9, 10, 11, 0, 0}));
  EXPECT_EQ(row(batch.ids, 2), (std::vector<std::int64_t>{12, 13, 14, 15, 16}));
  EXPECT_EQ(row(batch.attention_mask, 0), (std::vector<std::int64_t>{1, 1, 1, 1, 0}));
  EXPECT_EQ(row(batch.attention_mask, 1), (std::vector<std::int64_t>{1, 1, 1, 0, 0}));
  EXPECT_EQ(row(batch.labels, 0), (std::vector<std::int64_t>{-100, -100, -100, 8, -100}));
  EXPECT_EQ(row(batch.labels, 1), (std::vector<std::int64_t>{-100, 10, 11, -100, -100}));
  EXPECT_EQ(row(batch.labels, 2), (std::vector<std::int64_t>{-100, -100, 14, 15, 16}));
}

TEST(CausalLmBatch, AnEmptyPromptOrAnswerIsAnErrorNamingTheExample) {
  try {
    collateCausalLm({{{1}, {2}}, {{3}, {}}}, 0);
    FAIL() << "an empty answer was accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("example 1: its answer"), std::string::npos) << error.what();
  }
}

TEST(CausalLmBatch, LossIsTheAnswerTokensNegativeLogLikelihood) {
  const auto model = train::testing::tinyGpt2(3);
  const std::vector<PromptAnswer> examples{{{5, 6, 7}, {8}}, {{9}, {10, 11}}};
  const auto loss = causalLmLossSum(*model, collateCausalLm(examples, 0));
  EXPECT_EQ(loss.count, 3);
  EXPECT_EQ(loss.tokens, 7);
  // The same from each example alone, unpadded: −log p(8 | 5 6 7) − log p(10 | 9) − log p(11 | 9 10).
  double expected = 0.0;
  for (const auto& e : examples) {
    std::vector<std::int64_t> ids = e.prompt;
    ids.insert(ids.end(), e.answer.begin(), e.answer.end());
    const auto logits = model->forward(at::tensor(ids).view({1, -1}), {}, nullptr)[0].to(at::kDouble);
    const auto log_probs = at::log_softmax(logits, -1);
    for (std::size_t i = 0; i < e.answer.size(); ++i) {
      expected -= log_probs[static_cast<std::int64_t>(e.prompt.size() + i - 1)][e.answer[i]].item<double>();
    }
  }
  EXPECT_NEAR(loss.sum.item<double>(), expected, 1e-5);
}

// k micro-batches of b summed and divided by their total count give the loss and gradient of
// one batch of k·b (mean over answer tokens), whatever the padding of each micro-batch.
TEST(CausalLmBatch, AccumulatedMicroBatchesEqualOneBatch) {
  const auto model = train::testing::tinyGpt2(5);
  const auto examples = train::testing::parityExamples(8, 11);
  CausalLmTask task(*model, examples, train::testing::kPad);
  const auto gradients = [&](const std::vector<std::vector<std::size_t>>& micro_batches) {
    for (const auto& p : task.parameters()) p.tensor.mutable_grad() = at::Tensor();
    double sum = 0.0;
    std::int64_t count = 0;
    for (const auto& indices : micro_batches) {
      const auto loss = task.loss(indices);
      loss.sum.backward();
      sum += loss.sum.item<double>();
      count += loss.count;
    }
    std::vector<at::Tensor> grads;
    for (const auto& p : task.parameters()) grads.push_back(p.tensor.grad() / static_cast<double>(count));
    return std::make_pair(sum / static_cast<double>(count), grads);
  };
  const auto [one_loss, one] = gradients({{0, 1, 2, 3, 4, 5, 6, 7}});
  const auto [four_loss, four] = gradients({{0, 1}, {2, 3}, {4, 5}, {6, 7}});
  EXPECT_NEAR(one_loss, four_loss, 1e-6);
  ASSERT_EQ(one.size(), four.size());
  double largest = 0.0;
  for (std::size_t i = 0; i < one.size(); ++i) {
    largest = std::max(largest, one[i].abs().max().item<double>());
    EXPECT_TRUE(at::allclose(one[i], four[i], /*rtol=*/1e-4, /*atol=*/1e-7)) << task.parameters()[i].name;
  }
  EXPECT_GT(largest, 1e-3);  // the gradients compared are not all zero
}

}  // namespace
}  // namespace pwb::train
