#pragma once
// Log-likelihood of a continuation given a context: the basis of rank classification (which
// label's words does the model find most likely after the prompt?). A causal model reads
// context + continuation as one sequence; an encoder-decoder model reads the context with its
// encoder and the continuation as the decoder's target.

#include <cstdint>
#include <vector>

#include "model/causal_lm.h"
#include "model/t5.h"

namespace pwb::model {

struct ContinuationScore {
  double total = 0.0;               // sum of per_token
  std::vector<double> per_token;    // log p(continuation[i] | context, continuation[..i])
};

// The context must not be empty (start it with BOS where the model has one).
ContinuationScore scoreContinuation(CausalLanguageModel& model, const std::vector<std::int64_t>& context,
                                    const std::vector<std::int64_t>& continuation);

// context: the encoder's input ids; continuation: the decoder's target ids (with EOS where the
// model's tokenizer appends one), read after the decoder start token. An adapter's prompt (for one
// sequence) goes in front of the encoder's input and the decoder's keys and values.
ContinuationScore scoreContinuation(T5ForConditionalGenerationImpl& model, const std::vector<std::int64_t>& context,
                                    const std::vector<std::int64_t>& continuation, const PromptInjection& prompt = {});

}  // namespace pwb::model
