#include "design/chain_of_thought.h"

#include <gtest/gtest.h>

#include "../eval/expect_invalid_argument.h"

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

}  // namespace
}  // namespace pwb::design
