#pragma once
// A labelled text-classification dataset as the engine sees it. Torch-free.

#include <cstddef>
#include <string>
#include <vector>

namespace pwb::data {

struct Example {
  std::string id;      // the id column's value, else the line number of the row in its file
  std::string text;
  std::string text_b;  // second text of a pair; empty when the dataset has none
  std::string label;
  std::size_t source_line = 0;  // 1-based line where the row starts in its file
};

struct Dataset {
  std::string name;
  std::vector<Example> examples;
  std::vector<std::string> labels;  // the class order: every example's label is one of these
};

}  // namespace pwb::data
