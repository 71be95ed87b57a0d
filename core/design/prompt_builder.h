#pragma once
// A parsed template bound to a dataset's columns and a verbalizer: renders the shared prefix
// (instruction and demonstrations) and each evaluated example's prompt. Torch-free.

#include <cstddef>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/import_options.h"
#include "design/template_syntax.h"
#include "design/verbalizer.h"

namespace pwb::design {

class PromptBuilder {
 public:
  // The variables are text, text_b and id (an Example's fields), the names those have in the
  // dataset's file (from `columns`, e.g. "sentence" for SST-2's text), and labels (the first
  // word of every label, joined by ", "). Throws TemplateError at the first other variable,
  // naming it and the variables there are. `verbalizer` must be in the dataset's label order
  // (orderForLabels).
  PromptBuilder(ParsedTemplate parsed, Verbalizer verbalizer, const data::ColumnMapping& columns = {});

  // The instruction, then each demonstration with its label's first word in the answer slot,
  // each followed by the separator; empty with neither an instruction nor demonstrations.
  std::string prefix(const data::Dataset& dataset, const std::vector<std::size_t>& demonstrations) const;
  // The example block up to the answer slot: the text after which label words are scored.
  std::string query(const data::Example& example) const;
  // The rendered instruction block alone (empty when the template has none).
  std::string instruction() const;

  const Verbalizer& verbalizer() const { return verbalizer_; }

 private:
  enum class Field { Text, TextB, Id, Labels };
  struct Variable {
    std::string name;
    Field field;
  };
  Field fieldOf(const TemplatePiece& piece) const;
  // Renders pieces up to the answer slot, then `answer` and the rest (or stops there when
  // `answer` is null).
  std::string render(const std::vector<TemplatePiece>& pieces, const data::Example* example,
                     const std::string* answer) const;

  ParsedTemplate parsed_;
  Verbalizer verbalizer_;
  std::vector<Variable> variables_;
};

}  // namespace pwb::design
