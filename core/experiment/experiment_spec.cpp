#include "experiment/experiment_spec.h"

#include <fstream>
#include <limits>
#include <sstream>

#include "experiment/method_options.h"

namespace pwb::experiment {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::filesystem::path resolved(const std::filesystem::path& base_dir, const std::string& path) {
  const std::filesystem::path given(path);
  return given.is_absolute() || base_dir.empty() ? given : base_dir / given;
}

data::Column columnFrom(const nlohmann::json& value, const std::string& path) {
  if (value.is_string()) return data::Column(value.get<std::string>());
  return data::Column::at(static_cast<std::size_t>(integerAt(value, path, 0)));
}

void readColumns(ObjectReader& dataset, data::ColumnMapping& columns) {
  const auto* given = dataset.optional("columns");
  if (given == nullptr) return;
  ObjectReader in(*given, childPath(dataset.path(), "columns"));
  const std::pair<const char*, data::Column*> fields[] = {
      {"text", &columns.text}, {"text_b", &columns.text_b}, {"label", &columns.label}, {"id", &columns.id}};
  for (const auto& [key, column] : fields) {
    if (const auto* value = in.optional(key)) *column = columnFrom(*value, childPath(in.path(), key));
  }
  in.finish();
}

DatasetSpec readDataset(const nlohmann::json& value, const std::string& path, const std::filesystem::path& base_dir) {
  ObjectReader in(value, path);
  DatasetSpec spec;
  if (in.has("builtin") == in.has("file")) throw SpecError(path, "give exactly one of \"builtin\" or \"file\"");
  if (in.has("builtin")) {
    spec.builtin = in.string("builtin");
    spec.part = in.string("part", std::string());
  } else {
    spec.file = resolved(base_dir, in.string("file"));
    const auto format = in.choice("format", {"auto", "csv", "tsv", "jsonl"}, std::string("auto"));
    spec.import.format = format == "csv"   ? data::Format::Csv
                         : format == "tsv" ? data::Format::Tsv
                         : format == "jsonl" ? data::Format::Jsonl
                                             : data::Format::Auto;
    spec.import.header = in.boolean("header", true);
    readColumns(in, spec.import.columns);
  }
  if (const auto* splits = in.optional("splits")) {
    ObjectReader s(*splits, childPath(path, "splits"));
    spec.validation_fraction = s.number("validation", 0.0, 1.0, false, spec.validation_fraction);
    spec.test_fraction = s.number("test", 0.0, 1.0, true, spec.test_fraction);
    spec.stratify = s.boolean("stratify", spec.stratify);
    spec.split_seed = static_cast<std::uint64_t>(s.integer("seed", 0, 0));
    s.finish();
    if (spec.validation_fraction + spec.test_fraction >= 1.0) {
      throw SpecError(childPath(path, "splits"), "validation + test must leave examples for training");
    }
  }
  if (const auto* limits = in.optional("limits")) {
    ObjectReader l(*limits, childPath(path, "limits"));
    if (l.has("validation")) spec.validation_limit = l.integer("validation", 1);
    if (l.has("test")) spec.test_limit = l.integer("test", 1);
    l.finish();
  }
  in.finish();
  return spec;
}

std::map<std::string, std::vector<std::string>> readVerbalizer(const nlohmann::json& value, const std::string& path) {
  if (!value.is_object()) throw SpecError(path, "expected an object of label -> word(s), got " + brief(value));
  std::map<std::string, std::vector<std::string>> verbalizer;
  for (const auto& [label, words] : value.items()) {
    const auto word_path = childPath(path, label);
    auto& list = verbalizer[label];
    if (words.is_string()) {
      list.push_back(words.get<std::string>());
    } else if (words.is_array() && !words.empty()) {
      for (std::size_t i = 0; i < words.size(); ++i) list.push_back(stringAt(words[i], childPath(word_path, i)));
    } else {
      throw SpecError(word_path, "expected a word or a non-empty array of words, got " + brief(words));
    }
    for (const auto& word : list) {
      if (word.empty()) throw SpecError(word_path, "a label word cannot be empty");
    }
  }
  if (verbalizer.size() < 2) throw SpecError(path, "a verbalizer needs at least two labels");
  return verbalizer;
}

PromptSpec readPrompt(const nlohmann::json& value, const std::string& path) {
  ObjectReader in(value, path);
  PromptSpec prompt;
  prompt.template_text = in.string("template", prompt.template_text);
  if (prompt.template_text.empty()) throw SpecError(childPath(path, "template"), "a template cannot be empty");
  prompt.verbalizer = readVerbalizer(in.required("verbalizer"), childPath(path, "verbalizer"));
  prompt.scoring = in.choice("scoring", {"sum", "mean"}, prompt.scoring);
  prompt.calibrate = in.boolean("calibrate", prompt.calibrate);
  in.finish();
  return prompt;
}

void readDesign(ObjectReader& in, DesignSpec& design) {
  design.shots = in.integer("shots", 0, design.shots);
  design.selection = in.choice("selection", {"fixed", "random", "balanced"}, design.selection);
  design.chain_of_thought = in.boolean("chain_of_thought", design.chain_of_thought);
  design.cot_trigger = in.string("cot_trigger", design.cot_trigger);
  design.cot_max_new_tokens = in.integer("cot_max_new_tokens", 1, design.cot_max_new_tokens);
  if (in.has("cot_rationale_column")) design.cot_rationale_column = in.string("cot_rationale_column");
}

void readTuning(ObjectReader& in, TuningSpec& t) {
  t.method = checkMethodOptions(in.required("method"), childPath(in.path(), "method"));
  t.optimizer = in.choice("optimizer", {"adamw", "sgd"}, t.optimizer);
  t.learning_rate = in.number("learning_rate", 0.0, kInfinity, true, t.learning_rate);
  t.weight_decay = in.number("weight_decay", 0.0, kInfinity, false, t.weight_decay);
  t.momentum = in.number("momentum", 0.0, 1.0, false, t.momentum);
  t.schedule = in.choice("schedule", {"linear", "cosine", "constant"}, t.schedule);
  t.steps = in.integer("steps", 1, t.steps);
  t.warmup_steps = in.integer("warmup_steps", 0, t.warmup_steps);
  if (t.warmup_steps > t.steps) {
    throw SpecError(childPath(in.path(), "warmup_steps"),
                    "warmup (" + std::to_string(t.warmup_steps) + ") longer than the run (" + std::to_string(t.steps) + " steps)");
  }
  t.batch_size = in.integer("batch_size", 1, t.batch_size);
  t.gradient_accumulation_steps = in.integer("gradient_accumulation_steps", 1, t.gradient_accumulation_steps);
  t.max_grad_norm = in.number("max_grad_norm", 0.0, kInfinity, false, t.max_grad_norm);
  t.eval_every = in.integer("eval_every", 0, t.eval_every);
  t.checkpoint_every = in.integer("checkpoint_every", 0, t.checkpoint_every);
  t.early_stopping_patience = in.integer("early_stopping_patience", 0, t.early_stopping_patience);
}

std::vector<std::pair<std::string, std::vector<nlohmann::json>>> readSweep(const nlohmann::json& run,
                                                                         const std::string& path) {
  std::vector<std::pair<std::string, std::vector<nlohmann::json>>> sweep;
  const auto found = run.find("sweep");
  if (found == run.end()) return sweep;
  const auto sweep_path = childPath(path, "sweep");
  ObjectReader in(*found, sweep_path);
  for (const auto& [key, values] : found->items()) {
    const auto key_path = childPath(sweep_path, key);
    const auto first = key.substr(0, key.find('.'));
    if (first.empty() || first == "name" || first == "kind" || first == "sweep") {
      throw SpecError(key_path, "cannot sweep \"" + key + "\"");
    }
    if (!values.is_array() || values.empty()) throw SpecError(key_path, "expected a non-empty array of values");
    in.optional(key);
    sweep.emplace_back(key, values.get<std::vector<nlohmann::json>>());
  }
  return sweep;
}

std::vector<std::uint64_t> readSeeds(const nlohmann::json& value, const std::string& path) {
  if (!value.is_array() || value.empty()) throw SpecError(path, "expected a non-empty array of seeds");
  std::vector<std::uint64_t> seeds;
  for (std::size_t i = 0; i < value.size(); ++i) {
    seeds.push_back(static_cast<std::uint64_t>(integerAt(value[i], childPath(path, i), 0)));
  }
  return seeds;
}

RunSpec parseRunWithoutSweep(const nlohmann::json& run, const std::string& path) {
  ObjectReader in(run, path);
  RunSpec spec;
  spec.name = in.string("name");
  if (spec.name.empty()) throw SpecError(childPath(path, "name"), "a run needs a name");
  spec.kind = in.choice("kind", {"design", "tuning"}) == "design" ? RunKind::Design : RunKind::Tuning;
  spec.prompt = readPrompt(in.required("prompt"), childPath(path, "prompt"));
  if (spec.kind == RunKind::Design) {
    readDesign(in, spec.design);
  } else {
    readTuning(in, spec.tuning);
  }
  if (const auto* seeds = in.optional("seeds")) spec.seeds = readSeeds(*seeds, childPath(path, "seeds"));
  in.optional("sweep");  // checked by readSweep
  in.finish();
  spec.json = run;
  return spec;
}

std::vector<std::string> readModels(ObjectReader& in, const std::filesystem::path& base_dir) {
  auto models = in.strings("models");
  if (models.empty()) throw SpecError(childPath(in.path(), "models"), "name at least one model");
  for (auto& model : models) {
    // A built-in name has no slash; anything else is a path.
    if (model.find('/') != std::string::npos) model = resolved(base_dir, model).string();
  }
  return models;
}

}  // namespace

std::string toString(RunKind kind) { return kind == RunKind::Design ? "design" : "tuning"; }

RunSpec parseRunSpec(const nlohmann::json& run, const std::string& path) {
  auto spec = parseRunWithoutSweep(run, path);
  spec.sweep = readSweep(run, path);
  // Each value must be valid where it goes: check it in place, and name it by its sweep path.
  for (const auto& [key, values] : spec.sweep) {
    const auto pointer = dottedPointer(key);
    for (std::size_t i = 0; i < values.size(); ++i) {
      auto variant = run;
      variant.erase("sweep");
      try {
        variant[pointer] = values[i];
        parseRunWithoutSweep(variant, path);
      } catch (const SpecError& e) {
        throw SpecError(childPath(childPath(childPath(path, "sweep"), key), i), e.reason() + " (at " + e.path() + ")");
      } catch (const nlohmann::json::exception&) {
        throw SpecError(childPath(childPath(path, "sweep"), key), "\"" + key + "\" is not a setting of this run");
      }
    }
  }
  return spec;
}

ExperimentSpec parseExperimentSpec(const nlohmann::json& document, const std::filesystem::path& base_dir) {
  ObjectReader in(document, "");
  const auto version = in.integer("format_version", 1);
  if (version != kFormatVersion) {
    throw SpecError("format_version", "this version of Prompt Workbench reads format " + std::to_string(kFormatVersion) +
                                          ", the file has " + std::to_string(version));
  }
  ExperimentSpec spec;
  spec.json = document;
  spec.name = in.string("name");
  spec.description = in.string("description", std::string());
  spec.models = readModels(in, base_dir);
  spec.dataset = readDataset(in.required("dataset"), "dataset", base_dir);
  if (const auto* seeds = in.optional("seeds")) spec.seeds = readSeeds(*seeds, "seeds");
  if (const auto* sizes = in.optional("train_sizes")) {
    if (!sizes->is_array()) throw SpecError("train_sizes", "expected an array of example counts");
    for (std::size_t i = 0; i < sizes->size(); ++i) spec.train_sizes.push_back(integerAt((*sizes)[i], childPath("train_sizes", i), 1));
  }
  const auto* shared_prompt = in.optional("prompt");
  const auto& runs = in.required("runs");
  if (!runs.is_array() || runs.empty()) throw SpecError("runs", "expected a non-empty array of runs");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    auto run = runs[i];
    const auto path = childPath("runs", i);
    if (!run.is_object()) throw SpecError(path, "expected an object, got " + brief(run));
    // The experiment's prompt is the default; a run's own prompt keys override it.
    if (shared_prompt != nullptr) {
      auto prompt = *shared_prompt;
      if (run.contains("prompt")) prompt.merge_patch(run["prompt"]);
      run["prompt"] = prompt;
    }
    spec.runs.push_back(parseRunSpec(run, path));
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.runs[j].name == spec.runs[i].name) {
        throw SpecError(childPath(path, "name"), "\"" + spec.runs[i].name + "\" is already the name of runs[" + std::to_string(j) + "]");
      }
    }
  }
  for (std::size_t i = 0; i < spec.runs.size(); ++i) {
    const auto& method = spec.runs[i].tuning.method;
    if (spec.runs[i].kind != RunKind::Tuning || !method.contains("init_from_design")) continue;
    const auto design = method["init_from_design"].get<std::string>();
    if (design.empty()) continue;
    bool found = false;
    for (const auto& other : spec.runs) found = found || (other.kind == RunKind::Design && other.name == design);
    if (!found) {
      throw SpecError(childPath(childPath(childPath("runs", i), "method"), "init_from_design"),
                      "no design run named \"" + design + "\" in this experiment");
    }
  }
  in.finish();
  return spec;
}

ExperimentSpec readExperimentFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open the experiment file");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann reports a byte offset; people want a line and column.
    const auto content = text.str();
    const auto offset = std::min<std::size_t>(e.byte, content.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i + 1 < offset; ++i) {
      if (content[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw std::runtime_error(file.string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
                             ": not valid JSON (" + e.what() + ")");
  }
  try {
    return parseExperimentSpec(document, file.parent_path());
  } catch (const SpecError& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
}

}  // namespace pwb::experiment
