#include "store/stored_run_comparison.h"

#include <map>
#include <stdexcept>
#include <utility>

namespace pwb::store {
namespace {

std::vector<PredictionRecord> predictionsOf(const ExperimentStore& store, std::int64_t run_id) {
  if (!store.run(run_id)) {
    throw std::invalid_argument("no run with id " + std::to_string(run_id) + " in " + store.file().string());
  }
  return store.predictions(run_id);
}

}  // namespace

StoredRunComparison compareStoredRuns(const ExperimentStore& store, std::int64_t run_a, std::int64_t run_b) {
  const auto a = predictionsOf(store, run_a);
  const auto b = predictionsOf(store, run_b);
  std::map<std::pair<std::string, std::string>, const PredictionRecord*> b_by_key;
  for (const auto& p : b) b_by_key[{p.split, p.example_id}] = &p;

  StoredRunComparison result;
  std::vector<bool> correct_a, correct_b;
  for (const auto& pa : a) {
    const auto found = b_by_key.find({pa.split, pa.example_id});
    if (found == b_by_key.end()) {
      ++result.only_in_a;
      continue;
    }
    const auto& pb = *found->second;
    if (pa.gold != pb.gold) {
      throw std::invalid_argument("example " + pa.split + "/" + pa.example_id + " has gold label '" + pa.gold +
                                  "' in run " + std::to_string(run_a) + " but '" + pb.gold + "' in run " +
                                  std::to_string(run_b) + ": the runs were not evaluated on the same data");
    }
    result.examples.push_back({pa.split, pa.example_id, pa.gold, pa.predicted, pb.predicted, pa.correct, pb.correct});
    correct_a.push_back(pa.correct);
    correct_b.push_back(pb.correct);
  }
  result.only_in_b = b.size() - result.examples.size();
  if (result.examples.empty()) {
    throw std::invalid_argument("runs " + std::to_string(run_a) + " and " + std::to_string(run_b) +
                                " share no predicted example (run " + std::to_string(run_a) + " has " +
                                std::to_string(a.size()) + ", run " + std::to_string(run_b) + " has " +
                                std::to_string(b.size()) + ")");
  }
  result.comparison = eval::compareRuns(correct_a, correct_b);
  return result;
}

}  // namespace pwb::store
