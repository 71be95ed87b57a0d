#pragma once
// Log-likelihood of a continuation given a context under a causal model: the basis of rank
// classification (which label's words does the model find most likely after the prompt?).

#include <cstdint>
#include <vector>

#include "model/causal_lm.h"

namespace pwb::model {

struct ContinuationScore {
  double total = 0.0;               // sum of per_token
  std::vector<double> per_token;    // log p(continuation[i] | context, continuation[..i])
};

// The context must not be empty (start it with BOS where the model has one).
ContinuationScore scoreContinuation(CausalLanguageModel& model, const std::vector<std::int64_t>& context,
                                    const std::vector<std::int64_t>& continuation);

}  // namespace pwb::model
