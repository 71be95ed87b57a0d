#include "design/chain_of_thought.h"

#include <gtest/gtest.h>

#include "../eval/expect_invalid_argument.h"
#include "design/design_evaluation.h"

namespace pwb::design {
namespace {

const Verbalizer kWords{{"0", "1"}, {{"terrible", "bad"}, {"great"}}};

TEST(ChainOfThought, TheLastLabelWordInTheRationaleIsTheAnswer) {
  ChainOfThoughtOptions options;
  EXPECT_EQ(extractAnswer("It starts great, but overall it is BAD.", kWords, options), 0u);
  EXPECT_EQ(extractAnswer("Not terrible at all; great.", kWords, options), 1u);
  // Whole words only: "badly" and "greatest" name nothing.
  EXPECT_EQ(extractAnswer("It went badly for the greatest.", kWords, options), std::nullopt);
}

TEST(ChainOfThought, APatternsGroupMustNameALabelWord) {
  ChainOfThoughtOptions options;
  options.extraction = AnswerExtraction::Pattern;
  options.pattern = R"(answer is (\w+))";
  EXPECT_EQ(extractAnswer("great acting. So the answer is Terrible.", kWords, options), 0u);
  EXPECT_EQ(extractAnswer("So the answer is unclear.", kWords, options), std::nullopt);
  EXPECT_EQ(extractAnswer("No conclusion.", kWords, options), std::nullopt);
  options.pattern = "(unclosed";
  EXPECT_INVALID_ARGUMENT(extractAnswer("x", kWords, options), "answer pattern \"(unclosed\" is not a valid");
}

TEST(ChainOfThought, PromptsPutTheTriggerAfterTheQueryAndTheAnswerPromptAfterTheRationale) {
  ChainOfThoughtOptions options;
  const auto reasoning = reasoningPrompt("Review: fine\nSentiment: ", options);
  EXPECT_EQ(reasoning, "Review: fine\nSentiment: Let's think step by step.");
  EXPECT_EQ(answerPrompt(reasoning, " It is fine.", options),
            "Review: fine\nSentiment: Let's think step by step. It is fine.\nTherefore, the answer is ");
}

// Two demonstrations with a written rationale (the second's has blanks around it), one without.
data::Dataset reasoned(const std::string& rationale_column = "rationale") {
  data::Dataset d;
  d.name = "reasoned";
  d.labels = {"0", "1"};
  d.columns = {"text", "label", rationale_column};
  d.roles.text = "text";
  d.roles.label = "label";
  d.examples = {{"1", "a dull plot", "", "0", 2, {{rationale_column, "Nothing happens."}}},
                {"2", "pure joy", "", "1", 3, {{rationale_column, "  Joy is good.\n"}}},
                {"3", "so-so", "", "1", 4, {{rationale_column, ""}}}};
  return d;
}

std::string prefixWith(const data::Dataset& dataset, const std::optional<std::string>& rationale_column) {
  const PromptBuilder builder(parseTemplate("Review: {{text}}\nSentiment: {{label}}."), kWords, dataset);
  DesignOptions options;
  ChainOfThoughtOptions cot;
  cot.rationale_column = rationale_column;
  options.chain_of_thought = cot;
  return promptPrefix(builder, dataset, {0, 1, 2}, options);
}

TEST(ChainOfThought, ADemonstrationShowsItsRationaleBetweenTheTriggerAndTheAnswer) {
  // As the evaluated example will read: the trigger, the reasoning, the answer prompt, the word,
  // then the rest of the example block. An empty rationale leaves only the trigger.
  const std::string expected =
      "Review: a dull plot\nSentiment: Let's think step by step. Nothing happens.\nTherefore, the answer is terrible.\n\n"
      "Review: pure joy\nSentiment: Let's think step by step. Joy is good.\nTherefore, the answer is great.\n\n"
      "Review: so-so\nSentiment: Let's think step by step.\nTherefore, the answer is great.\n\n";
  EXPECT_EQ(prefixWith(reasoned(), std::nullopt), expected);  // "rationale" is found by itself
  EXPECT_EQ(prefixWith(reasoned("why"), "why"), expected);
}

TEST(ChainOfThought, WithoutARationaleColumnDemonstrationsShowTheAnswerAlone) {
  const std::string plain = "Review: a dull plot\nSentiment: terrible.\n\nReview: pure joy\nSentiment: great.\n\n"
                            "Review: so-so\nSentiment: great.\n\n";
  EXPECT_EQ(prefixWith(reasoned("why"), std::nullopt), plain);  // no column named "rationale"
  EXPECT_EQ(prefixWith(reasoned(), ""), plain);                 // none, on purpose
  EXPECT_INVALID_ARGUMENT(prefixWith(reasoned(), "reason"),
                          "rationale column \"reason\" is not among the unmapped columns of dataset reasoned (its "
                          "columns: \"text\", \"label\", \"rationale\"); name one of them, or none for "
                          "demonstrations without a rationale");
  EXPECT_INVALID_ARGUMENT(prefixWith(reasoned(), "text"), "rationale column \"text\" is not among");
}

}  // namespace
}  // namespace pwb::design
