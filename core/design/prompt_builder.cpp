#include "design/prompt_builder.h"

#include <algorithm>

namespace pwb::design {

PromptBuilder::PromptBuilder(ParsedTemplate parsed, Verbalizer verbalizer, const data::ColumnMapping& columns)
    : parsed_(std::move(parsed)), verbalizer_(std::move(verbalizer)) {
  variables_ = {{"text", Field::Text}, {"text_b", Field::TextB}, {"id", Field::Id}, {"labels", Field::Labels}};
  const std::pair<const data::Column*, Field> aliases[] = {
      {&columns.text, Field::Text}, {&columns.text_b, Field::TextB}, {&columns.id, Field::Id}};
  for (const auto& [column, field] : aliases) {
    const bool named = !column->by_index && !column->name.empty();
    const bool taken = column->name == "label" || std::any_of(variables_.begin(), variables_.end(), [&](const Variable& v) {
                         return v.name == column->name;
                       });
    if (named && !taken) variables_.push_back({column->name, field});
  }
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
  std::string known = "label";
  for (const auto& variable : variables_) known += ", " + variable.name;
  throw TemplateError(piece.at, "unknown variable {{" + piece.text + "}} (the variables are " + known + ")");
}

std::string PromptBuilder::render(const std::vector<TemplatePiece>& pieces, const data::Example* example,
                                  const std::string* answer) const {
  std::string out;
  for (const auto& piece : pieces) {
    if (piece.kind == TemplatePiece::Kind::Literal) {
      out += piece.text;
    } else if (piece.kind == TemplatePiece::Kind::AnswerSlot) {
      if (answer == nullptr) return out;
      out += *answer;
    } else {
      switch (fieldOf(piece)) {
        case Field::Text: out += example->text; break;
        case Field::TextB: out += example->text_b; break;
        case Field::Id: out += example->id; break;
        case Field::Labels:
          for (std::size_t i = 0; i < verbalizer_.words.size(); ++i) out += (i > 0 ? ", " : "") + verbalizer_.words[i].front();
          break;
      }
    }
  }
  return out;
}

std::string PromptBuilder::instruction() const {
  const data::Example none;
  return render(parsed_.instruction, &none, nullptr);
}

std::string PromptBuilder::prefix(const data::Dataset& dataset, const std::vector<std::size_t>& demonstrations) const {
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
    out += render(parsed_.example, &example, &word) + parsed_.separator;
  }
  return out;
}

std::string PromptBuilder::query(const data::Example& example) const {
  return render(parsed_.example, &example, nullptr);
}

}  // namespace pwb::design
