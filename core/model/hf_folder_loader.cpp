#include "model/hf_folder_loader.h"

#include <set>
#include <stdexcept>
#include <string>

#include "model/gpt2.h"
#include "model/hf_special_tokens.h"
#include "model/llama.h"
#include "model/model_options.h"
#include "model/parameter_count.h"
#include "model/safetensors_torch.h"
#include "model/sharded_checkpoint.h"
#include "model/state_dict.h"
#include "text/tokenizer_loader.h"

namespace pwb::model {
namespace {

namespace fs = std::filesystem;

std::int64_t vocabSizeOf(const ModelConfig& config) {
  return std::visit([](const auto& c) { return c.vocab_size; }, config);
}

// The checkpoint's tensors as loadStateDict reads them. A tied alias the file holds anyway (older
// exports keep lm_head.weight or encoder.embed_tokens.weight) is left out once its shape is
// checked against the tensor it aliases: the module holds that tensor once.
TensorSource sourceOf(const ShardedCheckpoint& checkpoint, const CheckpointLayout& layout) {
  std::set<std::string> aliases;
  for (const auto& alias : layout.tied) {
    if (!checkpoint.contains(alias.name)) continue;
    const auto alias_shape = checkpoint.tensor(alias.name).shape;
    if (checkpoint.contains(alias.target) && checkpoint.tensor(alias.target).shape != alias_shape) {
      throw std::runtime_error(checkpoint.path().string() + ": tied tensor '" + alias.name + "' has shape " +
                               shapeText(alias_shape) + " but '" + alias.target + "', which it shares, has " +
                               shapeText(checkpoint.tensor(alias.target).shape));
    }
    aliases.insert(alias.name);
  }
  TensorSource source;
  source.description = checkpoint.path().string();
  for (const auto& name : checkpoint.names()) {
    if (aliases.count(name) == 0) source.names.push_back(name);
  }
  source.shape = [&checkpoint](const std::string& name) { return checkpoint.tensor(name).shape; };
  source.copy_into = [&checkpoint](const std::string& name, at::Tensor& into) {
    copyTensorInto(checkpoint, name, into);
  };
  return source;
}

// The family's module, built with its options, in evaluation mode, weights loaded from the file.
template <class Holder, class Options>
Holder loadModule(const Options& options, const ShardedCheckpoint& checkpoint, const CheckpointLayout& layout) {
  Holder module(options);
  module->eval();
  loadStateDict(*module, sourceOf(checkpoint, layout));
  return module;
}

void checkTokenizerFits(const text::Tokenizer& tokenizer, std::int64_t vocab_size, const fs::path& folder) {
  if (tokenizer.vocabSize() > vocab_size) {
    throw std::runtime_error(folder.string() + ": the tokenizer (" + tokenizer.describe() + ") has " +
                             std::to_string(tokenizer.vocabSize()) + " tokens but the model's vocab_size is " +
                             std::to_string(vocab_size) + "; its ids above " + std::to_string(vocab_size - 1) +
                             " would have no embedding (is the tokenizer from another model?)");
  }
}

}  // namespace

fs::path findSafetensorsCheckpoint(const fs::path& folder) {
  for (const char* name : {"model.safetensors.index.json", "model.safetensors"}) {
    if (fs::is_regular_file(folder / name)) return folder / name;
  }
  for (const char* name : {"pytorch_model.bin", "pytorch_model.bin.index.json", "tf_model.h5", "flax_model.msgpack"}) {
    if (fs::exists(folder / name)) {
      throw std::runtime_error(folder.string() + ": holds " + name +
                               " but no model.safetensors; only safetensors weights can be loaded (convert them, "
                               "e.g. with transformers' save_pretrained(..., safe_serialization=True))");
    }
  }
  throw std::runtime_error(folder.string() + ": no model.safetensors or model.safetensors.index.json");
}

LoadedModel loadHuggingFaceFolder(const fs::path& folder, FolderTokenizer tokenizer) {
  if (!fs::is_regular_file(folder / "config.json")) {
    throw std::runtime_error(folder.string() + ": no config.json (not a Hugging Face model folder)");
  }
  const auto config_source = (folder / "config.json").string();
  const auto config = parseModelConfigFile(folder / "config.json");
  const auto checkpoint_path = findSafetensorsCheckpoint(folder);
  const auto vocab_size = vocabSizeOf(config);

  LoadedModel loaded;
  loaded.format = "huggingface";
  loaded.source = folder;
  loaded.config = config;
  FolderSpecialTokens specials;
  if (tokenizer == FolderTokenizer::Required) {
    loaded.tokenizer = text::loadTokenizerFromFolder(folder);
    checkTokenizerFits(*loaded.tokenizer, vocab_size, folder);
    specials = readFolderSpecialTokens(folder, config, *loaded.tokenizer, vocab_size);
    loaded.special_tokens = specials.ids;
  }

  const ShardedCheckpoint checkpoint(checkpoint_path);
  const auto layout = checkpointLayout(config);
  switch (familyOf(config)) {
    case ModelFamily::Gpt2: {
      const auto options = gpt2Options(std::get<Gpt2Config>(config), config_source);
      loaded.family = "gpt2";
      loaded.context_length = options.n_positions;
      loaded.add_bos = text::addsBosToken(folder, false);  // GPT2Tokenizer's default
      loaded.causal = wrapCausal(loadModule<Gpt2LMHeadModel>(options, checkpoint, layout));
      break;
    }
    case ModelFamily::Llama: {
      const auto options = llamaOptions(std::get<LlamaConfig>(config), config_source);
      loaded.family = "llama";
      loaded.context_length = options.max_position_embeddings;
      loaded.add_bos = text::addsBosToken(folder, true);  // LlamaTokenizer's default
      loaded.causal = wrapCausal(loadModule<LlamaForCausalLM>(options, checkpoint, layout));
      break;
    }
    case ModelFamily::T5: {
      auto t5_config = std::get<T5Config>(config);
      if (tokenizer == FolderTokenizer::Required) {
        t5_config.decoder_start_token_id = specials.decoder_start;  // generation_config.json's, if it has one
      }
      const auto options = t5Options(t5_config, config_source);
      loaded.family = "t5";
      loaded.add_eos = true;  // T5Tokenizer ends the input and the target with EOS
      loaded.seq2seq = loadModule<T5ForConditionalGeneration>(options, checkpoint, layout);
      break;
    }
  }
  return loaded;
}

}  // namespace pwb::model
