#pragma once
// The examples a design run evaluates and the pool its demonstrations come from, for a
// built-in dataset or a file. Torch-free.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/import_options.h"

namespace pwb::design {

struct DesignDataOptions {
  std::string source;       // a built-in dataset's name or a CSV/TSV/JSONL file
  std::string split;        // empty: "test", or a built-in's part other than train
  std::uint64_t split_seed = 0;
  std::optional<std::size_t> limit;  // evaluate a stratified, seeded subsample of this size
  data::ColumnMapping columns;       // for files
};

struct DesignData {
  data::Dataset dataset;
  std::string split;                            // the evaluated split's name
  std::vector<std::size_t> evaluated;           // indices into dataset.examples
  std::vector<std::size_t> demonstration_pool;  // disjoint from evaluated
  std::vector<std::string> label_names;         // a built-in's names for its labels; else empty
};

// A built-in with a train part: demonstrations from train, the other part (dev or test, or the
// part named by `split`) evaluated. Otherwise the examples are split 80/10/10, stratified with
// `split_seed`: demonstrations from train, `split` ("test" or "validation") evaluated.
// Throws std::invalid_argument naming an unknown split, data::DatasetError for a bad file.
DesignData loadDesignData(const DesignDataOptions& options);

}  // namespace pwb::design
