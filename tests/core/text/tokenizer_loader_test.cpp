#include "text/tokenizer_loader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "../../support/temp_dir.h"

namespace pwb::text {
namespace {

const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

TEST(TokenizerLoader, OpensTheLlamaFolderSentencePieceModel) {
  const auto tokenizer = loadTokenizerFromFolder(kFixtures / "llama-tiny");
  EXPECT_NE(tokenizer->describe().find("SentencePiece"), std::string::npos);
  EXPECT_EQ(tokenizer->vocabSize(), 1000);
  EXPECT_TRUE(addsBosToken(kFixtures / "llama-tiny", false));  // tokenizer_config.json says so
}

TEST(TokenizerLoader, OpensTheT5FolderSpieceModel) {
  const auto tokenizer = loadTokenizerFromFolder(kFixtures / "t5-tiny");
  EXPECT_EQ(tokenizer->specialTokens().eos, 1);
}

TEST(TokenizerLoader, OpensAGpt2VocabularyFolder) {
  testing::TempDir dir;
  const std::filesystem::path data = PWB_TEST_DATA_DIR "/gpt2_bpe";
  std::filesystem::copy_file(data / "vocab.json", dir / "vocab.json");
  std::filesystem::copy_file(data / "merges.txt", dir / "merges.txt");
  const auto tokenizer = loadTokenizerFromFolder(dir.path());
  EXPECT_EQ(tokenizer->encode("Hello world"), (std::vector<TokenId>{15496, 995}));
  EXPECT_FALSE(addsBosToken(dir.path(), false));
}

TEST(TokenizerLoader, SaysWhatItLookedFor) {
  testing::TempDir dir;
  try {
    loadTokenizerFromFolder(dir.path());
    FAIL() << "an empty folder has no tokenizer";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(dir.path().string()), std::string::npos) << message;
    EXPECT_NE(message.find("tokenizer.model"), std::string::npos) << message;
    EXPECT_NE(message.find("vocab.json"), std::string::npos) << message;
  }
}

TEST(TokenizerLoader, ReportsABrokenTokenizerConfig) {
  testing::TempDir dir;
  std::ofstream(dir / "tokenizer_config.json") << "{ not json";
  EXPECT_THROW(addsBosToken(dir.path(), true), std::runtime_error);
}

}  // namespace
}  // namespace pwb::text
