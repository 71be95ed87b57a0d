#include "model/model_source.h"

#include <stdexcept>

#include "model/llama2c_header.h"
#include "system/data_paths.h"

namespace pwb::model {

const std::vector<std::string>& builtinModelNames() {
  static const std::vector<std::string> names{"imdb-gpt", "stories260k"};
  return names;
}

std::filesystem::path resolveModelPath(const std::string& name_or_path) {
  const auto models = system::resourceDir() / "models";
  if (name_or_path == "stories260k") return models / "stories260k" / "stories260K.bin";
  if (name_or_path == "imdb-gpt") return models / "imdb-gpt";
  return name_or_path;
}

ModelConfig modelConfigOf(const std::string& name_or_path) {
  const auto path = resolveModelPath(name_or_path);
  if (path.extension() == ".bin" && std::filesystem::is_regular_file(path)) return readLlama2cHeader(path).config;
  return parseModelConfigFile(path);
}

}  // namespace pwb::model
