#pragma once
// Which points are on the accuracy-versus-cost Pareto front: no other point is at least as
// accurate with at most as many trainable parameters and strictly better in one of the two.
// The one definition used by the results table (core/experiment) and the Pareto chart (ui/).

#include <cstddef>
#include <vector>

namespace pwb::eval {

struct ParetoCandidate {
  double trainable_parameters = 0.0;  // the cost: fewer is better (0 for prompt design)
  double accuracy = 0.0;              // higher is better
};

// Indices into candidates of the non-dominated ones, ordered by parameters then by accuracy
// (descending). Equal candidates are all kept: neither dominates the other.
std::vector<std::size_t> paretoFront(const std::vector<ParetoCandidate>& candidates);

}  // namespace pwb::eval
