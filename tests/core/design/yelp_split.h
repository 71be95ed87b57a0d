#pragma once
// The built-in UCI Yelp sentences split once (stratified, seed 3): demonstrations come from
// train and the first few test examples are evaluated, with a "Review … Sentiment" template.

#include <string>
#include <vector>

#include "data/builtin_datasets.h"
#include "data/split.h"
#include "design/prompt_builder.h"
#include "design/template_syntax.h"
#include "design/verbalizer.h"

namespace pwb::design {

struct YelpSplit {
  explicit YelpSplit(std::size_t evaluated_count)
      : evaluated(splits.test.begin(), splits.test.begin() + static_cast<std::ptrdiff_t>(evaluated_count)) {}

  PromptBuilder makeBuilder(const std::string& source = "Review: {{text}}\nSentiment: {{label}}") const {
    return PromptBuilder(parseTemplate(source), orderForLabels(parseVerbalizer("0=bad|awful,1=good"), dataset.labels),
                         dataset);
  }

  data::Dataset dataset = data::loadBuiltin("uci_yelp");
  data::Splits splits = data::split(dataset, [] {
    data::SplitOptions options;
    options.stratified = true;
    options.seed = 3;
    return options;
  }());
  std::vector<std::size_t> evaluated;
};

}  // namespace pwb::design
