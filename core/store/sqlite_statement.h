#pragma once
// Thin RAII helpers over the sqlite3 C API: a prepared statement, a transaction, and errors
// that carry SQLite's own message and the database file.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace pwb::store {

class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] void throwSqlite(sqlite3* db, const std::string& what);
void execute(sqlite3* db, const char* sql);

class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& value);
  // An empty optional binds NULL.
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  Statement& bind(int index, const std::optional<std::string>& value);
  // Steps once; true while a row is available.
  bool step();
  // Steps to completion (for statements that return no rows).
  void run();
  void reset();

  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optionalInteger(int column) const;

 private:
  sqlite3* db_;
  Statement& bindNull(int index);

  sqlite3_stmt* stmt_ = nullptr;
};

// Commits on commit(); rolls back if destroyed before (an exception left the scope).
class Transaction {
 public:
  explicit Transaction(sqlite3* db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  sqlite3* db_;
  bool open_ = true;
};

}  // namespace pwb::store
