// Every reference fixture loaded through the model loader, as a user's folder would be, against
// the numbers Hugging Face transformers computed: token ids, logits, every hidden state, loss,
// right- and left-padded batches, scores through LoadedModel, and a save/load round trip.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <set>

#include <gtest/gtest.h>
#include <torch/nn/functional/loss.h>

#include "model/gpt2.h"
#include "model/llama.h"
#include "reference_fixture.h"

namespace pwb::model {
namespace {

using namespace reference;
using nlohmann::json;

void report(const std::string& fixture, const std::string& quantity, double max_delta) {
  std::printf("[parity] %-14s %-28s max |Δ| %.3g\n", fixture.c_str(), quantity.c_str(), max_delta);
}

// HF's causal loss: logits[:, :-1] against labels[:, 1:], -100 ignored.
at::Tensor causalLoss(const at::Tensor& logits, const at::Tensor& labels) {
  const auto V = logits.size(-1);
  return torch::nn::functional::cross_entropy(
      logits.slice(1, 0, -1).reshape({-1, V}), labels.slice(1, 1).reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
}

// The decoder-only family's hidden states (HF's output_hidden_states) for ids (B, T).
std::vector<at::Tensor> causalHiddenStates(CausalLanguageModel& model, const at::Tensor& ids) {
  std::vector<at::Tensor> states;
  if (auto* gpt2 = dynamic_cast<CausalModelAdapter<Gpt2LMHeadModel>*>(&model)) {
    gpt2->holder()->transformer->forward(ids, {}, nullptr, &states);
  } else if (auto* llama = dynamic_cast<CausalModelAdapter<LlamaForCausalLM>*>(&model)) {
    llama->holder()->model->forward(ids, {}, nullptr, &states);
  }
  return states;
}

// Rows of `batch` (B, T) under `mask` moved to the right end, zeros before them.
std::pair<at::Tensor, at::Tensor> leftPadded(const at::Tensor& batch, const at::Tensor& mask) {
  auto ids = at::zeros_like(batch), left_mask = at::zeros_like(mask);
  const auto T = batch.size(1);
  for (std::int64_t b = 0; b < batch.size(0); ++b) {
    const auto n = mask[b].sum().item<std::int64_t>();
    ids[b].slice(0, T - n).copy_(batch[b].slice(0, 0, n));
    left_mask[b].slice(0, T - n).fill_(1);
  }
  return {ids, left_mask};
}

class ReferenceParity : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    folder_ = std::make_unique<ReferenceFolder>(GetParam());
    cases_ = readJson(kFixtures / GetParam() / "cases.json");
    expected_ = std::make_unique<ShardedCheckpoint>(kFixtures / GetParam() / "expected.safetensors");
    try {
      model_ = loadModel(folder_->path().string());
    } catch (const std::exception& e) {
      FAIL() << e.what();  // names every missing, unexpected or mis-shaped tensor
    }
  }
  at::Tensor expected(const json& key) const { return readTensor(*expected_, key.get<std::string>(), at::kFloat); }
  Tolerance tolerance() const { return logitTolerance(GetParam()); }
  void expectLoss(double actual, const json& expected_loss, const std::string& what) const {
    const double reference = expected_loss.get<double>();
    EXPECT_NEAR(actual, reference, kLossRelativeTolerance * reference) << what;
    report(GetParam(), what, std::abs(actual - reference));
  }

  std::unique_ptr<ReferenceFolder> folder_;
  json cases_;
  std::unique_ptr<ShardedCheckpoint> expected_;
  LoadedModel model_;
};

TEST_P(ReferenceParity, TheFoldersTokenizerGivesTheCaseIds) {
  for (const auto& c : cases_.at("cases")) {
    const std::string text = c.at("text");
    EXPECT_EQ(model_.encodePrompt(text), c.at("input_ids")[0].get<std::vector<std::int64_t>>()) << text;
    if (c.contains("target_text")) {
      const std::string target = c.at("target_text");
      EXPECT_EQ(model_.encodePrompt(target), c.at("labels")[0].get<std::vector<std::int64_t>>()) << target;
    }
  }
  // The padded batch's rows are the same texts' ids followed by padding.
  const auto& batch = cases_.at("batch");
  for (std::size_t row = 0; row < batch.at("texts").size(); ++row) {
    auto padded = batch.at("input_ids")[row].get<std::vector<std::int64_t>>();
    const auto mask = batch.at("attention_mask")[row].get<std::vector<std::int64_t>>();
    padded.resize(static_cast<std::size_t>(std::count(mask.begin(), mask.end(), 1)));
    EXPECT_EQ(model_.encodePrompt(batch.at("texts")[row].get<std::string>()), padded) << "batch row " << row;
  }
}

TEST_P(ReferenceParity, SingleSequencesMatchLogitsHiddenStatesAndLoss) {
  torch::NoGradGuard no_grad;
  double logits_delta = 0.0, hidden_delta = 0.0;
  for (const auto& c : cases_.at("cases")) {
    const std::string name = c.at("name");
    const auto input_ids = ids(c.at("input_ids")), labels = ids(c.at("labels"));
    if (!model_.isEncoderDecoder()) {
      const auto logits = model_.causal->forward(input_ids, {}, nullptr);
      logits_delta = std::max(logits_delta, expectClose(logits, expected(c.at("logits")), tolerance(), name + " logits"));
      const auto states = causalHiddenStates(*model_.causal, input_ids);
      ASSERT_EQ(states.size(), c.at("hidden_states").size());
      for (std::size_t i = 0; i < states.size(); ++i) {
        const std::string key = c.at("hidden_states")[i];
        hidden_delta = std::max(hidden_delta, expectClose(states[i], expected(key), tolerance(), key));
      }
      expectLoss(causalLoss(logits, labels).item<double>(), c.at("loss"), name + " loss");
      continue;
    }
    auto& t5 = *model_.seq2seq;
    const auto decoder_input_ids = t5.shiftRight(labels);
    EXPECT_TRUE(decoder_input_ids.equal(ids(c.at("decoder_input_ids")))) << name;
    std::vector<at::Tensor> encoder_states, decoder_states;
    const auto encoded = t5.encode(input_ids, {}, &encoder_states);
    const auto logits = t5.decode(decoder_input_ids, encoded, {}, nullptr, &decoder_states);
    logits_delta = std::max(logits_delta, expectClose(logits, expected(c.at("logits")), tolerance(), name + " logits"));
    hidden_delta = std::max(hidden_delta, expectClose(encoded, expected(c.at("encoder_last_hidden_state")),
                                                      tolerance(), name + " encoder_last_hidden_state"));
    const std::pair<const char*, const std::vector<at::Tensor>*> stacks[] = {
        {"encoder_hidden_states", &encoder_states}, {"decoder_hidden_states", &decoder_states}};
    for (const auto& [key, states] : stacks) {
      ASSERT_EQ(states->size(), c.at(key).size()) << key;
      for (std::size_t i = 0; i < states->size(); ++i) {
        const std::string state = c.at(key)[i];
        hidden_delta = std::max(hidden_delta, expectClose((*states)[i], expected(state), tolerance(), state));
      }
    }
    expectLoss(t5.loss(input_ids, {}, labels).item<double>(), c.at("loss"), name + " loss");
  }
  report(GetParam(), "logits", logits_delta);
  report(GetParam(), "hidden states", hidden_delta);
}

// The batch's logits (B, T, V) for encoder or decoder-only input ids under `mask`.
at::Tensor batchLogits(LoadedModel& model, const at::Tensor& input_ids, const at::Tensor& mask, const json& batch) {
  if (!model.isEncoderDecoder()) return model.causal->forward(input_ids, mask, nullptr);
  return model.seq2seq->forward(input_ids, mask, ids(batch.at("decoder_input_ids")));
}

TEST_P(ReferenceParity, RightPaddedBatchMatchesOnRealPositions) {
  torch::NoGradGuard no_grad;
  const auto& batch = cases_.at("batch");
  const auto input_ids = ids(batch.at("input_ids")), mask = ids(batch.at("attention_mask"));
  const auto labels = ids(batch.at("labels"));
  const auto logits = batchLogits(model_, input_ids, mask, batch);
  // Real positions: where the labels are (the decoder's targets for T5, the inputs otherwise).
  const auto real = labels.ne(-100).unsqueeze(-1).expand_as(logits);
  report(GetParam(), "right-padded batch logits",
         expectClose(logits, expected(batch.at("logits")), tolerance(), "batch logits", real));
  const auto loss =
      model_.isEncoderDecoder() ? model_.seq2seq->loss(input_ids, mask, labels) : causalLoss(logits, labels);
  expectLoss(loss.item<double>(), batch.at("loss"), "right-padded batch loss");
}

TEST_P(ReferenceParity, LeftPaddedBatchEqualsTheUnpaddedSequences) {
  torch::NoGradGuard no_grad;
  const auto& batch = cases_.at("batch");
  const auto [input_ids, mask] = leftPadded(ids(batch.at("input_ids")), ids(batch.at("attention_mask")));
  const auto logits = batchLogits(model_, input_ids, mask, batch);  // (B, T, V)
  const auto reference = expected(batch.at("logits"));
  double delta = 0.0;
  for (std::int64_t b = 0; b < logits.size(0); ++b) {
    // A decoder-only row's real tokens moved to the right end; a T5 row's decoder is unpadded.
    const auto n = model_.isEncoderDecoder() ? ids(batch.at("labels"))[b].ne(-100).sum().item<std::int64_t>()
                                             : mask[b].sum().item<std::int64_t>();
    const auto actual = model_.isEncoderDecoder() ? logits[b].slice(0, 0, n) : logits[b].slice(0, logits.size(1) - n);
    delta = std::max(delta, expectClose(actual, reference[b].slice(0, 0, n), tolerance(),
                                        "left-padded row " + std::to_string(b)));
  }
  report(GetParam(), "left-padded batch logits", delta);
}

// LoadedModel::score, the one scoring interface, is the loss's per-token sum: the loss is the
// mean negative log-likelihood of the labels after the first token (causal) or of every label
// (encoder-decoder).
TEST_P(ReferenceParity, ScoreThroughTheLoadedModelSumsTheLossesTokens) {
  for (const auto& c : cases_.at("cases")) {
    const auto input_ids = c.at("input_ids")[0].get<std::vector<std::int64_t>>();
    const auto labels = c.at("labels")[0].get<std::vector<std::int64_t>>();
    const auto score = model_.isEncoderDecoder()
                           ? model_.score(input_ids, labels)
                           : model_.score({input_ids.front()}, {input_ids.begin() + 1, input_ids.end()});
    const double loss = c.at("loss").get<double>();
    const double expected_total = -loss * static_cast<double>(score.per_token.size());
    EXPECT_NEAR(score.total, expected_total, kLossRelativeTolerance * std::abs(expected_total)) << c.at("name");
  }
}

// load → save the module's state dict under HF names (tied tensors left out, as save_pretrained
// does) → load: the same tensors, byte for byte, and the same names as the original file.
TEST_P(ReferenceParity, SaveAndReloadGivesIdenticalTensorBytes) {
  pwb::testing::TempDir copy;
  for (const auto& entry : std::filesystem::directory_iterator(folder_->path())) {
    const auto name = entry.path().filename().string();
    if (entry.is_regular_file() && name != "model.safetensors") std::filesystem::copy_file(entry.path(), copy / name);
  }
  std::map<std::string, at::Tensor> state;
  for (const auto& p : model_.module().named_parameters()) state.emplace(p.key(), p.value());
  saveSafetensors(copy / "model.safetensors", state);

  const ShardedCheckpoint original(folder_->path() / "model.safetensors"), saved(copy / "model.safetensors");
  EXPECT_EQ(std::set<std::string>(saved.names().begin(), saved.names().end()),
            std::set<std::string>(original.names().begin(), original.names().end()));
  for (const auto& name : original.names()) {
    const auto a = original.tensor(name), b = saved.tensor(name);
    ASSERT_EQ(a.size, b.size) << name;
    EXPECT_EQ(std::memcmp(a.data, b.data, a.size), 0) << name;
  }
  const auto reloaded = loadModel(copy.path().string());
  const auto before = model_.module().named_parameters(), after = reloaded.module().named_parameters();
  ASSERT_EQ(before.size(), after.size());
  for (const auto& p : before) EXPECT_TRUE(p.value().equal(after[p.key()])) << p.key();
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ReferenceParity,
                         ::testing::Values("gpt2-tiny", "llama-tiny", "t5-tiny", "t5-tiny-gated"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (const char ch : info.param) {
                             name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace pwb::model
