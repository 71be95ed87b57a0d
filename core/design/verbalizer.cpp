#include "design/verbalizer.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace pwb::design {
namespace {

struct Span {
  std::string_view text;
  std::size_t column;  // 1-based, of the first character of text
};

std::vector<Span> splitAt(Span span, char separator) {
  std::vector<Span> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= span.text.size(); ++i) {
    if (i == span.text.size() || span.text[i] == separator) {
      parts.push_back({span.text.substr(start, i - start), span.column + start});
      start = i + 1;
    }
  }
  return parts;
}

Span trimmed(Span span) {
  while (!span.text.empty() && (span.text.front() == ' ' || span.text.front() == '\t')) {
    span.text.remove_prefix(1);
    ++span.column;
  }
  while (!span.text.empty() && (span.text.back() == ' ' || span.text.back() == '\t')) span.text.remove_suffix(1);
  return span;
}

[[noreturn]] void failAt(std::size_t column, const std::string& message) {
  throw std::invalid_argument("verbalizer, column " + std::to_string(column) + ": " + message);
}

void addLabel(Verbalizer& verbalizer, const std::string& label, std::vector<std::string> words,
              const std::string& where) {
  if (std::find(verbalizer.labels.begin(), verbalizer.labels.end(), label) != verbalizer.labels.end()) {
    throw std::invalid_argument("verbalizer, " + where + ": label \"" + label + "\" is given twice");
  }
  verbalizer.labels.push_back(label);
  verbalizer.words.push_back(std::move(words));
}

Verbalizer parseCompact(std::string_view spec) {
  Verbalizer verbalizer;
  for (const auto& entry : splitAt({spec, 1}, ',')) {
    const auto equals = entry.text.find('=');
    if (equals == std::string_view::npos) {
      failAt(entry.column, "\"" + std::string(entry.text) + "\" has no '=' (write label=word)");
    }
    const auto label = trimmed({entry.text.substr(0, equals), entry.column});
    if (label.text.empty()) failAt(entry.column, "a label is empty");
    std::vector<std::string> words;
    for (const auto& word : splitAt({entry.text.substr(equals + 1), entry.column + equals + 1}, '|')) {
      const auto w = trimmed(word);
      if (w.text.empty()) failAt(word.column, "label \"" + std::string(label.text) + "\" has an empty word");
      words.emplace_back(w.text);
    }
    addLabel(verbalizer, std::string(label.text), std::move(words), "column " + std::to_string(label.column));
  }
  return verbalizer;
}

Verbalizer parseJson(std::string_view spec) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(spec);
  } catch (const nlohmann::json::parse_error& error) {
    throw std::invalid_argument(std::string("verbalizer: not valid JSON: ") + error.what());
  }
  if (!json.is_object()) throw std::invalid_argument("verbalizer: JSON must be an object of label -> word(s)");
  Verbalizer verbalizer;
  for (const auto& [label, value] : json.items()) {
    const auto path = "/" + label;
    std::vector<std::string> words;
    if (value.is_string()) {
      words.push_back(value.get<std::string>());
    } else if (value.is_array() && !value.empty()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string()) {
          throw std::invalid_argument("verbalizer, " + path + "/" + std::to_string(i) + ": a word must be a string");
        }
        words.push_back(value[i].get<std::string>());
      }
    } else {
      throw std::invalid_argument("verbalizer, " + path + ": must be a word or a non-empty list of words");
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i].empty()) throw std::invalid_argument("verbalizer, " + path + ": empty word");
    }
    if (label.empty()) throw std::invalid_argument("verbalizer, " + path + ": a label is empty");
    addLabel(verbalizer, label, std::move(words), path);
  }
  if (verbalizer.labels.empty()) throw std::invalid_argument("verbalizer: no labels");
  return verbalizer;
}

}  // namespace

Verbalizer parseVerbalizer(std::string_view spec) {
  const auto start = spec.find_first_not_of(" \t\n");
  if (start == std::string_view::npos) throw std::invalid_argument("verbalizer: empty (write e.g. 0=terrible,1=great)");
  return spec[start] == '{' ? parseJson(spec) : parseCompact(spec);
}

Verbalizer orderForLabels(const Verbalizer& verbalizer, const std::vector<std::string>& dataset_labels) {
  for (const auto& label : verbalizer.labels) {
    if (std::find(dataset_labels.begin(), dataset_labels.end(), label) == dataset_labels.end()) {
      std::string known;
      for (const auto& l : dataset_labels) known += (known.empty() ? "" : ", ") + l;
      throw std::invalid_argument("verbalizer: the dataset has no label \"" + label + "\" (its labels: " + known + ")");
    }
  }
  Verbalizer ordered;
  for (const auto& label : dataset_labels) {
    const auto it = std::find(verbalizer.labels.begin(), verbalizer.labels.end(), label);
    if (it == verbalizer.labels.end()) {
      throw std::invalid_argument("verbalizer: no words for the dataset's label \"" + label + "\"");
    }
    ordered.labels.push_back(label);
    ordered.words.push_back(verbalizer.words[static_cast<std::size_t>(it - verbalizer.labels.begin())]);
  }
  return ordered;
}

}  // namespace pwb::design
