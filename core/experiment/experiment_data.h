#pragma once
// The data of an experiment, prepared once for all its runs: the dataset, its seeded splits
// (with evaluation limits applied) and each run's training subsample. Torch-free.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "data/dataset.h"
#include "data/split.h"
#include "experiment/experiment_spec.h"

namespace pwb::experiment {

struct PreparedData {
  data::Dataset dataset;
  data::Splits splits;  // validation and test cut to the spec's limits
};

// Loads the built-in or the file and splits it. Throws data::DatasetError for a bad file and
// SpecError ("dataset.builtin") for an unknown built-in name.
PreparedData prepareData(const DatasetSpec& spec);

// The run's training examples: the whole train split, or a seeded, label-stratified subsample
// of `size` examples (nested: for one seed, smaller subsamples lie inside larger ones). Throws
// SpecError naming "train_sizes" when the train split is smaller than `size`.
std::vector<std::size_t> trainingPool(const PreparedData& data, std::optional<std::int64_t> size, std::uint64_t seed);

}  // namespace pwb::experiment
