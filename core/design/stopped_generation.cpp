#include "design/stopped_generation.h"

#include <algorithm>

namespace pwb::design {

std::string generateUntilStop(const model::LoadedModel& model, const GenerationRequest& request,
                              const StoppableGeneration& generate) {
  const auto& tokenizer = *model.tokenizer;
  const auto firstStop = [&](const std::string& text) {
    auto cut = std::string::npos;
    for (const auto& stop : request.stop_strings) {
      if (!stop.empty()) cut = std::min(cut, text.find(stop));
    }
    return cut;
  };
  const auto eos = model.special_tokens.eos;
  auto sampling = request.sampling;
  if (eos) sampling.stop_ids.push_back(*eos);
  auto generated = generate(sampling, [&](const std::vector<std::int64_t>& so_far) {
    return firstStop(tokenizer.decode(so_far)) != std::string::npos;
  });
  if (!generated.empty() && eos && generated.back() == *eos) generated.pop_back();
  auto text = tokenizer.decode(generated);
  const auto cut = firstStop(text);
  return cut == std::string::npos ? text : text.substr(0, cut);
}

}  // namespace pwb::design
