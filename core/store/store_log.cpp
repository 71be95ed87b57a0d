// The store's event log: what a person needs to see about a run beyond its curves.

#include <algorithm>
#include <stdexcept>

#include "store/experiment_store.h"
#include "store/sqlite_statement.h"

namespace pwb::store {

void ExperimentStore::logEvent(std::optional<std::int64_t> run_id, LogLevel level, const std::string& message) {
  if (run_id) requireRun(*run_id);
  Statement insert(db_, "INSERT INTO log_events (run_id, level, message) VALUES (?, ?, ?)");
  insert.bind(1, run_id).bind(2, toString(level)).bind(3, message).run();
}

std::vector<LogEvent> ExperimentStore::logEvents(std::optional<std::int64_t> run_id,
                                                 std::optional<std::size_t> last) const {
  // Newest first so that LIMIT keeps the newest; reversed below.
  std::string sql = "SELECT id, run_id, time, level, message FROM log_events WHERE run_id ";
  sql += run_id ? "= ?" : "IS NULL";
  sql += " ORDER BY id DESC";
  if (last) sql += " LIMIT " + std::to_string(*last);
  Statement query(db_, sql.c_str());
  if (run_id) query.bind(1, *run_id);
  std::vector<LogEvent> events;
  while (query.step()) {
    events.push_back(
        {query.integer(0), query.optionalInteger(1), query.text(2), logLevelFromString(query.text(3)), query.text(4)});
  }
  std::reverse(events.begin(), events.end());
  return events;
}

}  // namespace pwb::store
