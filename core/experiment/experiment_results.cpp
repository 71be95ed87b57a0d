#include "experiment/experiment_results.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "eval/bootstrap.h"
#include "eval/pareto.h"

namespace pwb::experiment {
namespace {

std::optional<std::int64_t> optionalInteger(const nlohmann::json& config, const char* key) {
  const auto found = config.find(key);
  if (found == config.end() || !found->is_number_integer()) return std::nullopt;
  return found->get<std::int64_t>();
}

std::string stringOr(const nlohmann::json& config, const char* key, const std::string& fallback) {
  const auto found = config.find(key);
  return found != config.end() && found->is_string() ? found->get<std::string>() : fallback;
}

RunResult resultOf(const store::ExperimentStore& store, const store::RunRecord& run, const std::string& split) {
  auto config = nlohmann::json::parse(run.config_json, nullptr, false);
  if (!config.is_object()) config = nlohmann::json::object();
  RunResult r;
  r.run_id = run.id;
  r.name = run.name;
  r.base_name = stringOr(config, "name", run.name);
  r.kind = run.kind;
  r.method = run.kind == "tuning" && config.contains("method") ? stringOr(config["method"], "name", run.kind) : run.kind;
  r.model = stringOr(config, "model", "");
  r.status = run.status;
  r.train_size = optionalInteger(config, "train_size");
  r.seed = run.seed;
  config.erase("seed");
  r.group = config.dump();
  r.trainable_params = run.kind == "design" ? std::optional<std::int64_t>(0) : run.trainable_params;
  r.total_params = run.total_params;
  r.peak_memory_bytes = run.peak_memory_bytes;
  const auto started = isoSeconds(run.started_at), finished = isoSeconds(run.finished_at);
  if (started && finished) r.seconds = *finished - *started;

  const auto predictions = store.predictions(run.id, split);
  r.examples = predictions.size();
  if (!predictions.empty()) {
    std::vector<double> correct;
    for (const auto& p : predictions) correct.push_back(p.correct ? 1.0 : 0.0);
    r.accuracy = eval::bootstrapInterval(correct.size(), [&correct](const std::vector<std::size_t>& sample) {
      double sum = 0.0;
      for (const auto i : sample) sum += correct[i];
      return sum / static_cast<double>(sample.size());
    });
  }
  return r;
}

bool usable(const RunResult& r) { return r.status == store::RunStatus::Finished && r.accuracy.has_value(); }

}  // namespace

std::optional<double> isoSeconds(const std::string& iso) {
  std::tm tm{};
  double seconds = 0.0;
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%lf", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &seconds) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_sec = 0;
  return static_cast<double>(timegm(&tm)) + seconds;
}

std::vector<RunResult> experimentResults(const store::ExperimentStore& store, std::int64_t experiment_id,
                                         const std::string& split) {
  std::vector<RunResult> results;
  for (const auto& run : store.runsOfExperiment(experiment_id)) results.push_back(resultOf(store, run, split));
  return results;
}

std::vector<ParetoPoint> paretoPoints(const std::vector<RunResult>& results) {
  std::map<std::string, std::vector<const RunResult*>> groups;
  std::vector<std::string> order;
  for (const auto& r : results) {
    if (!usable(r) || !r.trainable_params) continue;
    if (groups.count(r.group) == 0) order.push_back(r.group);
    groups[r.group].push_back(&r);
  }
  std::vector<ParetoPoint> points;
  for (const auto& key : order) {
    const auto& members = groups[key];
    double sum = 0.0;
    for (const auto* r : members) sum += r->accuracy->estimate;
    const auto& first = *members.front();
    auto label = first.name;
    if (members.size() > 1) label = label.substr(0, label.rfind(" · seed")) + " (" + std::to_string(members.size()) + " seeds)";
    points.push_back({label, first.method, *first.trainable_params, sum / static_cast<double>(members.size()),
                      first.kind == "design", false});
  }
  std::vector<eval::ParetoCandidate> candidates;
  for (const auto& p : points) candidates.push_back({static_cast<double>(p.trainable_params), p.accuracy});
  for (const auto index : eval::paretoFront(candidates)) points[index].on_front = true;
  return points;
}

std::vector<EfficiencyPoint> dataEfficiency(const std::vector<RunResult>& results) {
  std::set<std::string> models;
  for (const auto& r : results) models.insert(r.model);
  // A curve is a group without its training-set size: runs that differ in anything else (a
  // sweep's value, the model) are different curves.
  struct Curve {
    std::string label;
    std::map<std::int64_t, std::vector<double>> by_size;
  };
  std::map<std::string, Curve> curves;
  std::vector<std::string> order;
  for (const auto& r : results) {
    if (!usable(r) || !r.train_size) continue;
    auto identity = nlohmann::json::parse(r.group);
    identity.erase("train_size");
    const auto key = identity.dump();
    if (curves.count(key) == 0) {
      order.push_back(key);
      // The expanded name up to " · " is the base name with the swept values.
      curves[key].label = r.name.substr(0, r.name.find(" · ")) + (models.size() > 1 ? " · " + r.model : "");
    }
    curves[key].by_size[*r.train_size].push_back(r.accuracy->estimate);
  }
  std::vector<EfficiencyPoint> points;
  for (const auto& key : order) {
    for (const auto& [size, values] : curves[key].by_size) {
      points.push_back({curves[key].label, size, eval::summarizeSeeds(values), values});
    }
  }
  return points;
}

}  // namespace pwb::experiment
