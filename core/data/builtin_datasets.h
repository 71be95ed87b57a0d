#pragma once
// The datasets that ship with the app (resources/datasets/, each folder with a SOURCES.md).
// Torch-free.

#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/import_options.h"

namespace pwb::data {

struct LabelName {
  std::string value;  // as in the file
  std::string name;   // for people, and a natural first choice of label words
};

struct BuiltinPart {
  std::string name;  // "train", "dev", "test", or "all" for a dataset without a split
  std::string file;  // relative to the dataset's folder
};

struct BuiltinDataset {
  std::string name;
  std::string description;
  std::string task;
  std::string folder;               // under <resources>/datasets
  std::vector<BuiltinPart> parts;   // the first is the default
  ImportOptions options;            // format, header and column mapping of every part
  std::vector<LabelName> labels;    // in class order
};

const std::vector<BuiltinDataset>& builtinDatasets();

// Throws std::invalid_argument naming the known datasets (or parts).
const BuiltinDataset& builtinDataset(const std::string& name);

// Loads one part (default: the first) from pwb::system::resourceDir(). The Dataset is named
// "<name>/<part>" and its labels are the registry's, in the registry's order, even when the
// part lacks one of them. Throws DatasetError if the shipped file is damaged.
Dataset loadBuiltin(const std::string& name, const std::string& part = {});

}  // namespace pwb::data
