#include "data/builtin_datasets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "data/labels.h"
#include "system/data_paths.h"

namespace pwb::data {
namespace {

using Counts = std::vector<std::size_t>;

// Row and label counts from ../shared/data/README.md.
void expectCounts(const std::string& name, const std::string& part, std::size_t rows, const Counts& per_label) {
  const Dataset dataset = loadBuiltin(name, part);
  EXPECT_EQ(dataset.name, name + "/" + part);
  EXPECT_EQ(dataset.examples.size(), rows) << dataset.name;
  EXPECT_EQ(labelCounts(dataset), per_label) << dataset.name;
}

TEST(BuiltinDatasets, RegistryDescribesEveryShippedDataset) {
  std::vector<std::string> names;
  for (const auto& dataset : builtinDatasets()) {
    names.push_back(dataset.name);
    EXPECT_FALSE(dataset.description.empty());
    EXPECT_FALSE(dataset.task.empty());
    EXPECT_FALSE(dataset.labels.empty());
    const auto folder = std::filesystem::path(PWB_RESOURCE_DIR) / "datasets" / dataset.folder;
    EXPECT_TRUE(std::filesystem::is_regular_file(folder / "SOURCES.md")) << folder;
    for (const auto& part : dataset.parts) {
      EXPECT_TRUE(std::filesystem::is_regular_file(folder / part.file)) << part.file;
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"sst2", "uci_amazon", "uci_imdb", "uci_yelp", "sms_spam", "trec"}));
  EXPECT_EQ(builtinDataset("sst2").labels[1].name, "positive");
  EXPECT_EQ(builtinDataset("trec").labels[3].value, "HUM");
  EXPECT_EQ(builtinDataset("trec").labels[3].name, "human");
}

TEST(BuiltinDatasets, Sst2) {
  const auto start = std::chrono::steady_clock::now();
  const Dataset train = loadBuiltin("sst2");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("sst2_train_load_ms", static_cast<int>(seconds * 1000));
  std::printf("loading SST-2 train (67,349 rows): %.0f ms\n", seconds * 1000);
  EXPECT_LT(seconds, 1.0);

  EXPECT_EQ(train.name, "sst2/train");
  ASSERT_EQ(train.examples.size(), 67349u);
  EXPECT_EQ(labelCounts(train), (Counts{29780, 37569}));
  EXPECT_EQ(train.labels, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(train.examples[0].text, "hide new secretions from the parental units ");  // GLUE's trailing space
  EXPECT_EQ(train.examples[0].label, "0");
  EXPECT_EQ(train.examples[0].source_line, 2u);
  expectCounts("sst2", "dev", 872, {428, 444});
}

TEST(BuiltinDatasets, UciSentences) {
  for (const char* source : {"amazon", "imdb", "yelp"}) {
    expectCounts(std::string("uci_") + source, "all", 1000, {500, 500});
  }
}

TEST(BuiltinDatasets, SmsSpam) {
  expectCounts("sms_spam", "all", 5574, {4827, 747});
  const Dataset dataset = loadBuiltin("sms_spam");
  EXPECT_EQ(dataset.labels, (std::vector<std::string>{"ham", "spam"}));
  const auto quoted = std::count_if(dataset.examples.begin(), dataset.examples.end(),
                                    [](const Example& example) { return example.text.front() == '"'; });
  EXPECT_EQ(quoted, 54);  // messages that start with '"', kept as text
}

TEST(BuiltinDatasets, Trec) {
  expectCounts("trec", "train", 5452, {86, 1162, 1250, 1223, 835, 896});
  expectCounts("trec", "test", 500, {9, 138, 94, 65, 81, 113});
  EXPECT_EQ(loadBuiltin("trec", "test").labels,
            (std::vector<std::string>{"ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"}));
}

TEST(BuiltinDatasets, UnknownNamesListTheKnownOnes) {
  try {
    loadBuiltin("imdb");
    FAIL() << "no error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "no built-in dataset \"imdb\"; the built-in datasets are sst2, uci_amazon, uci_imdb, uci_yelp, "
                 "sms_spam, trec");
  }
  try {
    loadBuiltin("sst2", "test");
    FAIL() << "no error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "built-in dataset sst2 has no part \"test\"; its parts are train, dev");
  }
}

}  // namespace
}  // namespace pwb::data
