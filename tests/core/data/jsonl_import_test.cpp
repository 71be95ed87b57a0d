#include <gtest/gtest.h>

#include "../../support/temp_dir.h"
#include "data/import.h"
#include "data_test_support.h"

namespace pwb::data {
namespace {

using StringList = std::vector<std::string>;

TEST(JsonlImport, ReadsOneObjectPerLine) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "d.jsonl",
                                    "{\"text\": \"good \\\"fun\\\"\\nfilm\", \"label\": \"pos\", \"extra\": [1]}\n"
                                    "\n"
                                    "  \n"
                                    "{\"label\": 0, \"text\": \"caf\\u00e9\"}\r\n"
                                    "{\"text\": \"last\", \"label\": -3}");
  const Dataset dataset = importDataset(file);
  EXPECT_EQ(test::texts(dataset), (StringList{"good \"fun\"\nfilm", "caf\xC3\xA9", "last"}));
  EXPECT_EQ(test::exampleLabels(dataset), (StringList{"pos", "0", "-3"}));
  EXPECT_EQ(dataset.examples[1].source_line, 4u);
  EXPECT_EQ(dataset.examples[2].id, "5");
}

TEST(JsonlImport, ReadsPairsAndIds) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "p.ndjson", "{\"q\": \"a\", \"p\": \"b\", \"y\": \"1\", \"uid\": 17}\n");
  ImportOptions options;
  options.columns = {"q", "p", "y", "uid"};
  const Dataset dataset = importDataset(file, options);
  ASSERT_EQ(dataset.examples.size(), 1u);
  EXPECT_EQ(dataset.examples[0].text_b, "b");
  EXPECT_EQ(dataset.examples[0].id, "17");
}

TEST(JsonlImport, ReportsInvalidJsonAtTheParsersColumn) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "bad.jsonl",
                                    "{\"text\": \"fine\", \"label\": \"a\"}\n"
                                    "{\"text\": \"d\xC3\xA9j\xC3\xA0\", \"label\": tru}\n"
                                    "{\"text\": \"unclosed\", \"label\": \"a\"\n");
  EXPECT_EQ(test::importProblems(file),
            "2:30 invalid JSON: syntax error while parsing value - invalid literal; last read: '\"label\": tru}'\n"
            "3:34 invalid JSON: syntax error while parsing object - unexpected end of input; expected '}'\n");
}

TEST(JsonlImport, ReportsLinesThatAreNotObjects) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "arr.jsonl", "[\"text\", \"label\"]\n\"just text\"\n");
  EXPECT_EQ(test::importProblems(file),
            "1:1 expected a JSON object, found array\n"
            "2:1 expected a JSON object, found string\n");
}

TEST(JsonlImport, ReportsMissingAndMistypedFields) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "types.jsonl",
                                    "{\"txt\": \"typo\", \"label\": \"a\"}\n"
                                    "{\"text\": 5, \"label\": \"a\"}\n"
                                    "{\"text\": \"\xC3\xA9\", \"label\": null}\n"
                                    "{\"text\": \"ok\", \"label\": 1.5}\n"
                                    "{\"text\": \"ok\", \"label\": \"\"}\n");
  EXPECT_EQ(test::importProblems(file),
            "1:1 missing field \"text\"; the fields are \"txt\", \"label\"\n"  // in the line's order
            "2:10 field \"text\" is number, expected a string\n"
            "3:24 field \"label\" is null, expected a string or an integer\n"
            "4:25 field \"label\" is number, expected a string or an integer\n"
            "5:25 missing label: field \"label\" is empty\n");
}

TEST(JsonlImport, FieldsCannotBeMappedByPosition) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "i.jsonl", "{\"text\": \"a\", \"label\": \"b\"}\n");
  ImportOptions options;
  options.columns.label = Column::at(1);
  EXPECT_EQ(test::importProblems(file, options),
            "0:0 JSONL fields have names, not positions: map index 1 by name\n");
}

}  // namespace
}  // namespace pwb::data
