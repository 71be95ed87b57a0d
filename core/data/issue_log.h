#pragma once
// Collects the problems of one import: keeps the first `cap`, counts them all.

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset_error.h"

namespace pwb::data {

class IssueLog {
 public:
  explicit IssueLog(std::size_t cap) : cap_(cap) {}

  void add(std::size_t line, std::size_t column, std::string message) {
    ++total_;
    if (issues_.size() < cap_) issues_.push_back({line, column, std::move(message)});
  }

  bool empty() const { return total_ == 0; }

  DatasetError error(const std::filesystem::path& file) const { return DatasetError(file, issues_, total_); }

 private:
  std::size_t cap_;
  std::size_t total_ = 0;
  std::vector<Issue> issues_;
};

}  // namespace pwb::data
