#pragma once
// What the run browser knows of a run's trained adapter (exported with store::copyAdapterFiles,
// in PEFT's layout, so PeftModel.from_pretrained reads the folder): the model it adapts, and a
// learned soft prompt as the vocabulary tokens nearest to each virtual token — what students
// look at.

#include <QString>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "store/experiment_store.h"

namespace pwb::ui {

struct RunAdapter {
  std::filesystem::path folder;  // adapter_config.json + adapter_model.safetensors
  std::string model;             // the model the run adapted (its config's "model")
  std::string method;            // PEFT's method name
};

// The run's adapter, when it stored one.
std::optional<RunAdapter> runAdapter(const store::ExperimentStore& store, std::int64_t run_id);

// Whether the method learns virtual tokens that can be read as words.
bool hasSoftPrompt(const RunAdapter& adapter);

// Each virtual token's k nearest vocabulary tokens by cosine similarity, as an HTML table. Loads
// the model: call it on a worker thread. Throws std::runtime_error as softPromptNeighbours does.
QString softPromptWordsHtml(const RunAdapter& adapter, std::int64_t k);

}  // namespace pwb::ui
