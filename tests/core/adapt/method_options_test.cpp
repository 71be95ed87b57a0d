#include "adapt/method_options.h"

#include <gtest/gtest.h>

namespace pwb::adapt {
namespace {

TEST(MethodOptions, StringsBecomePeftTypedValues) {
  const auto options = methodOptionsFromStrings({{"r", "16"},
                                                 {"lora_alpha", "32"},
                                                 {"lora_dropout", "0.05"},
                                                 {"target_modules", "q_proj,v_proj"},
                                                 {"use_rslora", "true"},
                                                 {"init_lora_weights", "gaussian"}});
  EXPECT_EQ(options, nlohmann::json::parse(R"({"r": 16, "lora_alpha": 32, "lora_dropout": 0.05,
      "target_modules": ["q_proj", "v_proj"], "use_rslora": true, "init_lora_weights": "gaussian"})"));
  EXPECT_EQ(methodOptionsFromStrings({{"lora_alpha", "16.5"}})["lora_alpha"], 16.5);
}

TEST(MethodOptions, BadValuesAreNamed) {
  try {
    methodOptionsFromStrings({{"num_virtual_tokens", "2x"}});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "--num_virtual_tokens 2x: expected an integer");
  }
  EXPECT_THROW(methodOptionsFromStrings({{"rank", "8"}}), std::invalid_argument);
  EXPECT_THROW(methodOptionsFromStrings({{"target_modules", "q,,v"}}), std::invalid_argument);
  EXPECT_THROW(methodOptionsFromStrings({{"prefix_projection", "yes"}}), std::invalid_argument);
}

TEST(MethodOptions, PromptMethodsAddTheirVirtualTokens) {
  EXPECT_EQ(extraPositions("prompt_tuning", {{"num_virtual_tokens", 8}}), 8);
  EXPECT_EQ(extraPositions("prefix_tuning", nlohmann::json::object()), 20);
  EXPECT_EQ(extraPositions("lora", {{"r", 8}}), 0);
}

}  // namespace
}  // namespace pwb::adapt
