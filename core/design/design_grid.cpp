#include "design/design_grid.h"

#include <chrono>
#include <stdexcept>

namespace pwb::design {
namespace {

std::size_t seedsFor(const DesignGrid& grid, std::size_t k) { return k == 0 ? 1 : grid.seeds.size(); }

}  // namespace

std::size_t cellCount(const DesignGrid& grid) {
  std::size_t per_template = 0;
  for (const auto k : grid.shots) per_template += seedsFor(grid, k);
  return grid.templates.size() * per_template;
}

GridResult runDesignGrid(PromptScorer& scorer, const DesignGrid& grid, const data::Dataset& dataset,
                         const std::vector<std::size_t>& evaluated, const std::vector<std::size_t>& demonstration_pool,
                         const system::CancellationToken* cancel,
                         const std::function<void(const GridProgress&)>& progress) {
  if (grid.templates.empty() || grid.shots.empty() || grid.seeds.empty()) {
    throw std::invalid_argument("a design grid needs at least one template, one k and one seed");
  }
  GridResult result;
  GridProgress where;
  where.cells = cellCount(grid);
  where.examples = evaluated.size();
  for (const auto& named : grid.templates) {
    for (const auto k : grid.shots) {
      for (std::size_t s = 0; s < seedsFor(grid, k); ++s) {
        if (cancel != nullptr && cancel->isCancelled()) {
          result.cancelled = true;
          return result;
        }
        auto options = grid.options;
        options.shots.k = k;
        options.shots.seed = grid.seeds[s];
        const auto started = std::chrono::steady_clock::now();
        const auto cell = evaluateDesign(scorer, named.builder, dataset, evaluated, demonstration_pool, options, cancel,
                                         [&](std::size_t done, std::size_t) {
                                           where.examples_done = done;
                                           if (progress) progress(where);
                                         });
        if (cell.cancelled || !cell.metrics) {
          result.cancelled = cell.cancelled;
          return result;
        }
        GridRow row;
        row.template_name = named.name;
        row.shots = k;
        row.seed = grid.seeds[s];
        row.examples = cell.metrics->examples;
        row.accuracy = cell.metrics->accuracy;
        row.macro_f1 = cell.metrics->macro_f1;
        row.expected_calibration_error = cell.metrics->calibration.expected_calibration_error;
        row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        result.rows.push_back(row);
        ++where.cell;
      }
    }
  }
  return result;
}

}  // namespace pwb::design
