#include "design/template_syntax.h"

#include <gtest/gtest.h>

namespace pwb::design {
namespace {

using Kind = TemplatePiece::Kind;

// The pieces as "L:text", "V:name" and "A" for the answer slot, joined by '|'.
std::string describe(const std::vector<TemplatePiece>& pieces) {
  std::string out;
  for (const auto& p : pieces) {
    out += out.empty() ? "" : "|";
    out += p.kind == Kind::Literal ? "L:" + p.text : p.kind == Kind::Variable ? "V:" + p.text : std::string("A");
  }
  return out;
}

// "line:column message" of the error parsing `source` raises.
std::string errorOf(const std::string& source) {
  try {
    parseTemplate(source);
  } catch (const TemplateError& error) {
    const auto at = error.position();
    const std::string what = error.what();
    return std::to_string(at.line) + ":" + std::to_string(at.column) + " " + what.substr(what.find(": ") + 2);
  }
  ADD_FAILURE() << "parsed: " << source;
  return {};
}

TEST(TemplateSyntax, ATemplateWithoutBlocksIsTheExampleBlock) {
  const auto parsed = parseTemplate("Review: {{ text }} Sentiment: {{label}}.");
  EXPECT_TRUE(parsed.instruction.empty());
  EXPECT_EQ(describe(parsed.example), "L:Review: |V:text|L: Sentiment: |A|L:.");
  EXPECT_EQ(parsed.separator, "\n\n");
  EXPECT_EQ(parsed.example[1].at.line, 1u);
  EXPECT_EQ(parsed.example[1].at.column, 9u);
}

TEST(TemplateSyntax, BlockTagsOnTheirOwnLinesTakeTheirLineBreaks) {
  const auto parsed = parseTemplate(
      "{{#instruction}}\n"
      "You are a film critic.\n"
      "Answer with {{labels}}.\n"
      "{{/instruction}}\n"
      "\n"
      "  {{#example}}  \n"
      "Review: {{text}}\n"
      "Sentiment: {{label}}\n"
      "{{/example}}\n"
      "{{#separator}}\\n---\\n{{/separator}}\n");
  EXPECT_EQ(describe(parsed.instruction), "L:You are a film critic.\nAnswer with |V:labels|L:.");
  EXPECT_EQ(describe(parsed.example), "L:Review: |V:text|L:\nSentiment: |A");
  EXPECT_EQ(parsed.separator, "\n---\n");
  EXPECT_EQ(parsed.example[1].at.line, 7u);
  EXPECT_EQ(parsed.example[1].at.column, 9u);
}

TEST(TemplateSyntax, SeparatorLinesAreKeptBetweenItsTags) {
  const auto parsed = parseTemplate("{{#example}}{{text}} => {{label}}{{/example}}\n{{#separator}}\n\n\n{{/separator}}");
  EXPECT_EQ(describe(parsed.example), "V:text|L: => |A");
  EXPECT_EQ(parsed.separator, "\n");
}

TEST(TemplateSyntax, ColumnsCountCharactersNotBytes) {
  EXPECT_EQ(errorOf("Critique « {{texte}} » {{label}} {{"), "1:34 \"{{\" is never closed by \"}}\"");
}

TEST(TemplateSyntax, ReportsEveryKindOfMistakeWithItsPosition) {
  EXPECT_EQ(errorOf("{{text}} {{ }} {{label}}"), "1:10 empty tag \"{{}}\"");
  EXPECT_EQ(errorOf("{{#}}{{label}}"), "1:1 a block tag needs a name, as in {{#example}}");
  EXPECT_EQ(errorOf("{{#example}}\n{{label}}\n{{/example}}\n{{#persona}}x{{/persona}}"),
            "4:1 unknown block \"persona\" (the blocks are instruction, example and separator)");
  EXPECT_EQ(errorOf("{{#instruction}}\n  {{#example}}{{label}}{{/example}}\n{{/instruction}}"),
            "2:3 block \"example\" opens inside block \"instruction\"; blocks cannot nest");
  EXPECT_EQ(errorOf("{{#example}}{{label}}{{/example}}{{#example}}{{label}}{{/example}}"),
            "1:34 a second \"example\" block; each block may appear once");
  EXPECT_EQ(errorOf("{{#example}}{{label}}{{/instruction}}"),
            "1:22 {{/instruction}} closes block \"example\", opened at line 1, column 1");
  EXPECT_EQ(errorOf("{{#example}}{{label}}{{/example}}{{/example}}"), "1:34 {{/example}} closes a block that is not open");
  EXPECT_EQ(errorOf("{{#example}}{{label}}\n"), "1:1 block \"example\" is never closed by {{/example}}");
  EXPECT_EQ(errorOf("{{#example}}{{label}}{{/example}}\n  stray"),
            "2:3 text outside the blocks; put it inside {{#instruction}} or {{#example}}");
  EXPECT_EQ(errorOf("{{#instruction}}Be brief.{{/instruction}}"), "1:1 the template has no {{#example}} block");
  EXPECT_EQ(errorOf("line one\nReview: {{text}}"),
            "1:1 the example has no answer slot {{label}}: it marks where the label word goes");
  EXPECT_EQ(errorOf("{{text}} {{label}} and again {{label}}"), "1:30 a second answer slot {{label}}; the example has one");
  EXPECT_EQ(errorOf("{{#instruction}}Say {{label}}{{/instruction}}{{#example}}{{label}}{{/example}}"),
            "1:21 {{label}} in the instruction; the answer slot belongs in the example block");
  EXPECT_EQ(errorOf("{{#separator}}{{text}}{{/separator}}{{#example}}{{label}}{{/example}}"),
            "1:15 {{text}} in the separator, which is plain text");
  EXPECT_EQ(errorOf("{{#example}}{{label}}{{/example}}{{text}}"), "1:34 {{text}} outside the blocks");
}

}  // namespace
}  // namespace pwb::design
