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
};

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

int train(const std::string& database, const TrainArgs& args) {
  const auto spec = experiment::parseExperimentSpec(experimentJson(args), std::filesystem::current_path());
  store::ExperimentStore store(databaseFile(database));
  const auto outcome = runWithProgress(store, spec, "");
  const auto run_id = outcome.run_ids.front();
  std::cout << "\n";
  printExperimentResults(store, outcome.experiment_id);
  const auto adapters = store.artifacts(run_id);
  if (!args.out.empty() && !adapters.empty()) {
    const auto folder = store.artifactFile(adapters.front()).parent_path();
    std::filesystem::create_directories(args.out);
    for (const auto& file : std::filesystem::directory_iterator(folder)) {
      std::filesystem::copy_file(file.path(), std::filesystem::path(args.out) / file.path().filename(),
                                 std::filesystem::copy_options::overwrite_existing);
    }
    std::cout << "\nadapter (PEFT layout) written to " << args.out << "\n";
  }
  const auto status = store.run(run_id)->status;
  return status == store::RunStatus::Finished ? 0 : status == store::RunStatus::Cancelled ? 130 : 1;
}

}  // namespace

void addTrainCommand(CLI::App& app, const std::string& database) {
  auto args = std::make_shared<TrainArgs>();
  auto* cmd = app.add_subcommand("train", "Train one adaptation method on a dataset; the adapter goes to --out");
  cmd->add_option("--model", args->model, "Model folder, llama2.c file or built-in name")->required();
  cmd->add_option("--data", args->data, "Built-in dataset name or a CSV/TSV/JSONL file")->required();
  cmd->add_option("--method", args->method, "prompt_tuning, prefix_tuning, p_tuning, lora, ia3 or full")->required();
  cmd->add_option("--verbalizer", args->verbalizer, "Label words, e.g. \"0=bad,1=good\"")->required();
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
  for (const auto& name : adapt::methodOptionNames()) {
    cmd->add_option_function<std::string>(
        "--" + name, [args, name](const std::string& value) { args->method_options[name] = value; },
        "Method option, PEFT's name");
  }
  cmd->callback([&database, args] {
    const int status = train(database, *args);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace pwb::cli
