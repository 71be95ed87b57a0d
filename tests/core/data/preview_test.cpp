#include <gtest/gtest.h>

#include <fstream>

#include "../../support/temp_dir.h"
#include "data/preview.h"

namespace pwb::data {
namespace {

class PreviewTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  testing::TempDir dir_;
};

TEST_F(PreviewTest, CsvRowsKeepTheLineTheyStartOn) {
  const auto file = write("d.csv", "text,label\n\"two\nlines\",1\nplain,0\n\"unterminated,1\n");
  const auto preview = previewFile(file, {});
  EXPECT_EQ(preview.format, Format::Csv);
  EXPECT_EQ(preview.columns, (std::vector<std::string>{"text", "label"}));
  ASSERT_GE(preview.rows.size(), 2u);
  EXPECT_EQ(preview.rows[0].line, 2u);
  EXPECT_EQ(preview.rows[0].cells, (std::vector<std::string>{"two\nlines", "1"}));
  EXPECT_EQ(preview.rows[1].line, 4u);
  EXPECT_EQ(preview.rows[1].cells[0], "plain");
}

TEST_F(PreviewTest, HeaderlessFilesNameColumnsByIndexAndStopAtMaxRows) {
  const auto file = write("d.tsv", "a\t1\nb\t0\nc\t1\n");
  ImportOptions options;
  options.header = false;
  const auto preview = previewFile(file, options, 2);
  EXPECT_FALSE(preview.columns_are_names);
  EXPECT_EQ(preview.columns, (std::vector<std::string>{"column 0", "column 1"}));
  ASSERT_EQ(preview.rows.size(), 2u);
  EXPECT_EQ(preview.rows[1].line, 2u);
}

TEST_F(PreviewTest, JsonlColumnsAreTheKeysInOrderOfAppearance) {
  const auto file =
      write("d.jsonl", "{\"text\": \"hi\", \"label\": 1.50}\n\n{\"label\": 0, \"extra\": [1, {\"a\": 2}]}\nnot json\n");
  const auto preview = previewFile(file, {});
  // The line's order and the numbers' spelling, as the import keeps them.
  EXPECT_EQ(preview.columns, (std::vector<std::string>{"text", "label", "extra"}));
  ASSERT_EQ(preview.rows.size(), 3u);
  EXPECT_EQ(preview.rows[0].cells, (std::vector<std::string>{"hi", "1.50", ""}));
  EXPECT_EQ(preview.rows[1].line, 3u);
  EXPECT_EQ(preview.rows[1].cells[2], "[1,{\"a\":2}]");
  EXPECT_EQ(preview.rows[2].line, 4u);  // shown empty; the import reports the line
  EXPECT_EQ(preview.rows[2].cells, (std::vector<std::string>{"", "", ""}));
}

TEST_F(PreviewTest, AnUnknownFormatOrAMissingFileIsAnError) {
  EXPECT_THROW(previewFile(write("d.txt", "x"), {}), std::runtime_error);
  EXPECT_THROW(previewFile(dir_ / "missing.csv", {}), std::runtime_error);
}

}  // namespace
}  // namespace pwb::data
