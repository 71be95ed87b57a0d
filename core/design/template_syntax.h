#pragma once
// The prompt template language, parsed (docs/templates.md describes it for users). Parsing only
// checks the template's own shape; which variables exist is known only once a dataset is
// bound (prompt_builder.h). Torch-free.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pwb::design {

// 1-based; column counts characters (Unicode code points) from the start of the line.
struct TemplatePosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

class TemplateError : public std::runtime_error {
 public:
  // The message is prefixed with "line L, column C: ".
  TemplateError(TemplatePosition at, const std::string& message);
  TemplatePosition position() const { return at_; }

 private:
  TemplatePosition at_;
};

struct TemplatePiece {
  enum class Kind {
    Literal,     // text as written
    Variable,    // {{name}}: a column of the example, or {{labels}}
    AnswerSlot,  // {{label}}: the label word of a demonstration; where the evaluated prompt ends
  };
  Kind kind = Kind::Literal;
  std::string text;  // the literal text, or the variable's name
  TemplatePosition at;
};

struct ParsedTemplate {
  std::vector<TemplatePiece> instruction;  // empty when the template has none
  std::vector<TemplatePiece> example;      // holds exactly one AnswerSlot
  std::string separator = "\n\n";          // between the instruction and each example
};

// Throws TemplateError at the first problem: an unclosed {{, an empty or malformed tag, an
// unknown, unclosed, nested, repeated or mismatched block, text outside the blocks, a missing
// example block, an example block without exactly one {{label}}, {{label}} outside it, or a
// variable in the separator.
ParsedTemplate parseTemplate(std::string_view source);

}  // namespace pwb::design
