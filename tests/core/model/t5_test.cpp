#include "model/t5.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

#include "reference_fixture.h"

namespace pwb::model {
namespace {

using namespace reference;

// Cached decoding over a fixture's padded batch, step by step, against the full decoder pass.
class T5CachedDecoding : public ::testing::TestWithParam<std::string> {};

TEST_P(T5CachedDecoding, EqualsTheFullForwardPass) {
  torch::NoGradGuard no_grad;
  const auto loaded = loadModel((kFixtures / GetParam()).string());
  auto& model = *loaded.seq2seq.ptr();
  const auto batch = readJson(kFixtures / GetParam() / "cases.json").at("batch");
  const auto input_ids = ids(batch.at("input_ids")), mask = ids(batch.at("attention_mask"));
  const auto decoder_input_ids = ids(batch.at("decoder_input_ids"));
  const auto encoded = model.encode(input_ids, mask);
  const auto full = model.decode(decoder_input_ids, encoded, mask);  // (B, T, V)

  T5Cache cache;
  const auto T = decoder_input_ids.size(1);
  std::vector<torch::Tensor> steps{model.decode(decoder_input_ids.slice(1, 0, 3), encoded, mask, &cache)};
  for (std::int64_t t = 3; t < T; ++t) {
    steps.push_back(model.decode(decoder_input_ids.slice(1, t, t + 1), encoded, mask, &cache));
  }
  // Only float rounding may differ (different matmul shapes); a wrong position or mask is ~1e-1.
  expectClose(torch::cat(steps, 1), full, {1e-4, 1e-5}, "cached logits");
  EXPECT_EQ(cache.self_attention.length(), T);
  EXPECT_EQ(cache.cross_attention.length(), input_ids.size(1));
}

INSTANTIATE_TEST_SUITE_P(T5, T5CachedDecoding, ::testing::Values("t5-tiny", "t5-tiny-gated"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param == "t5-tiny" ? std::string("Tiny") : std::string("TinyGated");
                         });

TEST(T5, LoadingTheWrongVariantNamesTheTensorsThatDoNotFit) {
  pwb::testing::TempDir folder;
  for (const char* file : {"model.safetensors", "spiece.model", "tokenizer_config.json"}) {
    std::filesystem::copy_file(kFixtures / "t5-tiny" / file, folder / file);
  }
  auto config = readJson(kFixtures / "t5-tiny" / "config.json");
  config["feed_forward_proj"] = "gated-gelu";
  config["dense_act_fn"] = "gelu_new";
  config["is_gated_act"] = true;
  config["tie_word_embeddings"] = false;
  std::ofstream(folder / "config.json") << config.dump();
  try {
    loadModel(folder.path().string());
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
