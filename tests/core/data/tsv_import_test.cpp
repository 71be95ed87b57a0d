#include <gtest/gtest.h>

#include "../../support/temp_dir.h"
#include "data/import.h"
#include "data_test_support.h"

namespace pwb::data {
namespace {

using StringList = std::vector<std::string>;

TEST(TsvImport, PlainByDefaultSoQuotesAreOrdinaryCharacters) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "plain.tsv",
                                    "text\tlabel\n"
                                    "\"Free entry\" now\tspam\n"
                                    "\"unbalanced start\tham\n"
                                    "say \"\"twice\"\"\tham\n");
  const Dataset dataset = importDataset(file);
  EXPECT_EQ(test::texts(dataset), (StringList{"\"Free entry\" now", "\"unbalanced start", "say \"\"twice\"\""}));
  EXPECT_EQ(test::exampleLabels(dataset), (StringList{"spam", "ham", "ham"}));
}

TEST(TsvImport, PlainModeSplitsAtEveryTab) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "tabs.tsv", "text\tlabel\n\"a\tb\"\t1\n");
  EXPECT_EQ(test::importProblems(file), "2:7 expected 2 fields as in the header, found 3\n");
}

TEST(TsvImport, QuotedModeIsChosenPerFile) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "quoted.tsv", "text\tlabel\n\"a\tb\"\t1\n\"x \"\"y\"\"\"\t0\n");
  ImportOptions options;
  options.quoting = Quoting::Rfc4180;
  EXPECT_EQ(test::texts(importDataset(file, options)), (StringList{"a\tb", "x \"y\""}));
}

TEST(TsvImport, KeepsTrailingSpacesAndNextLineCharacters) {
  pwb::testing::TempDir dir;
  // U+0085 (NEL, bytes C2 85) is a line break to some libraries, not to a TSV reader.
  const auto file = test::writeFile(dir / "nel.tsv", "sentence\tlabel\nhide new secretions \t0\nwait\xC2\x85then\t1\n");
  ImportOptions options;
  options.columns.text = "sentence";
  const Dataset dataset = importDataset(file, options);
  EXPECT_EQ(test::texts(dataset), (StringList{"hide new secretions ", "wait\xC2\x85then"}));
  EXPECT_EQ(dataset.examples[1].source_line, 3u);
}

TEST(TsvImport, ReadsCrlfFilesAndTheTabExtension) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "win.tab", "text\tlabel\r\none\ta\r\ntwo\tb\r\n");
  const Dataset dataset = importDataset(file);
  EXPECT_EQ(test::exampleLabels(dataset), (StringList{"a", "b"}));
}

TEST(TsvImport, FormatCanBeGivenForAnyName) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "SMSSpamCollection", "ham\tok then\nspam\tWIN now\n");
  ImportOptions options;
  options.format = Format::Tsv;
  options.header = false;
  options.columns.text = Column::at(1);
  options.columns.label = Column::at(0);
  EXPECT_EQ(test::texts(importDataset(file, options)), (StringList{"ok then", "WIN now"}));
}

}  // namespace
}  // namespace pwb::data
