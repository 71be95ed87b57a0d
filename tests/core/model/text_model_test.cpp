#include "model/text_model.h"

#include "model/model_loader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace pwb::model {
namespace {

TEST(TextModel, SummarisesTheBuiltInStoriesModel) {
  const auto s = TextModel::open("stories260k").summary();
  EXPECT_EQ(s.family, "llama");
  EXPECT_EQ(s.format, "llama2.c");
  EXPECT_EQ(s.parameters, 260032);
  EXPECT_EQ(s.context_length, 512);
  EXPECT_TRUE(s.add_bos);
  EXPECT_EQ(s.special_tokens.bos, 1);
  EXPECT_EQ(s.special_tokens.eos, 2);
  ASSERT_FALSE(s.tensors.empty());
  EXPECT_EQ(s.tensors.front().name, "model.embed_tokens.weight");
  EXPECT_EQ(s.tensors.front().shape, (std::vector<std::int64_t>{512, 64}));
}

TEST(TextModel, ContinuesAPromptKeepingTheLeadingSpace) {
  SamplingOptions greedy;
  greedy.max_new_tokens = 12;
  const auto out = TextModel::open("stories260k").generate("Once upon a time", greedy);
  EXPECT_EQ(out.text.rfind(", there was a little girl named Lily.", 0), 0u) << out.text;
  EXPECT_EQ(out.token_ids.size(), 12u);
  EXPECT_FALSE(out.stopped_at_eos);
}

TEST(TextModel, ScoresAContinuationTokenByToken) {
  const auto model = TextModel::open("stories260k");
  const auto likely = model.score("Once upon a", " time");
  ASSERT_EQ(likely.tokens.size(), 1u);
  EXPECT_EQ(likely.tokens[0].piece, "\u2581time");
  EXPECT_LT(likely.total, 0.0);
  EXPECT_GT(likely.total, std::log(0.5));  // the story model is nearly sure of "time"
  const auto unlikely = model.score("Once upon a", " banana");
  EXPECT_LT(unlikely.total, likely.total - 5.0);
  double sum = 0.0;
  for (const auto& t : unlikely.tokens) sum += t.log_likelihood;
  EXPECT_DOUBLE_EQ(unlikely.total, sum);
}

const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

TEST(TextModel, SummarisesAHuggingFaceFolderWithCountsFromItsConfig) {
  const auto s = TextModel::open((kFixtures / "llama-tiny").string()).summary();
  EXPECT_EQ(s.family, "llama");
  EXPECT_EQ(s.format, "huggingface");
  EXPECT_FALSE(s.encoder_decoder);
  EXPECT_EQ(s.parameters, 202048);  // cases.json's num_parameters
  EXPECT_EQ(s.embedding_parameters, 2 * 1000 * 64);  // embed_tokens and the untied lm_head
  EXPECT_EQ(s.non_embedding_parameters, 202048 - 2 * 1000 * 64);
  EXPECT_NE(s.config_json.find("\"num_key_value_heads\": 2"), std::string::npos);
}

// t5-tiny case 0: the decoder's 13 target tokens (EOS last) have mean loss 7.41713428... in
// transformers, so their total log-likelihood is -13 times that.
TEST(TextModel, ScoresAT5TargetAfterItsEncoderInput) {
  const auto model = TextModel::open((kFixtures / "t5-tiny").string());
  const auto scored = model.score("The quick brown fox jumps over the lazy dog.", "A fox jumps.");
  ASSERT_EQ(scored.tokens.size(), 13u);
  EXPECT_EQ(scored.tokens.back().piece, "</s>");
  EXPECT_NEAR(scored.total, -96.42274570465088, 1e-5 * 96.4227);
  EXPECT_TRUE(model.summary().encoder_decoder);
}

// The text a T5 folder generates is the decoding of the ids LoadedModel::generate gives for the
// encoded prompt (EOS dropped), not a continuation of the prompt's text.
TEST(TextModel, T5GeneratesTheDecodedIdsOfTheLoadedModel) {
  SamplingOptions greedy;
  greedy.max_new_tokens = 6;
  const auto folder = (kFixtures / "t5-tiny-gated").string();
  const std::string prompt = "Permission is granted to copy this document.";
  const auto out = TextModel::open(folder).generate(prompt, greedy);
  const auto loaded = loadModel(folder);
  auto ids = loaded.generate(loaded.encodePrompt(prompt), greedy);
  if (out.stopped_at_eos) ids.pop_back();
  EXPECT_EQ(out.token_ids, ids);
  EXPECT_EQ(out.text, loaded.tokenizer->decode(ids));
}

TEST(TextModel, NamesAMissingModel) {
  try {
    TextModel::open("/no/such/model");
    FAIL() << "opening a missing model must fail";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/no/such/model"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace pwb::model
