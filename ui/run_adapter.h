#pragma once
// What the run browser knows of a run's trained adapter (exported with store::copyAdapterFiles,
// in PEFT's layout, so PeftModel.from_pretrained reads the folder): the model it adapts, and a
// learned soft prompt as the vocabulary tokens nearest to each virtual token — what students
// look at, at the end or at any checkpoint step the run kept.

#include <QString>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "store/experiment_store.h"
#include "store/run_adapter_files.h"

namespace pwb::ui {

struct RunAdapter {
  std::filesystem::path folder;  // adapter_config.json + adapter_model.safetensors
  std::string model;             // the model the run adapted (its config's "model")
  std::string method;            // PEFT's method name
  std::vector<store::AdapterSnapshot> snapshots;  // the adapter at each checkpoint step, by step
};

// The run's adapter, when it stored one.
std::optional<RunAdapter> runAdapter(const store::ExperimentStore& store, std::int64_t run_id);

// Whether the method learns virtual tokens of the model's width, which can be read as words
// (not prefix tuning: its rows are per layer).
bool hasSoftPrompt(const RunAdapter& adapter);

// Each virtual token's k nearest vocabulary tokens by cosine similarity, as an HTML table: of the
// snapshot at `step`, or of the final adapter without one. Loads the model: call it on a worker
// thread. Throws std::runtime_error as softPromptNeighbours does, or when no snapshot has `step`.
QString softPromptWordsHtml(const RunAdapter& adapter, std::int64_t k, std::optional<std::int64_t> step = std::nullopt);

}  // namespace pwb::ui
