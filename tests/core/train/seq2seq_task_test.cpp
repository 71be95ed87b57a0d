// The encoder-decoder training task against PEFT on the T5 reference fixtures: the three reference
// examples collate to the fixture's padded batch, the task's loss with a PEFT adapter is PEFT's
// `loss`, and one AdamW step of the trainer on the task gives PEFT's `loss_after_one_adamw_step`.
// A T5 run cancelled between the micro-batches of a step resumes bit for bit.

#include "train/seq2seq_task.h"

#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "../../support/fixture_adapter.h"
#include "../../support/temp_dir.h"
#include "../adapt/peft_fixture.h"
#include "adapt/adapted_seq2seq_model.h"
#include "adapt/method_factory.h"
#include "adapt/peft_adapter.h"
#include "instrumented_task.h"
#include "train/rank_classification.h"
#include "train/trainer.h"

namespace pwb::train {
namespace {

using adapt::testing::kReference;
using adapt::testing::readJson;

// The reference cases as (input ids with EOS, target ids with EOS), as T5's tokenizer makes them.
std::vector<PromptAnswer> referenceExamples(const std::filesystem::path& folder) {
  std::vector<PromptAnswer> examples;
  const auto cases = readJson(folder / "cases.json");
  for (const auto& c : cases.at("cases")) {
    examples.push_back({c.at("input_ids")[0].get<std::vector<std::int64_t>>(),
                        c.at("labels")[0].get<std::vector<std::int64_t>>()});
  }
  return examples;
}

nlohmann::json peftCase(const nlohmann::json& fixture, const std::string& name) {
  for (const auto& c : fixture.at("cases")) {
    if (c.at("name") == name) return c;
  }
  throw std::runtime_error("no PEFT case " + name);
}

NamedParameters parametersOf(adapt::AdaptationMethod& method) {
  NamedParameters parameters;
  for (auto& [name, tensor] : method.trainableParameters()) parameters.push_back({name, tensor});
  return parameters;
}

TEST(Seq2SeqBatch, CollatesTheReferenceExamplesAsThePeftFixtureBatch) {
  const auto folder = kReference / "t5-tiny";
  const auto expected = adapt::testing::batchOf(readJson(folder / "peft_cases.json").at("batch"));
  const auto batch = collateSeq2Seq(referenceExamples(folder), /*pad_id=*/0);
  EXPECT_TRUE(at::equal(batch.input_ids, expected.input_ids));
  EXPECT_TRUE(at::equal(batch.attention_mask, expected.attention_mask));
  EXPECT_TRUE(at::equal(batch.labels, expected.labels));
}

TEST(Seq2SeqBatch, PadsBothSidesOnTheirOwnAndRefusesAnEmptyAnswer) {
  const auto batch = collateSeq2Seq({{{5, 6, 1}, {7, 1}}, {{8, 1}, {9, 10, 1}}}, /*pad_id=*/0);
  EXPECT_TRUE(at::equal(batch.input_ids, at::tensor({5, 6, 1, 8, 1, 0}, at::kLong).view({2, 3})));
  EXPECT_TRUE(at::equal(batch.attention_mask, at::tensor({1, 1, 1, 1, 1, 0}, at::kLong).view({2, 3})));
  EXPECT_TRUE(at::equal(batch.labels, at::tensor({7, 1, -100, 9, 10, 1}, at::kLong).view({2, 3})));
  try {
    collateSeq2Seq({{{1}, {2}}, {{3}, {}}}, 0);
    FAIL() << "an empty answer was collated";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "encoder-decoder example 1: its answer has no tokens");
  }
}

struct TaskCase {
  std::string model;
  std::string name;
};

void PrintTo(const TaskCase& c, std::ostream* out) { *out << c.model << " " << c.name; }

std::string caseName(const ::testing::TestParamInfo<TaskCase>& info) {
  auto name = info.param.model + "_" + info.param.name;
  for (auto& ch : name) {
    if (ch == '-') ch = '_';
  }
  return name;
}

// A PEFT case's model with its method attached: full fine-tuning, or the adapter PEFT saved. A
// loaded prompt-learning adapter does not train: to train, the method is drawn from PEFT's seed
// as PEFT drew it (bit for bit, see peft_parity_test). LoRA's and IA3's adapters hold their
// trainable tensors themselves, perturbed as the fixture perturbed them.
struct AdaptedCase {
  adapt::BaseModel base;
  std::unique_ptr<adapt::AdaptationMethod> method;
};

AdaptedCase adaptedCase(const TaskCase& param, const std::filesystem::path& adapter_dir, bool to_train) {
  const auto folder = kReference / param.model;
  AdaptedCase adapted{adapt::BaseModel::fromFolder(folder), nullptr};
  if (param.name == "full_finetune") {
    adapted.method = adapt::makeMethod("full", nlohmann::json::object());
    adapted.method->attach(adapted.base);
  } else if (to_train && (param.name == "prompt_tuning_random" || param.name == "prefix_tuning")) {
    const auto fixture = readJson(folder / "peft_cases.json");
    const auto config = peftCase(fixture, param.name).at("config");
    nlohmann::json options = {{"num_virtual_tokens", config.at("num_virtual_tokens")}};
    if (param.name == "prompt_tuning_random") options["prompt_tuning_init"] = config.at("prompt_tuning_init");
    adapted.method = adapt::makeMethod(param.name == "prefix_tuning" ? "prefix_tuning" : "prompt_tuning", options);
    at::manual_seed(fixture.at("peft_seed").get<std::uint64_t>());
    adapted.method->attach(adapted.base);
  } else {
    pwb::testing::writeFixtureAdapter(folder, param.name, adapter_dir);
    adapted.method = adapt::loadAdapter(adapter_dir, adapted.base);
  }
  return adapted;
}

class Seq2SeqTaskLoss : public ::testing::TestWithParam<TaskCase> {};

TEST_P(Seq2SeqTaskLoss, IsPeftsLoss) {
  const auto& param = GetParam();
  const auto folder = kReference / param.model;
  const double expected = peftCase(readJson(folder / "peft_cases.json"), param.name).at("loss");
  pwb::testing::TempDir dir;
  auto adapted = adaptedCase(param, dir.path(), false);
  adapt::AdaptedSeq2SeqModel model(adapted.base, *adapted.method);
  Seq2SeqTask task(model, parametersOf(*adapted.method), referenceExamples(folder), 0);
  const auto loss = task.loss({0, 1, 2});
  EXPECT_EQ(loss.count, 13 + 7 + 14);  // the targets' tokens, EOS included
  EXPECT_EQ(loss.tokens, 33 + 18 + 37 + 34);
  const double mean = loss.sum.item<double>() / static_cast<double>(loss.count);
  EXPECT_NEAR(mean, expected, 1e-5 * expected);
  // Rank classification's scorer, one example at a time, adds up to the same.
  const auto scorer = labelScorer(model);
  double log_likelihood = 0.0;
  for (const auto& example : referenceExamples(folder)) log_likelihood += scorer(example.prompt, example.answer);
  EXPECT_NEAR(-log_likelihood / static_cast<double>(loss.count), expected, 1e-5 * expected);
  std::printf("[seq2seq task] %-14s %-25s loss %.7f  PEFT %.7f  |dloss| %.3g\n", param.model.c_str(),
              param.name.c_str(), mean, expected, std::abs(mean - expected));
}

std::vector<TaskCase> lossCases() {
  std::vector<TaskCase> cases;
  for (const auto* model : {"t5-tiny", "t5-tiny-gated"}) {
    for (const auto* name : {"prompt_tuning_random", "prompt_tuning_text", "prefix_tuning", "prefix_tuning_projection",
                             "p_tuning_mlp", "p_tuning_lstm", "lora_r8", "lora_r8_randB", "ia3", "ia3_perturbed",
                             "full_finetune"}) {
      cases.push_back({model, name});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(PeftCases, Seq2SeqTaskLoss, ::testing::ValuesIn(lossCases()), caseName);

// One optimiser step of the trainer with PEFT's AdamW settings on the whole batch: no clipping,
// a constant rate. The cases whose saved adapter is the tensor that trains (a prompt encoder's
// saved output is not its weights) and full fine-tuning.
class Seq2SeqTaskAdamWStep : public ::testing::TestWithParam<TaskCase> {};

TEST_P(Seq2SeqTaskAdamWStep, GivesPeftsLossAfterOneStep) {
  const auto& param = GetParam();
  const auto folder = kReference / param.model;
  const auto fixture = readJson(folder / "peft_cases.json");
  const auto peft = peftCase(fixture, param.name);
  pwb::testing::TempDir dir;
  auto adapted = adaptedCase(param, dir.path(), true);
  adapt::AdaptedSeq2SeqModel model(adapted.base, *adapted.method);
  Seq2SeqTask task(model, parametersOf(*adapted.method), referenceExamples(folder), 0);

  const auto& adamw = fixture.at("adamw");
  TrainerOptions options;
  options.max_steps = 1;
  options.micro_batch_size = 3;
  options.learning_rate = adamw.at("lr");
  options.optimizer.beta1 = adamw.at("betas")[0];
  options.optimizer.beta2 = adamw.at("betas")[1];
  options.optimizer.epsilon = adamw.at("eps");
  options.optimizer.weight_decay = adamw.at("weight_decay");
  options.schedule = {ScheduleKind::Constant, 0};
  options.max_grad_norm = 0.0;
  const auto outcome = train(task, options);
  ASSERT_EQ(outcome.status, TrainingStatus::Finished) << outcome.message;
  const double before = peft.at("loss");
  ASSERT_EQ(outcome.losses.size(), 1u);
  EXPECT_NEAR(outcome.losses[0], before, 1e-5 * before);

  task.setTraining(false);
  torch::NoGradGuard no_grad;
  const auto loss = task.loss({0, 1, 2});
  const double after = loss.sum.item<double>() / static_cast<double>(loss.count);
  const double expected = peft.at("loss_after_one_adamw_step");
  // The README's float32 drift in a loss is below 1e-5 relative; a step moves it by more.
  const double tolerance = 1e-5 * expected;
  EXPECT_NEAR(after, expected, tolerance);
  EXPECT_GT(std::abs(expected - before), 5 * tolerance) << "a step that did nothing would pass";
  std::printf("[seq2seq step] %-14s %-25s after %.7f  PEFT %.7f  |dloss after step| %.3g\n", param.model.c_str(),
              param.name.c_str(), after, expected, std::abs(after - expected));
}

std::vector<TaskCase> stepCases() {
  std::vector<TaskCase> cases;
  for (const auto* model : {"t5-tiny", "t5-tiny-gated"}) {
    for (const auto* name : {"prompt_tuning_random", "prefix_tuning", "lora_r8_randB", "ia3_perturbed", "full_finetune"}) {
      cases.push_back({model, name});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(PeftCases, Seq2SeqTaskAdamWStep, ::testing::ValuesIn(stepCases()), caseName);

// LoRA on t5-tiny, the trainer's cancellation and resume as the causal resume test drives them.
class Seq2SeqResume : public ::testing::Test {
 protected:
  struct Run {
    adapt::BaseModel base = adapt::BaseModel::fromFolder(kReference / "t5-tiny");
    std::unique_ptr<adapt::AdaptationMethod> method = adapt::makeMethod("lora", {{"r", 2}});
    std::unique_ptr<adapt::AdaptedSeq2SeqModel> model;
    std::unique_ptr<testing::InstrumentedTask> task;

    explicit Run(std::uint64_t init_seed) {
      at::manual_seed(init_seed);
      method->attach(base);
      model = std::make_unique<adapt::AdaptedSeq2SeqModel>(base, *method);
      task = std::make_unique<testing::InstrumentedTask>(std::make_unique<Seq2SeqTask>(
          *model, parametersOf(*method), referenceExamples(kReference / "t5-tiny"), 0));
    }
  };

  TrainerOptions options() const {
    TrainerOptions o;
    o.max_steps = 6;
    o.micro_batch_size = 2;
    o.accumulation_steps = 2;
    o.learning_rate = 1e-2;
    o.seed = 3;
    o.checkpoint_every = 2;
    o.checkpoint_dir = dir_ / "checkpoints";
    return o;
  }

  pwb::testing::TempDir dir_;
};

TEST_F(Seq2SeqResume, AfterCancellationMidStepGivesTheUninterruptedLossesBitForBit) {
  Run whole(1);
  auto uninterrupted = options();
  uninterrupted.checkpoint_dir = dir_ / "whole";
  const auto reference = train(*whole.task, uninterrupted);
  ASSERT_EQ(reference.status, TrainingStatus::Finished) << reference.message;
  ASSERT_EQ(reference.losses.size(), 6u);

  // Cancelled during the first micro-batch of step 4 (the 7th), so the trainer stops before the
  // second: the checkpoint stands at step 3.
  system::CancellationToken cancel;
  Run first(1);
  first.task->before_micro_batch = [&](std::int64_t call) {
    if (call == 7) cancel.cancel();
  };
  TrainerHooks hooks;
  hooks.cancel = &cancel;
  const auto cancelled = train(*first.task, options(), hooks);
  ASSERT_EQ(cancelled.status, TrainingStatus::Cancelled) << cancelled.message;
  EXPECT_EQ(cancelled.steps_done, 3);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(cancelled.losses.at(i), reference.losses[i]) << "step " << i + 1;

  // Other initial LoRA weights and a disturbed generator: the checkpoint restores both.
  Run second(99);
  at::rand({100});
  auto resume = options();
  resume.resume_from = resume.checkpoint_dir;
  const auto resumed = train(*second.task, resume);
  ASSERT_EQ(resumed.status, TrainingStatus::Finished) << resumed.message;
  ASSERT_EQ(resumed.losses.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(resumed.losses[i], reference.losses[3 + i]) << "step " << i + 4;
  EXPECT_NE(reference.losses.front(), reference.losses.back());
}

}  // namespace
}  // namespace pwb::train
