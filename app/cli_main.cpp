// pwb: the headless command-line tool. Wiring only: every job lives in core.

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <QtGlobal>

#include "cli_adapt_commands.h"
#include "cli_common.h"
#include "cli_design_commands.h"
#include "cli_download_command.h"
#include "cli_compare_command.h"
#include "cli_model_commands.h"
#include "cli_results_command.h"
#include "cli_run_command.h"
#include "cli_store_commands.h"
#include "cli_train_command.h"
#include "store/experiment_store.h"
#include "system/data_paths.h"
#include "system/runtime_info.h"
#include "train/pretraining.h"
#include "train/throughput.h"

namespace {

pwb::system::CancellationToken* g_cancel = nullptr;

void onInterrupt(int) {
  if (g_cancel != nullptr) g_cancel->cancel();
}

std::string versionReport() {
  return "Qt " + std::string(qVersion()) + "\n" +
         pwb::system::formatRuntimeReport(pwb::system::probeRuntime(), pwb::system::measureMatmulGflops());
}

// A one-line progress bar on stderr, redrawn in place on a terminal.
class ConsoleProgress final : public pwb::train::TrainingObserver {
 public:
  void onMessage(const std::string& message) override {
    endLine();
    std::cerr << message << "\n";
  }

  void onProgress(const pwb::train::TrainingProgress& p) override {
    const double fraction =
        p.total_steps > 0 ? static_cast<double>(p.step) / static_cast<double>(p.total_steps) : 0.0;
    // Piped into a log, a redrawn bar would be one endless line: print a line per tenth instead.
    if (!terminal_) {
      const int tenth = static_cast<int>(10 * fraction);
      if (tenth == last_tenth_ && p.step != p.total_steps) return;
      last_tenth_ = tenth;
    }
    std::fprintf(stderr, "%s%s step %lld/%lld  loss %.4f  %.0f tok/s  %.0f s left %s", terminal_ ? "\r" : "",
                 pwb::cli::progressBar(fraction).c_str(), static_cast<long long>(p.step), static_cast<long long>(p.total_steps), p.loss, p.tokens_per_second,
                 p.remaining_seconds, terminal_ ? "" : "\n");
    open_line_ = terminal_;
  }

  void endLine() {
    if (open_line_) std::cerr << "\n";
    open_line_ = false;
  }

 private:
  bool open_line_ = false;
  bool terminal_ = isatty(fileno(stderr)) != 0;
  int last_tenth_ = -1;
};

void runBench(int steps) {
  const auto info = pwb::system::probeRuntime();
  std::cout << "BLAS: " << info.blas.name << "\n";
  const auto warning = pwb::system::blasWarning(info.blas);
  if (!warning.empty()) std::cout << "WARNING: " << warning << "\n";
  std::cout << "float32 matmul (n x n):\n";
  for (const int n : {256, 512, 768, 1024}) {
    std::printf("  n = %4d  %7.1f GFLOP/s\n", n, pwb::system::measureMatmulGflops(n, 0.5));
  }
  std::cout << "GPT-2-style training steps (AdamW, batch 16, context 128, vocabulary 4000):\n";
  for (const auto& [layers, width] : {std::pair<int, int>{2, 64}, {4, 128}, {4, 256}, {6, 256}}) {
    pwb::train::ThroughputShape shape;
    shape.layers = layers;
    shape.width = width;
    const auto r = pwb::train::measureTrainingThroughput(shape, steps);
    std::printf("  %d x %3d  %9lld params  %8.0f tokens/s  %6.1f ms/step  %6.1f model GFLOP/s\n", layers, width,
                static_cast<long long>(r.parameters), r.tokens_per_second, 1e3 * r.seconds_per_step,
                r.model_gflop_per_second);
  }
}

}  // namespace

int main(int argc, char* argv[]) {
  CLI::App app{"pwb: Prompt Workbench on the command line"};
  app.set_version_flag("--version", versionReport);
  app.require_subcommand(1, 1);
  app.fallthrough();  // --db may also follow the subcommand

  std::string database;
  app.add_option("--db", database, "Experiment database (default: the user's data folder)");

  pwb::train::PretrainingOptions pretrain;
  pretrain.corpus = pwb::system::resourceDir() / "corpus" / "uci_sentences.txt";
  auto* pretrain_cmd = app.add_subcommand("pretrain", "Pretrain the small built-in decoder on a corpus");
  std::string recipe;
  pretrain_cmd->add_option("recipe", recipe, "Recipe file (experiments/*.json); options given here override it")
      ->check(CLI::ExistingFile);
  // Command-line values go to `given`; those actually given override the recipe.
  pwb::train::PretrainingOptions given = pretrain;
  const CLI::Option* overrides[] = {
      pretrain_cmd->add_option("--corpus", given.corpus, "UTF-8 text, one sentence per line")->check(CLI::ExistingFile),
      pretrain_cmd->add_option("--steps", given.steps, "Optimiser steps")->check(CLI::PositiveNumber),
      pretrain_cmd->add_option("--batch-size", given.batch_size, "Windows per step")->check(CLI::PositiveNumber),
      pretrain_cmd->add_option("--lr", given.learning_rate, "Peak learning rate")->check(CLI::PositiveNumber),
      pretrain_cmd->add_option("--seed", given.seed, "Random seed"),
      pretrain_cmd->add_option("--name", given.run_name, "Run name")};
  bool quick = false;
  pretrain_cmd->add_flag("--quick", quick, "Use the recipe's quick overrides (a seconds-long run, for tests)");
  pretrain_cmd->add_option("--out", pretrain.output_dir,
                           "Write the trained model here (a Hugging Face folder); checkpoints go to OUT.checkpoints "
                           "and running the same command again continues from the last one");

  pwb::cli::addModelCommands(app);
  pwb::cli::addDesignCommands(app, database);
  pwb::cli::addAdaptCommands(app);
  pwb::cli::addStoreCommands(app, database);
  pwb::cli::addCompareCommand(app, database);
  pwb::cli::addResultsCommand(app, database);
  pwb::cli::addRunCommand(app, database);
  pwb::cli::addTrainCommand(app, database);
  pwb::cli::addDownloadCommand(app);

  auto* bench_cmd = app.add_subcommand("bench", "Measure this machine: matmul rate and training-step throughput");
  int bench_steps = 10;
  bench_cmd->add_option("--steps", bench_steps, "Timed training steps per shape")->check(CLI::PositiveNumber);
  bench_cmd->callback([&bench_steps] { runBench(bench_steps); });

  try {
    app.parse(argc, argv);
    const auto data_dir = pwb::system::userDataDir();
    if (database.empty()) database = (data_dir / "experiments.sqlite").string();
    if (*pretrain_cmd) {
      if (!recipe.empty()) pretrain = pwb::train::readPretrainingRecipe(recipe, pretrain, quick);
      if (overrides[0]->count() > 0) pretrain.corpus = given.corpus;
      if (overrides[1]->count() > 0) pretrain.steps = given.steps;
      if (overrides[2]->count() > 0) pretrain.batch_size = given.batch_size;
      if (overrides[3]->count() > 0) pretrain.learning_rate = given.learning_rate;
      if (overrides[4]->count() > 0) pretrain.seed = given.seed;
      if (overrides[5]->count() > 0) pretrain.run_name = given.run_name;
      pretrain.cache_dir = data_dir;
      pwb::store::ExperimentStore store(database);
      pwb::system::CancellationToken cancel;
      g_cancel = &cancel;
      std::signal(SIGINT, onInterrupt);
      std::signal(SIGTERM, onInterrupt);
      ConsoleProgress progress;
      std::cerr << "Pretraining on " << pretrain.corpus.string() << " into " << database << "\n";
      const auto result = pwb::train::runPretraining(pretrain, store, progress, cancel);
      progress.endLine();
      std::cout << "run " << result.run_id << ": " << result.status << " after " << result.steps_done
                << " steps; loss " << result.first_loss << " -> " << result.last_loss << "\n";
      if (!result.model_dir.empty()) std::cout << "model: " << result.model_dir.string() << "\n";
      return result.status == "finished" ? 0 : result.status == "cancelled" ? 130 : 1;
    }
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const std::exception& error) {
    std::cerr << "pwb: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
