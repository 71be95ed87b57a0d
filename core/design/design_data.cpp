#include "design/design_data.h"

#include <stdexcept>

#include "data/builtin_datasets.h"
#include "data/import.h"
#include "data/split.h"

namespace pwb::design {
namespace {

bool isBuiltin(const std::string& name) {
  for (const auto& dataset : data::builtinDatasets()) {
    if (dataset.name == name) return true;
  }
  return false;
}

std::vector<std::size_t> range(std::size_t from, std::size_t to) {
  std::vector<std::size_t> indices;
  for (auto i = from; i < to; ++i) indices.push_back(i);
  return indices;
}

// A built-in whose train part gives the demonstrations: the evaluated part first, then train.
DesignData fromParts(const data::BuiltinDataset& builtin, const std::string& split) {
  std::string evaluated_part = split;
  if (evaluated_part.empty()) {
    for (const auto& part : builtin.parts) {
      if (part.name != "train") evaluated_part = part.name;
    }
  }
  std::string known;
  bool found = false;
  for (const auto& part : builtin.parts) {
    known += (known.empty() ? "" : ", ") + part.name;
    found = found || (part.name == evaluated_part && part.name != "train");
  }
  if (!found) {
    throw std::invalid_argument("built-in dataset " + builtin.name + " has no split \"" + evaluated_part +
                                "\" to evaluate (its parts: " + known + "; train gives the demonstrations)");
  }
  DesignData out;
  out.dataset = data::loadBuiltin(builtin.name, evaluated_part);
  out.split = evaluated_part;
  out.evaluated = range(0, out.dataset.examples.size());
  auto train = data::loadBuiltin(builtin.name, "train");
  for (auto& example : train.examples) {
    example.id = "train:" + example.id;
    out.dataset.examples.push_back(std::move(example));
  }
  out.demonstration_pool = range(out.evaluated.size(), out.dataset.examples.size());
  out.dataset.name = builtin.name;
  return out;
}

DesignData bySplitting(data::Dataset dataset, const std::string& split, std::uint64_t seed) {
  const std::string name = split.empty() ? "test" : split;
  if (name != "test" && name != "validation") {
    throw std::invalid_argument("split \"" + name + "\" cannot be evaluated; use test or validation");
  }
  data::SplitOptions options;
  options.stratified = true;
  options.seed = seed;
  auto splits = data::split(dataset, options);
  DesignData out;
  out.dataset = std::move(dataset);
  out.split = name;
  out.evaluated = name == "test" ? splits.test : splits.validation;
  out.demonstration_pool = std::move(splits.train);
  return out;
}

}  // namespace

DesignData loadDesignData(const DesignDataOptions& options) {
  DesignData out;
  if (isBuiltin(options.source)) {
    const auto& builtin = data::builtinDataset(options.source);
    bool has_train = false;
    for (const auto& part : builtin.parts) has_train = has_train || part.name == "train";
    out = has_train ? fromParts(builtin, options.split)
                    : bySplitting(data::loadBuiltin(builtin.name), options.split, options.split_seed);
    for (const auto& label : builtin.labels) out.label_names.push_back(label.name);
  } else {
    data::ImportOptions import;
    import.columns = options.columns;
    out = bySplitting(data::importDataset(options.source, import), options.split, options.split_seed);
  }
  if (options.limit && *options.limit < out.evaluated.size()) {
    out.evaluated = data::subsample(out.dataset, out.evaluated, *options.limit, true, options.split_seed);
  }
  return out;
}

}  // namespace pwb::design
