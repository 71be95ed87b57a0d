#include "design/prompt_builder.h"

#include <gtest/gtest.h>

#include "../eval/expect_invalid_argument.h"
#include "design/tuning_init.h"

namespace pwb::design {
namespace {

// As a file "review,stars,source,note" imports with review as the text and stars as the label;
// the third example's note is empty.
data::Dataset reviews() {
  data::Dataset d;
  d.name = "reviews";
  d.labels = {"0", "1"};
  d.columns = {"review", "stars", "source", "note"};
  d.roles.text = "review";
  d.roles.label = "stars";
  d.examples = {{"a", "dull and slow", "", "0", 2, {{"source", "imdb"}, {"note", "short"}}},
                {"b", "a joy", "", "1", 3, {{"source", "yelp"}, {"note", "long"}}},
                {"c", "loved it", "", "1", 4, {{"source", "amazon"}, {"note", ""}}}};
  return d;
}

PromptBuilder builder(const std::string& source, const data::Dataset& dataset = reviews()) {
  return PromptBuilder(parseTemplate(source), orderForLabels(parseVerbalizer("0=terrible,1=great|good"), {"0", "1"}),
                       dataset);
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

TEST(PromptBuilder, AMappedColumnMayBeCalledByItsNameInTheFile) {
  const auto b = builder("{{review}} => {{label}}");
  EXPECT_EQ(b.query(reviews().examples[0]), "dull and slow => ");
}

TEST(PromptBuilder, AnyOtherColumnOfTheDatasetIsAVariable) {
  const auto b = builder("[{{source}}|{{note}}] {{text}} => {{label}}");
  const auto d = reviews();
  EXPECT_EQ(b.prefix(d, {0}), "[imdb|short] dull and slow => terrible\n\n");
  EXPECT_EQ(b.query(d.examples[1]), "[yelp|long] a joy => ");
  // An empty value renders as nothing; so does a column a (JSONL) row lacks.
  EXPECT_EQ(b.query(d.examples[2]), "[amazon|] loved it => ");
  auto lacking = d.examples[2];
  lacking.other_columns.clear();
  EXPECT_EQ(b.query(lacking), "[|] loved it => ");
  EXPECT_EQ(PromptBuilder::variableNames(d), (std::vector<std::string>{"text", "text_b", "id", "labels", "review",
                                                                         "source", "note"}));
}

TEST(PromptBuilder, AnUnknownVariableIsNamedWithItsPositionAndTheDatasetsColumns) {
  try {
    builder("{{#example}}\nReview: {{text}} from {{sorce}}\n{{label}}\n{{/example}}");
    FAIL() << "no error";
  } catch (const TemplateError& error) {
    EXPECT_EQ(error.position().line, 2u);
    EXPECT_EQ(error.position().column, 23u);
    EXPECT_STREQ(error.what(),
                 "line 2, column 23: unknown variable {{sorce}}: dataset reviews has no such column; its columns are "
                 "\"review\", \"stars\", \"source\", \"note\" (a template may also use text, text_b, id and labels)");
  }
  try {
    builder("{{text}} ({{stars}}): {{label}}");
    FAIL() << "no error";
  } catch (const TemplateError& error) {
    EXPECT_STREQ(error.what(), "line 1, column 11: {{stars}} is the label column; the answer slot {{label}} is "
                               "where the label goes");
  }
  EXPECT_INVALID_ARGUMENT(promptTuningInitText(builder("{{text}} {{label}}")), "no {{#instruction}} text");
}

}  // namespace
}  // namespace pwb::design
