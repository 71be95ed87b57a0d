#pragma once
// Pretraining the built-in GPT-style decoder on a text corpus: a SentencePiece vocabulary
// trained on the corpus at first use (cached beside the run's files), then next-token training
// by the trainer (train/trainer.h: AdamW, cosine schedule with warm-up, clipping at norm 1, every
// window of the corpus once per epoch in a seeded order), every step's loss, learning rate and
// gradient norm stored and reported; held-out loss and perplexity every N steps; checkpoints
// that a second start with the same options continues from; the trained model written as a
// Hugging Face GPT-2 folder with its SentencePiece tokenizer. Torch-free header: the GUI calls this.

#include <cstdint>
#include <filesystem>
#include <string>

#include "system/cancellation.h"
#include "train/progress.h"

namespace pwb::store {
class ExperimentStore;
}

namespace pwb::train {

struct PretrainingOptions {
  std::filesystem::path corpus;     // UTF-8 text, one sentence or document per line (.xz allowed)
  std::filesystem::path cache_dir;  // where the trained vocabulary is kept between runs
  std::string run_name = "pretrain";
  // Vocabulary
  int vocab_size = 1000;
  bool lower_case = true;
  // Model
  std::int64_t layers = 2;
  std::int64_t width = 64;
  std::int64_t heads = 4;
  std::int64_t context = 64;
  // Optimisation
  std::int64_t steps = 300;
  std::int64_t batch_size = 16;
  double learning_rate = 3e-3;
  std::int64_t warmup_steps = 20;
  double weight_decay = 0.01;
  std::uint64_t seed = 1234;
  // Held-out text (.xz allowed): its first eval_windows non-overlapping windows are scored
  // every eval_every steps (0: never) as validation loss and perplexity.
  std::filesystem::path validation_corpus;
  std::int64_t eval_every = 0;
  std::int64_t eval_windows = 64;
  // Where the trained model goes (config.json, model.safetensors, tokenizer.model); empty: kept
  // only as curves. Checkpoints go to "<output_dir>.checkpoints" every checkpoint_every steps
  // (0: only when cancelled) and a new start continues from the last one.
  std::filesystem::path output_dir;
  std::int64_t checkpoint_every = 0;

  std::string toJson() const;
};

// Reads a recipe file (experiments/*.json): any field of PretrainingOptions by its JSON name
// (not output_dir: where the model goes is the caller's choice); relative corpus paths are
// resolved against the resource folder. A "quick" object holds overrides applied when `quick`
// is set (a seconds-long version of the recipe for tests). Unknown keys and wrong types are
// errors naming the file and the key.
PretrainingOptions readPretrainingRecipe(const std::filesystem::path& file, PretrainingOptions defaults,
                                         bool quick = false);

struct PretrainingResult {
  std::int64_t run_id = 0;
  std::string status;  // "finished", "cancelled", "failed"
  std::int64_t steps_done = 0;
  double first_loss = 0.0;
  double last_loss = 0.0;
  std::int64_t resumed_from_step = 0;  // 0: started from scratch
  std::filesystem::path model_dir;     // the written model, when the run finished with an output_dir
  std::string message;
};

// Runs to the end, to cancellation, or to a failure (a non-finite loss, unreadable corpus):
// whatever happens, the run's row and every stored point stay in the store, and the status says
// why it ended; a cancelled run with an output_dir leaves a checkpoint to continue from.
// Throws only when the store itself cannot be written.
PretrainingResult runPretraining(const PretrainingOptions& options, store::ExperimentStore& store,
                                 TrainingObserver& observer, const system::CancellationToken& cancel);

}  // namespace pwb::train
