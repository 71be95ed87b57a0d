#include "data/labels.h"

#include <gtest/gtest.h>

#include "../../support/temp_dir.h"
#include "data/import.h"
#include "data_test_support.h"

namespace pwb::data {
namespace {

using StringList = std::vector<std::string>;

std::vector<Example> withLabels(const StringList& labels) {
  std::vector<Example> examples;
  for (const auto& label : labels) examples.push_back({"", "text", "", label, 0, {}});
  return examples;
}

TEST(Labels, IntegerLabelsSortNumerically) {
  EXPECT_EQ(discoverLabels(withLabels({"10", "2", "-1", "0", "2", "-20", "007", "123456789012345678901234567890"})),
            (StringList{"-20", "-1", "0", "2", "007", "10", "123456789012345678901234567890"}));
  // Equal values written differently keep a fixed order: by their bytes.
  EXPECT_EQ(discoverLabels(withLabels({"1", "01", "-0", "0"})), (StringList{"-0", "0", "01", "1"}));
}

TEST(Labels, OtherLabelsSortByCodePoint) {
  EXPECT_EQ(discoverLabels(withLabels({"spam", "ham", "Ham", "10", "9", "\xC3\xA9t\xC3\xA9", "zoo"})),
            (StringList{"10", "9", "Ham", "ham", "spam", "zoo", "\xC3\xA9t\xC3\xA9"}));
}

TEST(Labels, CountsFollowTheLabelOrder) {
  Dataset dataset;
  dataset.examples = withLabels({"b", "a", "b", "c", "b"});
  dataset.labels = discoverLabels(dataset.examples);
  EXPECT_EQ(dataset.labels, (StringList{"a", "b", "c"}));
  EXPECT_EQ(labelCounts(dataset), (std::vector<std::size_t>{1, 3, 1}));
  EXPECT_EQ(labelIndices(dataset), (std::vector<std::size_t>{1, 0, 1, 2, 1}));

  dataset.labels = {"a", "b"};
  EXPECT_THROW(labelCounts(dataset), std::invalid_argument);
}

TEST(Labels, AGivenLabelSetFixesTheOrderEvenForAbsentLabels) {
  pwb::testing::TempDir dir;
  ImportOptions options;
  options.label_set = {"positive", "neutral", "negative"};
  const auto file = test::writeFile(dir / "s.csv", "text,label\na,negative\nb,positive\n");
  const Dataset dataset = importDataset(file, options);
  EXPECT_EQ(dataset.labels, options.label_set);
  EXPECT_EQ(labelCounts(dataset), (std::vector<std::size_t>{1, 0, 1}));
}

}  // namespace
}  // namespace pwb::data
