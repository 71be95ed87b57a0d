#include "store/csv_format.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "csv_reader.h"

namespace pwb::store {
namespace {

TEST(CsvFormat, QuotesOnlyFieldsThatNeedIt) {
  EXPECT_EQ(csvField("plain text"), "plain text");
  EXPECT_EQ(csvField(""), "");
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvField("\""), "\"\"\"\"");
  EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csvField("carriage\rreturn"), "\"carriage\rreturn\"");
  EXPECT_EQ(csvField("crlf\r\n"), "\"crlf\r\n\"");
  // Leading spaces and non-ASCII need no quotes and pass through byte for byte.
  EXPECT_EQ(csvField("  café “curly”"), "  café “curly”");
}

TEST(CsvFormat, EndsEveryRecordWithCrlfAfterAHeader) {
  CsvTable table;
  table.header = {"id", "text"};
  table.rows = {{"1", "a,b"}, {"2", ""}};
  EXPECT_EQ(formatCsv(table), "id,text\r\n1,\"a,b\"\r\n2,\r\n");
  EXPECT_EQ(formatCsv({{"only", "header"}, {}}), "only,header\r\n");
}

TEST(CsvFormat, WritesNoByteOrderMark) {
  const auto text = formatCsv({{"é"}, {{"ü"}}});
  EXPECT_EQ(text, "\xC3\xA9\r\n\xC3\xBC\r\n");
}

TEST(CsvFormat, RefusesARowOfTheWrongLength) {
  EXPECT_THROW(formatCsv({{"a", "b"}, {{"1"}}}), std::logic_error);
}

TEST(CsvFormat, ReadsBackExactlyWhatItWrote) {
  const std::vector<std::string> tricky = {"café, “quoted” \n line", "\"", "\"\"", ",", "\r\n", "\r", "\n\n",
                                           " padded ", "", "日本語", "end\""};
  CsvTable table;
  table.header = {"n", "value"};
  for (std::size_t i = 0; i < tricky.size(); ++i) table.rows.push_back({std::to_string(i), tricky[i]});
  const auto records = testing::parseCsv(formatCsv(table));
  ASSERT_EQ(records.size(), tricky.size() + 1);
  EXPECT_EQ(records[0], table.header);
  for (std::size_t i = 0; i < tricky.size(); ++i) EXPECT_EQ(records[i + 1], table.rows[i]) << i;
}

TEST(CsvFormat, WritesNumbersThatReadBackExactly) {
  for (const double value : {0.0, 6.25, 0.1 + 0.2, 1e-300, -2.5e17, 123456789.125, 1.0 / 3.0}) {
    const auto text = csvNumber(value);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
  }
  EXPECT_EQ(csvNumber(6.25), "6.25");
  EXPECT_EQ(csvNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(csvNumber(3.0), "3");
}

}  // namespace
}  // namespace pwb::store
