#pragma once
// A parsed config.json (model_config.h) as the options of the family's module. Whatever a config
// may say that the module does not implement (GPT-2 without the tanh GELU, a Llama that is not
// SwiGLU, ...) is rejected here, naming the key, instead of giving silently different numbers.

#include <string>

#include "model/gpt2.h"
#include "model/llama.h"
#include "model/model_config.h"
#include "model/t5_options.h"

namespace pwb::model {

// `source` starts every error message (e.g. the config.json's path).
Gpt2Options gpt2Options(const Gpt2Config& config, const std::string& source);
LlamaOptions llamaOptions(const LlamaConfig& config, const std::string& source);
T5Options t5Options(const T5Config& config, const std::string& source);

}  // namespace pwb::model
