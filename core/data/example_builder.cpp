#include "data/example_builder.h"

#include <algorithm>

#include "data/quoted_list.h"

namespace pwb::data {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

bool isBlank(const std::string& text) { return std::all_of(text.begin(), text.end(), isSpace); }

// Labels are identifiers: " 1" in a hand-written CSV means "1".
std::string trimmed(const std::string& text) {
  const auto first = std::find_if_not(text.begin(), text.end(), isSpace);
  const auto last = std::find_if_not(text.rbegin(), text.rend(), isSpace).base();
  return first < last ? std::string(first, last) : std::string();
}

}  // namespace

ExampleBuilder::ExampleBuilder(const ImportOptions& options, std::string column_noun, IssueLog& issues)
    : columns_(options.columns),
      noun_(std::move(column_noun)),
      issues_(issues),
      allowed_labels_(options.label_set),
      allowed_(options.label_set.begin(), options.label_set.end()) {}

void ExampleBuilder::add(MappedRow row) {
  bool ok = true;
  if (isBlank(row.text.value)) {
    report(row.text, "empty text in " + noun_ + " " + columns_.text.describe());
    ok = false;
  }
  if (columns_.text_b.mapped() && isBlank(row.text_b.value)) {
    report(row.text_b, "empty second text in " + noun_ + " " + columns_.text_b.describe());
    ok = false;
  }
  std::string label = trimmed(row.label.value);
  if (label.empty()) {
    report(row.label, "missing label: " + noun_ + " " + columns_.label.describe() + " is empty");
    ok = false;
  } else if (!allowed_.empty() && allowed_.count(label) == 0) {
    report(row.label, "unknown label \"" + label + "\"; expected one of " + quotedList(allowed_labels_));
    ok = false;
  }
  std::string id = std::to_string(row.line);
  if (columns_.id.mapped()) {
    id = trimmed(row.id.value);
    if (id.empty()) {
      report(row.id, "empty id in " + noun_ + " " + columns_.id.describe());
      ok = false;
    } else if (const auto [first, inserted] = id_lines_.emplace(id, row.line); !inserted) {
      report(row.id, "duplicate id \"" + id + "\" (first used on line " + std::to_string(first->second) + ")");
      ok = false;
    }
  }
  if (!ok) return;
  examples_.push_back({std::move(id), std::move(row.text.value), std::move(row.text_b.value), std::move(label),
                       row.line, std::move(row.other_columns)});
}

void ExampleBuilder::report(const Field& field, std::string message) {
  issues_.add(field.at.line, field.at.column, std::move(message));
}

}  // namespace pwb::data
