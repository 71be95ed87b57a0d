#include <gtest/gtest.h>
#include <sqlite3.h>

#include "../../support/temp_dir.h"
#include "store/experiment_store.h"
#include "store/schema.h"

namespace pwb::store {
namespace {

// Raw SQLite, as an older program would have left the file.
class RawDatabase {
 public:
  explicit RawDatabase(const std::filesystem::path& file) { sqlite3_open(file.string().c_str(), &db_); }
  ~RawDatabase() { sqlite3_close(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  void execute(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  std::string single(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
    std::string value = "(no row)";
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      value = text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
    }
    sqlite3_finalize(stmt);
    return value;
  }

  // The database as migrations [0, version) made it.
  void migrateTo(int version) {
    for (int v = 0; v < version; ++v) execute(kMigrations[static_cast<std::size_t>(v)]);
    execute("PRAGMA user_version = " + std::to_string(version));
  }

 private:
  sqlite3* db_ = nullptr;
};

TEST(StoreMigration, BringsEveryEarlierVersionToTheCurrentOne) {
  for (int version = 0; version < ExperimentStore::kSchemaVersion; ++version) {
    testing::TempDir dir;
    const auto file = dir / "e.sqlite";
    RawDatabase(file).migrateTo(version);
    ExperimentStore store(file);
    EXPECT_EQ(store.schemaVersion(), ExperimentStore::kSchemaVersion) << "from version " << version;
    const auto id = store.createRun("design", "after migration", "{}");
    store.appendPredictions(id, {{"test", "e1", "positive", "positive", true, {{"positive", -0.5}}, ""}});
    EXPECT_EQ(store.predictions(id).size(), 1u) << "from version " << version;
  }
}

TEST(StoreMigration, KeepsVersionOneRowsAndLeavesNewFactsUnknown) {
  testing::TempDir dir;
  const auto file = dir / "e.sqlite";
  {
    RawDatabase v1(file);
    v1.migrateTo(1);
    v1.execute(
        "INSERT INTO runs (id, kind, name, config_json, status, created_at, started_at, finished_at, message) VALUES "
        "(7, 'pretrain', 'old run', '{\"steps\":2}', 'finished', '2024-05-01T10:00:00.000Z', "
        "'2024-05-01T10:00:01.000Z', '2024-05-01T10:05:00.000Z', 'done'),"
        "(8, 'pretrain', 'old failure', '{}', 'failed', '2024-05-02T10:00:00.000Z', NULL, "
        "'2024-05-02T10:00:02.000Z', 'out of memory');"
        "INSERT INTO metric_points VALUES (7, 'train', 'loss', 1, 6.5, 0.5, 64), (7, 'train', 'loss', 2, 6.0, 1.0, 128);");
  }
  ExperimentStore store(file);
  EXPECT_EQ(store.schemaVersion(), 2);
  EXPECT_EQ(RawDatabase(file).single("PRAGMA user_version"), "2");

  ASSERT_EQ(store.runs().size(), 2u);
  const auto old = store.run(7).value();
  EXPECT_EQ(old.kind, "pretrain");
  EXPECT_EQ(old.name, "old run");
  EXPECT_EQ(old.config_json, R"({"steps":2})");
  EXPECT_EQ(old.status, RunStatus::Finished);
  EXPECT_EQ(old.created_at, "2024-05-01T10:00:00.000Z");
  EXPECT_EQ(old.started_at, "2024-05-01T10:00:01.000Z");
  EXPECT_EQ(old.finished_at, "2024-05-01T10:05:00.000Z");
  EXPECT_EQ(old.message, "done");
  EXPECT_FALSE(old.experiment_id.has_value());
  EXPECT_FALSE(old.seed.has_value());
  EXPECT_FALSE(old.trainable_params.has_value());
  EXPECT_FALSE(old.total_params.has_value());
  EXPECT_FALSE(old.peak_memory_bytes.has_value());
  EXPECT_EQ(old.code_version, "");
  EXPECT_EQ(store.run(8)->message, "out of memory");
  EXPECT_EQ(store.run(8)->started_at, "");

  const auto loss = store.metrics(7, "train", "loss");
  ASSERT_EQ(loss.size(), 2u);
  EXPECT_EQ(loss[1].value, 6.0);
  EXPECT_EQ(loss[1].tokens_seen, 128);
  EXPECT_TRUE(store.predictions(7).empty());
  EXPECT_TRUE(store.artifacts(7).empty());
  EXPECT_TRUE(store.logEvents(7).empty());

  // The new tables hang off old runs, and deleting an old run still cascades.
  store.logEvent(7, LogLevel::Info, "migrated");
  store.deleteRun(7);
  EXPECT_EQ(RawDatabase(file).single("SELECT COUNT(*) FROM metric_points"), "0");
  EXPECT_EQ(RawDatabase(file).single("SELECT COUNT(*) FROM log_events"), "0");
}

TEST(StoreMigration, RollsBackAFailedMigrationWhole) {
  testing::TempDir dir;
  const auto file = dir / "e.sqlite";
  {
    RawDatabase v1(file);
    v1.migrateTo(1);
    // Migration 2 adds run columns first, then fails creating its own artifacts table.
    v1.execute("CREATE TABLE artifacts (clash INTEGER)");
  }
  try {
    ExperimentStore store(file);
    FAIL() << "the migration must fail";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos) << error.what();
  }
  RawDatabase after(file);
  EXPECT_EQ(after.single("PRAGMA user_version"), "1");
  EXPECT_EQ(after.single("SELECT COUNT(*) FROM pragma_table_info('runs') WHERE name = 'seed'"), "0");
}

}  // namespace
}  // namespace pwb::store
