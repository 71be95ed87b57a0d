#pragma once
// Where a model a user names lives, and its configuration read without loading any weight:
// torch-free, so that the command line and the GUI can count a method's parameters before a run.

#include <filesystem>
#include <string>
#include <vector>

#include "model/model_config.h"

namespace pwb::model {

// The models that ship with the app, the default first: "imdb-gpt" (the project's own, pretrained
// on IMDb reviews by experiments/builtin-model.json) and "stories260k" (llama2.c's).
const std::vector<std::string>& builtinModelNames();

// A built-in name becomes its file or folder in the resource folder; anything else is a path.
std::filesystem::path resolveModelPath(const std::string& name_or_path);

// A built-in name, a Hugging Face folder (or its config.json) or a llama2.c .bin file → its config.
// Throws std::runtime_error naming the file and what is wrong.
ModelConfig modelConfigOf(const std::string& name_or_path);

}  // namespace pwb::model
