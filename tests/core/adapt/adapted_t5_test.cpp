// `pwb score/generate --adapter` on T5 (adapt::openWithAdapter): every adapter PEFT saved in the
// reference fixtures scores the three reference targets so that their negative log-likelihoods add
// up to PEFT's loss times the batch's target tokens (the loss is their mean over the padded batch,
// and a padded row gives its single-sequence numbers); greedy generation with the adapter, the
// decoder prefix extended step by step, picks what the whole-sequence adapted forward pass picks.

#include <cstdio>

#include <gtest/gtest.h>
#include <torch/utils.h>

#include "../../support/fixture_adapter.h"
#include "../../support/temp_dir.h"
#include "adapt/adapted_text_model.h"
#include "adapt/method_factory.h"
#include "adapt/peft_adapter.h"
#include "model/text_model.h"
#include "peft_fixture.h"

namespace pwb::adapt {
namespace {

using nlohmann::json;
using namespace testing;

struct ReferenceText {
  std::string input, target;
  std::vector<std::int64_t> input_ids;  // sp.encode(input) + EOS
};

std::vector<ReferenceText> referenceTexts(const std::filesystem::path& folder) {
  std::vector<ReferenceText> texts;
  const auto cases = readJson(folder / "cases.json");
  for (const auto& c : cases.at("cases")) {
    texts.push_back({c.at("text"), c.at("target_text"), c.at("input_ids")[0].get<std::vector<std::int64_t>>()});
  }
  return texts;
}

// Σ log p(target | input) over the reference texts, with the model as opened.
double summedLogLikelihood(const model::TextModel& model, const std::filesystem::path& folder) {
  double total = 0.0;
  for (const auto& text : referenceTexts(folder)) total += model.score(text.input, text.target).total;
  return total;
}

// What PEFT's mean loss over the batch's target tokens says that sum is.
double summedLogLikelihoodFromLoss(const json& fixture, double loss) {
  const auto labels = longTensor(fixture.at("batch").at("labels"));
  return -loss * static_cast<double>(labels.ne(-100).sum().item<std::int64_t>());
}

struct AdapterCase {
  std::string model;
  std::string name;
};

class AdaptedT5 : public ::testing::TestWithParam<AdapterCase> {};

TEST_P(AdaptedT5, ScoresAddUpToPeftsLoss) {
  const auto& param = GetParam();
  const auto folder = kReference / param.model;
  const auto fixture = readJson(folder / "peft_cases.json");
  double loss = 0.0;
  for (const auto& c : fixture.at("cases")) {
    if (c.at("name") == param.name) loss = c.at("loss");
  }
  ASSERT_GT(loss, 0.0);
  pwb::testing::TempDir adapter;
  pwb::testing::writeFixtureAdapter(folder, param.name, adapter.path());
  const double total = summedLogLikelihood(openWithAdapter(folder.string(), adapter.path()), folder);
  const double expected = summedLogLikelihoodFromLoss(fixture, loss);
  EXPECT_NEAR(total, expected, 1e-5 * std::abs(expected));
  std::printf("[t5 adapter] %-14s %-25s Σ log p %.6f  PEFT %.6f  |d| %.3g\n", param.model.c_str(),
              param.name.c_str(), total, expected, std::abs(total - expected));
}

std::vector<AdapterCase> adapterCases() {
  std::vector<AdapterCase> cases;
  for (const auto* model : {"t5-tiny", "t5-tiny-gated"}) {
    for (const auto* name : {"prompt_tuning_random", "prompt_tuning_text", "prefix_tuning", "prefix_tuning_projection",
                             "p_tuning_mlp", "p_tuning_lstm", "lora_r8", "lora_r8_randB", "ia3", "ia3_perturbed"}) {
      cases.push_back({model, name});
    }
  }
  return cases;
}

std::string caseName(const ::testing::TestParamInfo<AdapterCase>& info) {
  auto name = info.param.model + "_" + info.param.name;
  for (auto& ch : name) {
    if (ch == '-') ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(PeftAdapters, AdaptedT5, ::testing::ValuesIn(adapterCases()), caseName);

TEST(AdaptedT5FullFineTuning, ScoresWithTheSavedWeights) {
  const auto folder = kReference / "t5-tiny";
  const auto fixture = readJson(folder / "peft_cases.json");
  auto tuned = BaseModel::fromFolder(folder);
  auto full = makeMethod("full", json::object());
  full->attach(tuned);
  {
    torch::NoGradGuard no_grad;
    at::manual_seed(5);
    for (auto& [name, tensor] : full->trainableParameters()) tensor.add_(at::randn_like(tensor) * 0.05);
  }
  pwb::testing::TempDir adapter;
  saveAdapter(*full, adapter.path());
  double tuned_loss = 0.0;
  {
    torch::NoGradGuard no_grad;
    tuned_loss = tuned.forward(batchOf(fixture.at("batch"))).loss.item<double>();
  }
  const double total = summedLogLikelihood(openWithAdapter(folder.string(), adapter.path()), folder);
  const double expected = summedLogLikelihoodFromLoss(fixture, tuned_loss);
  EXPECT_NEAR(total, expected, 1e-5 * std::abs(expected));
  const double base = summedLogLikelihood(model::TextModel::open(folder.string()), folder);
  EXPECT_GT(std::abs(total - base), 0.1) << "the saved weights change the scores";
}

// Greedy ids by running the whole adapted forward pass again for every new token.
std::vector<std::int64_t> greedyByWholeSequences(BaseModel& model, AdaptationMethod& method,
                                                 const std::vector<std::int64_t>& input_ids, std::int64_t steps,
                                                 std::int64_t eos) {
  torch::NoGradGuard no_grad;
  std::vector<std::int64_t> generated;
  while (static_cast<std::int64_t>(generated.size()) < steps) {
    auto labels = generated;
    labels.push_back(0);  // a placeholder: the last position reads the last generated token
    Batch batch{at::tensor(input_ids, at::kLong).view({1, -1}), {}, at::tensor(labels, at::kLong).view({1, -1})};
    const auto next = model.forward(batch, method.inject(1)).logits[0][-1].argmax().item<std::int64_t>();
    if (next == eos) break;
    generated.push_back(next);
  }
  return generated;
}

// On t5-tiny-gated, whose untied head gives varied greedy tokens (t5-tiny's greedy output is mostly
// <pad>, with or without most adapters).
TEST(AdaptedT5Generation, FollowsTheAdaptedForwardPassAndDiffersFromTheBase) {
  const auto folder = kReference / "t5-tiny-gated";
  const auto text = referenceTexts(folder).at(0);
  model::SamplingOptions greedy;
  greedy.max_new_tokens = 8;
  const auto plain = model::TextModel::open(folder.string()).generate(text.input, greedy).token_ids;
  for (const auto* name : {"prompt_tuning_random", "prefix_tuning", "p_tuning_lstm", "lora_r8_randB", "ia3_perturbed"}) {
    pwb::testing::TempDir adapter;
    pwb::testing::writeFixtureAdapter(folder, name, adapter.path());
    const auto adapted = openWithAdapter(folder.string(), adapter.path()).generate(text.input, greedy).token_ids;
    auto base = BaseModel::fromFolder(folder);
    auto method = loadAdapter(adapter.path(), base);
    EXPECT_EQ(adapted, greedyByWholeSequences(base, *method, text.input_ids, greedy.max_new_tokens, 1)) << name;
    EXPECT_NE(adapted, plain) << name;
  }
}

}  // namespace
}  // namespace pwb::adapt
