#include "adapt/adapted_text_model.h"

#include "adapt/adapted_causal_model.h"
#include "adapt/peft_adapter.h"
#include "model/model_loader.h"

namespace pwb::adapt {
namespace {

// An encoder-decoder's adapter: the method keeps its hooks (LoRA, IA3) on the shared module while
// it lives, and gives the virtual tokens or the decoder prefix that scoring and generation put in
// front of the sequence.
class AttachedMethod final : public model::AttachedAdapter {
 public:
  AttachedMethod(std::unique_ptr<BaseModel> base, std::unique_ptr<AdaptationMethod> method)
      : base_(std::move(base)), method_(std::move(method)) {}
  model::PromptInjection inject(std::int64_t batch) override { return method_->inject(batch); }

 private:
  std::unique_ptr<BaseModel> base_;
  std::unique_ptr<AdaptationMethod> method_;
};

}  // namespace

model::TextModel openWithAdapter(const std::string& model_name_or_path, const std::filesystem::path& adapter) {
  auto loaded = std::make_unique<model::LoadedModel>(model::loadModel(model_name_or_path));
  // The base shares the loaded model's module, so LoRA and IA3 hooks and fully fine-tuned weights
  // act on it.
  auto base = std::make_unique<BaseModel>(BaseModel::fromLoaded(*loaded));
  auto method = loadAdapter(adapter, *base);
  if (loaded->isEncoderDecoder()) {
    loaded->seq2seq_adapter = std::make_unique<AttachedMethod>(std::move(base), std::move(method));
  } else {
    // The adapted interface adds what prompt-learning methods put in front of the sequence.
    loaded->causal = std::make_unique<AdaptedCausalModel>(std::move(base), std::move(method));
  }
  return model::TextModel(std::move(loaded));
}

}  // namespace pwb::adapt
