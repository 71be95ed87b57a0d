#include "cli_run_command.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>


#include "cli_common.h"
#include "cli_results_command.h"
#include "experiment/standard_runner.h"
#include "experiment/stored_spec.h"
#include "system/data_paths.h"

namespace pwb::cli {
namespace {

system::CancellationToken g_cancel;

void onInterrupt(int) { g_cancel.cancel(); }

// One line per run, and on a terminal a bar redrawn in place within it.
class RunProgress {
 public:
  void operator()(const experiment::RunnerEvent& e) {
    using Kind = experiment::RunnerEvent::Kind;
    const auto head = "[" + std::to_string(e.index + 1) + "/" + std::to_string(e.count) + "] " + e.name;
    if (e.kind == Kind::RunStarted) {
      std::fprintf(stderr, "%s\n", head.c_str());
    } else if (e.kind == Kind::RunProgress && terminal_) {
      std::fprintf(stderr, "\r    %s %s ", progressBar(e.fraction).c_str(), e.text.c_str());
      open_line_ = true;
    } else if (e.kind == Kind::RunFinished) {
      if (open_line_) std::fprintf(stderr, "\n");
      open_line_ = false;
      std::fprintf(stderr, "    %s%s%s\n", store::toString(e.status).c_str(), e.text.empty() ? "" : ": ", e.text.c_str());
    }
  }

 private:
  bool terminal_ = isatty(fileno(stderr)) != 0;
  bool open_line_ = false;
};

int runExperiment(const std::string& database, const std::string& file) {
  const auto spec = experiment::readExperimentFile(file);
  store::ExperimentStore store(databaseFile(database));
  std::cerr << "Running " << file << " into " << store.file().string() << "\n";
  const auto outcome = runWithProgress(store, spec, std::filesystem::absolute(file).string());
  std::cout << "\n";
  printExperimentResults(store, outcome.experiment_id);
  std::cout << "\n" << outcome.finished << " finished, " << outcome.failed << " failed, " << outcome.cancelled << " cancelled";
  if (outcome.run_elsewhere > 0) std::cout << ", " << outcome.run_elsewhere << " run by another process";
  std::cout << "; `pwb results " << outcome.experiment_id << "` shows this again, `pwb export` writes CSV\n";
  return outcome.cancelled > 0 ? 130 : outcome.failed > 0 ? 1 : 0;
}

}  // namespace

int resumeRun(const std::string& database, std::int64_t run_id) {
  store::ExperimentStore store(existingDatabase(database));
  const auto spec = experiment::storedSpecOfRun(store, run_id);
  const auto run = store.run(run_id);
  auto runner = experiment::standardRunner(store);
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  std::cerr << "Resuming run " << run_id << " (" << run->name << ", " << store::toString(run->status) << ")\n";
  RunProgress progress;
  const auto outcome = runner.resume(spec, run_id, std::ref(progress), g_cancel);
  std::cout << "run " << run_id << ": " << store::toString(store.run(run_id)->status) << "\n";
  return outcome.cancelled > 0 ? 130 : outcome.failed > 0 ? 1 : 0;
}

std::filesystem::path databaseFile(const std::string& given) {
  return given.empty() ? system::userDataDir() / "experiments.sqlite" : std::filesystem::path(given);
}

experiment::ExperimentOutcome runWithProgress(store::ExperimentStore& store, const experiment::ExperimentSpec& spec,
                                              const std::string& spec_path) {
  auto runner = experiment::standardRunner(store);
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  std::cerr << "(Ctrl-C stops after the current step and keeps what was stored)\n";
  RunProgress progress;
  return runner.run(spec, spec_path, std::ref(progress), g_cancel);
}

void addRunCommand(CLI::App& app, const std::string& database) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("run", "Run every run of an experiment file (docs/experiment-files.md)");
  cmd->add_option("experiment", *file, "Experiment file (JSON)")->required()->check(CLI::ExistingFile);
  cmd->callback([&database, file] {
    const int status = runExperiment(database, *file);
    if (status != 0) throw CLI::RuntimeError(status);
  });

  auto run_id = std::make_shared<std::int64_t>(0);
  auto* resume = app.add_subcommand("resume", "Run an interrupted, failed or cancelled run of an experiment again "
                                              "(a tuning run from its last checkpoint)");
  resume->add_option("run", *run_id, "Run id (pwb runs list)")->required();
  resume->callback([&database, run_id] {
    const int status = resumeRun(database, *run_id);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace pwb::cli
