#pragma once
// A model opened with a PEFT adapter folder applied (`pwb generate/score --adapter DIR`): every
// method, whether trained here or saved by PEFT's save_pretrained. Torch-free header.

#include <filesystem>
#include <string>

#include "model/text_model.h"

namespace pwb::adapt {

// Throws std::runtime_error naming the folder or file when the adapter cannot be read or does
// not fit the model. On an encoder-decoder model, prompt tuning and P-tuning put their virtual
// tokens before the encoder's input and prefix tuning its keys and values before the decoder's,
// as PEFT does for seq2seq models.
model::TextModel openWithAdapter(const std::string& model_name_or_path, const std::filesystem::path& adapter);

}  // namespace pwb::adapt
