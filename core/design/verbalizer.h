#pragma once
// A verbalizer: the word or words that stand for each label in a prompt ("0" -> "terrible").
// Torch-free.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pwb::design {

struct Verbalizer {
  std::vector<std::string> labels;              // label values as in the dataset
  std::vector<std::vector<std::string>> words;  // per label, one or more words; the first is shown in demonstrations
};

// Two spellings:
//   compact  "0=terrible,1=great|good"   (',' between labels, '|' between a label's words;
//                                          blanks around labels and words are dropped)
//   JSON     {"0": "terrible", "1": ["great", "good"]}   (the spec starts with '{')
// Throws std::invalid_argument naming the problem and where it is (the column of the compact
// form, the JSON path of the JSON form): a missing '=', an empty label or word, a label given
// twice, a JSON value that is neither a string nor a list of strings.
Verbalizer parseVerbalizer(std::string_view spec);

// The verbalizer in the dataset's class order. Throws std::invalid_argument naming a dataset
// label without words, or a verbalizer label the dataset does not have.
Verbalizer orderForLabels(const Verbalizer& verbalizer, const std::vector<std::string>& dataset_labels);

}  // namespace pwb::design
