#pragma once
// What prompt design needs from a frozen model, text in and numbers out: the log-likelihood of
// candidate continuations after a prompt, and a generated continuation. Decoder-only models
// implement it in causal_scorer.h; encoder-decoder (T5) models in seq2seq_scorer.h, which reads
// the prompt with the encoder and scores the continuations as the decoder's targets.
// Torch-free header.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/sampling_options.h"

namespace pwb::model {
struct LoadedModel;
}

namespace pwb::design {

struct ScoringRequest {
  std::string prompt;                      // starts with the shared prefix, if one is set
  std::vector<std::string> continuations;  // each scored right after the prompt
};

// log p(token | everything before it), one value per token of a continuation.
using TokenLogLikelihoods = std::vector<double>;

struct GenerationRequest {
  model::SamplingOptions sampling;        // the model's end-of-sequence token always stops
  std::vector<std::string> stop_strings;  // the text is cut before the first one generated
};

class PromptScorer {
 public:
  virtual ~PromptScorer() = default;

  // The text every following prompt starts with (instruction and demonstrations), so that an
  // implementation can process it once. Empty: no shared prefix.
  virtual void setSharedPrefix(const std::string& prefix) = 0;

  // result[r][c]: continuation c of request r. Throws std::length_error when a prompt with a
  // continuation is longer than the model's context.
  virtual std::vector<std::vector<TokenLogLikelihoods>> score(const std::vector<ScoringRequest>& requests) = 0;

  // The continuation of `prompt` as text, cut at a stop string (which is left out).
  virtual std::string generate(const std::string& prompt, const GenerationRequest& request) = 0;
};

// For a decoder-only model; an encoder-decoder one has no prefix cache (seq2seq_scorer.h).
enum class PrefixReuse {
  SharedPrefixCache,  // the shared prefix runs once; its KV cache serves every prompt and label
  None,               // every continuation scored from scratch: the reference the cache must equal
};

// The scorer of the loaded model's family. The model may be shared with other users, who must
// not run it at the same time.
std::unique_ptr<PromptScorer> makePromptScorer(std::shared_ptr<model::LoadedModel> model,
                                               PrefixReuse reuse = PrefixReuse::SharedPrefixCache);

// Loads a model by name or path (model_loader.h) behind the scorer of its family. Throws
// std::runtime_error naming what cannot be opened.
std::unique_ptr<PromptScorer> openPromptScorer(const std::string& name_or_path,
                                               PrefixReuse reuse = PrefixReuse::SharedPrefixCache);

}  // namespace pwb::design
