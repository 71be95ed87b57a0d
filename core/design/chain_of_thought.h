#pragma once
// Chain-of-thought prompting: the prompt ends with a trigger ("Let's think step by step."), the
// model writes a rationale, and the answer is read from it. Torch-free.

#include <cstddef>
#include <optional>
#include <string>

#include "data/dataset.h"
#include "design/prompt_builder.h"
#include "design/prompt_scorer.h"
#include "design/verbalizer.h"

namespace pwb::design {

enum class AnswerExtraction {
  LabelWords,  // the label whose word occurs last in the rationale (whole words, any case)
  Pattern,     // a regular expression; its first group (else the whole match) names the label
};

struct ChainOfThoughtOptions {
  std::string trigger = "Let's think step by step.";
  GenerationRequest generation = defaultGeneration();
  AnswerExtraction extraction = AnswerExtraction::LabelWords;
  std::string pattern;  // ECMAScript syntax, searched case-insensitively; the first match counts
  // After the rationale, the label words are scored following this text: every label gets a
  // score, and the prediction when nothing can be extracted.
  std::string answer_prompt = "Therefore, the answer is";
  // The column whose text each demonstration shows as its reasoning, between the trigger and
  // the answer prompt. Unset: "rationale" when the dataset has that column, else none. Empty:
  // none. Without one, demonstrations show the answer alone, as without chain of thought.
  std::optional<std::string> rationale_column;

  static GenerationRequest defaultGeneration() {
    GenerationRequest request;
    request.sampling.max_new_tokens = 64;
    request.stop_strings = {"\n\n"};
    return request;
  }
};

// The prompt the rationale continues: the query, a space and the trigger.
std::string reasoningPrompt(const std::string& query, const ChainOfThoughtOptions& options);
// The prompt the label words are scored after: the reasoning prompt, the rationale, a line
// break and the answer prompt followed by a space.
std::string answerPrompt(const std::string& reasoning_prompt, const std::string& rationale,
                         const ChainOfThoughtOptions& options);

// The column demonstrations take their rationale from (see rationale_column), or nothing.
// Throws std::invalid_argument when a named column is not one of the dataset's unmapped
// columns, naming it and the dataset's columns.
std::optional<std::string> rationaleColumn(const data::Dataset& dataset, const ChainOfThoughtOptions& options);

// How a demonstration with a rationale reads, in the evaluated prompt's own format: the query,
// the trigger, the rationale, a line break, the answer prompt and the label word. Empty when
// the dataset has no rationale column (demonstrations then show the answer alone). Throws as
// rationaleColumn.
PromptBuilder::AnswerWriter rationaleDemonstrations(const data::Dataset& dataset, const ChainOfThoughtOptions& options);

// The label index the rationale gives, or nothing. Pattern: the matched text must equal one of
// a label's words (any case, blanks and a final '.' ignored). Throws std::invalid_argument for
// an invalid pattern.
std::optional<std::size_t> extractAnswer(const std::string& rationale, const Verbalizer& verbalizer,
                                         const ChainOfThoughtOptions& options);

}  // namespace pwb::design
