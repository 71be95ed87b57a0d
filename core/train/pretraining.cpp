#include "train/pretraining.h"

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>
#include <torch/utils.h>

#include "model/gpt2.h"
#include "model/safetensors_torch.h"
#include "store/experiment_store.h"
#include "system/xz_file.h"
#include "text/sentencepiece_tokenizer.h"
#include "train/causal_lm_batch.h"
#include "train/checkpoint.h"
#include "train/evaluator.h"
#include "train/token_stream.h"
#include "train/trainer.h"

namespace pwb::train {
namespace {

std::filesystem::path vocabularyFile(const PretrainingOptions& o) {
  // Keyed by what determines the vocabulary, so a changed corpus or size trains a new one.
  const auto stamp = std::filesystem::last_write_time(o.corpus).time_since_epoch().count();
  std::ostringstream key;
  key << o.corpus.stem().string() << "-" << o.vocab_size << (o.lower_case ? "-lc-" : "-") << std::hex
      << (std::hash<std::string>{}(std::filesystem::absolute(o.corpus).string()) ^ static_cast<std::size_t>(stamp));
  return o.cache_dir / "vocabularies" / (key.str() + ".model");
}

// Trains the vocabulary into `file` at first use; loads it.
std::unique_ptr<text::SentencePieceTokenizer> vocabularyFor(const PretrainingOptions& o, const std::filesystem::path& file,
                                                            TrainingObserver& observer) {
  if (!std::filesystem::exists(file)) {
    observer.onMessage("Training a " + std::to_string(o.vocab_size) + "-piece SentencePiece vocabulary on " +
                       o.corpus.filename().string());
    std::filesystem::create_directories(file.parent_path());
    text::SentencePieceTrainingOptions training;
    training.vocab_size = o.vocab_size;
    training.lower_case = o.lower_case;
    // Train into a temporary name and rename, so an interrupted first start leaves nothing half-written.
    const auto partial = file.parent_path() / (file.stem().string() + ".partial.model");
    text::SentencePieceTokenizer::train(o.corpus, partial, training);
    std::filesystem::rename(partial, file);
    std::filesystem::remove(file.parent_path() / (file.stem().string() + ".partial.vocab"));
  }
  return text::SentencePieceTokenizer::load(file);
}

// Next-token prediction on windows of the corpus: example i is the window starting at token i.
class LanguageModelingTask final : public TrainingTask {
 public:
  LanguageModelingTask(model::CausalLanguageModel& model, const TokenStream& stream, std::int64_t context)
      : model_(model),
        parameters_(trainableParametersOf(model.module())),
        stream_(stream),
        context_(context),
        windows_(stream.windowCount(context)) {}

  const NamedParameters& parameters() const override { return parameters_; }
  std::size_t exampleCount() const override { return windows_; }
  LossSum loss(const std::vector<std::size_t>& examples) override {
    const auto ids = stream_.windowsAt(examples, context_);  // (B, context)
    return causalLmLossSum(model_, {ids, at::ones_like(ids), ids});
  }
  void setTraining(bool training) override { model_.module().train(training); }

 private:
  model::CausalLanguageModel& model_;
  NamedParameters parameters_;
  const TokenStream& stream_;
  std::int64_t context_;
  std::size_t windows_;
};

std::filesystem::path checkpointFolder(const PretrainingOptions& o) {
  return o.output_dir.parent_path() / (o.output_dir.filename().string() + ".checkpoints");
}

// Held-out loss over fixed, non-overlapping windows of a second corpus; perplexity = e^loss.
class HeldOutEvaluator final : public Evaluator {
 public:
  HeldOutEvaluator(model::CausalLanguageModel& model, const TokenStream& stream, std::int64_t context,
                   std::int64_t windows)
      : model_(model), stream_(stream), context_(context) {
    const auto available = stream.windowCount(context);
    for (std::size_t start = 0; start < available && starts_.size() < static_cast<std::size_t>(windows);
         start += static_cast<std::size_t>(context)) {
      starts_.push_back(start);
    }
  }
  std::map<std::string, double> evaluate() override {
    double total = 0.0, count = 0.0;
    constexpr std::size_t kBatch = 16;
    for (std::size_t first = 0; first < starts_.size(); first += kBatch) {
      const auto last = std::min(first + kBatch, starts_.size());
      const std::vector<std::size_t> batch(starts_.begin() + static_cast<std::ptrdiff_t>(first),
                                           starts_.begin() + static_cast<std::ptrdiff_t>(last));
      const auto ids = stream_.windowsAt(batch, context_);
      const auto sum = causalLmLossSum(model_, {ids, at::ones_like(ids), ids});
      total += sum.sum.item<double>();
      count += static_cast<double>(sum.count);
    }
    const double loss = total / count;
    return {{"loss", loss}, {"perplexity", std::exp(loss)}};
  }

 private:
  model::CausalLanguageModel& model_;
  const TokenStream& stream_;
  std::int64_t context_;
  std::vector<std::size_t> starts_;
};

TrainerOptions trainerOptions(const PretrainingOptions& o) {
  TrainerOptions trainer;
  trainer.max_steps = o.steps;
  trainer.micro_batch_size = o.batch_size;
  trainer.learning_rate = o.learning_rate;
  trainer.optimizer.weight_decay = o.weight_decay;
  trainer.schedule = {ScheduleKind::Cosine, o.warmup_steps};
  trainer.max_grad_norm = 1.0;
  trainer.seed = o.seed;
  if (!o.validation_corpus.empty()) trainer.eval_every = o.eval_every;
  if (!o.output_dir.empty()) {
    trainer.checkpoint_dir = checkpointFolder(o);
    trainer.checkpoint_every = o.checkpoint_every;
    if (std::filesystem::exists(trainer.checkpoint_dir / "checkpoint.json")) trainer.resume_from = trainer.checkpoint_dir;
  }
  return trainer;
}

// The trained model as a Hugging Face GPT-2 folder whose tokenizer is the SentencePiece model:
// every loader of this project (and transformers, given the tokenizer) reads it back.
void writeModelFolder(const std::filesystem::path& folder, model::Gpt2LMHeadModel& model,
                      const std::filesystem::path& vocabulary, text::TokenId eos, text::TokenId pad) {
  std::filesystem::create_directories(folder);
  std::map<std::string, at::Tensor> tensors;
  for (const auto& item : model->named_parameters()) {
    if (item.key() != "lm_head.weight") tensors.emplace(item.key(), item.value().detach());  // tied to wte
  }
  model::saveSafetensors(folder / "model.safetensors", tensors, {{"format", "pt"}});
  const auto& o = model->options();
  // GPT-2's convention: one token both begins and ends a document (the corpus joins them by EOS).
  const nlohmann::json config{{"model_type", "gpt2"},
                              {"architectures", {"GPT2LMHeadModel"}},
                              {"vocab_size", o.vocab_size},
                              {"n_positions", o.n_positions},
                              {"n_ctx", o.n_positions},
                              {"n_embd", o.n_embd},
                              {"n_layer", o.n_layer},
                              {"n_head", o.n_head},
                              {"n_inner", nullptr},
                              {"activation_function", "gelu_new"},
                              {"layer_norm_epsilon", o.layer_norm_epsilon},
                              {"initializer_range", o.initializer_range},
                              {"bos_token_id", eos},
                              {"eos_token_id", eos},
                              {"pad_token_id", pad},
                              {"tie_word_embeddings", true},
                              {"torch_dtype", "float32"}};
  const auto partial = folder / "config.json.partial";
  std::ofstream(partial) << config.dump(2) << "\n";
  std::filesystem::rename(partial, folder / "config.json");
  std::filesystem::copy_file(vocabulary, folder / "tokenizer.model", std::filesystem::copy_options::overwrite_existing);
}

}  // namespace

PretrainingResult runPretraining(const PretrainingOptions& options, store::ExperimentStore& store,
                                 TrainingObserver& observer, const system::CancellationToken& cancel) {
  PretrainingResult result;
  result.run_id = store.createRun("pretrain", options.run_name, options.toJson());
  store.setRunStatus(result.run_id, store::RunStatus::Running);
  TrainingOutcome outcome;
  try {
    torch::manual_seed(options.seed);  // the model's initialisation
    auto plain = options;  // compressed corpora are read through a decompressed copy in the cache
    plain.corpus = system::plainTextFile(options.corpus, options.cache_dir);
    const auto vocabulary = vocabularyFile(plain);
    const auto tokenizer = vocabularyFor(plain, vocabulary, observer);
    const auto eos = tokenizer->specialTokens().eos.value_or(0);
    const TokenStream stream(*tokenizer, plain.corpus, eos);
    observer.onMessage("Corpus: " + std::to_string(stream.size()) + " tokens; " + tokenizer->describe());

    model::Gpt2Options shape;
    shape.vocab_size = tokenizer->vocabSize();
    shape.n_positions = options.context;
    shape.n_embd = options.width;
    shape.n_layer = options.layers;
    shape.n_head = options.heads;
    model::Gpt2LMHeadModel network(shape);
    const auto model = model::wrapCausal(network);
    LanguageModelingTask task(*model, stream, options.context);
    TrainerHooks hooks;
    hooks.observer = &observer;
    hooks.cancel = &cancel;
    hooks.store = &store;
    hooks.run_id = result.run_id;
    std::optional<TokenStream> held_out;
    std::optional<HeldOutEvaluator> evaluator;
    if (!options.validation_corpus.empty()) {
      held_out.emplace(*tokenizer, system::plainTextFile(options.validation_corpus, options.cache_dir), eos);
      evaluator.emplace(*model, *held_out, options.context, options.eval_windows);
      hooks.evaluator = &*evaluator;
    }
    const auto trainer = trainerOptions(options);
    if (!trainer.resume_from.empty()) {
      result.resumed_from_step = readCheckpoint(trainer.resume_from).step;
      observer.onMessage("Continuing from the checkpoint at step " + std::to_string(result.resumed_from_step) +
                         " in " + trainer.resume_from.string());
    }
    outcome = train(task, trainer, hooks);
    if (outcome.status == TrainingStatus::Finished && !options.output_dir.empty()) {
      writeModelFolder(options.output_dir, network, vocabulary, eos, tokenizer->specialTokens().pad.value_or(eos));
      result.model_dir = options.output_dir;
      observer.onMessage("Model written to " + options.output_dir.string());
    } else if (outcome.status == TrainingStatus::Cancelled && !options.output_dir.empty()) {
      observer.onMessage("Checkpoint kept in " + trainer.checkpoint_dir.string() +
                         "; the same command continues from it");
    }
  } catch (const std::exception& error) {
    outcome.status = TrainingStatus::Failed;
    outcome.message = error.what();
    observer.onMessage(outcome.message);
  }
  result.status = toString(outcome.status);
  result.message = outcome.message;
  result.steps_done = outcome.steps_done;
  if (!outcome.losses.empty()) {
    result.first_loss = outcome.losses.front();
    result.last_loss = outcome.losses.back();
  }
  const auto status = outcome.status == TrainingStatus::Finished    ? store::RunStatus::Finished
                      : outcome.status == TrainingStatus::Cancelled ? store::RunStatus::Cancelled
                                                                    : store::RunStatus::Failed;
  store.setRunStatus(result.run_id, status, result.message);
  return result;
}

}  // namespace pwb::train
