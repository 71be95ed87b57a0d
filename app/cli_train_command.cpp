#include "cli_train_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "adapt/method_options.h"
#include "cli_results_command.h"
#include "cli_run_command.h"
#include "design/verbalizer.h"
#include "experiment/experiment_spec.h"
#include "store/run_adapter_files.h"

namespace pwb::cli {
namespace {

struct TrainArgs {
  std::string model;
  std::string data;
  std::string template_arg = "{{text}}\nAnswer: {{label}}";
  std::string verbalizer;
  std::string method;
  std::map<std::string, std::string> method_options;  // PEFT name → value as typed
  std::int64_t steps = 100;
  std::int64_t batch_size = 8;
  double learning_rate = 1e-3;
  std::int64_t seed = 0;
  std::int64_t train_size = 0;  // 0: the whole train split
  std::int64_t eval_every = 50;
  std::int64_t test_limit = 0;  // 0: the whole test split
  std::string out;
  std::string resume;  // an --out folder of an interrupted run
};

// Left in --out by a run that did not finish, so that `--resume OUT` finds its stored run.
constexpr const char* kResumeFile = "pwb-train-run.json";

std::string templateText(const std::string& file_or_text) {
  if (!std::filesystem::is_regular_file(file_or_text)) return file_or_text;
  std::ifstream in(file_or_text, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The one run as an experiment file would hold it, so that it is checked and stored the same way.
nlohmann::json experimentJson(const TrainArgs& a) {
  nlohmann::json dataset = std::filesystem::is_regular_file(a.data) ? nlohmann::json{{"file", a.data}}
                                                                     : nlohmann::json{{"builtin", a.data}};
  if (a.test_limit > 0) dataset["limits"] = {{"test", a.test_limit}};
  const auto parsed = design::parseVerbalizer(a.verbalizer);
  nlohmann::json verbalizer = nlohmann::json::object();
  for (std::size_t i = 0; i < parsed.labels.size(); ++i) verbalizer[parsed.labels[i]] = parsed.words[i];
  auto method = adapt::methodOptionsFromStrings(a.method_options);
  method["name"] = a.method;
  nlohmann::json spec = {
      {"format_version", experiment::kFormatVersion},
      {"name", "pwb train " + a.method},
      {"models", {a.model}},
      {"dataset", dataset},
      {"seeds", {a.seed}},
      {"prompt", {{"template", templateText(a.template_arg)}, {"verbalizer", verbalizer}}},
      {"runs",
       {{{"name", a.method},
         {"kind", "tuning"},
         {"method", method},
         {"steps", a.steps},
         {"batch_size", a.batch_size},
         {"learning_rate", a.learning_rate},
         {"eval_every", a.eval_every}}}}};
  if (a.train_size > 0) spec["train_sizes"] = {a.train_size};
  return spec;
}

// Copies the run's adapter into `out`; when the run did not finish, records it there for --resume.
int deliver(store::ExperimentStore& store, std::int64_t run_id, const std::string& out) {
  const auto status = store.run(run_id)->status;
  if (!out.empty()) {
    std::filesystem::create_directories(out);
    const auto marker = std::filesystem::path(out) / kResumeFile;
    const auto adapter = store::adapterFolder(store, run_id);
    if (status == store::RunStatus::Finished && adapter) {
      store::copyAdapterFiles(*adapter, out);
      std::filesystem::remove(marker);
      std::cout << "\nadapter (PEFT layout) written to " << out << "\n";
    } else if (status != store::RunStatus::Finished) {
      std::ofstream(marker) << nlohmann::json{{"database", std::filesystem::absolute(store.file()).string()},
                                              {"run_id", run_id}}
                                   .dump(2)
                            << "\n";
      std::cout << "\nrun " << run_id << " stopped at its last checkpoint; `pwb train --resume " << out
                << "` continues it\n";
    }
  }
  return status == store::RunStatus::Finished ? 0 : status == store::RunStatus::Cancelled ? 130 : 1;
}

int train(const std::string& database, const TrainArgs& args) {
  for (const auto& [value, option] : {std::pair{&args.model, "--model"}, {&args.data, "--data"},
                                      {&args.method, "--method"}, {&args.verbalizer, "--verbalizer"}}) {
    if (value->empty()) throw std::invalid_argument(std::string(option) + " is required (or --resume DIR)");
  }
  const auto spec = experiment::parseExperimentSpec(experimentJson(args), std::filesystem::current_path());
  store::ExperimentStore store(databaseFile(database));
  const auto outcome = runWithProgress(store, spec, "");
  const auto run_id = outcome.run_ids.front();
  std::cout << "\n";
  printExperimentResults(store, outcome.experiment_id);
  return deliver(store, run_id, args.out);
}

int resumeTraining(const std::string& folder) {
  const auto marker = std::filesystem::path(folder) / kResumeFile;
  std::ifstream in(marker);
  if (!in) {
    throw std::invalid_argument(folder + ": no interrupted run to continue here (no " + kResumeFile +
                                "; a finished run leaves none)");
  }
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw std::invalid_argument(marker.string() + ": " + error.what());
  }
  if (!record.contains("database") || !record["database"].is_string() || !record.contains("run_id") ||
      !record["run_id"].is_number_integer()) {
    throw std::invalid_argument(marker.string() + ": expected {\"database\": FILE, \"run_id\": N}");
  }
  const auto database = record["database"].get<std::string>();
  const auto run_id = record["run_id"].get<std::int64_t>();
  resumeRun(database, run_id);
  store::ExperimentStore store(database);
  return deliver(store, run_id, folder);
}

}  // namespace

void addTrainCommand(CLI::App& app, const std::string& database) {
  auto args = std::make_shared<TrainArgs>();
  auto* cmd = app.add_subcommand("train", "Train one adaptation method on a dataset; the adapter goes to --out");
  cmd->add_option("--model", args->model, "Model folder, llama2.c file or built-in name (required)");
  cmd->add_option("--data", args->data, "Built-in dataset name or a CSV/TSV/JSONL file (required)");
  cmd->add_option("--method", args->method, "prompt_tuning, prefix_tuning, p_tuning, lora, ia3 or full (required)");
  cmd->add_option("--verbalizer", args->verbalizer, "Label words, e.g. \"0=bad,1=good\" (required)");
  cmd->add_option("--template", args->template_arg, "Template file or text; {{label}} is where the answer goes")
      ->capture_default_str();
  cmd->add_option("--steps", args->steps, "Optimiser steps")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--batch-size", args->batch_size, "Examples per step")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--lr", args->learning_rate, "Peak learning rate")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--seed", args->seed, "Seed of the training set, data order and initialisation");
  cmd->add_option("--train-size", args->train_size, "Train on a stratified subsample of N examples");
  cmd->add_option("--eval-every", args->eval_every, "Validation every N steps (0: at the end)")->capture_default_str();
  cmd->add_option("--test-limit", args->test_limit, "Evaluate on the first N test examples");
  cmd->add_option("--out", args->out, "Folder for the adapter (adapter_config.json, adapter_model.safetensors)");
  cmd->add_option("--resume", args->resume,
                  "Continue the interrupted run whose --out was this folder, from its last checkpoint")
      ->check(CLI::ExistingDirectory);
  for (const auto& name : adapt::methodOptionNames()) {
    cmd->add_option_function<std::string>(
        "--" + name, [args, name](const std::string& value) { args->method_options[name] = value; },
        "Method option, PEFT's name");
  }
  cmd->callback([&database, args] {
    const int status = args->resume.empty() ? train(database, *args) : resumeTraining(args->resume);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace pwb::cli
