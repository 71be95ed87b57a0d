#include "train/schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pwb::train {

ScheduleKind scheduleKindFromName(const std::string& name) {
  if (name == "constant") return ScheduleKind::Constant;
  if (name == "linear") return ScheduleKind::Linear;
  if (name == "cosine") return ScheduleKind::Cosine;
  throw std::invalid_argument("unknown learning-rate schedule '" + name + "' (expected constant, linear or cosine)");
}

std::string toString(ScheduleKind kind) {
  switch (kind) {
    case ScheduleKind::Constant:
      return "constant";
    case ScheduleKind::Linear:
      return "linear";
    case ScheduleKind::Cosine:
      return "cosine";
  }
  return "linear";
}

double learningRateFactor(const ScheduleOptions& schedule, std::int64_t step, std::int64_t total_steps) {
  const auto ratio = [](std::int64_t a, std::int64_t b) {
    return static_cast<double>(a) / static_cast<double>(std::max<std::int64_t>(1, b));
  };
  const auto warmup = schedule.warmup_steps;
  if (step < warmup) return ratio(step, warmup);
  switch (schedule.kind) {
    case ScheduleKind::Constant:
      return 1.0;
    case ScheduleKind::Linear:
      return std::max(0.0, ratio(total_steps - step, total_steps - warmup));
    case ScheduleKind::Cosine:
      return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * ratio(step - warmup, total_steps - warmup))));
  }
  return 1.0;
}

}  // namespace pwb::train
