#pragma once
// CSV text as RFC 4180 defines it: comma separated, CRLF after every record (the header too),
// a field quoted when it holds a comma, a quote, CR or LF, quotes inside doubled. Bytes pass
// through unchanged: UTF-8 in, UTF-8 out, no byte-order mark.

#include <string>
#include <string_view>
#include <vector>

namespace pwb::store {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header
};

std::string csvField(std::string_view value);
std::string formatCsv(const CsvTable& table);

// The shortest decimal text that reads back as exactly this double.
std::string csvNumber(double value);

}  // namespace pwb::store
