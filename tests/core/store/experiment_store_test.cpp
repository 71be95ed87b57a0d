#include "store/experiment_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>

#include "../../support/temp_dir.h"

namespace pwb::store {
namespace {

std::string pragma(const std::filesystem::path& file, const std::string& name) {
  sqlite3* db = nullptr;
  sqlite3_open(file.string().c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &stmt, nullptr);
  sqlite3_step(stmt);
  std::string value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

void executeSql(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(file.string().c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

pid_t deadProcessId() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

TEST(ExperimentStore, CreatesAWalDatabaseAtTheCurrentSchemaVersion) {
  testing::TempDir dir;
  const auto file = dir / "sub" / "experiments.sqlite";
  ExperimentStore store(file);
  EXPECT_EQ(store.schemaVersion(), ExperimentStore::kSchemaVersion);
  EXPECT_EQ(pragma(file, "journal_mode"), "wal");
  EXPECT_EQ(pragma(file, "user_version"), std::to_string(ExperimentStore::kSchemaVersion));
}

TEST(ExperimentStore, StoresRunsAndTheirMetricCurves) {
  testing::TempDir dir;
  ExperimentStore store(dir / "e.sqlite");
  const auto id = store.createRun("pretrain", "first", R"({"steps":3})");
  store.setRunStatus(id, RunStatus::Running);
  store.appendMetrics(id, {{1, "train", "loss", 6.5, 0.1, 64},
                           {2, "train", "loss", 6.25, 0.2, 128},
                           {3, "train", "loss", 6.0, 0.3, 192},
                           {3, "validation", "loss", 6.4, 0.35, 192}});
  store.setRunStatus(id, RunStatus::Finished);

  const auto run = store.run(id);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->name, "first");
  EXPECT_EQ(run->kind, "pretrain");
  EXPECT_EQ(run->config_json, R"({"steps":3})");
  EXPECT_EQ(run->status, RunStatus::Finished);
  EXPECT_FALSE(run->finished_at.empty());

  const auto train = store.metrics(id, "train", "loss");
  ASSERT_EQ(train.size(), 3u);
  EXPECT_EQ(train[1].step, 2);
  EXPECT_DOUBLE_EQ(train[1].value, 6.25);
  EXPECT_EQ(train[2].tokens_seen, 192);
  EXPECT_EQ(store.metrics(id, "validation", "loss").size(), 1u);
  EXPECT_FALSE(store.run(id + 1).has_value());
}

TEST(ExperimentStore, KeepsEverythingAcrossReopening) {
  testing::TempDir dir;
  std::int64_t id = 0;
  {
    ExperimentStore store(dir / "e.sqlite");
    id = store.createRun("pretrain", "kept", "{}");
    store.appendMetrics(id, {{1, "train", "loss", 1.5, 0.0, 1}});
  }
  ExperimentStore reopened(dir / "e.sqlite");
  ASSERT_EQ(reopened.runs().size(), 1u);
  EXPECT_EQ(reopened.metrics(id, "train", "loss").at(0).value, 1.5);
}

TEST(ExperimentStore, MarksRunsOfADeadProcessInterrupted) {
  testing::TempDir dir;
  const auto file = dir / "e.sqlite";
  std::int64_t orphan = 0, alive = 0;
  {
    ExperimentStore store(file);
    orphan = store.createRun("pretrain", "orphan", "{}");
    alive = store.createRun("pretrain", "alive", "{}");
    store.setRunStatus(alive, RunStatus::Running);  // owned by this (living) process
  }
  executeSql(file, "UPDATE runs SET status = 'running', owner_pid = " + std::to_string(deadProcessId()) +
                       " WHERE id = " + std::to_string(orphan));
  ExperimentStore reopened(file);
  EXPECT_EQ(reopened.run(orphan)->status, RunStatus::Interrupted);
  EXPECT_FALSE(reopened.run(orphan)->message.empty());
  EXPECT_EQ(reopened.run(alive)->status, RunStatus::Running);
}

TEST(ExperimentStore, RejectsANonFiniteMetricAndWritesNoneOfTheBatch) {
  testing::TempDir dir;
  ExperimentStore store(dir / "e.sqlite");
  const auto id = store.createRun("pretrain", "nan", "{}");
  EXPECT_THROW(store.appendMetrics(id, {{1, "train", "loss", 2.0, 0.0, 1}, {2, "train", "loss", std::nan(""), 0.0, 2}}),
               std::invalid_argument);
  EXPECT_TRUE(store.metrics(id, "train", "loss").empty());
}

TEST(ExperimentStore, RefusesADatabaseFromANewerVersion) {
  testing::TempDir dir;
  const auto file = dir / "e.sqlite";
  executeSql(file, "PRAGMA user_version = 99");
  try {
    ExperimentStore store(file);
    FAIL() << "a newer schema must not be opened";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("schema version 99"), std::string::npos) << error.what();
  }
}

TEST(ExperimentStore, ReportsAnUnknownRun) {
  testing::TempDir dir;
  ExperimentStore store(dir / "e.sqlite");
  EXPECT_THROW(store.setRunStatus(42, RunStatus::Finished), std::invalid_argument);
}

// Two stores on one file, as two windows: only the first claim of a queued run wins; a finished
// run is never claimed; an interrupted one is, again.
TEST(ExperimentStore, OnlyOneProcessClaimsARun) {
  testing::TempDir dir;
  ExperimentStore first(dir / "e.sqlite");
  ExperimentStore second(dir / "e.sqlite");
  const auto id = first.createRun("tuning", "shared", "{}");
  EXPECT_TRUE(second.claimRun(id));
  EXPECT_FALSE(first.claimRun(id));
  EXPECT_EQ(first.run(id)->status, RunStatus::Running);
  second.setRunStatus(id, RunStatus::Interrupted, "stopped");
  EXPECT_TRUE(first.claimRun(id));
  EXPECT_TRUE(first.run(id)->message.empty());
  first.setRunStatus(id, RunStatus::Finished);
  EXPECT_FALSE(second.claimRun(id));
  EXPECT_EQ(second.run(id)->status, RunStatus::Finished);
  EXPECT_THROW(first.claimRun(id + 1), std::invalid_argument);
}

TEST(ExperimentStore, RunStatusNamesRoundTrip) {
  for (auto status : {RunStatus::Queued, RunStatus::Running, RunStatus::Finished, RunStatus::Failed,
                      RunStatus::Cancelled, RunStatus::Interrupted}) {
    EXPECT_EQ(runStatusFromString(toString(status)), status);
  }
  EXPECT_THROW(runStatusFromString("paused?"), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::store
