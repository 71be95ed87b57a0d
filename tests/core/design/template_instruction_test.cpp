#include "design/template_instruction.h"

#include <gtest/gtest.h>

#include "design/prompt_builder.h"
#include "design/template_syntax.h"

namespace pwb::design {
namespace {

constexpr const char* kBlocks =
    "{{#instruction}}\nSay if it is {{labels}}.\n{{/instruction}}\n\n{{#example}}\nReview: {{text}}\nIt was "
    "{{label}}\n{{/example}}";

// The instruction as the engine renders it.
std::string rendered(const std::string& source) {
  const PromptBuilder builder(parseTemplate(source), Verbalizer{{"0", "1"}, {{"bad"}, {"good"}}}, data::Dataset{});
  return builder.instruction();
}

TEST(TemplateInstruction, ReadsTheBlockWithoutTheLineBreaksItsTagsTake) {
  EXPECT_EQ(instructionSource(kBlocks), "Say if it is {{labels}}.");
  EXPECT_EQ(instructionSource("{{ #instruction }}Be brief.{{/instruction}}{{#example}}{{label}}{{/example}}"),
            "Be brief.");
  EXPECT_EQ(instructionSource("Review: {{text}} {{label}}"), "");
}

TEST(TemplateInstruction, ReplacesTheBlockInPlace) {
  const auto edited = withInstruction(kBlocks, "Two lines\nof instruction");
  EXPECT_EQ(edited,
            "{{#instruction}}\nTwo lines\nof instruction\n{{/instruction}}\n\n{{#example}}\nReview: {{text}}\nIt was "
            "{{label}}\n{{/example}}");
  EXPECT_EQ(rendered(edited), "Two lines\nof instruction");
  EXPECT_EQ(instructionSource(edited), "Two lines\nof instruction");
}

TEST(TemplateInstruction, ATemplateWithoutBlocksBecomesItsExampleBlock) {
  const std::string bare = "Review: {{text}} Sentiment: {{label}}";
  const auto edited = withInstruction(bare, "Classify the review.");
  EXPECT_EQ(rendered(edited), "Classify the review.");
  // The example renders exactly as before.
  const PromptBuilder before(parseTemplate(bare), Verbalizer{{"0", "1"}, {{"bad"}, {"good"}}}, data::Dataset{});
  const PromptBuilder after(parseTemplate(edited), Verbalizer{{"0", "1"}, {{"bad"}, {"good"}}}, data::Dataset{});
  data::Example example;
  example.text = "Loved it";
  EXPECT_EQ(after.query(example), before.query(example));
  EXPECT_EQ(after.query(example), "Review: Loved it Sentiment: ");
}

TEST(TemplateInstruction, AddsTheBlockAboveOtherBlocks) {
  const std::string source = "{{#example}}\n{{text}} => {{label}}\n{{/example}}";
  EXPECT_EQ(withInstruction(source, "Hi"), "{{#instruction}}\nHi\n{{/instruction}}\n\n" + source);
}

TEST(TemplateInstruction, AnEmptyInstructionRemovesTheBlock) {
  EXPECT_EQ(withInstruction(kBlocks, ""), "{{#example}}\nReview: {{text}}\nIt was {{label}}\n{{/example}}");
  EXPECT_EQ(withInstruction("{{text}} {{label}}", ""), "{{text}} {{label}}");
}

}  // namespace
}  // namespace pwb::design
