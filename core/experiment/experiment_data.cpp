#include "experiment/experiment_data.h"

#include "data/builtin_datasets.h"
#include "data/import.h"

namespace pwb::experiment {
namespace {

data::Dataset load(const DatasetSpec& spec) {
  if (spec.builtin.empty()) return data::importDataset(spec.file, spec.import);
  try {
    return data::loadBuiltin(spec.builtin, spec.part);
  } catch (const std::invalid_argument& e) {
    throw SpecError(spec.part.empty() ? "dataset.builtin" : "dataset.part", e.what());
  }
}

}  // namespace

PreparedData prepareData(const DatasetSpec& spec) {
  PreparedData prepared;
  prepared.dataset = load(spec);
  data::SplitOptions options;
  options.validation = data::SplitSize::fraction(spec.validation_fraction);
  options.test = data::SplitSize::fraction(spec.test_fraction);
  options.stratified = spec.stratify;
  options.seed = spec.split_seed;
  prepared.splits = data::split(prepared.dataset, options);
  // The split lists are ascending indices; the spec's limit keeps a seeded but fixed prefix of
  // a shuffled order, so that a limited test set is still a random sample of the split.
  const auto cut = [&](std::vector<std::size_t>& part, const std::optional<std::int64_t>& count) {
    if (!count || part.size() <= static_cast<std::size_t>(*count)) return;
    part = data::subsample(prepared.dataset, part, static_cast<std::size_t>(*count), spec.stratify, spec.split_seed);
  };
  cut(prepared.splits.validation, spec.validation_limit);
  cut(prepared.splits.test, spec.test_limit);
  return prepared;
}

std::vector<std::size_t> trainingPool(const PreparedData& data, std::optional<std::int64_t> size, std::uint64_t seed) {
  const auto& train = data.splits.train;
  if (!size) return train;
  if (static_cast<std::size_t>(*size) > train.size()) {
    throw SpecError("train_sizes", "a training set of " + std::to_string(*size) + " examples was asked for, but the train split has only " +
                                       std::to_string(train.size()));
  }
  return data::subsample(data.dataset, train, static_cast<std::size_t>(*size), true, seed);
}

}  // namespace pwb::experiment
