#include "store/csv_format.h"

#include <charconv>
#include <stdexcept>

namespace pwb::store {
namespace {

void appendRecord(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csvField(fields[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string csvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string formatCsv(const CsvTable& table) {
  std::string out;
  appendRecord(out, table.header);
  for (const auto& row : table.rows) {
    if (row.size() != table.header.size()) {
      throw std::logic_error("a CSV row has " + std::to_string(row.size()) + " fields, the header " +
                             std::to_string(table.header.size()));
    }
    appendRecord(out, row);
  }
  return out;
}

std::string csvNumber(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace pwb::store
