#include "design/prompt_builder.h"

#include <algorithm>

#include "data/quoted_list.h"

namespace pwb::design {

std::vector<PromptBuilder::Variable> PromptBuilder::variablesOf(const data::Dataset& dataset) {
  std::vector<Variable> variables = {
      {"text", Field::Text}, {"text_b", Field::TextB}, {"id", Field::Id}, {"labels", Field::Labels}};
  const auto taken = [&](const std::string& name) {
    return name.empty() || name == "label" || name == dataset.roles.label ||
           std::any_of(variables.begin(), variables.end(), [&](const Variable& v) { return v.name == name; });
  };
  // A mapped column's own name means its field; the fixed names win over a column's.
  const std::pair<const std::string*, Field> aliases[] = {
      {&dataset.roles.text, Field::Text}, {&dataset.roles.text_b, Field::TextB}, {&dataset.roles.id, Field::Id}};
  for (const auto& [name, field] : aliases) {
    if (!taken(*name)) variables.push_back({*name, field});
  }
  for (const auto& column : dataset.columns) {
    if (!taken(column)) variables.push_back({column, Field::OtherColumn});
  }
  return variables;
}

std::vector<std::string> PromptBuilder::variableNames(const data::Dataset& dataset) {
  std::vector<std::string> names;
  for (const auto& variable : variablesOf(dataset)) names.push_back(variable.name);
  return names;
}

PromptBuilder::PromptBuilder(ParsedTemplate parsed, Verbalizer verbalizer, const data::Dataset& dataset)
    : parsed_(std::move(parsed)),
      verbalizer_(std::move(verbalizer)),
      variables_(variablesOf(dataset)),
      columns_(dataset.columns),
      label_column_(dataset.roles.label),
      dataset_name_(dataset.name) {
  for (const auto* block : {&parsed_.instruction, &parsed_.example}) {
    for (const auto& piece : *block) {
      if (piece.kind == TemplatePiece::Kind::Variable) fieldOf(piece);
    }
  }
}

PromptBuilder::Field PromptBuilder::fieldOf(const TemplatePiece& piece) const {
  for (const auto& variable : variables_) {
    if (variable.name == piece.text) return variable.field;
  }
  if (piece.text == label_column_) {
    throw TemplateError(piece.at, "{{" + piece.text + "}} is the label column; the answer slot {{label}} is where "
                                  "the label goes");
  }
  const std::string dataset = dataset_name_.empty() ? "the dataset" : "dataset " + dataset_name_;
  const std::string columns =
      columns_.empty() ? "it has no named columns" : "its columns are " + data::quotedList(columns_);
  throw TemplateError(piece.at, "unknown variable {{" + piece.text + "}}: " + dataset + " has no such column; " +
                                    columns + " (a template may also use text, text_b, id and labels)");
}

std::string PromptBuilder::render(const std::vector<TemplatePiece>& pieces, const data::Example& example,
                                  const std::function<std::string(std::string)>* answer) const {
  std::string out;
  for (const auto& piece : pieces) {
    if (piece.kind == TemplatePiece::Kind::Literal) {
      out += piece.text;
    } else if (piece.kind == TemplatePiece::Kind::AnswerSlot) {
      if (answer == nullptr) return out;
      out = (*answer)(std::move(out));
    } else {
      switch (fieldOf(piece)) {
        case Field::Text: out += example.text; break;
        case Field::TextB: out += example.text_b; break;
        case Field::Id: out += example.id; break;
        case Field::Labels:
          for (std::size_t i = 0; i < verbalizer_.words.size(); ++i) out += (i > 0 ? ", " : "") + verbalizer_.words[i].front();
          break;
        case Field::OtherColumn:
          // A JSONL row may lack a field other rows have: it renders empty, like an empty cell.
          if (const auto* value = data::otherColumn(example, piece.text)) out += *value;
          break;
      }
    }
  }
  return out;
}

std::string PromptBuilder::instruction() const { return render(parsed_.instruction, data::Example{}, nullptr); }

std::string PromptBuilder::prefix(const data::Dataset& dataset, const std::vector<std::size_t>& demonstrations,
                                  const AnswerWriter& write_answer) const {
  std::string out;
  if (!parsed_.instruction.empty()) out += instruction() + parsed_.separator;
  for (const auto index : demonstrations) {
    const auto& example = dataset.examples.at(index);
    const auto label = std::find(verbalizer_.labels.begin(), verbalizer_.labels.end(), example.label);
    if (label == verbalizer_.labels.end()) {
      throw std::invalid_argument("demonstration " + example.id + " has label \"" + example.label +
                                  "\", which the verbalizer does not name");
    }
    const auto& word = verbalizer_.words[static_cast<std::size_t>(label - verbalizer_.labels.begin())].front();
    const std::function<std::string(std::string)> answer = [&](std::string query) {
      return write_answer ? write_answer(query, example, word) : query + word;
    };
    out += render(parsed_.example, example, &answer) + parsed_.separator;
  }
  return out;
}

std::string PromptBuilder::query(const data::Example& example) const {
  return render(parsed_.example, example, nullptr);
}

}  // namespace pwb::design
