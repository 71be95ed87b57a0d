#include "adapt/adapted_text_model.h"

#include <stdexcept>

#include "adapt/adapted_causal_model.h"
#include "adapt/peft_adapter.h"
#include "model/model_loader.h"

namespace pwb::adapt {

model::TextModel openWithAdapter(const std::string& model_name_or_path, const std::filesystem::path& adapter) {
  auto loaded = std::make_unique<model::LoadedModel>(model::loadModel(model_name_or_path));
  if (loaded->isEncoderDecoder()) {
    throw std::runtime_error(adapter.string() + ": adapters on encoder-decoder models are not supported yet");
  }
  // The base shares the loaded model's module, so LoRA and IA3 hooks act on it; the adapted
  // interface adds what prompt-learning methods put in front of the sequence.
  auto base = std::make_unique<BaseModel>(BaseModel::fromLoaded(*loaded));
  auto method = loadAdapter(adapter, *base);
  loaded->causal = std::make_unique<AdaptedCausalModel>(std::move(base), std::move(method));
  return model::TextModel(std::move(loaded));
}

}  // namespace pwb::adapt
