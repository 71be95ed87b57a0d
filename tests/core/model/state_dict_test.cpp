#include "model/state_dict.h"

#include <gtest/gtest.h>

#include <map>

#include "model/gpt2.h"

namespace pwb::model {
namespace {

Gpt2Options tiny() {
  Gpt2Options o;
  o.vocab_size = 20;
  o.n_positions = 8;
  o.n_embd = 8;
  o.n_layer = 1;
  o.n_head = 2;
  return o;
}

// A checkpoint held in memory: the module's own tensors, editable by the test.
TensorSource sourceOf(std::map<std::string, torch::Tensor>& tensors) {
  TensorSource source;
  source.description = "memory.safetensors";
  for (const auto& [name, tensor] : tensors) source.names.push_back(name);
  source.shape = [&tensors](const std::string& name) { return tensors.at(name).sizes().vec(); };
  source.copy_into = [&tensors](const std::string& name, torch::Tensor& into) { into.copy_(tensors.at(name)); };
  return source;
}

std::map<std::string, torch::Tensor> checkpointOf(torch::nn::Module& module) {
  std::map<std::string, torch::Tensor> tensors;
  for (const auto& p : module.named_parameters()) tensors[p.key()] = p.value().detach().clone();
  return tensors;
}

TEST(StateDict, LoadsEveryTensorByName) {
  torch::manual_seed(1);
  Gpt2LMHeadModel saved(tiny());
  auto tensors = checkpointOf(*saved);
  tensors["transformer.h.0.attn.bias"] = torch::ones({1, 1, 8, 8});  // old GPT-2 mask buffer: ignored
  torch::manual_seed(2);
  Gpt2LMHeadModel loaded(tiny());
  loadStateDict(*loaded, sourceOf(tensors));
  for (const auto& p : loaded->named_parameters()) {
    EXPECT_TRUE(torch::equal(p.value(), saved->named_parameters()[p.key()])) << p.key();
  }
}

TEST(StateDict, NamesEveryProblemAndLoadsNothing) {
  Gpt2LMHeadModel model(tiny());
  auto tensors = checkpointOf(*model);
  tensors.erase("transformer.ln_f.bias");
  tensors["transformer.h.0.mlp.c_fc.weight"] = torch::zeros({8, 31});
  tensors["transformer.h.7.attn.c_attn.weight"] = torch::zeros({8, 24});
  const auto before = model->named_parameters()["transformer.wte.weight"].clone();
  tensors["transformer.wte.weight"] = torch::zeros({20, 8});
  try {
    loadStateDict(*model, sourceOf(tensors));
    FAIL() << "a checkpoint that does not fit must be refused";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("memory.safetensors"), std::string::npos) << message;
    EXPECT_NE(message.find("missing tensor 'transformer.ln_f.bias' [8]"), std::string::npos) << message;
    EXPECT_NE(message.find("tensor 'transformer.h.0.mlp.c_fc.weight' has shape [8, 31], the model needs [8, 32]"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("unexpected tensor 'transformer.h.7.attn.c_attn.weight'"), std::string::npos) << message;
  }
  EXPECT_TRUE(torch::equal(model->named_parameters()["transformer.wte.weight"], before));
}

}  // namespace
}  // namespace pwb::model
