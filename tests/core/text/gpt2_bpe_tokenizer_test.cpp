#include "text/gpt2_bpe_tokenizer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include "../../support/temp_dir.h"
#include "text/byte_level_unicode.h"
#include "text/utf8.h"

namespace pwb::text {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kData = fs::path(PWB_TEST_DATA_DIR) / "gpt2_bpe";
constexpr TokenId kEndOfText = 50256;

struct Case {
  std::string text;
  std::vector<TokenId> ids;
};

std::vector<json> readJsonLines(const fs::path& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in) << file;
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

// expected_ids.jsonl (gpt-3-encoder), with GPT-2's own ids (Python regex) where the two differ.
std::vector<Case> expectedCases() {
  std::map<std::string, std::vector<TokenId>> python;
  for (const auto& c : readJsonLines(kData / "python_regex_ids.jsonl")) {
    python[c["text"].get<std::string>()] = c["ids"].get<std::vector<TokenId>>();
  }
  std::vector<Case> cases;
  for (const auto& c : readJsonLines(kData / "expected_ids.jsonl")) {
    const auto text = c["text"].get<std::string>();
    const auto it = python.find(text);
    cases.push_back({text, it != python.end() ? it->second : c["ids"].get<std::vector<TokenId>>()});
  }
  return cases;
}

const Gpt2BpeTokenizer& gpt2() {
  static const auto tokenizer = Gpt2BpeTokenizer::loadVocabAndMerges(kData / "vocab.json", kData / "merges.txt");
  return *tokenizer;
}

void writeFile(const fs::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary);
  out << content;
}

// GPT-2's vocabulary and merges as a tokenizer.json, merges half as "a b" strings and half as
// ["a", "b"] lists (both formats exist in the wild).
json gpt2TokenizerJson() {
  std::ifstream vocab(kData / "vocab.json");
  std::ifstream merges(kData / "merges.txt");
  json list = json::array();
  std::string line;
  std::getline(merges, line);  // #version
  while (std::getline(merges, line)) {
    if (line.empty()) continue;
    const auto space = line.find(' ');
    if (list.size() % 2 == 0) {
      list.push_back(line);
    } else {
      list.push_back(json::array({line.substr(0, space), line.substr(space + 1)}));
    }
  }
  return {
      {"version", "1.0"},
      {"added_tokens", json::array({{{"id", kEndOfText}, {"content", "<|endoftext|>"}, {"single_word", false},
                                     {"lstrip", false}, {"rstrip", false}, {"normalized", true}, {"special", true}}})},
      {"normalizer", nullptr},
      {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}}},
      {"post_processor", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", false}, {"use_regex", true}}},
      {"decoder", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}}},
      {"model",
       {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", nullptr}, {"continuing_subword_prefix", ""},
        {"end_of_word_suffix", ""}, {"fuse_unk", false}, {"byte_fallback", false}, {"vocab", json::parse(vocab)},
        {"merges", list}}}};
}

// A folder holding GPT-2's vocab.json and merges.txt.
void copyGpt2Files(const fs::path& folder) {
  fs::copy_file(kData / "vocab.json", folder / "vocab.json");
  fs::copy_file(kData / "merges.txt", folder / "merges.txt");
}

// A byte-level vocabulary of the 256 byte characters (id = byte) plus `extra`, for merge tests.
json tinyTokenizerJson(const std::vector<std::string>& extra, const json& merges) {
  json vocab = json::object();
  for (unsigned b = 0; b < 256; ++b) vocab[byte_level::charFor(static_cast<unsigned char>(b))] = b;
  for (std::size_t i = 0; i < extra.size(); ++i) vocab[extra[i]] = 256 + i;
  return {{"added_tokens", json::array()},
          {"normalizer", nullptr},
          {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
          {"decoder", {{"type", "ByteLevel"}}},
          {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}}};
}

std::unique_ptr<Gpt2BpeTokenizer> loadJson(const testing::TempDir& dir, const json& tokenizer) {
  writeFile(dir / "tokenizer.json", tokenizer.dump());
  return Gpt2BpeTokenizer::loadTokenizerJson(dir / "tokenizer.json");
}

// The message of the runtime_error `load` throws; fails the test when it throws none.
std::string loadError(const std::function<void()>& load) {
  try {
    load();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(Gpt2BpeTokenizer, MatchesTheReferenceIdsOfEveryExpectedString) {
  const auto cases = expectedCases();
  ASSERT_GE(cases.size(), 390u);
  for (const auto& c : cases) {
    EXPECT_EQ(gpt2().encode(c.text), c.ids) << json(c.text).dump();
    EXPECT_EQ(gpt2().decode(c.ids), c.text) << json(c.text).dump();
  }
}

TEST(Gpt2BpeTokenizer, FollowsPythonRegexWhereTheJavaScriptPortDiffers) {
  // gpt-3-encoder's \s has U+FEFF and lacks U+0085; GPT-2's Python regex is the other way round.
  const auto differing = readJsonLines(kData / "python_regex_ids.jsonl");
  ASSERT_EQ(differing.size(), 3u);
  for (const auto& c : differing) {
    const auto ids = gpt2().encode(c["text"].get<std::string>());
    EXPECT_EQ(ids, c["ids"].get<std::vector<TokenId>>()) << c["text"];
    EXPECT_NE(ids, c["gpt3_encoder_ids"].get<std::vector<TokenId>>()) << c["text"];
  }
  EXPECT_EQ(gpt2().encode("a \u0085b"), (std::vector<TokenId>{64, 220, 126, 227, 65}));
}

TEST(Gpt2BpeTokenizer, ReportsItsVocabulary) {
  EXPECT_EQ(gpt2().vocabSize(), 50257);
  EXPECT_EQ(gpt2().piece(262), "\u0120the");
  EXPECT_EQ(gpt2().piece(kEndOfText), "<|endoftext|>");
  EXPECT_EQ(gpt2().decode({262, 995}), " the world");
  EXPECT_EQ(gpt2().describe(), "GPT-2 byte-level BPE, vocabulary 50257, 50000 merges (vocab.json + merges.txt)");
  // The bare files are GPT-2's reference encoder: no special tokens, "<|endoftext|>" is text.
  const auto specials = gpt2().specialTokens();
  EXPECT_FALSE(specials.bos || specials.eos || specials.pad || specials.unk);
  EXPECT_GT(gpt2().encode("<|endoftext|>").size(), 1u);
  EXPECT_THROW(gpt2().piece(50257), std::out_of_range);
  EXPECT_THROW(gpt2().decode({-1}), std::out_of_range);
  EXPECT_THROW(gpt2().decode({50257}), std::out_of_range);
}

TEST(Gpt2BpeTokenizer, RoundTripsRandomUtf8) {
  std::mt19937 rng(20240611);
  // Characters that meet the pattern's edges: spaces before letters, contractions, the
  // whitespace Python and JavaScript disagree on, marks, emoji joiners.
  const std::vector<char32_t> tricky = {U' ', U' ', U'\t', U'\n', U'\r', U'\'', U's', U't', U'r', U'e', U'l',
                                        U'd', U'A', U'7', U'!', U'.', 0x85, 0xA0, 0xFEFF, 0x301, 0x200D,
                                        0x1F600, 0x4E2D, 0x3000, 0x0661, 0x00E9};
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<std::size_t> pick(0, tricky.size() - 1);
  std::uniform_int_distribution<char32_t> any(0, 0x10FFFF);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) {
      char32_t code = round % 2 == 0 ? tricky[pick(rng)] : any(rng);
      if (code >= 0xD800 && code <= 0xDFFF) code = U'x';
      utf8::append(text, code);
    }
    ASSERT_EQ(gpt2().decode(gpt2().encode(text)), text) << json(text).dump();
  }
}

TEST(Gpt2BpeTokenizer, CarriesBytesThatAreNotUtf8AndDecodesThemAsReplacementCharacters) {
  // Each stray byte is an "other" character of its own piece: a | FF | b | E2 82 | c.
  const std::string bytes = "a\xff" "b\xe2\x82" "c";
  const auto ids = gpt2().encode(bytes);
  EXPECT_EQ(ids, (std::vector<TokenId>{64, 187, 65, 158, 224, 66}));
  EXPECT_EQ(gpt2().decode(ids), "a\uFFFDb\uFFFDc");
  // Part of a character decodes as a replacement character, the whole as itself.
  const auto smiley = gpt2().encode("\U0001F600");
  ASSERT_EQ(smiley, (std::vector<TokenId>{47249, 222}));
  EXPECT_EQ(gpt2().decode({47249}), "\uFFFD");
  EXPECT_EQ(gpt2().decode(smiley), "\U0001F600");
}

TEST(Gpt2BpeTokenizer, MergesLongPiecesQuickly) {
  // One 200 KB piece: the reference loop is quadratic here, the heap is not.
  const std::string text(200000, 'a');
  const auto start = std::chrono::steady_clock::now();
  const auto ids = gpt2().encode(text);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // As for 40 of them (expected_ids.jsonl): "aaaa" over and over.
  EXPECT_EQ(ids, std::vector<TokenId>(text.size() / 4, 24794));
  EXPECT_LT(seconds, 5.0);
}

TEST(Gpt2BpeTokenizer, EncodesAMegabyteOfProse) {
  // Words drawn from the expected strings in a random order: many distinct pieces, like prose.
  std::vector<std::string> words;
  for (const auto& c : expectedCases()) {
    std::size_t start = 0;
    for (std::size_t i = 0; i <= c.text.size(); ++i) {
      if (i == c.text.size() || c.text[i] == ' ') {
        if (i > start) words.push_back(c.text.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
  std::string text;
  while (text.size() < (1u << 20)) text += words[pick(rng)] + (rng() % 12 == 0 ? ".\n" : " ");

  const auto start = std::chrono::steady_clock::now();
  const auto ids = gpt2().encode(text);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::testing::Test::RecordProperty("encode_mb_seconds", std::to_string(seconds));
  std::cout << "encoded " << text.size() << " bytes into " << ids.size() << " tokens in " << seconds << " s\n";
  EXPECT_EQ(gpt2().decode(ids), text);
}

TEST(Gpt2BpeTokenizer, EncodesFromSeveralThreadsAtOnce) {
  const auto cases = expectedCases();
  const auto fresh = Gpt2BpeTokenizer::loadVocabAndMerges(kData / "vocab.json", kData / "merges.txt");
  std::vector<int> mismatches(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int pass = 0; pass < 5; ++pass) {
        for (const auto& c : cases) mismatches[t] += fresh->encode(c.text) != c.ids;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, (std::vector<int>{0, 0}));
}

TEST(Gpt2BpeTokenizer, TokenizerJsonGivesTheSameIdsAsVocabAndMerges) {
  testing::TempDir dir;
  const auto fromJson = loadJson(dir, gpt2TokenizerJson());
  EXPECT_EQ(fromJson->vocabSize(), 50257);
  EXPECT_EQ(fromJson->describe(), "GPT-2 byte-level BPE, vocabulary 50257, 50000 merges (tokenizer.json)");
  for (const auto& c : expectedCases()) {
    if (c.text.find("<|endoftext|>") != std::string::npos) continue;
    EXPECT_EQ(fromJson->encode(c.text), c.ids) << json(c.text).dump();
  }
  // Its added token is cut out before BPE, and BPE runs on each side separately.
  EXPECT_EQ(fromJson->encode("a<|endoftext|>b"), (std::vector<TokenId>{64, kEndOfText, 65}));
  EXPECT_EQ(fromJson->encode("<|endoftext|><|endoftext|> the"), (std::vector<TokenId>{kEndOfText, kEndOfText, 262}));
  EXPECT_EQ(fromJson->decode({64, kEndOfText, 65}), "a<|endoftext|>b");
}

TEST(Gpt2BpeTokenizer, FolderWithVocabAndMergesUsesGpt2Defaults) {
  testing::TempDir dir;
  copyGpt2Files(dir.path());
  const auto tokenizer = Gpt2BpeTokenizer::load(dir.path());
  const auto specials = tokenizer->specialTokens();
  EXPECT_EQ(specials.bos, kEndOfText);
  EXPECT_EQ(specials.eos, kEndOfText);
  EXPECT_EQ(specials.unk, kEndOfText);
  EXPECT_FALSE(specials.pad);
  // As Hugging Face's GPT2Tokenizer: the special token is matched in text.
  EXPECT_EQ(tokenizer->encode("hello<|endoftext|>"), (std::vector<TokenId>{31373, kEndOfText}));
  EXPECT_EQ(tokenizer->encode("Hello world"), (std::vector<TokenId>{15496, 995}));
}

TEST(Gpt2BpeTokenizer, FolderConfigsNameTheSpecialTokensInOrder) {
  testing::TempDir dir;
  copyGpt2Files(dir.path());
  writeFile(dir / "config.json",
            R"({"bos_token_id": 50256, "eos_token_id": 0, "pad_token_id": [13, 14], "unk_token_id": 50256})");
  writeFile(dir / "tokenizer_config.json", R"({"eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>"})");
  writeFile(dir / "special_tokens_map.json",
            R"({"bos_token": null, "unk_token": {"content": "<|unk|>", "lstrip": false}})");
  writeFile(dir / "added_tokens.json", R"({"<|unk|>": 50257})");
  const auto tokenizer = Gpt2BpeTokenizer::load(dir.path());
  const auto specials = tokenizer->specialTokens();
  EXPECT_FALSE(specials.bos);          // special_tokens_map.json says none, over config.json
  EXPECT_EQ(specials.eos, kEndOfText);  // tokenizer_config.json, over config.json
  EXPECT_EQ(specials.pad, 13);         // config.json, the first of a list
  EXPECT_EQ(specials.unk, 50257);      // special_tokens_map.json, over tokenizer_config.json
  EXPECT_EQ(tokenizer->vocabSize(), 50258);
  EXPECT_EQ(tokenizer->piece(50257), "<|unk|>");
  EXPECT_EQ(tokenizer->encode("x<|unk|>y<|endoftext|>"), (std::vector<TokenId>{87, 50257, 88, kEndOfText}));
  EXPECT_EQ(tokenizer->decode({87, 50257, 88}), "x<|unk|>y");
}

TEST(Gpt2BpeTokenizer, FolderReadsTheAddedTokensOfTokenizerConfig) {
  testing::TempDir dir;
  copyGpt2Files(dir.path());
  writeFile(dir / "tokenizer_config.json",
            R"({"added_tokens_decoder": {"50257": {"content": "<|im_start|>", "lstrip": false, "rstrip": false,
                "single_word": false, "special": true}}})");
  const auto tokenizer = Gpt2BpeTokenizer::load(dir.path());
  EXPECT_EQ(tokenizer->encode("<|im_start|>hello"), (std::vector<TokenId>{50257, 31373}));
}

TEST(Gpt2BpeTokenizer, FolderPrefersTokenizerJson) {
  testing::TempDir dir;
  copyGpt2Files(dir.path());
  auto tokenizer = gpt2TokenizerJson();
  tokenizer["pre_tokenizer"]["add_prefix_space"] = true;
  writeFile(dir / "tokenizer.json", tokenizer.dump());
  const auto loaded = Gpt2BpeTokenizer::load(dir.path());
  EXPECT_NE(loaded->describe().find("tokenizer.json"), std::string::npos);
  // ByteLevel's add_prefix_space: each run of text between added tokens gains one space,
  // unless it starts with one.
  EXPECT_EQ(loaded->encode("hello"), (std::vector<TokenId>{23748}));
  EXPECT_EQ(loaded->encode(" hello"), (std::vector<TokenId>{23748}));
  EXPECT_EQ(loaded->encode("hello<|endoftext|>hello"), (std::vector<TokenId>{23748, kEndOfText, 23748}));
  EXPECT_EQ(loaded->specialTokens().eos, kEndOfText);
}

TEST(Gpt2BpeTokenizer, SlowTokenizerPrefixSpaceIsAddedToTheWholeText) {
  testing::TempDir dir;
  copyGpt2Files(dir.path());
  writeFile(dir / "tokenizer_config.json", R"({"add_prefix_space": true})");
  const auto tokenizer = Gpt2BpeTokenizer::load(dir.path());
  EXPECT_EQ(tokenizer->encode("hello"), (std::vector<TokenId>{23748}));
  EXPECT_EQ(tokenizer->encode(" hello"), (std::vector<TokenId>{220, 23748}));
  EXPECT_EQ(tokenizer->encode("hello<|endoftext|>hello"), (std::vector<TokenId>{23748, kEndOfText, 31373}));
}

TEST(Gpt2BpeTokenizer, AddedTokenOptions) {
  testing::TempDir dir;
  auto tokenizer = gpt2TokenizerJson();
  auto& added = tokenizer["added_tokens"];
  added.push_back({{"id", 50257}, {"content", "<mask>"}, {"lstrip", true}});
  added.push_back({{"id", 50258}, {"content", "<r>"}, {"rstrip", true}});
  added.push_back({{"id", 50259}, {"content", "<w>"}, {"single_word", true}});
  added.push_back({{"id", 50260}, {"content", "ab"}});
  added.push_back({{"id", 50261}, {"content", "abc"}});
  const auto loaded = loadJson(dir, tokenizer);
  EXPECT_EQ(loaded->encode("a <mask> b"), (std::vector<TokenId>{64, 50257, 275}));
  EXPECT_EQ(loaded->encode("x<r> \n y"), (std::vector<TokenId>{87, 50258, 88}));
  EXPECT_EQ(loaded->encode("x <w> y"), (std::vector<TokenId>{87, 220, 50259, 331}));
  EXPECT_EQ(loaded->encode("x<w>y"), gpt2().encode("x<w>y"));
  // Leftmost first, then longest.
  EXPECT_EQ(loaded->encode("xabcx"), (std::vector<TokenId>{87, 50261, 87}));
  EXPECT_EQ(loaded->encode("xab"), (std::vector<TokenId>{87, 50260}));
}

TEST(Gpt2BpeTokenizer, MergesOnePairEverywhereBeforeThePairsItCreates) {
  // Merges whose ranks are out of order: "ab a" ranks before "a b". GPT-2's loop merges every
  // "a b" of "abab" in one pass, giving ab|ab; merging the new pair "ab a" as soon as it appears
  // would give aba|b.
  testing::TempDir dir;
  const auto tokenizer = loadJson(dir, tinyTokenizerJson({"ab", "aba"}, {"ab a", "a b"}));
  EXPECT_EQ(tokenizer->encode("abab"), (std::vector<TokenId>{256, 256}));
  EXPECT_EQ(tokenizer->encode("aba"), (std::vector<TokenId>{257}));
  EXPECT_EQ(tokenizer->describe(), "GPT-2 byte-level BPE, vocabulary 258, 2 merges (tokenizer.json)");
}

TEST(Gpt2BpeTokenizer, IgnoreMergesTakesAWholePieceFromTheVocabulary) {
  testing::TempDir dir;
  auto tokenizer = tinyTokenizerJson({"bc", "abc"}, {"b c"});
  EXPECT_EQ(loadJson(dir, tokenizer)->encode("abc"), (std::vector<TokenId>{'a', 256}));
  tokenizer["model"]["ignore_merges"] = true;
  EXPECT_EQ(loadJson(dir, tokenizer)->encode("abc"), (std::vector<TokenId>{257}));
  EXPECT_EQ(loadJson(dir, tokenizer)->encode("abcd"), (std::vector<TokenId>{'a', 256, 'd'}));
}

TEST(Gpt2BpeTokenizer, MalformedVocabAndMergesNameTheFile) {
  testing::TempDir dir;
  const auto vocab = dir / "vocab.json";
  const auto merges = dir / "merges.txt";
  const auto load = [&] { Gpt2BpeTokenizer::loadVocabAndMerges(vocab, merges); };
  json tiny = tinyTokenizerJson({"ab"}, json::array())["model"]["vocab"];
  writeFile(merges, "#version: 0.2\na b\n");

  EXPECT_NE(loadError(load).find(vocab.string() + ": no such file"), std::string::npos);
  writeFile(vocab, "{\"a\": 1,");
  EXPECT_NE(loadError(load).find(vocab.string() + ": not valid JSON"), std::string::npos);
  writeFile(vocab, "[1, 2]");
  EXPECT_NE(loadError(load).find("not an object mapping tokens to ids"), std::string::npos);
  auto bad = tiny;
  bad["ab"] = "x";
  writeFile(vocab, bad.dump());
  EXPECT_NE(loadError(load).find("the id of \"ab\" is not an integer token id"), std::string::npos);
  bad["ab"] = -3;
  writeFile(vocab, bad.dump());
  EXPECT_NE(loadError(load).find("the id of \"ab\" is negative"), std::string::npos);
  bad["ab"] = 97;
  writeFile(vocab, bad.dump());
  EXPECT_NE(loadError(load).find("id 97 is given to both"), std::string::npos);
  bad = tiny;
  bad.erase(byte_level::charFor('\n'));
  writeFile(vocab, bad.dump());
  EXPECT_NE(loadError(load).find("no token for byte 0x0A"), std::string::npos);

  writeFile(vocab, tiny.dump());
  ASSERT_EQ(Gpt2BpeTokenizer::loadVocabAndMerges(vocab, merges)->encode("abab"), (std::vector<TokenId>{256, 256}));
  writeFile(merges, "#version: 0.2\na b\nb c d\n");
  EXPECT_NE(loadError(load).find(merges.string() + ": line 3: expected two tokens separated by one space"),
            std::string::npos);
  writeFile(merges, "a b\n b\n");
  EXPECT_NE(loadError(load).find("line 2: expected two tokens"), std::string::npos);
  writeFile(merges, "#version: 0.2\na b\nb c\n");
  EXPECT_NE(loadError(load).find(merges.string() + ": line 3: \"bc\" is not in the vocabulary"), std::string::npos);
}

TEST(Gpt2BpeTokenizer, UnsupportedTokenizerJsonSaysWhat) {
  testing::TempDir dir;
  const auto base = tinyTokenizerJson({"ab"}, {"a b"});
  const auto errorWith = [&](const std::function<void(json&)>& change) {
    auto tokenizer = base;
    change(tokenizer);
    return loadError([&] { loadJson(dir, tokenizer); });
  };
  const auto file = (dir / "tokenizer.json").string();
  EXPECT_NE(errorWith([](json& t) { t["model"]["type"] = "WordPiece"; })
                .find(file + ": model \"WordPiece\" is not supported (only a BPE model with a ByteLevel pre-tokenizer)"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["pre_tokenizer"] = {{"type", "Metaspace"}}; })
                .find("pre_tokenizer \"Metaspace\" is not supported"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["pre_tokenizer"] = nullptr; }).find("pre_tokenizer \"null\" is not supported"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["normalizer"] = {{"type", "NFC"}}; }).find("normalizer \"NFC\" is not supported"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["decoder"] = {{"type", "WordPiece"}}; }).find("decoder \"WordPiece\""),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["pre_tokenizer"]["use_regex"] = false; }).find("use_regex false"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["model"]["dropout"] = 0.1; }).find("model.dropout 0.1 is not supported"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["model"]["continuing_subword_prefix"] = "##"; })
                .find("model.continuing_subword_prefix \"##\" is not supported"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["model"]["merges"][0] = "a b c"; }).find("model.merges[0]: expected"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["model"]["merges"][0] = json::array({"a", "z"}); })
                .find("model.merges[0]: \"az\" is not in the vocabulary"),
            std::string::npos);
  EXPECT_NE(errorWith([](json& t) { t["added_tokens"] = json::array({{{"content", "<x>"}}}); })
                .find("added_tokens[0] is not an object with an id"),
            std::string::npos);
  writeFile(dir / "tokenizer.json", "not json");
  EXPECT_NE(loadError([&] { Gpt2BpeTokenizer::loadTokenizerJson(dir / "tokenizer.json"); })
                .find(file + ": not valid JSON: [json.exception.parse_error.101] parse error at line 1"),
            std::string::npos);
}

TEST(Gpt2BpeTokenizer, MalformedFolderConfigsNameTheFile) {
  testing::TempDir dir;
  EXPECT_NE(loadError([&] { Gpt2BpeTokenizer::load(dir / "missing"); }).find("no such model folder"),
            std::string::npos);
  EXPECT_NE(loadError([&] { Gpt2BpeTokenizer::load(dir.path()); })
                .find("neither tokenizer.json nor vocab.json + merges.txt is there"),
            std::string::npos);
  copyGpt2Files(dir.path());
  writeFile(dir / "config.json", R"({"eos_token_id": 60000})");
  EXPECT_NE(loadError([&] { Gpt2BpeTokenizer::load(dir.path()); })
                .find((dir / "config.json").string() + ": eos_token_id 60000 is not a token of the vocabulary"),
            std::string::npos);
  writeFile(dir / "config.json", "{}");
  writeFile(dir / "tokenizer_config.json", R"({"pad_token": "<pad>"})");
  EXPECT_NE(loadError([&] { Gpt2BpeTokenizer::load(dir.path()); })
                .find((dir / "tokenizer_config.json").string() +
                      ": pad_token \"<pad>\" is neither in the vocabulary nor an added token"),
            std::string::npos);
  writeFile(dir / "tokenizer_config.json", R"({"add_prefix_space": "yes"})");
  EXPECT_NE(loadError([&] { Gpt2BpeTokenizer::load(dir.path()); }).find("add_prefix_space is not true or false"),
            std::string::npos);
  writeFile(dir / "tokenizer_config.json", "{}");
  writeFile(dir / "added_tokens.json", R"({"<pad>": "50257"})");
  EXPECT_NE(loadError([&] { Gpt2BpeTokenizer::load(dir.path()); })
                .find((dir / "added_tokens.json").string() + ": the id of \"<pad>\" is not an integer token id"),
            std::string::npos);
}

}  // namespace
}  // namespace pwb::text
