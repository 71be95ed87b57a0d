#include "train/pretraining.h"

#include <fstream>
#include <sstream>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>
#include <torch/utils.h>

#include "model/gpt2.h"
#include "store/experiment_store.h"
#include "system/data_paths.h"
#include "text/sentencepiece_tokenizer.h"
#include "train/causal_lm_batch.h"
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

std::unique_ptr<text::SentencePieceTokenizer> vocabularyFor(const PretrainingOptions& o, TrainingObserver& observer) {
  const auto file = vocabularyFile(o);
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

TrainerOptions trainerOptions(const PretrainingOptions& o) {
  TrainerOptions trainer;
  trainer.max_steps = o.steps;
  trainer.micro_batch_size = o.batch_size;
  trainer.learning_rate = o.learning_rate;
  trainer.optimizer.weight_decay = o.weight_decay;
  trainer.schedule = {ScheduleKind::Cosine, o.warmup_steps};
  trainer.max_grad_norm = 1.0;
  trainer.seed = o.seed;
  return trainer;
}

}  // namespace

std::string PretrainingOptions::toJson() const {
  // The same keys as a recipe file, so a stored run's configuration can be run again.
  return nlohmann::json{{"name", run_name},
                        {"corpus", corpus.string()},
                        {"vocab_size", vocab_size},
                        {"lower_case", lower_case},
                        {"n_layer", layers},
                        {"n_embd", width},
                        {"n_head", heads},
                        {"n_positions", context},
                        {"steps", steps},
                        {"batch_size", batch_size},
                        {"learning_rate", learning_rate},
                        {"warmup_steps", warmup_steps},
                        {"weight_decay", weight_decay},
                        {"seed", seed}}
      .dump();
}

namespace {

// The recipe's integer keys (Hugging Face's GPT-2 names for the model's shape).
std::int64_t* integerField(PretrainingOptions& o, const std::string& key) {
  const std::pair<const char*, std::int64_t*> fields[] = {
      {"n_layer", &o.layers},      {"n_embd", &o.width},          {"n_head", &o.heads},
      {"n_positions", &o.context}, {"steps", &o.steps},           {"batch_size", &o.batch_size},
      {"warmup_steps", &o.warmup_steps}};
  for (const auto& [name, field] : fields) {
    if (key == name) return field;
  }
  return nullptr;
}

}  // namespace

PretrainingOptions readPretrainingRecipe(const std::filesystem::path& file, PretrainingOptions o) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot open the recipe");
  nlohmann::json recipe;
  try {
    recipe = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw std::runtime_error(file.string() + ": not valid JSON: " + error.what());
  }
  if (!recipe.is_object()) throw std::runtime_error(file.string() + ": expected a JSON object");
  const auto require = [&](const std::string& key, bool ok, const char* expected) {
    if (!ok) throw std::runtime_error(file.string() + ": key '" + key + "': expected " + expected);
  };
  for (const auto& [key, value] : recipe.items()) {
    const bool positive_int = value.is_number_integer() && value.get<std::int64_t>() > 0;
    const bool positive_number = value.is_number() && value.get<double>() > 0.0;
    const char* kPositiveInt = "a positive integer";
    if (key == "corpus") {
      require(key, value.is_string(), "a file path");
      o.corpus = value.get<std::string>();
      if (o.corpus.is_relative()) o.corpus = system::resourceDir() / o.corpus;
    } else if (key == "name") {
      require(key, value.is_string(), "a string");
      o.run_name = value.get<std::string>();
    } else if (key == "vocab_size") {
      require(key, positive_int, kPositiveInt);
      o.vocab_size = value.get<int>();
    } else if (key == "lower_case") {
      require(key, value.is_boolean(), "true or false");
      o.lower_case = value.get<bool>();
    } else if (auto* field = integerField(o, key)) {
      require(key, positive_int || (key == "warmup_steps" && value == 0), kPositiveInt);
      *field = value.get<std::int64_t>();
    } else if (key == "learning_rate") {
      require(key, positive_number, "a positive number");
      o.learning_rate = value.get<double>();
    } else if (key == "weight_decay") {
      require(key, value.is_number() && value.get<double>() >= 0.0, "a number >= 0");
      o.weight_decay = value.get<double>();
    } else if (key == "seed") {
      require(key, value.is_number_unsigned(), "a non-negative integer");
      o.seed = value.get<std::uint64_t>();
    } else if (key != "description") {
      throw std::runtime_error(file.string() + ": unknown key '" + key + "'");
    }
  }
  return o;
}

PretrainingResult runPretraining(const PretrainingOptions& options, store::ExperimentStore& store,
                                 TrainingObserver& observer, const system::CancellationToken& cancel) {
  PretrainingResult result;
  result.run_id = store.createRun("pretrain", options.run_name, options.toJson());
  store.setRunStatus(result.run_id, store::RunStatus::Running);
  TrainingOutcome outcome;
  try {
    torch::manual_seed(options.seed);  // the model's initialisation
    const auto tokenizer = vocabularyFor(options, observer);
    const TokenStream stream(*tokenizer, options.corpus, tokenizer->specialTokens().eos.value_or(0));
    observer.onMessage("Corpus: " + std::to_string(stream.size()) + " tokens; " + tokenizer->describe());

    model::Gpt2Options shape;
    shape.vocab_size = tokenizer->vocabSize();
    shape.n_positions = options.context;
    shape.n_embd = options.width;
    shape.n_layer = options.layers;
    shape.n_head = options.heads;
    const auto model = model::wrapCausal(model::Gpt2LMHeadModel(shape));
    LanguageModelingTask task(*model, stream, options.context);
    TrainerHooks hooks;
    hooks.observer = &observer;
    hooks.cancel = &cancel;
    hooks.store = &store;
    hooks.run_id = result.run_id;
    outcome = train(task, trainerOptions(options), hooks);
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
