#include "cli_model_commands.h"

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "adapt/adapted_text_model.h"
#include "model/text_model.h"

namespace pwb::cli {
namespace {

struct GenerateArgs {
  std::string model, prompt, adapter;
  model::SamplingOptions sampling;
  bool json = false;
};

struct ScoreArgs {
  std::string model, context, continuation, adapter;
  bool json = false;
};

nlohmann::json specialsJson(const text::SpecialTokens& s) {
  nlohmann::json out = nlohmann::json::object();
  const std::pair<const char*, const std::optional<text::TokenId>*> named[] = {
      {"bos", &s.bos}, {"eos", &s.eos}, {"pad", &s.pad}, {"unk", &s.unk}};
  for (const auto& [name, id] : named) {
    if (id->has_value()) out[name] = **id;
  }
  return out;
}

void inspect(const std::string& path) {
  const auto s = model::TextModel::open(path).summary();
  std::string rules;
  if (s.add_bos) rules += ", BOS prepended to prompts";
  if (s.add_eos) rules += ", EOS appended to inputs and targets";
  std::cout << "model:       " << s.source << "\n"
            << "family:      " << s.family << " (" << s.format << (s.encoder_decoder ? ", encoder-decoder" : "")
            << ")\n"
            << "tokenizer:   " << s.tokenizer << "\n"
            << "specials:    " << specialsJson(s.special_tokens).dump() << rules << "\n"
            << "context:     "
            << (s.context_length > 0 ? std::to_string(s.context_length) + " tokens" : std::string("no fixed limit"))
            << "\n"
            << "parameters:  " << s.parameters << "\n";
  if (s.embedding_parameters && s.non_embedding_parameters) {
    std::cout << "  embedding:     " << *s.embedding_parameters << "\n"
              << "  non-embedding: " << *s.non_embedding_parameters << "\n";
  }
  if (!s.config_json.empty()) std::cout << "config.json:\n" << s.config_json << "\n";
  std::cout << "tensors:\n";
  for (const auto& t : s.tensors) std::cout << "  " << t.name << " " << nlohmann::json(t.shape).dump() << "\n";
}

// The model, with a PEFT adapter folder applied when one is given.
model::TextModel openModel(const std::string& model, const std::string& adapter) {
  return adapter.empty() ? model::TextModel::open(model) : adapt::openWithAdapter(model, adapter);
}

void generate(const GenerateArgs& args) {
  const auto out = openModel(args.model, args.adapter).generate(args.prompt, args.sampling);
  if (!args.json) {
    std::cout << out.text << "\n";
    return;
  }
  std::cout << nlohmann::json{{"prompt", args.prompt},
                              {"continuation", out.text},
                              {"token_ids", out.token_ids},
                              {"stopped_at_eos", out.stopped_at_eos}}
                   .dump(2)
            << "\n";
}

void score(const ScoreArgs& args) {
  const auto result = openModel(args.model, args.adapter).score(args.context, args.continuation);
  if (!args.json) {
    std::cout << "total log-likelihood: " << result.total << "\n";
    for (const auto& t : result.tokens) std::cout << "  " << t.piece << "\t" << t.log_likelihood << "\n";
    return;
  }
  nlohmann::json tokens = nlohmann::json::array();
  for (const auto& t : result.tokens) {
    tokens.push_back({{"id", t.id}, {"piece", t.piece}, {"log_likelihood", t.log_likelihood}});
  }
  std::cout << nlohmann::json{{"context", args.context},
                              {"continuation", args.continuation},
                              {"total_log_likelihood", result.total},
                              {"tokens", tokens}}
                   .dump(2)
            << "\n";
}

}  // namespace

void addModelCommands(CLI::App& app) {
  auto* model_cmd = app.add_subcommand("model", "Look at a model");
  model_cmd->require_subcommand(1);
  auto* inspect_cmd = model_cmd->add_subcommand("inspect", "Family, tensor shapes, parameter count, tokenizer");
  auto inspect_path = std::make_shared<std::string>();
  inspect_cmd->add_option("path", *inspect_path, "Model folder, llama2.c file or built-in name")->required();
  inspect_cmd->callback([inspect_path] { inspect(*inspect_path); });

  auto gen = std::make_shared<GenerateArgs>();
  auto* gen_cmd = app.add_subcommand("generate", "Continue a prompt (greedy unless a temperature is given)");
  gen_cmd->add_option("--model", gen->model, "Model folder, llama2.c file or built-in name")->required();
  gen_cmd->add_option("--prompt", gen->prompt, "Text to continue")->required();
  gen_cmd->add_option("--max-new-tokens", gen->sampling.max_new_tokens, "Token budget")->check(CLI::PositiveNumber);
  gen_cmd->add_option("--temperature", gen->sampling.temperature, "0 = greedy")->check(CLI::NonNegativeNumber);
  gen_cmd->add_option("--top-k", gen->sampling.top_k, "Sample among the k likeliest (0 = all)")->check(CLI::NonNegativeNumber);
  gen_cmd->add_option("--top-p", gen->sampling.top_p, "Sample among the likeliest reaching this mass")->check(CLI::Range(0.0, 1.0));
  gen_cmd->add_option("--seed", gen->sampling.seed, "Sampling seed");
  gen_cmd->add_option("--adapter", gen->adapter, "A PEFT adapter folder to apply (any method)")->check(CLI::ExistingDirectory);
  gen_cmd->add_flag("--json", gen->json, "Machine-readable output");
  gen_cmd->callback([gen] { generate(*gen); });

  auto sc = std::make_shared<ScoreArgs>();
  auto* score_cmd = app.add_subcommand("score", "Log-likelihood of a continuation after a context");
  score_cmd->add_option("--model", sc->model, "Model folder, llama2.c file or built-in name")->required();
  score_cmd->add_option("--context", sc->context, "Text before")->required();
  score_cmd->add_option("--continuation", sc->continuation, "Text scored")->required();
  score_cmd->add_option("--adapter", sc->adapter, "A PEFT adapter folder to apply (any method)")->check(CLI::ExistingDirectory);
  score_cmd->add_flag("--json", sc->json, "Machine-readable output");
  score_cmd->callback([sc] { score(*sc); });
}

}  // namespace pwb::cli
