#include "data/builtin_datasets.h"

#include <stdexcept>

#include "data/import.h"
#include "system/data_paths.h"

namespace pwb::data {
namespace {

ImportOptions tsvWithHeader(const std::string& text, const std::string& label) {
  ImportOptions options;
  options.format = Format::Tsv;
  options.columns.text = text;
  options.columns.label = label;
  return options;
}

const std::vector<LabelName> kSentiment = {{"0", "negative"}, {"1", "positive"}};

BuiltinDataset uciSentences(const std::string& source, const std::string& description) {
  return {"uci_" + source,
          description + " (UCI Sentiment Labelled Sentences, Kotzias et al. 2015); 500 negative, 500 positive.",
          "binary sentiment",
          "uci_sentiment_sentences",
          {{"all", source + ".tsv"}},
          tsvWithHeader("text", "label"),
          kSentiment};
}

std::vector<BuiltinDataset> makeRegistry() {
  std::vector<BuiltinDataset> registry;
  registry.push_back({"sst2",
                      "Stanford Sentiment Treebank, binary (GLUE SST-2): movie-review phrases for training, "
                      "whole sentences in dev; lower-cased and tokenized.",
                      "binary sentiment",
                      "sst2",
                      {{"train", "train.tsv"}, {"dev", "dev.tsv"}},
                      tsvWithHeader("sentence", "label"),
                      kSentiment});
  registry.push_back(uciSentences("amazon", "Amazon product review sentences"));
  registry.push_back(uciSentences("imdb", "IMDb movie review sentences"));
  registry.push_back(uciSentences("yelp", "Yelp restaurant review sentences"));

  ImportOptions sms;  // the original file: no header, "label TAB message"
  sms.format = Format::Tsv;
  sms.header = false;
  sms.columns.text = Column::at(1);
  sms.columns.label = Column::at(0);
  registry.push_back({"sms_spam",
                      "SMS Spam Collection v.1 (Almeida & Gómez Hidalgo 2011): English text messages, "
                      "4,827 ham and 747 spam.",
                      "spam detection",
                      "sms_spam",
                      {{"all", "SMSSpamCollection.tsv"}},
                      sms,
                      {{"ham", "ham"}, {"spam", "spam"}}});

  registry.push_back({"trec",
                      "TREC question classification (Li & Roth 2002): what kind of answer a question asks for, "
                      "6 coarse classes.",
                      "question type",
                      "trec",
                      {{"train", "train.tsv"}, {"test", "test.tsv"}},
                      tsvWithHeader("text", "label"),
                      {{"ABBR", "abbreviation"},
                       {"DESC", "description"},
                       {"ENTY", "entity"},
                       {"HUM", "human"},
                       {"LOC", "location"},
                       {"NUM", "number"}}});
  return registry;
}

template <typename Item>
std::string namesOf(const std::vector<Item>& items) {
  std::string names;
  for (const auto& item : items) names += (names.empty() ? "" : ", ") + item.name;
  return names;
}

}  // namespace

const std::vector<BuiltinDataset>& builtinDatasets() {
  static const std::vector<BuiltinDataset> registry = makeRegistry();
  return registry;
}

const BuiltinDataset& builtinDataset(const std::string& name) {
  for (const auto& dataset : builtinDatasets()) {
    if (dataset.name == name) return dataset;
  }
  throw std::invalid_argument("no built-in dataset \"" + name + "\"; the built-in datasets are " +
                              namesOf(builtinDatasets()));
}

Dataset loadBuiltin(const std::string& name, const std::string& part) {
  const BuiltinDataset& dataset = builtinDataset(name);
  const BuiltinPart* chosen = part.empty() ? &dataset.parts.front() : nullptr;
  for (const auto& candidate : dataset.parts) {
    if (candidate.name == part) chosen = &candidate;
  }
  if (chosen == nullptr) {
    throw std::invalid_argument("built-in dataset " + name + " has no part \"" + part + "\"; its parts are " +
                                namesOf(dataset.parts));
  }
  ImportOptions options = dataset.options;
  options.name = name + "/" + chosen->name;
  for (const auto& label : dataset.labels) options.label_set.push_back(label.value);
  return importDataset(system::resourceDir() / "datasets" / dataset.folder / chosen->file, options);
}

}  // namespace pwb::data
