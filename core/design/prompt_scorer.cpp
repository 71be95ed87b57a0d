#include "design/prompt_scorer.h"

#include "design/causal_scorer.h"
#include "design/seq2seq_scorer.h"

namespace pwb::design {

std::unique_ptr<PromptScorer> makePromptScorer(std::shared_ptr<model::LoadedModel> model, PrefixReuse reuse) {
  if (model->isEncoderDecoder()) return std::make_unique<Seq2SeqScorer>(std::move(model));
  return std::make_unique<CausalScorer>(std::move(model), reuse);
}

std::unique_ptr<PromptScorer> openPromptScorer(const std::string& name_or_path, PrefixReuse reuse) {
  return makePromptScorer(std::make_shared<model::LoadedModel>(model::loadModel(name_or_path)), reuse);
}

}  // namespace pwb::design
