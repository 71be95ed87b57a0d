#pragma once
// Learning-rate schedules with linear warm-up, the same factors as transformers'
// get_{constant,linear,cosine}_schedule_with_warmup (LambdaLR): optimiser step s (0-based)
// runs at peak · factor(s), so with warm-up the first step runs at rate 0, as there.
// Torch-free header.

#include <cstdint>
#include <string>

namespace pwb::train {

enum class ScheduleKind { Constant, Linear, Cosine };
// "constant", "linear", "cosine"; throws std::invalid_argument naming the unknown name.
ScheduleKind scheduleKindFromName(const std::string& name);
std::string toString(ScheduleKind kind);

struct ScheduleOptions {
  ScheduleKind kind = ScheduleKind::Linear;  // the Trainer's default
  std::int64_t warmup_steps = 0;
};

// warm-up (s < w): s / max(1, w); then, with p = (s − w) / max(1, total − w):
//   constant 1;  linear max(0, (total − s) / max(1, total − w));  cosine max(0, ½(1 + cos πp)).
double learningRateFactor(const ScheduleOptions& schedule, std::int64_t step, std::int64_t total_steps);

}  // namespace pwb::train
