#include "experiment/tuning_executor.h"

#include <algorithm>
#include <stdexcept>

#include <torch/utils.h>

#include "adapt/adapted_causal_model.h"
#include "adapt/adapted_seq2seq_model.h"
#include "adapt/method_counts.h"
#include "adapt/method_factory.h"
#include "adapt/peft_adapter.h"
#include "adapt/soft_prompt_view.h"
#include "design/tuning_init.h"
#include "experiment/method_options.h"
#include "experiment/run_prompt.h"
#include "model/model_loader.h"
#include "store/run_adapter_files.h"
#include "train/causal_lm_task.h"
#include "train/rank_classification.h"
#include "train/seq2seq_task.h"
#include "train/trainer.h"

namespace pwb::experiment {
namespace {

// The instruction of the design run a soft prompt starts from, or the text given in the file.
std::string initText(const ExperimentSpec& experiment, const nlohmann::json& method, const PreparedData& data) {
  const auto design = method.value("init_from_design", std::string());
  if (design.empty()) return method.value("prompt_tuning_init_text", std::string());
  for (const auto& run : experiment.runs) {
    if (run.kind == RunKind::Design && run.name == design) {
      const auto text = design::promptTuningInitText(promptBuilderFor(run.prompt, data));
      if (text.empty()) {
        throw std::invalid_argument("the design run \"" + design +
                                    "\" has no instruction block to initialise the soft prompt from");
      }
      return text;
    }
  }
  throw std::invalid_argument("no design run named \"" + design + "\"");
}

// Prompt and answer ids of one example: the prompt up to the answer slot, the gold label's
// first word after it, split where the tokenizer splits the whole text.
train::PromptAnswer promptAnswer(const model::LoadedModel& model, const design::PromptBuilder& builder,
                                 const data::Example& example, std::size_t label) {
  auto [prompt, answer] =
      model.encodeContextAndContinuation(builder.query(example), builder.verbalizer().words[label].front());
  return {std::move(prompt), std::move(answer)};
}

// The tokens a label is scored by: its first word as the continuation of one prompt. On T5 the
// word without the EOS that ends a target, as prompt design's Seq2SeqScorer scores label words:
// their own log-likelihood, with nothing added for "the answer ends here".
std::vector<std::int64_t> scoredLabelWords(const model::LoadedModel& model, const design::PromptBuilder& builder,
                                           const data::Example& reference, std::size_t label) {
  auto words = promptAnswer(model, builder, reference, label).answer;
  if (model.isEncoderDecoder() && model.add_eos && words.size() > 1) words.pop_back();
  return words;
}

std::size_t labelIndex(const data::Dataset& dataset, const data::Example& example) {
  return static_cast<std::size_t>(std::find(dataset.labels.begin(), dataset.labels.end(), example.label) -
                                  dataset.labels.begin());
}

train::TrainerOptions trainerOptions(const TuningSpec& t, std::uint64_t seed, const std::filesystem::path& checkpoints) {
  train::TrainerOptions o;
  o.max_steps = t.steps;
  o.micro_batch_size = t.batch_size;
  o.accumulation_steps = t.gradient_accumulation_steps;
  o.learning_rate = t.learning_rate;
  o.optimizer.kind = t.optimizer == "sgd" ? train::OptimizerKind::Sgd : train::OptimizerKind::AdamW;
  o.optimizer.weight_decay = t.weight_decay;
  o.optimizer.momentum = t.momentum;
  o.schedule.kind = t.schedule == "cosine"     ? train::ScheduleKind::Cosine
                    : t.schedule == "constant" ? train::ScheduleKind::Constant
                                               : train::ScheduleKind::Linear;
  o.schedule.warmup_steps = t.warmup_steps;
  o.max_grad_norm = t.max_grad_norm;
  o.seed = seed;
  o.eval_every = t.eval_every;
  if (t.early_stopping_patience > 0) {
    train::EarlyStoppingOptions early;
    early.metric = "accuracy";
    early.higher_is_better = true;
    early.patience = static_cast<int>(t.early_stopping_patience);
    o.early_stopping = early;
  }
  o.checkpoint_every = t.checkpoint_every;
  o.checkpoint_dir = checkpoints;
  return o;
}

// Forwards the trainer's progress to the runner.
class ProgressForwarder final : public train::TrainingObserver {
 public:
  explicit ProgressForwarder(RunContext& context) : context_(context) {}
  void onProgress(const train::TrainingProgress& p) override { context_.training(p); }

 private:
  RunContext& context_;
};

}  // namespace

void TuningExecutor::execute(RunContext& context) {
  const auto& spec = context.run.spec;
  const auto& data = context.data;
  // A copy of its own: methods hook into the modules and full fine-tuning changes the weights.
  const auto model = model::loadModel(context.run.model);
  auto base = adapt::BaseModel::fromLoaded(model);
  const auto builder = promptBuilderFor(spec.prompt, data);
  const auto init_text = initText(context.experiment, spec.tuning.method, data);
  const auto method = adapt::makeMethod(spec.tuning.methodName(), peftOptions(spec.tuning.method, init_text),
                                        init_text.empty() ? std::vector<std::int64_t>{} : model.tokenizer->encode(init_text));
  // Seeded right before the method draws its initial values, as PEFT's recipe seeds before
  // get_peft_model: a run with seed 42 starts from PEFT's initial adapter.
  torch::manual_seed(context.run.seed);
  method->attach(base);
  train::NamedParameters parameters;
  for (auto& [name, tensor] : method->trainableParameters()) parameters.push_back({name, tensor});
  const auto count = adapt::countTrainable(*method, base);
  context.store.recordRunFacts(context.run_id, {std::nullopt, count.trainable, count.all, std::nullopt, std::nullopt});

  // On T5 the prompt (ending in EOS) is the encoder's input and the answer (with EOS) the
  // decoder's target, as Hugging Face builds T5's labels.
  std::vector<train::PromptAnswer> examples;
  for (const auto i : context.train_pool) {
    const auto& example = data.dataset.examples[i];
    examples.push_back(promptAnswer(model, builder, example, labelIndex(data.dataset, example)));
  }
  std::vector<std::vector<std::int64_t>> label_words;
  const auto& reference = data.dataset.examples.at(context.train_pool.empty() ? 0 : context.train_pool.front());
  for (std::size_t l = 0; l < data.dataset.labels.size(); ++l) {
    label_words.push_back(scoredLabelWords(model, builder, reference, l));
  }
  const auto labelled = [&](const std::vector<std::size_t>& split) {
    std::vector<train::LabelledPrompt> prompts;
    for (const auto i : split) {
      const auto& example = data.dataset.examples[i];
      prompts.push_back({promptAnswer(model, builder, example, 0).prompt, labelIndex(data.dataset, example)});
    }
    return prompts;
  };

  // The family's adapted model, its training task and how it scores label words.
  const auto pad = model.special_tokens.pad.value_or(model.special_tokens.eos.value_or(0));
  std::unique_ptr<adapt::AdaptedCausalModel> causal;
  std::unique_ptr<adapt::AdaptedSeq2SeqModel> seq2seq;
  std::unique_ptr<train::TrainingTask> task;
  train::LabelScorer scorer;
  if (model.isEncoderDecoder()) {
    seq2seq = std::make_unique<adapt::AdaptedSeq2SeqModel>(base, *method);
    task = std::make_unique<train::Seq2SeqTask>(*seq2seq, parameters, examples, pad);
    scorer = train::labelScorer(*seq2seq);
  } else {
    causal = std::make_unique<adapt::AdaptedCausalModel>(base, *method);
    task = std::make_unique<train::CausalLmTask>(*causal, parameters, examples, pad);
    scorer = train::labelScorer(*causal);
  }
  std::unique_ptr<train::RankClassificationEvaluator> validation;
  if (!data.splits.validation.empty()) {
    validation = std::make_unique<train::RankClassificationEvaluator>(scorer, label_words, labelled(data.splits.validation));
  }
  ProgressForwarder progress(context);
  train::TrainerHooks hooks;
  hooks.observer = &progress;
  hooks.cancel = &context.cancel;
  hooks.pause = context.pause;
  hooks.evaluator = validation.get();
  hooks.store = &context.store;
  hooks.run_id = context.run_id;
  const auto run_dir = artifact_dir_ / ("run-" + std::to_string(context.run_id));
  // A soft prompt is small (virtual tokens x width floats): every checkpoint keeps its own, so the
  // run can be watched moving; the checkpoint itself is replaced by the next one.
  if (adapt::hasModelWidthSoftPrompt(spec.tuning.methodName())) {
    hooks.on_checkpoint = [&](std::int64_t step) {
      // As the final adapter is saved: P-tuning's encoder output without dropout.
      const torch::NoGradGuard no_grad;
      task->setTraining(false);
      const auto folder = store::adapterSnapshotFolder(run_dir, step);
      adapt::saveAdapter(*method, folder);
      task->setTraining(true);
      context.store.addArtifact(context.run_id, store::ArtifactKind::Checkpoint, folder / "adapter_model.safetensors");
    };
  }
  auto options = trainerOptions(spec.tuning, context.run.seed, run_dir / "checkpoints");
  // A run started before (interrupted, cancelled) continues from where its checkpoint stands.
  if (std::filesystem::exists(options.checkpoint_dir / "checkpoint.json")) options.resume_from = options.checkpoint_dir;
  const auto outcome = train::train(*task, options, hooks);
  if (outcome.status == train::TrainingStatus::Failed) throw std::runtime_error(outcome.message);
  if (outcome.status == train::TrainingStatus::Cancelled) return;

  // The test split, by rank classification over the label words.
  task->setTraining(false);
  const torch::NoGradGuard no_grad;
  train::RankClassificationEvaluator test(scorer, label_words, labelled(data.splits.test), "test");
  const auto scores = test.scores();
  std::vector<store::PredictionRecord> predictions;
  std::size_t right = 0;
  for (std::size_t k = 0; k < scores.size(); ++k) {
    const auto& example = data.dataset.examples[data.splits.test[k]];
    const auto best = static_cast<std::size_t>(std::max_element(scores[k].begin(), scores[k].end()) - scores[k].begin());
    store::PredictionRecord p{"test", example.id, example.label, data.dataset.labels[best], example.label == data.dataset.labels[best], {}, ""};
    for (std::size_t l = 0; l < scores[k].size(); ++l) p.scores[data.dataset.labels[l]] = scores[k][l];
    right += p.correct ? 1 : 0;
    predictions.push_back(std::move(p));
  }
  context.store.appendPredictions(context.run_id, predictions);
  if (!predictions.empty()) {
    context.store.appendMetrics(context.run_id, {{outcome.steps_done, "test", "accuracy",
                                                  static_cast<double>(right) / static_cast<double>(predictions.size()), 0.0, 0}});
  }
  adapt::saveAdapter(*method, run_dir / "adapter");
  context.store.addArtifact(context.run_id, store::ArtifactKind::Adapter, run_dir / "adapter" / "adapter_model.safetensors");
}

}  // namespace pwb::experiment
