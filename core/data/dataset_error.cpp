#include "data/dataset_error.h"

#include <algorithm>

namespace pwb::data {
namespace {

// what() stays readable in a terminal or a message box; the full list is in issues().
constexpr std::size_t kIssuesInSummary = 10;

std::string summary(const std::filesystem::path& file, const std::vector<Issue>& issues, std::size_t total) {
  std::string text = file.string() + ": " + std::to_string(total) + (total == 1 ? " problem" : " problems");
  const std::size_t shown = std::min(issues.size(), kIssuesInSummary);
  for (std::size_t i = 0; i < shown; ++i) {
    const Issue& issue = issues[i];
    text += "\n  ";
    if (issue.line > 0) {
      text += "line " + std::to_string(issue.line);
      if (issue.column > 0) text += ", column " + std::to_string(issue.column);
      text += ": ";
    }
    text += issue.message;
  }
  if (total > shown) text += "\n  ... and " + std::to_string(total - shown) + " more";
  return text;
}

}  // namespace

DatasetError::DatasetError(std::filesystem::path file, std::vector<Issue> issues, std::size_t total_issues)
    : std::runtime_error(summary(file, issues, std::max(total_issues, issues.size()))),
      file_(std::move(file)),
      issues_(std::move(issues)),
      total_issues_(std::max(total_issues, issues_.size())) {}

}  // namespace pwb::data
