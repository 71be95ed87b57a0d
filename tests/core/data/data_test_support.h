#pragma once
// Helpers for the dataset tests: write a file, and read back the problems an import reports.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "data/import.h"

namespace pwb::data::test {

inline std::filesystem::path writeFile(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}

// Each issue as "line:column message", one per line, for exact comparison.
inline std::string describe(const std::vector<Issue>& issues) {
  std::string text;
  for (const auto& issue : issues) {
    text += std::to_string(issue.line) + ":" + std::to_string(issue.column) + " " + issue.message + "\n";
  }
  return text;
}

// The problems importing `file` reports; a test failure when the import succeeds.
inline std::string importProblems(const std::filesystem::path& file, const ImportOptions& options = {}) {
  try {
    const Dataset dataset = importDataset(file, options);
    ADD_FAILURE() << "importing " << file << " succeeded with " << dataset.examples.size() << " examples";
  } catch (const DatasetError& error) {
    EXPECT_EQ(error.file(), file);
    return describe(error.issues());
  }
  return {};
}

inline std::vector<std::string> texts(const Dataset& dataset) {
  std::vector<std::string> result;
  for (const auto& example : dataset.examples) result.push_back(example.text);
  return result;
}

inline std::vector<std::string> exampleLabels(const Dataset& dataset) {
  std::vector<std::string> result;
  for (const auto& example : dataset.examples) result.push_back(example.label);
  return result;
}

}  // namespace pwb::data::test
