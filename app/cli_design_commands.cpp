#include "cli_design_commands.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "design/design_data.h"
#include "design/design_evaluation.h"
#include "design/design_records.h"
#include "store/atomic_file.h"
#include "store/experiment_store.h"

namespace pwb::cli {
namespace {

struct DesignArgs {
  std::string model, data, template_arg, verbalizer, split, predictions_out, strategy = "balanced";
  std::string reduction = "sum", trigger, answer_pattern;
  std::optional<std::string> rationale_column;  // unset: "rationale" when the dataset has it
  std::size_t shots = 0, limit = 0, batch_size = 1;
  std::uint64_t seed = 0, split_seed = 0;
  std::int64_t max_new_tokens = 64;
  bool cot = false, calibrate = false, json = false;
};

const std::map<std::string, data::FewShotStrategy> kStrategies = {{"balanced", data::FewShotStrategy::Balanced},
                                                                  {"random", data::FewShotStrategy::Random}};
const std::map<std::string, design::Reduction> kReductions = {{"sum", design::Reduction::Sum},
                                                              {"mean", design::Reduction::Mean}};

// A file's text when the argument names a file, else the argument itself; a template error in
// a file is reported with the file's name.
design::ParsedTemplate readTemplate(const std::string& file_or_text) {
  if (!std::filesystem::is_regular_file(file_or_text)) return design::parseTemplate(file_or_text);
  std::ifstream in(file_or_text, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return design::parseTemplate(text.str());
  } catch (const design::TemplateError& error) {
    throw std::runtime_error(file_or_text + ": " + error.what());
  }
}

std::string defaultVerbalizer(const design::DesignData& data) {
  if (data.label_names.empty()) throw std::runtime_error("give --verbalizer, e.g. \"0=terrible,1=great\"");
  std::string spec;
  for (std::size_t k = 0; k < data.label_names.size(); ++k) {
    spec += (k > 0 ? "," : "") + data.dataset.labels[k] + "=" + data.label_names[k];
  }
  return spec;
}

std::string interval(const eval::ConfidenceInterval& ci) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f  [%.3f, %.3f]", ci.estimate, ci.lower, ci.upper);
  return text;
}

void printText(const design::DesignResult& result, const design::DesignData& data, const DesignArgs& args) {
  const auto& m = *result.metrics;
  std::cout << "model " << args.model << ", data " << data.dataset.name << " (" << data.split << ", " << m.examples
            << " examples), " << result.demonstrations.size() << "-shot" << (args.cot ? ", chain of thought" : "")
            << (args.calibrate ? ", calibrated" : "") << (result.cancelled ? "  [CANCELLED]" : "") << "\n"
            << "accuracy   " << interval(m.accuracy) << "  (95% bootstrap)\n"
            << "macro-F1   " << interval(m.macro_f1) << "\n";
  std::printf("ECE        %.3f\n\nlabel        precision  recall     f1  support\n",
              m.calibration.expected_calibration_error);
  for (std::size_t k = 0; k < result.labels.size(); ++k) {
    const auto& c = m.report.per_class[k];
    std::printf("%-12s %9.3f %7.3f %6.3f %8zu\n", result.labels[k].c_str(), c.precision, c.recall, c.f1, c.support);
  }
  std::cout << "\nconfusion (rows gold, columns predicted):\n";
  for (std::size_t g = 0; g < result.labels.size(); ++g) {
    std::printf("%-12s", result.labels[g].c_str());
    for (const auto count : m.report.confusion[g]) std::printf(" %6zu", count);
    std::printf("\n");
  }
}

nlohmann::json resultJson(const design::DesignResult& result, const design::DesignData& data) {
  const auto& m = *result.metrics;
  const auto ci = [](const eval::ConfidenceInterval& c) {
    return nlohmann::json{{"estimate", c.estimate}, {"lower", c.lower}, {"upper", c.upper}};
  };
  nlohmann::json per_class = nlohmann::json::object();
  for (std::size_t k = 0; k < result.labels.size(); ++k) {
    const auto& c = m.report.per_class[k];
    per_class[result.labels[k]] = {{"precision", c.precision}, {"recall", c.recall}, {"f1", c.f1}, {"support", c.support}};
  }
  nlohmann::json demonstrations = nlohmann::json::array();
  for (const auto d : result.demonstrations) demonstrations.push_back(data.dataset.examples[d].id);
  return {{"dataset", data.dataset.name},
          {"split", data.split},
          {"examples", m.examples},
          {"labels", result.labels},
          {"demonstrations", demonstrations},
          {"accuracy", ci(m.accuracy)},
          {"macro_f1", ci(m.macro_f1)},
          {"ece", m.calibration.expected_calibration_error},
          {"per_class", per_class},
          {"confusion", m.report.confusion},
          {"content_free_probabilities", result.content_free_probabilities},
          {"cancelled", result.cancelled}};
}

void storeRun(const std::string& database, const DesignArgs& args, const design::DesignResult& result,
              const design::DesignData& data) {
  store::ExperimentStore db(database);
  nlohmann::json config = {{"model", args.model},       {"data", args.data},          {"split", data.split},
                                 {"template", args.template_arg}, {"verbalizer", args.verbalizer},
                                 {"shots", args.shots},       {"strategy", args.strategy},  {"seed", args.seed},
                                 {"cot", args.cot},           {"calibrate", args.calibrate}, {"reduction", args.reduction},
                                 {"limit", args.limit}};
  if (args.rationale_column) config["rationale_column"] = *args.rationale_column;
  const auto run = db.createRun("design", "design " + data.dataset.name, config.dump());
  store::RunFacts facts;
  facts.seed = static_cast<std::int64_t>(args.seed);
  db.recordRunFacts(run, facts);
  db.appendPredictions(run, design::predictionRecords(result, data.split));
  db.appendMetrics(run, design::metricPoints(result, data.split));
  db.setRunStatus(run, result.cancelled ? store::RunStatus::Cancelled : store::RunStatus::Finished);
  std::cerr << "stored as run " << run << " in " << database << "\n";
}

void runDesign(const DesignArgs& args, const std::string& database) {
  design::DesignDataOptions data_options;
  data_options.source = args.data;
  data_options.split = args.split;
  data_options.split_seed = args.split_seed;
  if (args.limit > 0) data_options.limit = args.limit;
  const auto data = design::loadDesignData(data_options);
  const auto verbalizer = design::orderForLabels(
      design::parseVerbalizer(args.verbalizer.empty() ? defaultVerbalizer(data) : args.verbalizer), data.dataset.labels);
  const design::PromptBuilder builder(readTemplate(args.template_arg), verbalizer, data.dataset);

  design::DesignOptions options;
  options.shots.k = args.shots;
  options.shots.strategy = kStrategies.at(args.strategy);
  options.shots.seed = args.seed;
  options.reduction = kReductions.at(args.reduction);
  options.calibrate = args.calibrate;
  options.batch_size = args.batch_size;
  if (args.cot) {
    design::ChainOfThoughtOptions cot;
    if (!args.trigger.empty()) cot.trigger = args.trigger;
    if (!args.answer_pattern.empty()) {
      cot.extraction = design::AnswerExtraction::Pattern;
      cot.pattern = args.answer_pattern;
    }
    cot.generation.sampling.max_new_tokens = args.max_new_tokens;
    cot.rationale_column = args.rationale_column;
    if (args.shots > 0 && !args.rationale_column && !design::rationaleColumn(data.dataset, cot)) {
      std::cerr << "note: the demonstrations show the answer without a rationale: " << data.dataset.name
                << " has no \"rationale\" column (--rationale-column names the column that holds one)\n";
    }
    options.chain_of_thought = cot;
  }
  auto scorer = design::openPromptScorer(args.model);
  // A count redrawn in place is for a terminal; in a log it would be one endless line.
  const bool terminal = isatty(fileno(stderr)) != 0;
  const auto result = design::evaluateDesign(
      *scorer, builder, data.dataset, data.evaluated, data.demonstration_pool, options, nullptr,
      [terminal](std::size_t done, std::size_t total) {
        if (terminal) std::fprintf(stderr, "\r%zu/%zu examples", done, total);
      });
  if (terminal) std::fprintf(stderr, "\n");
  if (!result.metrics) throw std::runtime_error("no example was evaluated");
  if (!args.predictions_out.empty()) {
    store::writeFileAtomically(args.predictions_out, store::formatCsv(design::predictionTable(result)));
  }
  if (!database.empty()) storeRun(database, args, result, data);
  if (args.json) {
    std::cout << resultJson(result, data).dump(2) << "\n";
  } else {
    printText(result, data, args);
  }
}

}  // namespace

void addDesignCommands(CLI::App& app, const std::string& database) {
  auto args = std::make_shared<DesignArgs>();
  auto* cmd = app.add_subcommand("design", "Evaluate a prompt design (template, verbalizer, few-shot) on a frozen model");
  cmd->add_option("--model", args->model, "Model folder, llama2.c file or built-in name")->required();
  cmd->add_option("--data", args->data, "Built-in dataset name or a CSV/TSV/JSONL file")->required();
  cmd->add_option("--template", args->template_arg, "Template file, or the template text (docs/templates.md)")->required();
  cmd->add_option("--verbalizer", args->verbalizer,
                  "Label words: \"0=terrible,1=great|good\" or JSON (default for built-ins: the label names)");
  cmd->add_option("--shots", args->shots, "Demonstrations in the prompt (k)");
  cmd->add_option("--strategy", args->strategy, "How demonstrations are chosen")->check(CLI::IsMember({"balanced", "random"}));
  cmd->add_option("--seed", args->seed, "Seed of the demonstration choice");
  cmd->add_option("--split", args->split, "Split evaluated: test or validation (a built-in's part, e.g. dev)");
  cmd->add_option("--split-seed", args->split_seed, "Seed of the train/validation/test split and of --limit");
  cmd->add_option("--limit", args->limit, "Evaluate a stratified subsample of N examples")->check(CLI::PositiveNumber);
  cmd->add_option("--reduction", args->reduction, "A label word's score: sum or mean of its token log-likelihoods")
      ->check(CLI::IsMember({"sum", "mean"}));
  cmd->add_flag("--calibrate", args->calibrate, "Contextual calibration against content-free inputs (Zhao et al. 2021)");
  auto* cot = cmd->add_flag("--cot", args->cot, "Chain of thought: generate a rationale before the answer");
  cmd->add_option("--cot-trigger", args->trigger, "Default: \"Let's think step by step.\"");
  cmd->add_option_function<std::string>(
      "--rationale-column", [args](const std::string& name) { args->rationale_column = name; },
      "With --cot and --shots: the column whose text each demonstration shows as its reasoning, before the "
      "answer (default: \"rationale\" when the dataset has it; \"\" for none)")
      ->needs(cot);
  cmd->add_option("--answer-pattern", args->answer_pattern, "Regex whose first group names the answer in the rationale");
  cmd->add_option("--max-new-tokens", args->max_new_tokens, "Rationale length budget")->check(CLI::PositiveNumber);
  cmd->add_option("--batch-size", args->batch_size, "Examples scored per forward pass")->check(CLI::PositiveNumber);
  cmd->add_option("--predictions-out", args->predictions_out, "Write per-example predictions to this CSV file");
  cmd->add_flag("--json", args->json, "Machine-readable metrics");
  cmd->callback([args, &database] { runDesign(*args, database); });
}

}  // namespace pwb::cli
