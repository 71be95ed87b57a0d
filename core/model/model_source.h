#pragma once
// Where a model a user names lives, and its configuration read without loading any weight:
// torch-free, so that the command line and the GUI can count a method's parameters before a run.

#include <filesystem>
#include <string>

#include "model/model_config.h"

namespace pwb::model {

// Built-in model names (resolved in the resource folder): "stories260k". Anything else is a path.
std::filesystem::path resolveModelPath(const std::string& name_or_path);

// A built-in name, a Hugging Face folder (or its config.json) or a llama2.c .bin file → its config.
// Throws std::runtime_error naming the file and what is wrong.
ModelConfig modelConfigOf(const std::string& name_or_path);

}  // namespace pwb::model
