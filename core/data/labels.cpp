#include "data/labels.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace pwb::data {
namespace {

bool isInteger(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An integer label as sign and digits without leading zeros ("-0" and "00" are zero).
struct IntegerValue {
  bool negative = false;
  std::string_view digits;
};

IntegerValue integerValue(std::string_view text) {
  IntegerValue value;
  value.negative = text.front() == '-';
  if (value.negative) text.remove_prefix(1);
  text.remove_prefix(std::min(text.find_first_not_of('0'), text.size()));
  value.digits = text;
  if (text.empty()) value.negative = false;
  return value;
}

// Any length, no overflow: more digits is bigger, equal lengths compare digit by digit.
int compareIntegers(const IntegerValue& a, const IntegerValue& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  int magnitude = 0;
  if (a.digits.size() != b.digits.size()) {
    magnitude = a.digits.size() < b.digits.size() ? -1 : 1;
  } else {
    magnitude = a.digits.compare(b.digits);
  }
  return a.negative ? -magnitude : magnitude;
}

bool numericallyBefore(const std::string& a, const std::string& b) {
  const int order = compareIntegers(integerValue(a), integerValue(b));
  return order != 0 ? order < 0 : a < b;
}

}  // namespace

std::vector<std::string> discoverLabels(const std::vector<Example>& examples) {
  std::set<std::string> distinct;  // std::string compares as unsigned bytes: code point order
  for (const auto& example : examples) distinct.insert(example.label);
  std::vector<std::string> labels(distinct.begin(), distinct.end());
  if (!labels.empty() && std::all_of(labels.begin(), labels.end(), [](const std::string& l) { return isInteger(l); })) {
    std::sort(labels.begin(), labels.end(), numericallyBefore);
  }
  return labels;
}

std::vector<std::size_t> labelIndices(const Dataset& dataset) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < dataset.labels.size(); ++i) index.emplace(dataset.labels[i], i);
  std::vector<std::size_t> indices;
  indices.reserve(dataset.examples.size());
  for (const auto& example : dataset.examples) {
    const auto found = index.find(example.label);
    if (found == index.end()) {
      throw std::invalid_argument("dataset " + dataset.name + ": label \"" + example.label + "\" of example " +
                                  example.id + " is not in its label list");
    }
    indices.push_back(found->second);
  }
  return indices;
}

std::vector<std::size_t> labelCounts(const Dataset& dataset) {
  std::vector<std::size_t> counts(dataset.labels.size(), 0);
  for (const std::size_t index : labelIndices(dataset)) ++counts[index];
  return counts;
}

}  // namespace pwb::data
