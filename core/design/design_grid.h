#pragma once
// A design grid: several templates × k-shot values × seeds on one dataset, each cell evaluated
// like evaluateDesign, the result one row per cell. Torch-free.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "design/design_evaluation.h"

namespace pwb::design {

struct NamedTemplate {
  std::string name;
  PromptBuilder builder;
};

struct DesignGrid {
  std::vector<NamedTemplate> templates;
  std::vector<std::size_t> shots = {0};  // k values
  std::vector<std::uint64_t> seeds = {0};
  DesignOptions options;  // everything else; shots.k and shots.seed are set per cell
};

struct GridRow {
  std::string template_name;
  std::size_t shots = 0;
  std::uint64_t seed = 0;
  std::size_t examples = 0;
  eval::ConfidenceInterval accuracy;
  eval::ConfidenceInterval macro_f1;
  double expected_calibration_error = 0.0;
  double seconds = 0.0;  // wall time of the cell
};

struct GridResult {
  std::vector<GridRow> rows;  // templates outermost, then k, then seed
  bool cancelled = false;
};

struct GridProgress {
  std::size_t cell = 0;   // 0-based, of `cells`
  std::size_t cells = 0;
  std::size_t examples_done = 0;
  std::size_t examples = 0;
};

// The cells the grid runs: a zero-shot prompt does not depend on the seed, so k = 0 runs once,
// with the first seed.
std::size_t cellCount(const DesignGrid& grid);

// A cancelled grid keeps the rows of the cells it finished. Throws as evaluateDesign.
GridResult runDesignGrid(PromptScorer& scorer, const DesignGrid& grid, const data::Dataset& dataset,
                         const std::vector<std::size_t>& evaluated, const std::vector<std::size_t>& demonstration_pool,
                         const system::CancellationToken* cancel = nullptr,
                         const std::function<void(const GridProgress&)>& progress = {});

}  // namespace pwb::design
