#pragma once
// What is wrong with a data file: every problem found, each with its place in the file,
// so that a preview can mark the bad rows. Torch-free.

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace pwb::data {

// line and column are 1-based; column counts characters (Unicode code points) from the start of
// the line. 0 means "not tied to a line" (e.g. an empty file) or "the whole line".
struct Issue {
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
};

class DatasetError : public std::runtime_error {
 public:
  // issues: at most the import's cap, in file order; total_issues counts those past the cap too.
  DatasetError(std::filesystem::path file, std::vector<Issue> issues, std::size_t total_issues);

  const std::filesystem::path& file() const { return file_; }
  const std::vector<Issue>& issues() const { return issues_; }
  std::size_t totalIssues() const { return total_issues_; }

 private:
  std::filesystem::path file_;
  std::vector<Issue> issues_;
  std::size_t total_issues_;
};

}  // namespace pwb::data
