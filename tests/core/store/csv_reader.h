#pragma once
// A strict RFC 4180 reader for the store's tests: every record must end with CRLF, a quote may
// only open a field or be doubled inside a quoted one. Anything else throws, so a writer that
// strays from the RFC fails the round trip instead of being read leniently.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pwb::testing {

inline std::vector<std::vector<std::string>> parseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::size_t i = 0;
  while (i < text.size()) {
    std::string field;
    if (text[i] == '"') {
      for (++i;; ++i) {
        if (i >= text.size()) throw std::runtime_error("unterminated quoted field");
        if (text[i] != '"') {
          field += text[i];
        } else if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          ++i;
          break;
        }
      }
    } else {
      for (; i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n'; ++i) {
        if (text[i] == '"') throw std::runtime_error("a quote inside an unquoted field at byte " + std::to_string(i));
        field += text[i];
      }
    }
    record.push_back(std::move(field));
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (text.substr(i, 2) != "\r\n") throw std::runtime_error("no CRLF after a record at byte " + std::to_string(i));
    i += 2;
    records.push_back(std::move(record));
    record.clear();
  }
  return records;
}

}  // namespace pwb::testing
