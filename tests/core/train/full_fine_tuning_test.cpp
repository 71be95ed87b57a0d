// The trainer on a real pretrained model of another family: the built-in stories260K Llama.

#include <gtest/gtest.h>

#include "model/model_loader.h"
#include "train/causal_lm_task.h"
#include "train/rank_classification.h"
#include "train/trainer.h"

namespace pwb::train {
namespace {

TEST(FullFineTuning, TeachesTheBuiltInStories260kLlamaItsAnswers) {
  auto loaded = model::loadModel("stories260k");
  const std::pair<const char*, std::size_t> texts[] = {
      {"Tom ate the cake. He felt", 0}, {"Lily lost her dog. She felt", 1},
      {"The sun came out. They felt", 0}, {"The toy broke. Ben felt", 1}};
  const char* label_text[] = {" happy", " sad"};
  std::vector<PromptAnswer> examples;
  std::vector<LabelledPrompt> labelled;
  std::vector<std::vector<std::int64_t>> label_words(2);
  for (const auto& [text, label] : texts) {
    auto [prompt, answer] = loaded.encodeContextAndContinuation(text, label_text[label]);
    label_words[label] = answer;
    examples.push_back({prompt, answer});
    labelled.push_back({prompt, label});
  }
  CausalLmTask task(*loaded.causal, examples, loaded.special_tokens.eos.value_or(0));
  EXPECT_EQ(task.parameters().size(), loaded.causal->module().named_parameters().size());  // every weight
  RankClassificationEvaluator evaluator(*loaded.causal, label_words, labelled, "train");
  const auto before = evaluator.evaluate();

  TrainerOptions options;
  options.max_steps = 8;
  options.micro_batch_size = 4;
  options.learning_rate = 3e-3;
  options.schedule = {ScheduleKind::Constant, 0};
  const auto outcome = train(task, options);
  ASSERT_EQ(outcome.status, TrainingStatus::Finished) << outcome.message;
  EXPECT_LT(outcome.losses.back(), 0.5 * outcome.losses.front());
  const auto after = evaluator.evaluate();
  EXPECT_LT(after.at("loss"), before.at("loss"));
  EXPECT_DOUBLE_EQ(after.at("accuracy"), 1.0) << "before: " << before.at("accuracy");
}

}  // namespace
}  // namespace pwb::train
