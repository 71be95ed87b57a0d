// The store's per-example predictions: one transaction per batch, read back in stored order.

#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "store/experiment_store.h"
#include "store/sqlite_statement.h"

namespace pwb::store {
namespace {

std::string scoresJson(const PredictionRecord& prediction) {
  nlohmann::json scores = nlohmann::json::object();
  for (const auto& [label, score] : prediction.scores) {
    // JSON has no NaN or infinity: it would come back as null, a different row.
    if (!std::isfinite(score)) {
      throw std::invalid_argument("the score of label '" + label + "' for example '" + prediction.example_id +
                                  "' is not finite");
    }
    scores[label] = score;
  }
  return scores.dump();
}

std::map<std::string, double> parseScores(const std::string& json) {
  return nlohmann::json::parse(json).get<std::map<std::string, double>>();
}

constexpr const char* kPredictionColumns =
    "SELECT split, example_id, gold, predicted, correct, scores_json, rationale FROM predictions WHERE run_id = ?";

std::vector<PredictionRecord> readPredictions(Statement& query) {
  std::vector<PredictionRecord> rows;
  while (query.step()) {
    rows.push_back({query.text(0), query.text(1), query.text(2), query.text(3), query.integer(4) != 0,
                    parseScores(query.text(5)), query.text(6)});
  }
  return rows;
}

}  // namespace

void ExperimentStore::appendPredictions(std::int64_t run_id, const std::vector<PredictionRecord>& predictions) {
  if (predictions.empty()) return;
  requireRun(run_id);
  Transaction transaction(db_);
  Statement insert(db_,
                   "INSERT OR REPLACE INTO predictions "
                   "(run_id, split, example_id, gold, predicted, correct, scores_json, rationale) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& p : predictions) {
    insert.bind(1, run_id).bind(2, p.split).bind(3, p.example_id).bind(4, p.gold).bind(5, p.predicted);
    insert.bind(6, std::int64_t{p.correct ? 1 : 0}).bind(7, scoresJson(p)).bind(8, p.rationale).run();
    insert.reset();
  }
  transaction.commit();
}

std::vector<PredictionRecord> ExperimentStore::predictions(std::int64_t run_id) const {
  Statement query(db_, (std::string(kPredictionColumns) + " ORDER BY rowid").c_str());
  query.bind(1, run_id);
  return readPredictions(query);
}

std::vector<PredictionRecord> ExperimentStore::predictions(std::int64_t run_id, const std::string& split) const {
  Statement query(db_, (std::string(kPredictionColumns) + " AND split = ? ORDER BY rowid").c_str());
  query.bind(1, run_id).bind(2, split);
  return readPredictions(query);
}

}  // namespace pwb::store
