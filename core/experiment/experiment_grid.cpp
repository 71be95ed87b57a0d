#include "experiment/experiment_grid.h"

namespace pwb::experiment {
namespace {

using Assignment = std::vector<std::pair<std::string, nlohmann::json>>;

// The cartesian product of the sweep, first key varying slowest.
std::vector<Assignment> sweepAssignments(const RunSpec& run) {
  std::vector<Assignment> result = {{}};
  for (const auto& [key, values] : run.sweep) {
    std::vector<Assignment> next;
    for (const auto& partial : result) {
      for (const auto& value : values) {
        auto extended = partial;
        extended.emplace_back(key, value);
        next.push_back(std::move(extended));
      }
    }
    result = std::move(next);
  }
  return result;
}

RunSpec withAssignment(const RunSpec& run, const Assignment& assignment, const std::string& path) {
  if (assignment.empty()) return run;
  auto json = run.json;
  json.erase("sweep");
  for (const auto& [key, value] : assignment) {
    json[dottedPointer(key)] = value;
  }
  return parseRunSpec(json, path);
}

std::string valueText(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string displayName(const std::string& base, const std::string& model, bool several_models, const Assignment& swept,
                        const std::optional<std::int64_t>& train_size, std::optional<std::uint64_t> seed) {
  std::string name = base;
  for (const auto& [key, value] : swept) name += " " + key.substr(key.rfind('.') + 1) + "=" + valueText(value);
  if (several_models) name += " · " + model;
  if (train_size) name += " · n=" + std::to_string(*train_size);
  if (seed) name += " · seed " + std::to_string(*seed);
  return name;
}

nlohmann::json configOf(const ExperimentSpec& experiment, const ResolvedRun& run) {
  nlohmann::json config = run.spec.json;
  config.erase("sweep");
  config["model"] = run.model;
  config["seed"] = run.seed;
  config["train_size"] = run.train_size ? nlohmann::json(*run.train_size) : nlohmann::json(nullptr);
  config["dataset"] = experiment.json.at("dataset");
  config["experiment"] = experiment.name;
  if (run.spec.kind == RunKind::Tuning) config["method"] = run.spec.tuning.method;  // defaults filled in
  return config;
}

}  // namespace

std::vector<ResolvedRun> expandExperiment(const ExperimentSpec& experiment) {
  std::vector<ResolvedRun> runs;
  const bool several_models = experiment.models.size() > 1;
  const std::vector<std::optional<std::int64_t>> whole = {std::nullopt};
  std::vector<std::optional<std::int64_t>> sizes(experiment.train_sizes.begin(), experiment.train_sizes.end());
  if (sizes.empty()) sizes = whole;
  for (const auto& model : experiment.models) {
    for (std::size_t r = 0; r < experiment.runs.size(); ++r) {
      const auto& run = experiment.runs[r];
      const auto path = "runs[" + std::to_string(r) + "]";
      for (const auto& assignment : sweepAssignments(run)) {
        const auto spec = withAssignment(run, assignment, path);
        // After the sweep: a sweep over "shots" may make a run zero-shot or few-shot.
        const bool data_free = spec.kind == RunKind::Design && spec.design.shots == 0;
        for (const auto& size : data_free ? whole : sizes) {
          const auto& run_seeds = run.seeds.empty() ? experiment.seeds : run.seeds;
          const auto seeds = data_free ? std::vector<std::uint64_t>{run_seeds.front()} : run_seeds;
          for (const auto seed : seeds) {
            ResolvedRun resolved;
            resolved.base_name = run.name;
            resolved.model = model;
            resolved.seed = seed;
            resolved.train_size = size;
            resolved.swept = assignment;
            resolved.spec = spec;
            const bool show_seed = !data_free && run_seeds.size() > 1;
            resolved.name = displayName(run.name, model, several_models, assignment, size,
                                        show_seed ? std::optional<std::uint64_t>(seed) : std::nullopt);
            resolved.config = configOf(experiment, resolved);
            runs.push_back(std::move(resolved));
          }
        }
      }
    }
  }
  return runs;
}

}  // namespace pwb::experiment
