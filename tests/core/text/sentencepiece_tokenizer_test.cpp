#include "text/sentencepiece_tokenizer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "../../support/temp_dir.h"

namespace pwb::text {
namespace {

const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

TEST(SentencePieceTokenizer, MatchesTheReferenceIdsOfTheFixtureTokenizer) {
  const auto tokenizer = SentencePieceTokenizer::load(kFixtures / "llama-tiny" / "tokenizer.model");
  std::ifstream in(kFixtures / "gpt2-tiny" / "cases.json");
  const auto cases = nlohmann::json::parse(in)["cases"];
  ASSERT_EQ(cases.size(), 3u);
  for (const auto& c : cases) {
    const auto expected = c["sp_ids"].get<std::vector<TokenId>>();
    EXPECT_EQ(tokenizer->encode(c["text"].get<std::string>()), expected) << c["text"];
  }
}

TEST(SentencePieceTokenizer, ReportsTheFixtureSpecialIds) {
  const auto tokenizer = SentencePieceTokenizer::load(kFixtures / "t5-tiny" / "spiece.model");
  EXPECT_EQ(tokenizer->vocabSize(), 1000);
  const auto specials = tokenizer->specialTokens();
  EXPECT_EQ(specials.pad, 0);
  EXPECT_EQ(specials.eos, 1);
  EXPECT_EQ(specials.unk, 2);
  EXPECT_EQ(specials.bos, 3);
  EXPECT_EQ(tokenizer->piece(1), "</s>");
  EXPECT_NE(tokenizer->describe().find("unigram"), std::string::npos);
}

TEST(SentencePieceTokenizer, TrainsOnACorpusAndRoundTrips) {
  testing::TempDir dir;
  const auto model = dir / "sentences.model";
  SentencePieceTrainingOptions options;
  options.vocab_size = 400;
  options.lower_case = true;
  SentencePieceTokenizer::train(std::filesystem::path(PWB_RESOURCE_DIR) / "corpus" / "uci_sentences.txt", model,
                                options);
  const auto tokenizer = SentencePieceTokenizer::load(model);
  EXPECT_EQ(tokenizer->vocabSize(), 400);
  const std::string text = "the food was great and the service was slow.";
  const auto ids = tokenizer->encode(text);
  EXPECT_GT(ids.size(), 5u);
  EXPECT_EQ(tokenizer->decode(ids), text);
  // Lower-casing normalisation: case does not change the ids.
  EXPECT_EQ(tokenizer->encode("The Food Was GREAT"), tokenizer->encode("the food was great"));
  const auto specials = tokenizer->specialTokens();
  EXPECT_EQ(specials.pad, 0);
  EXPECT_EQ(specials.unk, 1);
  EXPECT_EQ(specials.bos, 2);
  EXPECT_EQ(specials.eos, 3);
}

TEST(SentencePieceTokenizer, NamesTheFileThatIsNotAModel) {
  testing::TempDir dir;
  const auto bogus = dir / "tokenizer.model";
  std::ofstream(bogus) << "this is not a protobuf";
  try {
    SentencePieceTokenizer::load(bogus);
    FAIL() << "loading a text file as a model should fail";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(bogus.string()), std::string::npos) << error.what();
  }
  EXPECT_THROW(SentencePieceTokenizer::load(dir / "missing.model"), std::runtime_error);
}

TEST(SentencePieceTokenizer, RejectsIdsOutsideTheVocabulary) {
  const auto tokenizer = SentencePieceTokenizer::load(kFixtures / "t5-tiny" / "spiece.model");
  EXPECT_THROW(tokenizer->decode({5, 1000}), std::out_of_range);
  EXPECT_THROW(tokenizer->piece(-1), std::out_of_range);
}

}  // namespace
}  // namespace pwb::text
