#pragma once
// A training task whose loss also draws from torch's generator (as dropout would), with a hook
// called before every micro-batch: the trainer tests cancel, pause or poison a run from it.

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <ATen/ATen.h>

#include "tiny_causal_lm.h"
#include "train/causal_lm_task.h"

namespace pwb::train::testing {

class InstrumentedTask final : public TrainingTask {
 public:
  explicit InstrumentedTask(std::unique_ptr<TrainingTask> inner) : inner_(std::move(inner)) {}
  // The causal task of the tiny GPT-2's synthetic examples.
  InstrumentedTask(model::CausalLanguageModel& model, std::vector<PromptAnswer> examples)
      : InstrumentedTask(std::make_unique<CausalLmTask>(model, std::move(examples), kPad)) {}
  const NamedParameters& parameters() const override { return inner_->parameters(); }
  std::size_t exampleCount() const override { return inner_->exampleCount(); }
  LossSum loss(const std::vector<std::size_t>& examples) override {
    ++calls;
    if (before_micro_batch) before_micro_batch(calls);
    auto loss = inner_->loss(examples);
    loss.sum = loss.sum * (1.0 + 0.01 * at::rand({}));
    if (poison_at_call == calls) loss.sum = loss.sum * std::nan("");
    if (poison_gradient_at_call == calls) {
      // sqrt has an infinite slope at 0: 0 · ∞ makes the gradient NaN, the loss stays finite.
      loss.sum = loss.sum + at::sqrt(parameters().front().tensor.sum() * 0.0);
    }
    return loss;
  }
  void setTraining(bool training) override { inner_->setTraining(training); }

  std::int64_t calls = 0;
  std::int64_t poison_at_call = -1;
  std::int64_t poison_gradient_at_call = -1;
  std::function<void(std::int64_t)> before_micro_batch;

 private:
  std::unique_ptr<TrainingTask> inner_;
};

}  // namespace pwb::train::testing
