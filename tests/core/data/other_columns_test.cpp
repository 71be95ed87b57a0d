// Every column of a file reaches the dataset: the mapped ones as the example's fields, the
// others by name, in file order.

#include <gtest/gtest.h>

#include "../../support/temp_dir.h"
#include "data/builtin_datasets.h"
#include "data/import.h"
#include "data_test_support.h"

namespace pwb::data {
namespace {

using StringList = std::vector<std::string>;

// An example's other columns as "name=value".
StringList others(const Example& example) {
  StringList list;
  for (const auto& column : example.other_columns) list.push_back(column.name + "=" + column.value);
  return list;
}

TEST(OtherColumns, CsvKeepsEveryUnmappedColumnInFileOrderWithItsQuoting) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "r.csv",
                                    "source,review,stars,note,id\n"
                                    "imdb,dull,0,\"long, \"\"quoted\"\"\nnote\",r1\n"
                                    "yelp,fun,1,,r2\n");
  ImportOptions options;
  options.columns.text = "review";
  options.columns.label = "stars";
  options.columns.id = "id";
  const Dataset dataset = importDataset(file, options);
  EXPECT_EQ(dataset.columns, (StringList{"source", "review", "stars", "note", "id"}));
  EXPECT_EQ(dataset.roles.text, "review");
  EXPECT_EQ(dataset.roles.label, "stars");
  EXPECT_EQ(dataset.roles.id, "id");
  EXPECT_EQ(dataset.roles.text_b, "");
  ASSERT_EQ(dataset.examples.size(), 2u);
  // The mapped columns are not repeated among the others.
  EXPECT_EQ(others(dataset.examples[0]), (StringList{"source=imdb", "note=long, \"quoted\"\nnote"}));
  EXPECT_EQ(others(dataset.examples[1]), (StringList{"source=yelp", "note="}));
  EXPECT_EQ(*otherColumn(dataset.examples[1], "source"), "yelp");
  EXPECT_EQ(otherColumn(dataset.examples[1], "review"), nullptr);
}

TEST(OtherColumns, TsvWithoutAHeaderNamesThemByPosition) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "h.tsv", "x1\tgood film\tpos\t\"as is\"\n");
  ImportOptions options;
  options.header = false;
  options.columns.text = Column::at(1);
  options.columns.label = Column::at(2);
  const Dataset dataset = importDataset(file, options);
  EXPECT_EQ(dataset.columns, (StringList{"column 0", "column 1", "column 2", "column 3"}));
  EXPECT_EQ(dataset.roles.text, "column 1");
  EXPECT_EQ(dataset.roles.label, "column 2");
  // TSV has no quoting: the quotes are the value's.
  EXPECT_EQ(others(dataset.examples.at(0)), (StringList{"column 0=x1", "column 3=\"as is\""}));
}

TEST(OtherColumns, JsonlKeepsScalarFieldsInTheLinesOrderAndNumbersAsWritten) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "d.jsonl",
                                    "{\"zeta\": 1.50, \"text\": \"a\", \"label\": 1, \"alpha\": true, \"n\": -7, "
                                    "\"big\": 1E+3, \"nested\": {\"x\": 1}, \"list\": [2], \"none\": null}\n"
                                    "{\"label\": 0, \"text\": \"b\", \"new\": \"caf\\u00e9\", \"zeta\": 2e-1}\n");
  const Dataset dataset = importDataset(file);
  // Keys in order of first appearance; objects and arrays are no columns.
  EXPECT_EQ(dataset.columns, (StringList{"zeta", "text", "label", "alpha", "n", "big", "none", "new"}));
  EXPECT_EQ(others(dataset.examples.at(0)), (StringList{"zeta=1.50", "alpha=true", "n=-7", "big=1E+3", "none="}));
  // A row lacking a column lacks it among its others.
  EXPECT_EQ(others(dataset.examples.at(1)), (StringList{"new=caf\xC3\xA9", "zeta=2e-1"}));
}

TEST(OtherColumns, JsonlRepeatedKeyKeepsItsFirstPlaceAndLastValue) {
  pwb::testing::TempDir dir;
  const auto file = test::writeFile(dir / "d.jsonl", "{\"a\": \"1\", \"text\": \"t\", \"label\": \"x\", \"a\": \"2\"}\n");
  const Dataset dataset = importDataset(file);
  EXPECT_EQ(dataset.columns, (StringList{"a", "text", "label"}));
  EXPECT_EQ(others(dataset.examples.at(0)), (StringList{"a=2"}));
}

TEST(OtherColumns, BuiltInTrecKeepsItsFineLabel) {
  const Dataset trec = loadBuiltin("trec", "test");
  EXPECT_EQ(trec.columns, (StringList{"text", "label", "fine_label"}));
  EXPECT_EQ(trec.examples.at(0).text, "How far is it from Denver to Aspen ?");
  EXPECT_EQ(others(trec.examples.at(0)), (StringList{"fine_label=NUM:dist"}));
  const Dataset sst2 = loadBuiltin("sst2", "dev");
  EXPECT_EQ(sst2.columns, (StringList{"sentence", "label"}));
  EXPECT_TRUE(sst2.examples.at(0).other_columns.empty());
}

}  // namespace
}  // namespace pwb::data
