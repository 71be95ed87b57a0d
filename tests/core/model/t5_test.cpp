#include "model/t5.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/state_dict.h"

namespace pwb::model {
namespace {

using nlohmann::json;
const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

// Test-only: the fixtures' F32 safetensors files (8-byte little-endian header length, JSON
// header, raw data). To be replaced by the shared safetensors reader once it lands.
std::map<std::string, torch::Tensor> readF32Safetensors(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  unsigned char length_bytes[8] = {};
  in.read(reinterpret_cast<char*>(length_bytes), 8);
  std::uint64_t header_length = 0;
  for (int i = 7; i >= 0; --i) header_length = (header_length << 8) | length_bytes[i];
  std::string header(header_length, '\0');
  in.read(header.data(), static_cast<std::streamsize>(header_length));
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto entries = json::parse(header);
  std::map<std::string, torch::Tensor> tensors;
  for (const auto& [name, entry] : entries.items()) {
    if (name == "__metadata__") continue;
    if (entry.at("dtype") != "F32") throw std::runtime_error(name + ": only F32 is read here");
    const auto begin = entry.at("data_offsets")[0].get<std::size_t>();
    const auto end = entry.at("data_offsets")[1].get<std::size_t>();
    auto tensor = torch::empty(entry.at("shape").get<std::vector<std::int64_t>>(), torch::kFloat);
    if (end > data.size() || static_cast<std::size_t>(tensor.nbytes()) != end - begin) {
      throw std::runtime_error(name + ": data offsets do not fit " + path.string());
    }
    std::memcpy(tensor.data_ptr(), data.data() + begin, end - begin);
    tensors.emplace(name, tensor);
  }
  return tensors;
}

TensorSource sourceOf(const std::map<std::string, torch::Tensor>& tensors, const std::string& description) {
  TensorSource source;
  source.description = description;
  for (const auto& entry : tensors) source.names.push_back(entry.first);
  source.shape = [&tensors](const std::string& name) { return tensors.at(name).sizes().vec(); };
  source.read = [&tensors](const std::string& name) { return tensors.at(name); };
  return source;
}

// The mapping the lead will do from config.json, for the two fixture configs.
T5Options optionsFrom(const json& config) {
  T5Options o;
  o.vocab_size = config.at("vocab_size");
  o.d_model = config.at("d_model");
  o.d_kv = config.at("d_kv");
  o.d_ff = config.at("d_ff");
  o.num_layers = config.at("num_layers");
  o.num_decoder_layers = config.at("num_decoder_layers");
  o.num_heads = config.at("num_heads");
  o.relative_attention_num_buckets = config.at("relative_attention_num_buckets");
  o.relative_attention_max_distance = config.at("relative_attention_max_distance");
  o.layer_norm_epsilon = config.at("layer_norm_epsilon");
  o.tie_word_embeddings = config.value("tie_word_embeddings", true);
  o.decoder_start_token_id = config.at("decoder_start_token_id");
  o.pad_token_id = config.at("pad_token_id");
  o.eos_token_id = config.at("eos_token_id");
  o.feed_forward_proj.is_gated = config.at("is_gated_act");
  const std::string act = config.at("dense_act_fn");
  if (act == "relu") o.feed_forward_proj.activation = T5Options::Activation::Relu;
  else if (act == "gelu_new") o.feed_forward_proj.activation = T5Options::Activation::GeluNew;
  else throw std::runtime_error("the fixtures use relu or gelu_new, got " + act);
  return o;
}

torch::Tensor ids(const json& rows) {
  std::vector<std::int64_t> flat;
  for (const auto& row : rows) flat.insert(flat.end(), row.begin(), row.end());
  return torch::tensor(flat, torch::kLong).view({static_cast<std::int64_t>(rows.size()), -1});
}

struct Tolerance {
  double absolute, relative;
};

// |actual - expected| <= absolute + relative·|expected| everywhere where `where` (if defined) holds.
void expectClose(const torch::Tensor& actual, const torch::Tensor& expected, Tolerance tol, const std::string& what,
                 const torch::Tensor& where = {}) {
  ASSERT_EQ(actual.sizes(), expected.sizes()) << what;
  auto diff = (actual - expected).abs();
  auto excess = diff - (tol.absolute + tol.relative * expected.abs());
  if (where.defined()) {
    excess = excess.masked_select(where);
    diff = diff.masked_select(where);
  }
  EXPECT_LE(excess.max().item<double>(), 0.0) << what << ": max |Δ| " << diff.max().item<double>();
}

struct Fixture {
  json cases;
  std::map<std::string, torch::Tensor> expected;
  T5ForConditionalGeneration model{nullptr};
  Tolerance tolerance{1e-4, 1e-4};
};

Fixture load(const std::string& name) {
  const auto folder = kFixtures / name;
  Fixture f;
  f.cases = json::parse(std::ifstream(folder / "cases.json"));
  f.expected = readF32Safetensors(folder / "expected.safetensors");
  f.model = T5ForConditionalGeneration(optionsFrom(f.cases.at("config")));
  f.model->eval();
  const auto weights = readF32Safetensors(folder / "model.safetensors");
  loadStateDict(*f.model, sourceOf(weights, name + "/model.safetensors"));
  if (name == "t5-tiny-gated") f.tolerance.absolute = 3e-4;  // its logits reach ~36 (README)
  return f;
}

class T5Parity : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    try {
      fixture_ = load(GetParam());
    } catch (const std::exception& e) {
      FAIL() << e.what();  // names every missing, unexpected or mis-shaped tensor
    }
  }
  Fixture fixture_;
};

TEST_P(T5Parity, ParametersAreTheCheckpointTensors) {
  std::map<std::string, std::vector<std::int64_t>> actual, expected;
  std::int64_t count = 0;
  for (const auto& p : fixture_.model->named_parameters()) {
    actual[p.key()] = p.value().sizes().vec();
    count += p.value().numel();
  }
  for (const auto& [name, shape] : fixture_.cases.at("checkpoint_tensors").items()) {
    expected[name] = shape.get<std::vector<std::int64_t>>();
  }
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(count, fixture_.cases.at("num_parameters").get<std::int64_t>());
}

TEST_P(T5Parity, SingleSequencesMatchTheReference) {
  torch::NoGradGuard no_grad;
  auto& model = fixture_.model;
  for (const auto& c : fixture_.cases.at("cases")) {
    const std::string name = c.at("name");
    const auto input_ids = ids(c.at("input_ids")), labels = ids(c.at("labels"));
    const auto decoder_input_ids = model->shiftRight(labels);
    EXPECT_TRUE(decoder_input_ids.equal(ids(c.at("decoder_input_ids")))) << name;

    std::vector<torch::Tensor> encoder_states, decoder_states;
    const auto encoded = model->encode(input_ids, {}, &encoder_states);
    const auto logits = model->decode(decoder_input_ids, encoded, {}, nullptr, &decoder_states);
    const auto& expected = fixture_.expected;
    expectClose(logits, expected.at(c.at("logits").get<std::string>()), fixture_.tolerance, name + " logits");
    expectClose(encoded, expected.at(c.at("encoder_last_hidden_state").get<std::string>()), fixture_.tolerance,
                name + " encoder_last_hidden_state");
    ASSERT_EQ(encoder_states.size(), c.at("encoder_hidden_states").size());
    ASSERT_EQ(decoder_states.size(), c.at("decoder_hidden_states").size());
    for (std::size_t i = 0; i < encoder_states.size(); ++i) {
      const std::string key = c.at("encoder_hidden_states")[i];
      expectClose(encoder_states[i], expected.at(key), fixture_.tolerance, key);
    }
    for (std::size_t i = 0; i < decoder_states.size(); ++i) {
      const std::string key = c.at("decoder_hidden_states")[i];
      expectClose(decoder_states[i], expected.at(key), fixture_.tolerance, key);
    }
    const double loss = model->loss(input_ids, {}, labels).item<double>();
    EXPECT_NEAR(loss, c.at("loss").get<double>(), 1e-5 * c.at("loss").get<double>()) << name;
  }
}

TEST_P(T5Parity, RightPaddedBatchMatchesTheReferenceOnRealPositions) {
  torch::NoGradGuard no_grad;
  const auto& batch = fixture_.cases.at("batch");
  const auto input_ids = ids(batch.at("input_ids")), mask = ids(batch.at("attention_mask"));
  const auto labels = ids(batch.at("labels"));
  const auto decoder_input_ids = fixture_.model->shiftRight(labels);
  EXPECT_TRUE(decoder_input_ids.equal(ids(batch.at("decoder_input_ids"))));

  const auto logits = fixture_.model->forward(input_ids, mask, decoder_input_ids);  // (B, T, V)
  const auto real = labels.ne(-100).unsqueeze(-1).expand_as(logits);
  const auto& expected = fixture_.expected.at(batch.at("logits").get<std::string>());
  expectClose(logits, expected, fixture_.tolerance, "batch logits", real);
  const double loss = fixture_.model->loss(input_ids, mask, labels).item<double>();
  EXPECT_NEAR(loss, batch.at("loss").get<double>(), 1e-5 * batch.at("loss").get<double>());
}

TEST_P(T5Parity, CachedDecodingEqualsTheFullForwardPass) {
  torch::NoGradGuard no_grad;
  const auto& batch = fixture_.cases.at("batch");
  const auto input_ids = ids(batch.at("input_ids")), mask = ids(batch.at("attention_mask"));
  const auto decoder_input_ids = ids(batch.at("decoder_input_ids"));
  auto& model = fixture_.model;
  const auto encoded = model->encode(input_ids, mask);
  const auto full = model->decode(decoder_input_ids, encoded, mask);  // (B, T, V)

  T5Cache cache;
  const auto T = decoder_input_ids.size(1);
  std::vector<torch::Tensor> steps{model->decode(decoder_input_ids.slice(1, 0, 3), encoded, mask, &cache)};
  for (std::int64_t t = 3; t < T; ++t) {
    steps.push_back(model->decode(decoder_input_ids.slice(1, t, t + 1), encoded, mask, &cache));
  }
  // Only float rounding may differ (different matmul shapes); a wrong position or mask is ~1e-1.
  expectClose(torch::cat(steps, 1), full, {1e-4, 1e-5}, "cached logits");
  EXPECT_EQ(cache.self_attention.length(), T);
  EXPECT_EQ(cache.cross_attention.length(), input_ids.size(1));
}

INSTANTIATE_TEST_SUITE_P(T5, T5Parity, testing::Values("t5-tiny", "t5-tiny-gated"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param == "t5-tiny" ? std::string("Tiny") : std::string("TinyGated");
                         });

TEST(T5, LoadingTheWrongVariantNamesTheTensorsThatDoNotFit) {
  auto options = optionsFrom(json::parse(std::ifstream(kFixtures / "t5-tiny" / "config.json")));
  options.feed_forward_proj.is_gated = true;
  options.tie_word_embeddings = false;
  T5ForConditionalGeneration gated(options);
  const auto weights = readF32Safetensors(kFixtures / "t5-tiny" / "model.safetensors");
  try {
    loadStateDict(*gated, sourceOf(weights, "t5-tiny"));
    FAIL() << "a relu checkpoint loaded into a gated model";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("missing tensor 'encoder.block.0.layer.1.DenseReluDense.wi_0.weight'"), std::string::npos);
    EXPECT_NE(message.find("missing tensor 'lm_head.weight'"), std::string::npos);
    EXPECT_NE(message.find("unexpected tensor 'decoder.block.1.layer.2.DenseReluDense.wi.weight'"), std::string::npos);
  }
}

TEST(T5, RelativePositionBucketsFollowTheLogSpacedScheme) {
  const auto distances = [](std::vector<std::int64_t> v) { return torch::tensor(v, torch::kLong); };
  // Encoder: 16 buckets per direction, 8 of them exact; keys after the query use buckets 16..31.
  const auto both = relativePositionBucket(distances({0, -1, 1, -7, -8, -20, 7, 8, 20, -200, 200}), true, 32, 128);
  EXPECT_TRUE(both.equal(distances({0, 1, 17, 7, 8, 10, 23, 24, 26, 15, 31}))) << both;
  // Decoder: later keys (positive distance) share bucket 0; 16 exact buckets, then log-spaced to 128.
  const auto causal = relativePositionBucket(distances({0, 1, 200, -1, -15, -16, -20, -40, -127, -128, -1000}),
                                             false, 32, 128);
  EXPECT_TRUE(causal.equal(distances({0, 0, 0, 1, 15, 16, 17, 23, 31, 31, 31}))) << causal;
}

TEST(T5, ShiftRightStartsWithTheDecoderStartTokenAndReplacesIgnoredLabels) {
  T5Options options;
  options.vocab_size = 16;
  options.d_model = 8;
  options.d_kv = 4;
  options.d_ff = 16;
  options.num_layers = 1;
  options.num_heads = 2;
  options.decoder_start_token_id = 5;
  options.pad_token_id = 7;
  T5ForConditionalGeneration model(options);
  const auto labels = torch::tensor({3, 4, 1, -100, -100, 2}, torch::kLong).view({2, 3});
  const auto expected = torch::tensor({5, 3, 4, 5, 7, 7}, torch::kLong).view({2, 3});
  EXPECT_TRUE(model->shiftRight(labels).equal(expected)) << model->shiftRight(labels);
}

}  // namespace
}  // namespace pwb::model
