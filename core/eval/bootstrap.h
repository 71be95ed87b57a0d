#pragma once
// Percentile bootstrap confidence intervals for any statistic over examples. Torch-free.
//
// Deterministic for a seed on every platform: the generator is std::mt19937_64 seeded with
// BootstrapOptions::seed, and resample indices come from uniformIndex (uniform_index.h), not
// from std::uniform_int_distribution, whose output differs between standard libraries.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "eval/interval.h"
#include "eval/label.h"

namespace pwb::eval {

struct BootstrapOptions {
  std::size_t resamples = 1000;  // B
  double confidence = 0.95;
  std::uint64_t seed = 0;
};

// The statistic on a resample, given the indices of the examples drawn (n of them, drawn with
// replacement from [0, n)). It must return a finite value.
using IndexStatistic = std::function<double(const std::vector<std::size_t>& sample)>;

// The statistic on gold and predicted labels of a resample (e.g. accuracy, or macro-F1 via
// classificationReport).
using LabelStatistic = std::function<double(const std::vector<Label>& gold, const std::vector<Label>& predicted)>;

// estimate = statistic on all examples [0, n); lower and upper = the (1 − confidence)/2 and
// (1 + confidence)/2 quantiles of the B resampled statistics, interpolated linearly between
// order statistics (position q·(B − 1) in the sorted values, numpy's default). Resample b
// draws its n indices in order from the one generator, so B and n fix the sequence.
// Throws std::invalid_argument when n or resamples is 0, the confidence level is not in
// (0, 1), or the statistic returns a non-finite value.
ConfidenceInterval bootstrapInterval(std::size_t examples, const IndexStatistic& statistic,
                                     const BootstrapOptions& options = {});

// The same over paired labels; also throws when gold and predicted differ in length.
ConfidenceInterval bootstrapInterval(const std::vector<Label>& gold, const std::vector<Label>& predicted,
                                     const LabelStatistic& statistic, const BootstrapOptions& options = {});

}  // namespace pwb::eval
