#pragma once
// The Hugging Face reference fixtures (../shared/fixtures/reference, see its README) opened
// through the model loader, with the README's tolerances.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../../support/temp_dir.h"
#include "model/model_loader.h"
#include "model/safetensors_torch.h"

namespace pwb::model::reference {

inline const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

inline nlohmann::json readJson(const std::filesystem::path& path) { return nlohmann::json::parse(std::ifstream(path)); }

// A fixture as a model folder. gpt2-tiny ships no tokenizer: its ids are the shared
// SentencePiece model's without specials (README), so a copy of the folder gets llama-tiny's
// tokenizer.model with add_bos_token false.
class ReferenceFolder {
 public:
  explicit ReferenceFolder(const std::string& name) : name_(name), path_(kFixtures / name) {
    if (name != "gpt2-tiny") return;
    path_ = copy_.path();
    for (const char* file : {"config.json", "generation_config.json", "model.safetensors"}) {
      std::filesystem::copy_file(kFixtures / name / file, path_ / file);
    }
    std::filesystem::copy_file(kFixtures / "llama-tiny" / "tokenizer.model", path_ / "tokenizer.model");
    std::ofstream(path_ / "tokenizer_config.json") << R"({"add_bos_token": false})";
  }
  const std::string& name() const { return name_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::string name_;
  pwb::testing::TempDir copy_;
  std::filesystem::path path_;
};

struct Tolerance {
  double absolute, relative;
};

// The README's "Tolerances": |Δ| <= 1e-4 + 1e-4·|ref| for logits and hidden states, 3e-4
// absolute for t5-tiny-gated (its logits reach ~36); losses relative 1e-5.
inline Tolerance logitTolerance(const std::string& fixture) {
  return fixture == "t5-tiny-gated" ? Tolerance{3e-4, 1e-4} : Tolerance{1e-4, 1e-4};
}
constexpr double kLossRelativeTolerance = 1e-5;

inline at::Tensor ids(const nlohmann::json& rows) {
  std::vector<std::int64_t> flat;
  for (const auto& row : rows) flat.insert(flat.end(), row.begin(), row.end());
  return at::tensor(flat, at::kLong).view({static_cast<std::int64_t>(rows.size()), -1});
}

// Expects |actual - expected| <= absolute + relative·|expected| wherever `where` (if defined)
// holds; returns the largest |Δ| there.
inline double expectClose(const at::Tensor& actual, const at::Tensor& expected, Tolerance tol, const std::string& what,
                          const at::Tensor& where = {}) {
  EXPECT_EQ(actual.sizes(), expected.sizes()) << what;
  if (actual.sizes() != expected.sizes()) return INFINITY;
  auto diff = (actual - expected).abs();
  auto excess = diff - (tol.absolute + tol.relative * expected.abs());
  if (where.defined()) {
    excess = excess.masked_select(where);
    diff = diff.masked_select(where);
  }
  EXPECT_LE(excess.max().item<double>(), 0.0) << what << ": max |Δ| " << diff.max().item<double>();
  return diff.max().item<double>();
}

}  // namespace pwb::model::reference
