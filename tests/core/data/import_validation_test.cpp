#include <gtest/gtest.h>

#include "../../support/temp_dir.h"
#include "data/import.h"
#include "data_test_support.h"

namespace pwb::data {
namespace {

TEST(ImportValidation, CollectsEveryRowProblemWithItsLineAndColumn) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "bad.csv",
                                    "text,label\n"
                                    "fine,pos\n"
                                    "\"closed\"early,pos\n"
                                    "one,pos,extra\n"
                                    "lonely\n"
                                    "   ,neg\n"
                                    "no label,\n"
                                    "odd,maybe\n"
                                    "\"multi\nline\",??\n");
  ImportOptions options;
  options.label_set = {"neg", "pos"};
  EXPECT_EQ(test::importProblems(file, options),
            "3:9 text after the closing quote (inside a quoted field, write a quote as \"\")\n"
            "4:9 expected 2 fields as in the header, found 3\n"
            "5:7 expected 2 fields as in the header, found 1\n"
            "6:1 empty text in column \"text\"\n"
            "7:10 missing label: column \"label\" is empty\n"
            "8:5 unknown label \"maybe\"; expected one of \"neg\", \"pos\"\n"
            "10:7 unknown label \"??\"; expected one of \"neg\", \"pos\"\n");
}

TEST(ImportValidation, AnUnterminatedQuoteIsReportedWhereItOpens) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "open.csv", "text,label\nok,a\nx,\"never closed\nmore,a\n");
  EXPECT_EQ(test::importProblems(file),
            "3:3 unterminated quoted field: the quote that opens here is never closed\n");
}

TEST(ImportValidation, AMissingColumnIsNamedWithTheColumnsPresent) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "cols.tsv", "sentence\tlabel\tsource\nhi\t1\tx\n");
  EXPECT_EQ(test::importProblems(file),
            "1:1 no column \"text\" in the header; the columns are \"sentence\", \"label\", \"source\"\n");
}

TEST(ImportValidation, ColumnMappingProblems) {
  pwb::testing::TempDir dir;
  const auto twice = test::writeFile(dir / "twice.csv", "text,label,text\na,b,c\n");
  EXPECT_EQ(test::importProblems(twice),
            "1:1 column \"text\" appears more than once in the header (index 0 and index 2)\n");

  const auto headerless = test::writeFile(dir / "nohead.csv", "a,b\n");
  ImportOptions by_name;
  by_name.header = false;
  EXPECT_EQ(test::importProblems(headerless, by_name),
            "1:1 column \"text\" is named, but the file has no header row: map columns by index\n"
            "1:1 column \"label\" is named, but the file has no header row: map columns by index\n");

  ImportOptions by_index;
  by_index.header = false;
  by_index.columns.text = Column::at(0);
  by_index.columns.label = Column::at(2);
  EXPECT_EQ(test::importProblems(headerless, by_index),
            "1:1 there is no column at index 2: the first row has 2 columns\n");
}

TEST(ImportValidation, HeaderlessRowsAreComparedWithTheFirstRow) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "rows.csv", "a,x\nb,y,z\n");
  ImportOptions options;
  options.header = false;
  options.columns.text = Column::at(0);
  options.columns.label = Column::at(1);
  EXPECT_EQ(test::importProblems(file, options), "2:5 expected 2 fields as in the first row, found 3\n");
}

TEST(ImportValidation, InvalidUtf8IsReportedOncePerLine) {
  pwb::testing::TempDir dir;
  // Latin-1 "café" and "naïve", an overlong "/" (C0 AF) and a lone continuation byte.
  const auto file = test::writeFile(dir / "latin1.csv",
                                    "text,label\n"
                                    "caf\xE9 \xE9,a\n"
                                    "\xC3\xA9t\xC3\xA9,b\n"
                                    "na\xEFve,a\n"
                                    "\xC0\xAF,a\n"
                                    "x\x80,b\n");
  const std::string hint =
      "; the file may be in another encoding such as Latin-1 or Windows-1252: save it as UTF-8\n";
  EXPECT_EQ(test::importProblems(file),
            "2:4 invalid UTF-8 (byte 0xE9)" + hint + "4:3 invalid UTF-8 (byte 0xEF)" + hint +
                "5:1 invalid UTF-8 (byte 0xC0)" + hint + "6:2 invalid UTF-8 (byte 0x80)" + hint);
}

TEST(ImportValidation, AFileWithoutDataRowsIsAnError) {
  pwb::testing::TempDir dir;
  EXPECT_EQ(test::importProblems(test::writeFile(dir / "empty.csv", "")), "0:0 the file has no data rows\n");
  EXPECT_EQ(test::importProblems(test::writeFile(dir / "header.csv", "text,label\n\n")),
            "0:0 the file has no data rows\n");
  EXPECT_EQ(test::importProblems(test::writeFile(dir / "blank.jsonl", "\n  \n")), "0:0 the file has no data rows\n");
}

TEST(ImportValidation, DuplicateAndEmptyIds) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "ids.csv", "id,text,label\n7,a,x\n8,b,x\n7,c,y\n,d,y\n");
  ImportOptions options;
  options.columns.id = "id";
  EXPECT_EQ(test::importProblems(file, options),
            "4:1 duplicate id \"7\" (first used on line 2)\n"
            "5:1 empty id in column \"id\"\n");
}

TEST(ImportValidation, UnreadableAndUnknownFiles) {
  pwb::testing::TempDir dir;
  EXPECT_EQ(test::importProblems(dir / "missing.csv"), "0:0 cannot open the file: No such file or directory\n");
  EXPECT_EQ(test::importProblems(test::writeFile(dir / "data.xlsx", "x")),
            "0:0 cannot tell the format from the name \"data.xlsx\": choose CSV, TSV or JSONL (or use .csv, .tsv, "
            ".jsonl)\n");
}

TEST(ImportValidation, KeepsTheFirstProblemsAndCountsTheRest) {
  pwb::testing::TempDir dir;
  std::string text = "text,label\n";
  for (int i = 0; i < 250; ++i) text += "row " + std::to_string(i) + ",\n";
  const auto file = test::writeFile(dir / "many.csv", text);
  ImportOptions options;
  options.max_issues = 100;
  try {
    importDataset(file, options);
    FAIL() << "no error";
  } catch (const DatasetError& error) {
    ASSERT_EQ(error.issues().size(), 100u);
    EXPECT_EQ(error.totalIssues(), 250u);
    EXPECT_EQ(error.issues().back().line, 101u);
    const std::string what = error.what();
    EXPECT_EQ(what.substr(0, what.find('\n')), file.string() + ": 250 problems");
    EXPECT_EQ(what.substr(what.rfind('\n') + 1), "  ... and 240 more");
  }
}

TEST(ImportValidation, SummaryReadsLikeAList) {
  const DatasetError error("/data/x.csv", {{0, 0, "the file has no data rows"}, {3, 7, "bad"}, {4, 0, "worse"}}, 3);
  EXPECT_STREQ(error.what(),
               "/data/x.csv: 3 problems\n"
               "  the file has no data rows\n"
               "  line 3, column 7: bad\n"
               "  line 4: worse");
}

TEST(ImportValidation, TheLabelSetMustNotRepeatALabel) {
  pwb::testing::TempDir dir;
  ImportOptions options;
  options.label_set = {"a", "b", "a"};
  EXPECT_THROW(importDataset(test::writeFile(dir / "x.csv", "text,label\nt,a\n"), options), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::data
