#include "design/prompt_builder.h"

#include <gtest/gtest.h>

#include "../eval/expect_invalid_argument.h"
#include "design/tuning_init.h"

namespace pwb::design {
namespace {

data::Dataset reviews() {
  data::Dataset d;
  d.labels = {"0", "1"};
  d.examples = {{"a", "dull and slow", "", "0", 2}, {"b", "a joy", "", "1", 3}, {"c", "loved it", "", "1", 4}};
  return d;
}

PromptBuilder builder(const std::string& source, const data::ColumnMapping& columns = {}) {
  return PromptBuilder(parseTemplate(source), orderForLabels(parseVerbalizer("0=terrible,1=great|good"), {"0", "1"}),
                       columns);
}

const char* kTemplate =
    "{{#instruction}}\n"
    "Rate each review: {{labels}}.\n"
    "{{/instruction}}\n"
    "{{#example}}\n"
    "Review: {{text}}\n"
    "Sentiment: {{label}}\n"
    "{{/example}}\n";

TEST(PromptBuilder, RendersInstructionDemonstrationsAndTheQuery) {
  const auto b = builder(kTemplate);
  const auto d = reviews();
  EXPECT_EQ(b.prefix(d, {1, 0}),
            "Rate each review: terrible, great.\n\n"
            "Review: a joy\nSentiment: great\n\n"
            "Review: dull and slow\nSentiment: terrible\n\n");
  EXPECT_EQ(b.query(d.examples[2]), "Review: loved it\nSentiment: ");
  EXPECT_EQ(b.prefix(d, {}), "Rate each review: terrible, great.\n\n");
  EXPECT_EQ(promptTuningInitText(b), "Rate each review: terrible, great.");
}

TEST(PromptBuilder, TextAfterTheSlotIsShownOnlyInDemonstrations) {
  const auto inline_template =
      builder("{{#example}}{{id}}: {{text}} It was {{label}}!{{/example}}{{#separator}} | {{/separator}}");
  const auto d = reviews();
  EXPECT_EQ(inline_template.prefix(d, {0}) + inline_template.query(d.examples[1]),
            "a: dull and slow It was terrible! | b: a joy It was ");
}

TEST(PromptBuilder, AColumnMayBeCalledByItsNameInTheFile) {
  data::ColumnMapping columns;
  columns.text = "sentence";
  const auto b = builder("{{sentence}} => {{label}}", columns);
  EXPECT_EQ(b.query(reviews().examples[0]), "dull and slow => ");
}

TEST(PromptBuilder, AnUnknownVariableIsNamedWithItsPosition) {
  try {
    builder("{{#example}}\nReview: {{review}}\n{{label}}\n{{/example}}");
    FAIL() << "no error";
  } catch (const TemplateError& error) {
    EXPECT_EQ(error.position().line, 2u);
    EXPECT_EQ(error.position().column, 9u);
    EXPECT_STREQ(error.what(),
                 "line 2, column 9: unknown variable {{review}} (the variables are label, text, text_b, id, labels)");
  }
  EXPECT_INVALID_ARGUMENT(promptTuningInitText(builder("{{text}} {{label}}")), "no {{#instruction}} text");
}

}  // namespace
}  // namespace pwb::design
