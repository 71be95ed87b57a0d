#include "experiment/tuning_estimate.h"

#include "adapt/method_options.h"
#include "experiment/method_options.h"

namespace pwb::experiment {

TuningEstimate estimateTuning(const model::ModelConfig& config, const nlohmann::json& method, std::int64_t batch_size,
                              std::int64_t sequence_length) {
  const auto checked = checkMethodOptions(method, "method");
  const auto name = checked.at("name").get<std::string>();
  const auto options = peftOptions(checked, {});
  TuningEstimate estimate;
  estimate.count = adapt::countMethod(config, name, options);
  estimate.extra_positions = adapt::extraPositions(name, options);
  estimate.memory =
      adapt::estimateTrainingMemory(config, estimate.count, batch_size, sequence_length, estimate.extra_positions);
  return estimate;
}

}  // namespace pwb::experiment
