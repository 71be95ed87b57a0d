#include <gtest/gtest.h>

#include "../../support/temp_dir.h"
#include "data/import.h"
#include "data_test_support.h"

namespace pwb::data {
namespace {

using StringList = std::vector<std::string>;

TEST(CsvImport, MapsColumnsByHeaderName) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "reviews.csv", "id,label,review\nr1,pos,great film\nr2,neg,dull\n");
  ImportOptions options;
  options.columns.text = "review";
  options.columns.id = "id";
  const Dataset dataset = importDataset(file, options);

  EXPECT_EQ(dataset.name, "reviews");
  ASSERT_EQ(dataset.examples.size(), 2u);
  EXPECT_EQ(dataset.examples[0].id, "r1");
  EXPECT_EQ(dataset.examples[0].text, "great film");
  EXPECT_EQ(dataset.examples[0].label, "pos");
  EXPECT_EQ(dataset.examples[0].source_line, 2u);
  EXPECT_EQ(dataset.examples[1].id, "r2");
  EXPECT_EQ(dataset.labels, (StringList{"neg", "pos"}));
}

TEST(CsvImport, WithoutAnIdColumnTheIdIsTheLineNumber) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "a.csv", "text,label\n\nfirst,x\n\nsecond,y\n");
  const Dataset dataset = importDataset(file);
  ASSERT_EQ(dataset.examples.size(), 2u);  // empty lines are skipped
  EXPECT_EQ(dataset.examples[0].id, "3");
  EXPECT_EQ(dataset.examples[1].id, "5");
  EXPECT_EQ(dataset.examples[1].source_line, 5u);
}

TEST(CsvImport, QuotedFieldsHoldCommasDoubledQuotesAndLineBreaks) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "q.csv",
                                    "text,label\n"
                                    "\"a, b\",x\n"
                                    "\"say \"\"hi\"\"\",y\n"
                                    "\"two\nlines\",x\n"
                                    "\"\"\"quoted\"\" start\",y\n"
                                    "after,x\n");
  const Dataset dataset = importDataset(file);
  EXPECT_EQ(test::texts(dataset), (StringList{"a, b", "say \"hi\"", "two\nlines", "\"quoted\" start", "after"}));
  ASSERT_EQ(dataset.examples.size(), 5u);
  EXPECT_EQ(dataset.examples[2].source_line, 4u);
  EXPECT_EQ(dataset.examples[3].source_line, 6u);  // the record before spans lines 4 and 5
  EXPECT_EQ(dataset.examples[4].source_line, 7u);
}

TEST(CsvImport, CrlfLineEndsAreNotPartOfTheLastField) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "w.csv", "text,label\r\nhello,pos\r\n\"multi\r\nline\",neg\r\nlast,pos");
  const Dataset dataset = importDataset(file);
  EXPECT_EQ(test::texts(dataset), (StringList{"hello", "multi\r\nline", "last"}));
  EXPECT_EQ(test::exampleLabels(dataset), (StringList{"pos", "neg", "pos"}));
  EXPECT_EQ(dataset.examples[2].source_line, 5u);
}

TEST(CsvImport, TrailingEmptyFieldIsAField) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "t.csv", "text,label,note\nfine,x,\n");
  const Dataset dataset = importDataset(file);
  ASSERT_EQ(dataset.examples.size(), 1u);
  EXPECT_EQ(dataset.examples[0].label, "x");

  const auto short_row = test::writeFile(dir / "s.csv", "text,label\nno label,\n");
  EXPECT_EQ(test::importProblems(short_row), "2:10 missing label: column \"label\" is empty\n");
}

TEST(CsvImport, SkipsAByteOrderMark) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "bom.csv", "\xEF\xBB\xBFtext,label\nhi,x\n,y\n");
  // The header's first name is "text", not "\uFEFFtext"; columns do not count the mark.
  EXPECT_EQ(test::importProblems(file), "3:1 empty text in column \"text\"\n");
}

TEST(CsvImport, HeaderlessFileMapsColumnsByIndex) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "h.csv", "pos,good one\nneg,bad one\n");
  ImportOptions options;
  options.header = false;
  options.columns.text = Column::at(1);
  options.columns.label = Column::at(0);
  const Dataset dataset = importDataset(file, options);
  EXPECT_EQ(test::texts(dataset), (StringList{"good one", "bad one"}));
  EXPECT_EQ(dataset.examples[0].source_line, 1u);
}

TEST(CsvImport, ReadsSentencePairs) {
  pwb::testing::TempDir dir;
  const auto file =
      test::writeFile(dir / "p.csv", "premise,hypothesis,label\nA man sleeps.,Someone rests.,entailment\n");
  ImportOptions options;
  options.columns.text = "premise";
  options.columns.text_b = "hypothesis";
  const Dataset dataset = importDataset(file, options);
  ASSERT_EQ(dataset.examples.size(), 1u);
  EXPECT_EQ(dataset.examples[0].text, "A man sleeps.");
  EXPECT_EQ(dataset.examples[0].text_b, "Someone rests.");
}

TEST(CsvImport, LabelsAreTrimmedTextsAreNot) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "sp.csv", "text,label\n  padded text , 1\n");
  const Dataset dataset = importDataset(file);
  EXPECT_EQ(dataset.examples[0].text, "  padded text ");
  EXPECT_EQ(dataset.examples[0].label, "1");
}

TEST(CsvImport, AQuoteInsideAnUnquotedFieldIsKept) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "u.csv", "text,label\n5\" screen,x\n");
  EXPECT_EQ(importDataset(file).examples[0].text, "5\" screen");
}

}  // namespace
}  // namespace pwb::data
