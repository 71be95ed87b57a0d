#include "design/chain_of_thought.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <stdexcept>

#include "data/quoted_list.h"

namespace pwb::design {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::string normalised(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\n\"'");
  if (begin == std::string::npos) return {};
  auto end = text.find_last_not_of(" \t\n\"'.");
  return lower(text.substr(begin, end == std::string::npos || end < begin ? 0 : end - begin + 1));
}

std::optional<std::size_t> labelNamed(const std::string& answer, const Verbalizer& verbalizer) {
  const auto wanted = normalised(answer);
  for (std::size_t k = 0; k < verbalizer.words.size(); ++k) {
    for (const auto& word : verbalizer.words[k]) {
      if (normalised(word) == wanted) return k;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> lastLabelWord(const std::string& rationale, const Verbalizer& verbalizer) {
  const auto text = lower(rationale);
  std::optional<std::size_t> found;
  std::size_t found_at = 0;
  for (std::size_t k = 0; k < verbalizer.words.size(); ++k) {
    for (const auto& word : verbalizer.words[k]) {
      const auto w = lower(word);
      for (auto at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
        const bool starts = at == 0 || !isWordChar(text[at - 1]);
        const bool ends = at + w.size() == text.size() || !isWordChar(text[at + w.size()]);
        if (starts && ends && (!found || at >= found_at)) {
          found = k;
          found_at = at;
        }
      }
    }
  }
  return found;
}

}  // namespace

std::string reasoningPrompt(const std::string& query, const ChainOfThoughtOptions& options) {
  auto end = query.find_last_not_of(" \t");
  return query.substr(0, end == std::string::npos ? 0 : end + 1) + " " + options.trigger;
}

std::string answerPrompt(const std::string& reasoning_prompt, const std::string& rationale,
                         const ChainOfThoughtOptions& options) {
  return reasoning_prompt + rationale + "\n" + options.answer_prompt + " ";
}

std::optional<std::string> rationaleColumn(const data::Dataset& dataset, const ChainOfThoughtOptions& options) {
  const auto& roles = dataset.roles;
  const auto usable = [&](const std::string& name) {
    return !name.empty() && name != roles.text && name != roles.text_b && name != roles.label && name != roles.id &&
           std::find(dataset.columns.begin(), dataset.columns.end(), name) != dataset.columns.end();
  };
  if (!options.rationale_column) {
    if (usable("rationale")) return std::string("rationale");
    return std::nullopt;
  }
  if (options.rationale_column->empty()) return std::nullopt;
  if (usable(*options.rationale_column)) return options.rationale_column;
  const auto columns = data::quotedList(dataset.columns);
  throw std::invalid_argument("rationale column \"" + *options.rationale_column + "\" is not among the unmapped "
                              "columns of " + (dataset.name.empty() ? "the dataset" : "dataset " + dataset.name) +
                              " (its columns: " + (columns.empty() ? "none named" : columns) +
                              "); name one of them, or none for demonstrations without a rationale");
}

PromptBuilder::AnswerWriter rationaleDemonstrations(const data::Dataset& dataset,
                                                    const ChainOfThoughtOptions& options) {
  const auto column = rationaleColumn(dataset, options);
  if (!column) return {};
  return [options, name = *column](const std::string& query, const data::Example& example, const std::string& word) {
    const auto* written = data::otherColumn(example, name);
    const auto rationale = written ? trimmed(*written) : std::string();
    // One blank after the trigger, as a generated rationale starts; none when there is nothing.
    return answerPrompt(reasoningPrompt(query, options), rationale.empty() ? rationale : " " + rationale, options) +
           word;
  };
}

std::optional<std::size_t> extractAnswer(const std::string& rationale, const Verbalizer& verbalizer,
                                         const ChainOfThoughtOptions& options) {
  if (options.extraction == AnswerExtraction::LabelWords) return lastLabelWord(rationale, verbalizer);
  std::regex pattern;
  try {
    pattern = std::regex(options.pattern, std::regex::ECMAScript | std::regex::icase);
  } catch (const std::regex_error& error) {
    throw std::invalid_argument("answer pattern \"" + options.pattern + "\" is not a valid regular expression: " +
                                error.what());
  }
  std::smatch match;
  if (!std::regex_search(rationale, match, pattern)) return std::nullopt;
  return labelNamed(match.size() > 1 && match[1].matched ? match[1].str() : match[0].str(), verbalizer);
}

}  // namespace pwb::design
