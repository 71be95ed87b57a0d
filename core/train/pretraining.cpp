#include "train/pretraining.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>
#include <torch/optim/adamw.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/utils.h>

#include "model/gpt2.h"
#include "store/experiment_store.h"
#include "system/data_paths.h"
#include "text/sentencepiece_tokenizer.h"
#include "train/token_stream.h"

namespace pwb::train {
namespace {

using Clock = std::chrono::steady_clock;

// Linear warm-up, then cosine decay to a tenth of the peak rate.
double learningRateAt(const PretrainingOptions& o, std::int64_t step) {
  if (step < o.warmup_steps) return o.learning_rate * static_cast<double>(step + 1) / static_cast<double>(o.warmup_steps);
  const double progress = static_cast<double>(step - o.warmup_steps) /
                          static_cast<double>(std::max<std::int64_t>(1, o.steps - o.warmup_steps));
  return o.learning_rate * (0.1 + 0.9 * 0.5 * (1.0 + std::cos(M_PI * progress)));
}

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
  ThrottledObserver throttled(observer, std::chrono::milliseconds(100));
  try {
    torch::manual_seed(options.seed);
    const auto tokenizer = vocabularyFor(options, observer);
    const TokenStream stream(*tokenizer, options.corpus, tokenizer->specialTokens().eos.value_or(0));
    observer.onMessage("Corpus: " + std::to_string(stream.size()) + " tokens; " + tokenizer->describe());

    model::Gpt2Options shape;
    shape.vocab_size = tokenizer->vocabSize();
    shape.n_positions = options.context;
    shape.n_embd = options.width;
    shape.n_layer = options.layers;
    shape.n_head = options.heads;
    model::Gpt2LMHeadModel model(shape);
    model->train();
    torch::optim::AdamW optimizer(model->parameters(),
                                  torch::optim::AdamWOptions(options.learning_rate).weight_decay(options.weight_decay));

    std::mt19937_64 rng(options.seed);
    const auto started = Clock::now();
    std::int64_t tokens_seen = 0;
    std::vector<MetricPoint> unsaved;
    for (std::int64_t step = 0; step < options.steps; ++step) {
      if (cancel.isCancelled()) {
        result.status = "cancelled";
        break;
      }
      const double lr = learningRateAt(options, step);
      for (auto& group : optimizer.param_groups()) group.options().set_lr(lr);
      const auto batch = stream.sampleWindows(options.batch_size, options.context, rng);  // (B, context)
      optimizer.zero_grad();
      const auto loss = model->languageModelLoss(batch);
      const double loss_value = loss.item<double>();
      if (!std::isfinite(loss_value)) {
        result.status = "failed";
        result.message = "the loss became " + std::to_string(loss_value) + " at step " + std::to_string(step + 1) +
                         ": the learning rate " + std::to_string(lr) + " is probably too high";
        break;
      }
      loss.backward();
      const double grad_norm = torch::nn::utils::clip_grad_norm_(model->parameters(), 1.0);
      optimizer.step();

      tokens_seen += batch.numel();
      const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
      const MetricPoint point{step + 1, "train", "loss", loss_value, elapsed, tokens_seen};
      unsaved.push_back(point);
      if (unsaved.size() >= 50 || step + 1 == options.steps) {
        store.appendMetrics(result.run_id, unsaved);
        unsaved.clear();
      }
      if (step == 0) result.first_loss = loss_value;
      result.last_loss = loss_value;
      result.steps_done = step + 1;

      TrainingProgress progress;
      progress.run_id = result.run_id;
      progress.step = step + 1;
      progress.total_steps = options.steps;
      progress.loss = loss_value;
      progress.learning_rate = lr;
      progress.grad_norm = grad_norm;
      progress.elapsed_seconds = elapsed;
      progress.tokens_per_second = static_cast<double>(tokens_seen) / std::max(elapsed, 1e-9);
      progress.remaining_seconds = elapsed / static_cast<double>(step + 1) * static_cast<double>(options.steps - step - 1);
      progress.points = {point};
      throttled.onProgress(progress);
    }
    store.appendMetrics(result.run_id, unsaved);
    if (result.status.empty()) result.status = "finished";
  } catch (const std::exception& error) {
    result.status = "failed";
    result.message = error.what();
  }
  throttled.flush();
  const auto status = result.status == "finished"    ? store::RunStatus::Finished
                      : result.status == "cancelled" ? store::RunStatus::Cancelled
                                                     : store::RunStatus::Failed;
  store.setRunStatus(result.run_id, status, result.message);
  if (!result.message.empty()) observer.onMessage(result.message);
  return result;
}

}  // namespace pwb::train
