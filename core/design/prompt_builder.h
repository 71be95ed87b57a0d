#pragma once
// A parsed template bound to a dataset's columns and a verbalizer: renders the shared prefix
// (instruction and demonstrations) and each evaluated example's prompt. Torch-free.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "design/template_syntax.h"
#include "design/verbalizer.h"

namespace pwb::design {

class PromptBuilder {
 public:
  // Binds the template to `dataset`'s columns, once: the variables are text, text_b and id (an
  // Example's fields), labels (the first word of every label, joined by ", "), and every column
  // of the dataset but the label's (a mapped column's name means its field: "sentence" is
  // SST-2's text). Throws TemplateError at the first other variable, naming it and the
  // dataset's columns. `verbalizer` must be in the dataset's label order (orderForLabels).
  PromptBuilder(ParsedTemplate parsed, Verbalizer verbalizer, const data::Dataset& dataset);

  // The names a template bound to `dataset` may use as variables, besides the answer slot label.
  static std::vector<std::string> variableNames(const data::Dataset& dataset);

  // A demonstration's text from the start of the example block to the end of its answer, given
  // the text up to the answer slot (the query) and the label's first word.
  using AnswerWriter =
      std::function<std::string(const std::string& query, const data::Example& example, const std::string& word)>;

  // The instruction, then each demonstration with its label's first word in the answer slot
  // (or as `write_answer` writes it), each followed by the separator; empty with neither an
  // instruction nor demonstrations.
  std::string prefix(const data::Dataset& dataset, const std::vector<std::size_t>& demonstrations,
                     const AnswerWriter& write_answer = {}) const;
  // The example block up to the answer slot: the text after which label words are scored.
  std::string query(const data::Example& example) const;
  // The rendered instruction block alone (empty when the template has none).
  std::string instruction() const;

  const Verbalizer& verbalizer() const { return verbalizer_; }

 private:
  enum class Field { Text, TextB, Id, Labels, OtherColumn };
  struct Variable {
    std::string name;
    Field field;
  };
  static std::vector<Variable> variablesOf(const data::Dataset& dataset);
  Field fieldOf(const TemplatePiece& piece) const;
  // Renders pieces up to the answer slot; with `answer`, the answer's text replaces what came
  // before, and the rest follows (without, it stops at the slot).
  std::string render(const std::vector<TemplatePiece>& pieces, const data::Example& example,
                     const std::function<std::string(std::string)>* answer) const;

  ParsedTemplate parsed_;
  Verbalizer verbalizer_;
  std::vector<Variable> variables_;
  std::vector<std::string> columns_;      // the dataset's, for messages
  std::string label_column_, dataset_name_;
};

}  // namespace pwb::design
