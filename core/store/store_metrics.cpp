// The store's metric curves: batched writes and the queries the views and exports need.

#include <cmath>
#include <stdexcept>

#include "store/experiment_store.h"
#include "store/sqlite_statement.h"

namespace pwb::store {

void ExperimentStore::appendMetrics(std::int64_t run_id, const std::vector<train::MetricPoint>& points) {
  if (points.empty()) return;
  Transaction transaction(db_);
  Statement insert(db_,
                   "INSERT OR REPLACE INTO metric_points (run_id, split, name, step, value, wall_seconds, tokens_seen) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& point : points) {
    // SQLite would store NaN as NULL; a non-finite metric is the trainer's to report, not to store.
    if (!std::isfinite(point.value)) {
      throw std::invalid_argument("metric '" + point.name + "' at step " + std::to_string(point.step) +
                                  " is not finite");
    }
    insert.bind(1, run_id).bind(2, point.split).bind(3, point.name).bind(4, point.step).bind(5, point.value);
    insert.bind(6, point.wall_seconds).bind(7, point.tokens_seen).run();
    insert.reset();
  }
  transaction.commit();
}

std::vector<train::MetricPoint> ExperimentStore::metrics(std::int64_t run_id, const std::string& split,
                                                         const std::string& name) const {
  Statement query(db_,
                  "SELECT step, value, wall_seconds, tokens_seen FROM metric_points "
                  "WHERE run_id = ? AND split = ? AND name = ? ORDER BY step");
  query.bind(1, run_id).bind(2, split).bind(3, name);
  std::vector<train::MetricPoint> points;
  while (query.step()) {
    points.push_back({query.integer(0), split, name, query.real(1), query.real(2), query.integer(3)});
  }
  return points;
}

std::vector<train::MetricPoint> ExperimentStore::metrics(std::int64_t run_id) const {
  Statement query(db_,
                  "SELECT step, split, name, value, wall_seconds, tokens_seen FROM metric_points "
                  "WHERE run_id = ? ORDER BY split, name, step");
  query.bind(1, run_id);
  std::vector<train::MetricPoint> points;
  while (query.step()) {
    points.push_back({query.integer(0), query.text(1), query.text(2), query.real(3), query.real(4), query.integer(5)});
  }
  return points;
}

std::vector<MetricSummary> ExperimentStore::metricSummaries(std::int64_t run_id) const {
  Statement query(db_,
                  "SELECT m.split, m.name, COUNT(*), MAX(m.step), "
                  "  (SELECT value FROM metric_points l WHERE l.run_id = m.run_id AND l.split = m.split "
                  "   AND l.name = m.name ORDER BY l.step DESC LIMIT 1), "
                  "  MIN(m.value), MAX(m.value) "
                  "FROM metric_points m WHERE m.run_id = ? GROUP BY m.split, m.name ORDER BY m.split, m.name");
  query.bind(1, run_id);
  std::vector<MetricSummary> summaries;
  while (query.step()) {
    summaries.push_back(
        {query.text(0), query.text(1), query.integer(2), query.integer(3), query.real(4), query.real(5), query.real(6)});
  }
  return summaries;
}

}  // namespace pwb::store
