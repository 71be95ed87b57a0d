#include "cli_adapt_commands.h"

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "adapt/memory_estimate.h"
#include "adapt/method_counts.h"
#include "adapt/method_options.h"
#include "adapt/soft_prompt_view.h"
#include "model/model_source.h"

namespace pwb::cli {
namespace {

struct ParamsRequest {
  std::string model;
  std::string method;
  std::int64_t batch_size = 8;
  std::int64_t seq_len = 128;
  std::map<std::string, std::string> method_options;  // PEFT name → value as typed
};

std::string mebibytes(std::int64_t bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%10.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buffer;
}

void printParams(const ParamsRequest& request) {
  const auto config = model::modelConfigOf(request.model);
  const auto options = adapt::methodOptionsFromStrings(request.method_options);
  const auto count = adapt::countMethod(config, request.method, options);
  std::cout << adapt::formatTrainableParameters(count) << "\n";
  const auto extra = adapt::extraPositions(request.method, options);
  const auto memory = adapt::estimateTrainingMemory(config, count, request.batch_size, request.seq_len, extra);
  std::cout << "peak memory estimate (float32, AdamW, batch " << request.batch_size << " x " << request.seq_len
            << " tokens" << (extra > 0 ? " + " + std::to_string(extra) + " virtual" : std::string()) << "):\n"
            << "  weights     " << mebibytes(memory.weights) << "\n"
            << "  gradients   " << mebibytes(memory.gradients) << "\n"
            << "  AdamW state " << mebibytes(memory.optimiser) << "\n"
            << "  activations " << mebibytes(memory.activations) << "\n"
            << "  total       " << mebibytes(memory.total()) << "\n";
}

struct SoftPromptRequest {
  std::string model;
  std::string adapter;
  std::int64_t k = 5;
  bool json = false;
};

void printSoftPrompt(const SoftPromptRequest& request) {
  const auto neighbours = adapt::softPromptNeighbours(request.model, request.adapter, request.k);
  if (request.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : neighbours) {
      nlohmann::json tokens = nlohmann::json::array();
      for (const auto& n : row) tokens.push_back({{"piece", n.piece}, {"id", n.id}, {"cosine_similarity", n.cosine_similarity}});
      out.push_back(tokens);
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (std::size_t i = 0; i < neighbours.size(); ++i) {
    std::printf("virtual token %2zu:", i);
    for (const auto& n : neighbours[i]) std::printf("  %s (%.3f)", n.piece.c_str(), n.cosine_similarity);
    std::printf("\n");
  }
}

}  // namespace

void addAdaptCommands(CLI::App& app) {
  auto view = std::make_shared<SoftPromptRequest>();
  auto* soft = app.add_subcommand("soft-prompt", "A learned soft prompt's nearest vocabulary tokens (cosine similarity)");
  soft->add_option("--model", view->model, "The model the adapter was trained on")->required();
  soft->add_option("--adapter", view->adapter, "A prompt-learning adapter folder (PEFT layout)")
      ->required()
      ->check(CLI::ExistingDirectory);
  soft->add_option("-k", view->k, "Tokens listed per virtual token")->check(CLI::PositiveNumber)->capture_default_str();
  soft->add_flag("--json", view->json, "Machine-readable output");
  soft->callback([view] { printSoftPrompt(*view); });

  auto request = std::make_shared<ParamsRequest>();
  auto* params = app.add_subcommand("params", "Trainable parameters (PEFT's line) and peak memory of a method");
  params->add_option("--model", request->model, "Model: a built-in name, a Hugging Face folder (or its config.json) or a llama2.c .bin file")->required();
  params->add_option("--method", request->method, "prompt_tuning, prefix_tuning, p_tuning, lora, ia3 or full")
      ->required();
  params->add_option("--batch-size", request->batch_size, "Sequences per step")->check(CLI::PositiveNumber);
  params->add_option("--seq-len", request->seq_len, "Tokens per sequence")->check(CLI::PositiveNumber);
  for (const auto& name : adapt::methodOptionNames()) {
    params->add_option_function<std::string>(
        "--" + name, [request, name](const std::string& value) { request->method_options[name] = value; },
        "Method option, PEFT's name");
  }
  params->callback([request] { printParams(*request); });
}

}  // namespace pwb::cli
