#include "store/sqlite_statement.h"

namespace pwb::store {

void throwSqlite(sqlite3* db, const std::string& what) {
  const char* file = sqlite3_db_filename(db, "main");
  throw SqliteError(std::string(file != nullptr ? file : "database") + ": " + what + ": " + sqlite3_errmsg(db));
}

void execute(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    const char* file = sqlite3_db_filename(db, "main");
    throw SqliteError(std::string(file != nullptr ? file : "database") + ": " + message);
  }
}

Statement::Statement(sqlite3* db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) throwSqlite(db, "preparing a query");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) throwSqlite(db_, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) throwSqlite(db_, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    throwSqlite(db_, "binding a value");
  }
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value.has_value() ? bind(index, *value) : bindNull(index);
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value.has_value() ? bind(index, *value) : bindNull(index);
}

Statement& Statement::bindNull(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) throwSqlite(db_, "binding a value");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throwSqlite(db_, "running a query");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(stmt_, column);
  return bytes != nullptr ? std::string(reinterpret_cast<const char*>(bytes)) : std::string();
}

std::optional<std::int64_t> Statement::optionalInteger(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return integer(column);
}

Transaction::Transaction(sqlite3* db) : db_(db) { execute(db, "BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  execute(db_, "COMMIT");
  open_ = false;
}

}  // namespace pwb::store
