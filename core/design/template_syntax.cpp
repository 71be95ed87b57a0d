#include "design/template_syntax.h"

#include <optional>

namespace pwb::design {
namespace {

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool isWhitespace(std::string_view text) {
  for (const char c : text) {
    if (!isBlank(c) && c != '\n') return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
  return text;
}

// Line and column of a byte offset; continuation bytes of UTF-8 do not count as characters.
TemplatePosition positionAt(std::string_view source, std::size_t offset) {
  TemplatePosition at;
  for (std::size_t i = 0; i < offset && i < source.size(); ++i) {
    if (source[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) {
      ++at.column;
    }
  }
  return at;
}

enum class TokenKind { Literal, Variable, BlockOpen, BlockClose };

struct Token {
  TokenKind kind;
  std::string text;     // literal text or tag name
  std::size_t offset;   // where it starts in the source
};

// Splits the source into literals and tags. A block tag alone on its line is not text: the
// blanks around it go, and so does the line break after an opening tag or before a closing one.
std::vector<Token> lex(std::string_view source) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  std::string pending;  // literal text not yet emitted
  std::size_t pending_offset = 0;
  auto flush = [&] {
    if (!pending.empty()) tokens.push_back({TokenKind::Literal, pending, pending_offset});
    pending.clear();
  };
  while (pos < source.size()) {
    const auto open = source.find(kOpen, pos);
    if (pending.empty()) pending_offset = pos;
    pending.append(source.substr(pos, open == std::string_view::npos ? std::string_view::npos : open - pos));
    if (open == std::string_view::npos) break;
    const auto close = source.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) throw TemplateError(positionAt(source, open), "\"{{\" is never closed by \"}}\"");
    const auto inside = trim(source.substr(open + kOpen.size(), close - open - kOpen.size()));
    if (inside.empty()) throw TemplateError(positionAt(source, open), "empty tag \"{{}}\"");
    if (inside.find(kOpen) != std::string_view::npos) {
      throw TemplateError(positionAt(source, open), "\"{{\" inside a tag: tags cannot nest");
    }
    const bool block = inside.front() == '#' || inside.front() == '/';
    const auto name = block ? std::string(trim(inside.substr(1))) : std::string(inside);
    if (name.empty()) throw TemplateError(positionAt(source, open), "a block tag needs a name, as in {{#example}}");
    pos = close + kClose.size();
    if (block) {
      const auto newline_before = open == 0 ? std::string_view::npos : source.rfind('\n', open - 1);
      const auto line_begin = newline_before == std::string_view::npos ? 0 : newline_before + 1;
      auto line_end = source.find('\n', pos);
      if (line_end == std::string_view::npos) line_end = source.size();
      const bool alone = isWhitespace(source.substr(line_begin, open - line_begin)) &&
                         isWhitespace(source.substr(pos, line_end - pos));
      if (alone) {
        pending.resize(pending.size() - (open - line_begin));  // the blanks before the tag
        if (inside.front() == '#') {
          pos = line_end == source.size() ? line_end : line_end + 1;
        } else {
          pos = line_end;
          if (!pending.empty() && pending.back() == '\n') pending.pop_back();
        }
      }
    }
    flush();
    tokens.push_back({block ? (inside.front() == '#' ? TokenKind::BlockOpen : TokenKind::BlockClose) : TokenKind::Variable,
                      name, open});
  }
  flush();
  return tokens;
}

// The separator's escapes: \n a line break, \t a tab, \\ a backslash.
std::string unescapeSeparator(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (next == 'n' || next == 't' || next == '\\') {
        out += next == 'n' ? '\n' : next == 't' ? '\t' : '\\';
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

enum class Block { None, Instruction, Example, Separator };

Block blockNamed(const std::string& name, TemplatePosition at) {
  if (name == "instruction") return Block::Instruction;
  if (name == "example") return Block::Example;
  if (name == "separator") return Block::Separator;
  throw TemplateError(at, "unknown block \"" + name + "\" (the blocks are instruction, example and separator)");
}

class Assembler {
 public:
  explicit Assembler(std::string_view source) : source_(source) {}

  ParsedTemplate run(const std::vector<Token>& tokens) {
    bool has_blocks = false;
    for (const auto& token : tokens) {
      has_blocks = has_blocks || token.kind == TokenKind::BlockOpen || token.kind == TokenKind::BlockClose;
    }
    if (!has_blocks) {
      // A template without blocks is the example block alone.
      current_ = Block::Example;
      example_at_ = TemplatePosition{};
      seen_example_ = true;
    }
    for (const auto& token : tokens) take(token);
    if (has_blocks && current_ != Block::None) {
      throw TemplateError(open_at_, "block \"" + open_name_ + "\" is never closed by {{/" + open_name_ + "}}");
    }
    if (!seen_example_) throw TemplateError(TemplatePosition{}, "the template has no {{#example}} block");
    if (slots_ == 0) {
      throw TemplateError(example_at_, "the example has no answer slot {{label}}: it marks where the label word goes");
    }
    return std::move(parsed_);
  }

 private:
  void take(const Token& token) {
    const auto at = positionAt(source_, token.offset);
    switch (token.kind) {
      case TokenKind::BlockOpen: return open(token.text, at);
      case TokenKind::BlockClose: return close(token.text, at);
      case TokenKind::Literal: return literal(token, at);
      case TokenKind::Variable: return variable(token.text, at);
    }
  }

  void open(const std::string& name, TemplatePosition at) {
    if (current_ != Block::None) {
      throw TemplateError(at, "block \"" + name + "\" opens inside block \"" + open_name_ + "\"; blocks cannot nest");
    }
    const Block block = blockNamed(name, at);
    bool& seen = block == Block::Instruction ? seen_instruction_ : block == Block::Example ? seen_example_ : seen_separator_;
    if (seen) throw TemplateError(at, "a second \"" + name + "\" block; each block may appear once");
    seen = true;
    current_ = block;
    open_name_ = name;
    open_at_ = at;
    if (block == Block::Example) example_at_ = at;
    if (block == Block::Separator) parsed_.separator.clear();
  }

  void close(const std::string& name, TemplatePosition at) {
    if (current_ == Block::None) throw TemplateError(at, "{{/" + name + "}} closes a block that is not open");
    if (name != open_name_) {
      throw TemplateError(at, "{{/" + name + "}} closes block \"" + open_name_ + "\", opened at line " +
                                  std::to_string(open_at_.line) + ", column " + std::to_string(open_at_.column));
    }
    current_ = Block::None;
  }

  void literal(const Token& token, TemplatePosition at) {
    switch (current_) {
      case Block::None: {
        if (isWhitespace(token.text)) return;
        std::size_t first = 0;
        while (isBlank(token.text[first]) || token.text[first] == '\n') ++first;
        throw TemplateError(positionAt(source_, token.offset + first),
                            "text outside the blocks; put it inside {{#instruction}} or {{#example}}");
      }
      case Block::Separator: parsed_.separator += unescapeSeparator(token.text); return;
      case Block::Instruction: parsed_.instruction.push_back({TemplatePiece::Kind::Literal, token.text, at}); return;
      case Block::Example: parsed_.example.push_back({TemplatePiece::Kind::Literal, token.text, at}); return;
    }
  }

  void variable(const std::string& name, TemplatePosition at) {
    const bool slot = name == "label";
    switch (current_) {
      case Block::None: throw TemplateError(at, "{{" + name + "}} outside the blocks");
      case Block::Separator: throw TemplateError(at, "{{" + name + "}} in the separator, which is plain text");
      case Block::Instruction:
        if (slot) throw TemplateError(at, "{{label}} in the instruction; the answer slot belongs in the example block");
        parsed_.instruction.push_back({TemplatePiece::Kind::Variable, name, at});
        return;
      case Block::Example:
        if (slot && ++slots_ > 1) throw TemplateError(at, "a second answer slot {{label}}; the example has one");
        parsed_.example.push_back({slot ? TemplatePiece::Kind::AnswerSlot : TemplatePiece::Kind::Variable, name, at});
        return;
    }
  }

  std::string_view source_;
  ParsedTemplate parsed_;
  Block current_ = Block::None;
  std::string open_name_;
  TemplatePosition open_at_;
  TemplatePosition example_at_;
  bool seen_instruction_ = false, seen_example_ = false, seen_separator_ = false;
  std::size_t slots_ = 0;
};

}  // namespace

TemplateError::TemplateError(TemplatePosition at, const std::string& message)
    : std::runtime_error("line " + std::to_string(at.line) + ", column " + std::to_string(at.column) + ": " + message),
      at_(at) {}

ParsedTemplate parseTemplate(std::string_view source) { return Assembler(source).run(lex(source)); }

}  // namespace pwb::design
