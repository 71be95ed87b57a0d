#include "design/verbalizer.h"

#include <gtest/gtest.h>

#include "../eval/expect_invalid_argument.h"

namespace pwb::design {
namespace {

using Words = std::vector<std::vector<std::string>>;

TEST(Verbalizer, ParsesTheCompactForm) {
  const auto v = parseVerbalizer(" 0 = terrible , 1=great| good ");
  EXPECT_EQ(v.labels, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(v.words, (Words{{"terrible"}, {"great", "good"}}));
}

TEST(Verbalizer, ParsesTheJsonForm) {
  const auto v = parseVerbalizer(R"({"spam": ["spam", "junk"], "ham": "fine"})");
  EXPECT_EQ(v.labels, (std::vector<std::string>{"ham", "spam"}));
  EXPECT_EQ(v.words, (Words{{"fine"}, {"spam", "junk"}}));
}

TEST(Verbalizer, NamesWhereTheSpecIsWrong) {
  EXPECT_INVALID_ARGUMENT(parseVerbalizer(""), "verbalizer: empty");
  EXPECT_INVALID_ARGUMENT(parseVerbalizer("0=bad,1great"), "column 7: \"1great\" has no '='");
  EXPECT_INVALID_ARGUMENT(parseVerbalizer("0=bad, =great"), "column 7: a label is empty");
  EXPECT_INVALID_ARGUMENT(parseVerbalizer("0=bad,1=great||good"), "column 15: label \"1\" has an empty word");
  EXPECT_INVALID_ARGUMENT(parseVerbalizer("0=bad,0=awful"), "column 7: label \"0\" is given twice");
  EXPECT_INVALID_ARGUMENT(parseVerbalizer(R"({"0": "bad", "1": [1]})"), "/1/0: a word must be a string");
  EXPECT_INVALID_ARGUMENT(parseVerbalizer(R"({"0": []})"), "/0: must be a word or a non-empty list");
  EXPECT_INVALID_ARGUMENT(parseVerbalizer(R"({"0": ""})"), "/0: empty word");
  EXPECT_INVALID_ARGUMENT(parseVerbalizer(R"({"0": "bad")"), "not valid JSON");
}

TEST(Verbalizer, FollowsTheDatasetsLabelOrder) {
  const auto v = orderForLabels(parseVerbalizer("1=great,0=terrible"), {"0", "1"});
  EXPECT_EQ(v.labels, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(v.words, (Words{{"terrible"}, {"great"}}));
  EXPECT_INVALID_ARGUMENT(orderForLabels(parseVerbalizer("0=bad"), {"0", "1"}), "no words for the dataset's label \"1\"");
  EXPECT_INVALID_ARGUMENT(orderForLabels(parseVerbalizer("0=bad,1=good,2=meh"), {"0", "1"}),
                          "the dataset has no label \"2\" (its labels: 0, 1)");
}

}  // namespace
}  // namespace pwb::design
