#include "text/gpt2_bpe_tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "text/byte_level_unicode.h"
#include "text/pretokenizer.h"
#include "text/unicode_classes.h"
#include "text/utf8.h"

namespace pwb::text {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Ids index vectors; this bounds what a malformed file can make us allocate (real vocabularies
// stay below 300,000).
constexpr TokenId kMaxId = TokenId{1} << 24;
// Pieces recur (" the", ","), so their ids are cached; the cache starts over at this many.
constexpr std::size_t kCacheLimit = 100000;
// Longer pieces are rarely repeated and would only bloat the cache.
constexpr std::size_t kCacheMaxPieceBytes = 64;
const std::string kGpt2EndOfText = "<|endoftext|>";

[[noreturn]] void fail(const fs::path& file, const std::string& what) {
  throw std::runtime_error(file.string() + ": " + what);
}

std::string inQuotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

json readJson(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, "cannot open the file");
  try {
    return json::parse(in);
  } catch (const json::parse_error& e) {
    fail(file, std::string("not valid JSON: ") + e.what());
  }
}

// A non-negative id below kMaxId, or a failure naming what it is.
TokenId readId(const json& value, const fs::path& file, const std::string& what) {
  if (!value.is_number_integer()) fail(file, what + " is not an integer token id (" + value.dump() + ")");
  if (value.is_number_unsigned() ? value.get<std::uint64_t>() >= static_cast<std::uint64_t>(kMaxId)
                                 : value.get<std::int64_t>() >= kMaxId) {
    fail(file, what + " is too large (" + value.dump() + ")");
  }
  if (!value.is_number_unsigned() && value.get<std::int64_t>() < 0) {
    fail(file, what + " is negative (" + value.dump() + ")");
  }
  return value.get<TokenId>();
}

// object[key] as a flag; absent or null is false. what names the object in messages.
bool readFlag(const json& object, const char* key, const fs::path& file, const std::string& what) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) fail(file, (what.empty() ? "" : what + ".") + key + " is not true or false");
  return it->get<bool>();
}

struct AddedToken {
  std::string content;
  TokenId id = 0;
  bool lstrip = false;      // absorbs the whitespace before it
  bool rstrip = false;      // absorbs the whitespace after it
  bool singleWord = false;  // matches only where no letter, digit or '_' touches it
};

// An added-token object ({"content": ..., "lstrip": ..., ...}); the id comes from elsewhere.
AddedToken readAddedToken(const json& object, TokenId id, const fs::path& file, const std::string& what) {
  const auto content = object.find("content");
  if (content == object.end() || !content->is_string() || content->get<std::string>().empty()) {
    fail(file, what + " has no \"content\" text");
  }
  return {content->get<std::string>(), id, readFlag(object, "lstrip", file, what),
          readFlag(object, "rstrip", file, what), readFlag(object, "single_word", file, what)};
}

bool isWordChar(char32_t code) {
  return code == U'_' || unicode::isLetter(code) || unicode::isNumber(code);
}

// Start of the character that ends just before pos (pos > 0).
std::size_t previousCharStart(std::string_view text, std::size_t pos) {
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return start;
}

bool endsWithWordChar(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  const auto unit = utf8::decodeAt(text, previousCharStart(text, pos));
  return unit.valid && isWordChar(unit.code);
}

bool startsWithWordChar(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  const auto unit = utf8::decodeAt(text, pos);
  return unit.valid && isWordChar(unit.code);
}

std::uint64_t pairKey(TokenId left, TokenId right) {
  return (static_cast<std::uint64_t>(left) << 32) | static_cast<std::uint64_t>(right);
}

}  // namespace

struct Gpt2BpeTokenizer::Impl {
  struct Merge {
    std::int32_t rank;
    TokenId result;
  };
  // How a leading space is added before pre-tokenisation.
  enum class PrefixSpace {
    None,
    WholeText,    // Hugging Face's slow GPT2Tokenizer with add_prefix_space: " " + text, always
    EachSegment,  // tokenizer.json's ByteLevel add_prefix_space: each text run without one
  };

  std::unordered_map<std::string, TokenId> vocab;  // byte-level piece -> id
  std::vector<std::string> pieces;                 // id -> piece; empty: no such id
  std::vector<std::string> bytesOf;                // id -> the text it decodes to
  std::array<TokenId, 256> byteIds{};
  std::unordered_map<std::uint64_t, Merge> merges;  // keyed by pairKey(left id, right id)
  std::size_t mergeCount = 0;
  std::vector<AddedToken> added;
  SpecialTokens specials;
  PrefixSpace prefixSpace = PrefixSpace::None;
  bool ignoreMerges = false;  // a piece that is itself a token is not split by merges
  std::string source;

  mutable std::mutex cacheMutex;
  mutable std::unordered_map<std::string, std::vector<TokenId>> cache;

  static std::unique_ptr<Impl> fromVocabAndMerges(const fs::path& vocabJson, const fs::path& mergesTxt);
  static std::unique_ptr<Impl> fromTokenizerJson(const fs::path& file);
  void readFolderAddedTokens(const fs::path& folder, const json& tokenizerConfig);
  void readSpecialTokens(const fs::path& folder, const json& tokenizerConfig);

  bool hasId(TokenId id) const {
    return id >= 0 && id < static_cast<TokenId>(pieces.size()) && !pieces[static_cast<std::size_t>(id)].empty();
  }

  void setToken(TokenId id, const std::string& piece, std::string bytes) {
    const auto index = static_cast<std::size_t>(id);
    if (index >= pieces.size()) {
      pieces.resize(index + 1);
      bytesOf.resize(index + 1);
    }
    pieces[index] = piece;
    bytesOf[index] = std::move(bytes);
  }

  void readVocab(const json& object, const fs::path& file, const std::string& where) {
    if (!object.is_object()) fail(file, where + " is not an object mapping tokens to ids");
    for (const auto& [token, value] : object.items()) {
      if (token.empty()) fail(file, where + " has an empty token");
      const auto id = readId(value, file, "the id of " + inQuotes(token));
      if (hasId(id)) {
        fail(file, "id " + std::to_string(id) + " is given to both " + inQuotes(pieces[static_cast<std::size_t>(id)]) +
                       " and " + inQuotes(token));
      }
      // A piece outside the byte map (e.g. a raw "<|endoftext|>") decodes as itself.
      setToken(id, token, byte_level::decode(token).value_or(token));
      vocab.emplace(token, id);
    }
    for (unsigned b = 0; b < 256; ++b) {
      const auto it = vocab.find(byte_level::charFor(static_cast<unsigned char>(b)));
      if (it == vocab.end()) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", b);
        fail(file, std::string("no token for byte ") + hex + " (" +
                       inQuotes(byte_level::charFor(static_cast<unsigned char>(b))) +
                       "); a byte-level BPE vocabulary has all 256");
      }
      byteIds[b] = it->second;
    }
  }

  TokenId vocabId(const std::string& token, const fs::path& file, const std::string& where) const {
    const auto it = vocab.find(token);
    if (it == vocab.end()) fail(file, where + ": " + inQuotes(token) + " is not in the vocabulary");
    return it->second;
  }

  // Merges in rank order; a repeated pair keeps its last rank, as GPT-2's encoder does.
  void addMerge(const std::string& left, const std::string& right, const fs::path& file, const std::string& where) {
    const auto leftId = vocabId(left, file, where);
    const auto rightId = vocabId(right, file, where);
    const auto result = vocabId(left + right, file, where);
    merges.insert_or_assign(pairKey(leftId, rightId), Merge{static_cast<std::int32_t>(mergeCount++), result});
  }

  void readMergesTxt(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) fail(file, "cannot open the file");
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || (number == 1 && line.rfind("#version", 0) == 0)) continue;
      const auto space = line.find(' ');
      if (space == 0 || space == std::string::npos || space + 1 == line.size() ||
          line.find(' ', space + 1) != std::string::npos) {
        fail(file, "line " + std::to_string(number) + ": expected two tokens separated by one space, found " +
                       inQuotes(line));
      }
      addMerge(line.substr(0, space), line.substr(space + 1), file, "line " + std::to_string(number));
    }
  }

  void addMatched(AddedToken token) {
    const bool known = std::any_of(added.begin(), added.end(),
                                   [&](const AddedToken& a) { return a.content == token.content; });
    if (known) return;
    setToken(token.id, token.content, token.content);
    added.push_back(std::move(token));
  }

  std::optional<TokenId> idOfText(const std::string& content) const {
    for (const auto& a : added) {
      if (a.content == content) return a.id;
    }
    const auto it = vocab.find(content);
    if (it != vocab.end()) return it->second;
    return std::nullopt;
  }

  // ---- encoding ----

  // BPE on one piece's bytes. Equivalent to GPT-2's loop (merge the lowest-ranked adjacent pair
  // everywhere, left to right, then look again) in O(n log n): a heap of candidate pairs by
  // (rank, position); pairs a merge creates join the heap only after every occurrence of the
  // current rank is merged, exactly as GPT-2's pass over the old word does.
  std::vector<TokenId> mergePiece(std::string_view raw) const {
    struct Symbol {
      TokenId id;  // -1 once merged into its left neighbour
      int next;    // -1 at the end
      int prev;
    };
    struct Candidate {
      std::int32_t rank;
      int left;
      int right;
      TokenId leftId;
      TokenId rightId;
      TokenId result;
      bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : left > o.left; }
    };

    const int n = static_cast<int>(raw.size());
    std::vector<Symbol> symbols(raw.size());
    for (int i = 0; i < n; ++i) {
      symbols[i] = {byteIds[static_cast<unsigned char>(raw[i])], i + 1 < n ? i + 1 : -1, i - 1};
    }
    const auto candidateAt = [&](int left, std::vector<Candidate>& into) {
      const int right = symbols[left].next;
      if (right < 0) return;
      const auto it = merges.find(pairKey(symbols[left].id, symbols[right].id));
      if (it == merges.end()) return;
      into.push_back({it->second.rank, left, right, symbols[left].id, symbols[right].id, it->second.result});
    };

    std::vector<Candidate> heap;
    for (int i = 0; i + 1 < n; ++i) candidateAt(i, heap);
    const std::greater<Candidate> later;
    std::make_heap(heap.begin(), heap.end(), later);
    std::vector<Candidate> created;
    while (!heap.empty()) {
      const auto rank = heap.front().rank;
      while (!heap.empty() && heap.front().rank == rank) {
        std::pop_heap(heap.begin(), heap.end(), later);
        const auto c = heap.back();
        heap.pop_back();
        auto& left = symbols[c.left];
        auto& right = symbols[c.right];
        // Stale when either side has merged since the candidate was made.
        if (left.id != c.leftId || left.next != c.right || right.id != c.rightId) continue;
        left.id = c.result;
        left.next = right.next;
        if (right.next >= 0) symbols[right.next].prev = c.left;
        right.id = -1;
        if (left.prev >= 0) candidateAt(left.prev, created);
        candidateAt(c.left, created);
      }
      for (const auto& c : created) {
        heap.push_back(c);
        std::push_heap(heap.begin(), heap.end(), later);
      }
      created.clear();
    }

    std::vector<TokenId> ids;
    for (int i = 0; i >= 0; i = symbols[i].next) ids.push_back(symbols[i].id);
    return ids;
  }

  std::vector<TokenId> encodePiece(std::string_view raw) const {
    if (raw.size() == 1) return {byteIds[static_cast<unsigned char>(raw[0])]};
    if (ignoreMerges) {
      const auto it = vocab.find(byte_level::encode(raw));
      if (it != vocab.end()) return {it->second};
    }
    return mergePiece(raw);
  }

  void appendPiece(std::string_view raw, std::vector<TokenId>& out) const {
    if (raw.size() > kCacheMaxPieceBytes) {
      const auto ids = encodePiece(raw);
      out.insert(out.end(), ids.begin(), ids.end());
      return;
    }
    const std::string key(raw);
    {
      const std::lock_guard<std::mutex> lock(cacheMutex);
      const auto it = cache.find(key);
      if (it != cache.end()) {
        out.insert(out.end(), it->second.begin(), it->second.end());
        return;
      }
    }
    auto ids = encodePiece(raw);
    out.insert(out.end(), ids.begin(), ids.end());
    const std::lock_guard<std::mutex> lock(cacheMutex);
    if (cache.size() >= kCacheLimit) cache.clear();
    cache.emplace(key, std::move(ids));
  }

  void encodeRun(std::string_view run, std::vector<TokenId>& out) const {
    if (run.empty()) return;
    if (prefixSpace == PrefixSpace::EachSegment && run.front() != ' ') {
      const std::string spaced = " " + std::string(run);
      for (const auto piece : splitGpt2Pattern(spaced)) appendPiece(piece, out);
      return;
    }
    for (const auto piece : splitGpt2Pattern(run)) appendPiece(piece, out);
  }

  // The leftmost (then longest) added token at or after `from` that is allowed there:
  // {start, end, id} where [start, end) includes the whitespace lstrip/rstrip absorb.
  struct Match {
    std::size_t start;
    std::size_t end;
    TokenId id;
  };
  std::optional<Match> nextAddedToken(std::string_view text, std::size_t from,
                                      std::vector<std::size_t>& nextAt) const {
    std::optional<std::size_t> best;
    for (std::size_t t = 0; t < added.size(); ++t) {
      const auto& token = added[t];
      auto& at = nextAt[t];
      if (at != std::string_view::npos && at < from) at = text.find(token.content, from);
      while (at != std::string_view::npos && token.singleWord &&
             (endsWithWordChar(text, at) || startsWithWordChar(text, at + token.content.size()))) {
        at = text.find(token.content, at + 1);
      }
      if (at == std::string_view::npos) continue;
      if (!best || at < nextAt[*best] ||
          (at == nextAt[*best] && token.content.size() > added[*best].content.size())) {
        best = t;
      }
    }
    if (!best) return std::nullopt;
    const auto& token = added[*best];
    std::size_t start = nextAt[*best];
    std::size_t end = start + token.content.size();
    while (token.lstrip && start > from) {
      const auto prev = previousCharStart(text, start);
      const auto unit = utf8::decodeAt(text, prev);
      if (!unit.valid || !unicode::isWhitespace(unit.code)) break;
      start = prev;
    }
    while (token.rstrip && end < text.size()) {
      const auto unit = utf8::decodeAt(text, end);
      if (!unit.valid || !unicode::isWhitespace(unit.code)) break;
      end += unit.size;
    }
    return Match{start, end, token.id};
  }

  std::vector<TokenId> encode(std::string_view input) const {
    std::string prefixed;
    if (prefixSpace == PrefixSpace::WholeText) {
      prefixed = " " + std::string(input);
      input = prefixed;
    }
    std::vector<TokenId> out;
    out.reserve(input.size() / 3);
    // Where each added token occurs next; searched again only once the text is past it.
    std::vector<std::size_t> nextAt;
    for (const auto& token : added) nextAt.push_back(input.find(token.content));
    std::size_t pos = 0;
    while (const auto match = nextAddedToken(input, pos, nextAt)) {
      encodeRun(input.substr(pos, match->start - pos), out);
      out.push_back(match->id);
      pos = match->end;
    }
    encodeRun(input.substr(pos), out);
    return out;
  }
};

namespace {

void requireFile(const fs::path& file) {
  if (!fs::is_regular_file(file)) fail(file, "no such file");
}

// What a tokenizer.json field holds, for messages: its "type", or a short dump.
std::string typeOf(const json& value) {
  if (value.is_object() && value.contains("type") && value["type"].is_string()) return value["type"].get<std::string>();
  return value.dump().substr(0, 60);
}

struct Role {
  const char* name;
  std::optional<TokenId> SpecialTokens::*slot;
  bool gpt2Default;  // GPT2Tokenizer's default is "<|endoftext|>"
};
constexpr Role kRoles[] = {{"bos", &SpecialTokens::bos, true},
                           {"eos", &SpecialTokens::eos, true},
                           {"pad", &SpecialTokens::pad, false},
                           {"unk", &SpecialTokens::unk, true}};

}  // namespace

auto Gpt2BpeTokenizer::Impl::fromVocabAndMerges(const fs::path& vocabJson, const fs::path& mergesTxt)
    -> std::unique_ptr<Impl> {
  requireFile(vocabJson);
  requireFile(mergesTxt);
  auto impl = std::make_unique<Impl>();
  impl->readVocab(readJson(vocabJson), vocabJson, "the file");
  impl->readMergesTxt(mergesTxt);
  impl->source = "vocab.json + merges.txt";
  return impl;
}

auto Gpt2BpeTokenizer::Impl::fromTokenizerJson(const fs::path& file) -> std::unique_ptr<Impl> {
  requireFile(file);
  const auto root = readJson(file);
  if (!root.is_object()) fail(file, "not a tokenizer.json object");
  const std::string supported = " is not supported (only a BPE model with a ByteLevel pre-tokenizer)";

  const auto model = root.value("model", json());
  if (!model.is_object() || model.value("type", std::string()) != "BPE") {
    fail(file, "model " + inQuotes(typeOf(model)) + supported);
  }
  const auto normalizer = root.value("normalizer", json());
  if (!normalizer.is_null()) fail(file, "normalizer " + inQuotes(typeOf(normalizer)) + supported);
  const auto pre = root.value("pre_tokenizer", json());
  if (!pre.is_object() || pre.value("type", std::string()) != "ByteLevel") {
    fail(file, "pre_tokenizer " + inQuotes(typeOf(pre)) + supported);
  }
  if (pre.contains("use_regex") && pre["use_regex"] == false) {
    fail(file, "pre_tokenizer ByteLevel without GPT-2's pattern (use_regex false) is not supported");
  }
  const auto decoder = root.value("decoder", json());
  if (!decoder.is_null() && (!decoder.is_object() || decoder.value("type", std::string()) != "ByteLevel")) {
    fail(file, "decoder " + inQuotes(typeOf(decoder)) + supported);
  }
  const auto dropout = model.value("dropout", json());
  if (!dropout.is_null() && !(dropout.is_number() && dropout.get<double>() == 0.0)) {
    fail(file, "model.dropout " + dropout.dump() + " is not supported (encoding must be deterministic)");
  }
  for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
    const auto value = model.value(key, json());
    if (!value.is_null() && !(value.is_string() && value.get<std::string>().empty())) {
      fail(file, std::string("model.") + key + " " + value.dump() + " is not supported");
    }
  }
  if (readFlag(model, "byte_fallback", file, "model")) fail(file, "model.byte_fallback true is not supported");

  auto impl = std::make_unique<Impl>();
  impl->readVocab(model.value("vocab", json()), file, "model.vocab");
  const auto merges = model.value("merges", json());
  if (!merges.is_array()) fail(file, "model.merges is not a list");
  for (std::size_t i = 0; i < merges.size(); ++i) {
    const auto& m = merges[i];
    const auto where = "model.merges[" + std::to_string(i) + "]";
    if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
      impl->addMerge(m[0].get<std::string>(), m[1].get<std::string>(), file, where);
      continue;
    }
    const auto text = m.is_string() ? m.get<std::string>() : std::string();
    const auto space = text.find(' ');
    if (space == 0 || space == std::string::npos || space + 1 == text.size() ||
        text.find(' ', space + 1) != std::string::npos) {
      fail(file, where + ": expected \"left right\" or [\"left\", \"right\"], found " + m.dump());
    }
    impl->addMerge(text.substr(0, space), text.substr(space + 1), file, where);
  }
  impl->ignoreMerges = readFlag(model, "ignore_merges", file, "model");
  if (readFlag(pre, "add_prefix_space", file, "pre_tokenizer")) impl->prefixSpace = Impl::PrefixSpace::EachSegment;

  const auto added = root.value("added_tokens", json::array());
  if (!added.is_array()) fail(file, "added_tokens is not a list");
  for (std::size_t i = 0; i < added.size(); ++i) {
    const auto where = "added_tokens[" + std::to_string(i) + "]";
    if (!added[i].is_object() || !added[i].contains("id")) fail(file, where + " is not an object with an id");
    impl->addMatched(readAddedToken(added[i], readId(added[i]["id"], file, where + ".id"), file, where));
  }
  impl->source = "tokenizer.json";
  return impl;
}

// added_tokens.json and tokenizer_config.json's added_tokens_decoder, which a folder without
// tokenizer.json uses for the tokens added after training.
void Gpt2BpeTokenizer::Impl::readFolderAddedTokens(const fs::path& folder, const json& tokenizerConfig) {
  const auto addedFile = folder / "added_tokens.json";
  if (fs::is_regular_file(addedFile)) {
    const auto tokens = readJson(addedFile);
    if (!tokens.is_object()) fail(addedFile, "not an object mapping tokens to ids");
    for (const auto& [content, id] : tokens.items()) {
      if (content.empty()) fail(addedFile, "has an empty token");
      addMatched({content, readId(id, addedFile, "the id of " + inQuotes(content))});
    }
  }
  const auto decoder = tokenizerConfig.value("added_tokens_decoder", json::object());
  const auto configFile = folder / "tokenizer_config.json";
  if (!decoder.is_object()) fail(configFile, "added_tokens_decoder is not an object");
  for (const auto& [key, object] : decoder.items()) {
    const auto where = "added_tokens_decoder[" + inQuotes(key) + "]";
    TokenId id = 0;
    try {
      id = readId(json::parse(key), configFile, where);
    } catch (const json::parse_error&) {
      fail(configFile, where + ": the key is not a token id");
    }
    if (!object.is_object()) fail(configFile, where + " is not an object");
    addMatched(readAddedToken(object, id, configFile, where));
  }
}

// Special tokens as the folder's configs name them (see load() in the header).
void Gpt2BpeTokenizer::Impl::readSpecialTokens(const fs::path& folder, const json& tokenizerConfig) {
  const auto mapFile = folder / "special_tokens_map.json";
  const auto configFile = folder / "tokenizer_config.json";
  const auto modelConfigFile = folder / "config.json";
  const auto specialMap = fs::is_regular_file(mapFile) ? readJson(mapFile) : json::object();
  const auto modelConfig = fs::is_regular_file(modelConfigFile) ? readJson(modelConfigFile) : json::object();
  if (!specialMap.is_object()) fail(mapFile, "not a JSON object");
  if (!modelConfig.is_object()) fail(modelConfigFile, "not a JSON object");

  for (const auto& role : kRoles) {
    auto& slot = specials.*role.slot;
    const std::string key = std::string(role.name) + "_token";
    bool decided = false;
    for (const auto& [file, config] : {std::pair{mapFile, &specialMap}, std::pair{configFile, &tokenizerConfig}}) {
      if (!config->contains(key)) continue;
      decided = true;
      const auto& value = (*config)[key];
      if (value.is_null()) break;
      auto token = value.is_string() ? AddedToken{value.get<std::string>()} : readAddedToken(value, 0, file, key);
      if (token.content.empty()) fail(file, key + " is empty");
      const auto id = idOfText(token.content);
      if (!id) fail(file, key + " " + inQuotes(token.content) + " is neither in the vocabulary nor an added token");
      token.id = *id;
      slot = *id;
      addMatched(std::move(token));
      break;
    }
    const auto idKey = key + "_id";
    if (!decided && modelConfig.contains(idKey)) {
      decided = true;
      auto value = modelConfig[idKey];
      if (value.is_array() && !value.empty()) value = value[0];
      if (!value.is_null()) {
        const auto id = readId(value, modelConfigFile, idKey);
        if (!hasId(id)) {
          fail(modelConfigFile, idKey + " " + std::to_string(id) + " is not a token of the vocabulary");
        }
        slot = id;
      }
    }
    if (!decided && role.gpt2Default) {
      if (const auto id = idOfText(kGpt2EndOfText)) {
        slot = *id;
        addMatched({kGpt2EndOfText, *id});
      }
    }
  }
}

Gpt2BpeTokenizer::Gpt2BpeTokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gpt2BpeTokenizer::~Gpt2BpeTokenizer() = default;

std::unique_ptr<Gpt2BpeTokenizer> Gpt2BpeTokenizer::load(const fs::path& folder) {
  if (!fs::is_directory(folder)) fail(folder, "no such model folder");
  const auto configFile = folder / "tokenizer_config.json";
  const auto tokenizerConfig = fs::is_regular_file(configFile) ? readJson(configFile) : json::object();
  if (!tokenizerConfig.is_object()) fail(configFile, "not a JSON object");

  std::unique_ptr<Impl> impl;
  if (fs::is_regular_file(folder / "tokenizer.json")) {
    impl = Impl::fromTokenizerJson(folder / "tokenizer.json");
  } else if (fs::is_regular_file(folder / "vocab.json") && fs::is_regular_file(folder / "merges.txt")) {
    impl = Impl::fromVocabAndMerges(folder / "vocab.json", folder / "merges.txt");
    impl->readFolderAddedTokens(folder, tokenizerConfig);
    if (readFlag(tokenizerConfig, "add_prefix_space", configFile, "")) {
      impl->prefixSpace = Impl::PrefixSpace::WholeText;
    }
  } else {
    fail(folder, "neither tokenizer.json nor vocab.json + merges.txt is there (not a GPT-2 BPE tokenizer folder)");
  }
  impl->readSpecialTokens(folder, tokenizerConfig);
  impl->source = (folder / impl->source).string();
  return std::unique_ptr<Gpt2BpeTokenizer>(new Gpt2BpeTokenizer(std::move(impl)));
}

std::unique_ptr<Gpt2BpeTokenizer> Gpt2BpeTokenizer::loadVocabAndMerges(const fs::path& vocab_json,
                                                                       const fs::path& merges_txt) {
  return std::unique_ptr<Gpt2BpeTokenizer>(new Gpt2BpeTokenizer(Impl::fromVocabAndMerges(vocab_json, merges_txt)));
}

std::unique_ptr<Gpt2BpeTokenizer> Gpt2BpeTokenizer::loadTokenizerJson(const fs::path& tokenizer_json) {
  return std::unique_ptr<Gpt2BpeTokenizer>(new Gpt2BpeTokenizer(Impl::fromTokenizerJson(tokenizer_json)));
}

std::vector<TokenId> Gpt2BpeTokenizer::encode(std::string_view text) const { return impl_->encode(text); }

std::string Gpt2BpeTokenizer::decode(const std::vector<TokenId>& ids) const {
  std::string bytes;
  for (const auto id : ids) {
    if (!impl_->hasId(id)) {
      throw std::out_of_range("token id " + std::to_string(id) + " is not in the vocabulary of " +
                              std::to_string(vocabSize()));
    }
    bytes += impl_->bytesOf[static_cast<std::size_t>(id)];
  }
  return utf8::sanitize(bytes);
}

std::int64_t Gpt2BpeTokenizer::vocabSize() const { return static_cast<std::int64_t>(impl_->pieces.size()); }

std::string Gpt2BpeTokenizer::piece(TokenId id) const {
  if (!impl_->hasId(id)) throw std::out_of_range("token id " + std::to_string(id) + " is not in the vocabulary");
  return impl_->pieces[static_cast<std::size_t>(id)];
}

SpecialTokens Gpt2BpeTokenizer::specialTokens() const { return impl_->specials; }

std::string Gpt2BpeTokenizer::describe() const {
  return "GPT-2 byte-level BPE, vocabulary " + std::to_string(vocabSize()) + ", " +
         std::to_string(impl_->mergeCount) + " merges (" + impl_->source + ")";
}

}  // namespace pwb::text
