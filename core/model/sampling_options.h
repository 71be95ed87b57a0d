#pragma once
// How generation picks tokens. Torch-free: the GUI and the CLI fill it in.

#include <cstdint>
#include <vector>

namespace pwb::model {

struct SamplingOptions {
  std::int64_t max_new_tokens = 64;
  double temperature = 0.0;  // 0: greedy
  std::int64_t top_k = 0;    // 0: no cut
  double top_p = 1.0;        // 1: no cut
  std::uint64_t seed = 0;
  std::vector<std::int64_t> stop_ids;  // e.g. EOS; the stop token is kept in the output
};

}  // namespace pwb::model
