#pragma once
// Experiment files (format documented in docs/experiment-files.md): models, a dataset with its
// splits, a prompt, and a list of design and tuning runs, each optionally swept over options.
// Parsing checks every value and names its JSON path in errors. Torch-free.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/import_options.h"
#include "experiment/spec_reader.h"

namespace pwb::experiment {

inline constexpr int kFormatVersion = 1;

struct DatasetSpec {
  std::string builtin;               // a built-in dataset's name, or empty when `file` is set
  std::string part;                  // a built-in's part ("train", "all", ...); empty: its default
  std::filesystem::path file;        // a CSV/TSV/JSONL file, resolved against the experiment file
  data::ImportOptions import;        // format and column mapping of `file`
  double validation_fraction = 0.1;  // of the whole dataset
  double test_fraction = 0.2;
  bool stratify = true;
  std::uint64_t split_seed = 0;      // the split is the same for every run of the experiment
  std::optional<std::int64_t> validation_limit;  // evaluate on the first N of a split only
  std::optional<std::int64_t> test_limit;
};

// How an example becomes a prompt, and how labels become words. Shared by design runs (which
// score label words after the prompt) and tuning runs (which learn to produce them).
struct PromptSpec {
  std::string template_text = "{{text}}\nAnswer: {{label}}";
  std::map<std::string, std::vector<std::string>> verbalizer;  // label value -> label words
  std::string scoring = "sum";                                 // "sum" or "mean" over a word's tokens
  bool calibrate = false;                                      // contextual calibration (Zhao et al. 2021)
};

struct DesignSpec {
  std::int64_t shots = 0;
  std::string selection = "balanced";  // "fixed", "random" or "balanced"
  bool chain_of_thought = false;
  std::string cot_trigger = "Let's think step by step.";
  std::int64_t cot_max_new_tokens = 64;
  // The column demonstrations take their rationale from; unset: "rationale" when the dataset
  // has it; empty: none (design::ChainOfThoughtOptions::rationale_column).
  std::optional<std::string> cot_rationale_column;
};

struct TuningSpec {
  // {"name": "lora", "r": 8, ...}: PEFT's option names with every default filled in.
  nlohmann::json method;
  std::string optimizer = "adamw";  // "adamw" or "sgd"
  double learning_rate = 1e-3;
  double weight_decay = 0.0;
  double momentum = 0.0;             // SGD only
  std::string schedule = "linear";   // "linear", "cosine" or "constant"
  std::int64_t warmup_steps = 0;
  std::int64_t steps = 100;
  std::int64_t batch_size = 8;
  std::int64_t gradient_accumulation_steps = 1;
  double max_grad_norm = 1.0;        // 0: no clipping
  std::int64_t eval_every = 50;      // 0: only at the end
  std::int64_t checkpoint_every = 0; // 0: only at the end
  std::int64_t early_stopping_patience = 0;  // evaluations without improvement; 0: off

  std::string methodName() const { return method.at("name").get<std::string>(); }
};

enum class RunKind { Design, Tuning };
std::string toString(RunKind kind);

struct RunSpec {
  std::string name;
  RunKind kind = RunKind::Design;
  PromptSpec prompt;
  DesignSpec design;  // kind == Design
  TuningSpec tuning;  // kind == Tuning
  // Dotted paths into the run's JSON ("method.r", "learning_rate") -> the values to try, keys
  // in alphabetical order (JSON objects keep no order), values in file order. Every value is
  // checked as if it were written in place.
  std::vector<std::pair<std::string, std::vector<nlohmann::json>>> sweep;
  std::vector<std::uint64_t> seeds;  // overrides the experiment's seeds when not empty
  nlohmann::json json;  // the run as written, with the experiment's prompt merged in
};

struct ExperimentSpec {
  std::string name;
  std::string description;
  std::vector<std::string> models;             // built-in names or paths (resolved against the file)
  DatasetSpec dataset;
  std::vector<std::uint64_t> seeds = {0};
  std::vector<std::int64_t> train_sizes;       // empty: the whole train split
  std::vector<RunSpec> runs;
  nlohmann::json json;                         // the file as read
};

// `base_dir` resolves relative data and model paths. Throws SpecError with the JSON path.
ExperimentSpec parseExperimentSpec(const nlohmann::json& document, const std::filesystem::path& base_dir = {});

// Reads and parses a file; JSON syntax errors name the line and column, spec errors the path.
// Throws std::runtime_error whose message starts with the file name.
ExperimentSpec readExperimentFile(const std::filesystem::path& file);

// Checks a run object (as in "runs") and returns its typed form; `path` prefixes errors.
RunSpec parseRunSpec(const nlohmann::json& run, const std::string& path);

}  // namespace pwb::experiment
