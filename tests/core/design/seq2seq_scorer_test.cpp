// The encoder-decoder scorer on the reference T5 fixtures: its log-likelihoods against the
// logits Hugging Face computed and against the model's own forward pass, batching, generation
// with stop strings, and prompt design through it end to end.

#include "design/seq2seq_scorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <ATen/ATen.h>
#include <torch/utils.h>

#include "../model/reference_fixture.h"
#include "design/design_evaluation.h"
#include "eval/softmax.h"
#include "model/generation.h"
#include "model/sharded_checkpoint.h"
#include "yelp_split.h"

namespace pwb::design {
namespace {

using model::reference::kFixtures;

class Seq2SeqScorerTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::shared_ptr<model::LoadedModel> model_ =
      std::make_shared<model::LoadedModel>(model::loadModel((kFixtures / GetParam()).string()));
  Seq2SeqScorer scorer_{model_};

  // log p of each token of `target` (no EOS) after `prompt`, from one unbatched forward pass of
  // the model with the target as its labels.
  std::vector<double> reference(const std::string& prompt, const std::string& target) const {
    torch::NoGradGuard no_grad;
    auto& t5 = *model_->seq2seq.ptr();
    const auto input = at::tensor(model_->encodePrompt(prompt), at::kLong).view({1, -1});
    const auto labels = model_->encodePrompt(target);  // with EOS, as HF's labels
    const auto decoder_input = t5.shiftRight(at::tensor(labels, at::kLong).view({1, -1}));
    const auto log_probs = at::log_softmax(t5.forward(input, {}, decoder_input)[0].to(at::kDouble), -1);
    std::vector<double> out;
    for (std::size_t i = 0; i + 1 < labels.size(); ++i) {
      out.push_back(log_probs[static_cast<std::int64_t>(i)][labels[i]].item<double>());
    }
    return out;
  }
};

// Batching reorders float32 sums: log-likelihoods of magnitude ~10 move by ~1e-6 of their size
// (as in causal_scorer_test).
void expectNear(const std::vector<double>& actual, const std::vector<double>& expected, const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t t = 0; t < actual.size(); ++t) {
    EXPECT_NEAR(actual[t], expected[t], 1e-5 * std::max(1.0, std::abs(expected[t]))) << what << ", token " << t;
  }
}

TEST_P(Seq2SeqScorerTest, ScoresTheTargetTokensWithTheLogitsHuggingFaceComputed) {
  const auto cases = model::reference::readJson(kFixtures / GetParam() / "cases.json").at("cases");
  const model::ShardedCheckpoint expected(kFixtures / GetParam() / "expected.safetensors");
  // A log-probability is a logit minus the row's log-sum-exp: it moves by at most twice the
  // logits' tolerance (the README's: absolute + relative × the row's largest |logit|).
  const auto tolerance = model::reference::logitTolerance(GetParam());
  double max_delta = 0.0;
  for (const auto& c : cases) {
    const auto prompt = c.at("text").get<std::string>(), target = c.at("target_text").get<std::string>();
    const auto target_ids = c.at("target_sp_ids").get<std::vector<std::int64_t>>();
    ASSERT_EQ(model_->encodePrompt(prompt), c.at("input_ids")[0].get<std::vector<std::int64_t>>());
    ASSERT_EQ(model_->tokenizer->encode(target), target_ids);
    const auto logits = model::readTensor(expected, c.at("logits").get<std::string>(), at::kFloat)[0];  // (T, V)
    const auto log_probs = at::log_softmax(logits.to(at::kDouble), -1);

    const auto scored = scorer_.score({{prompt, {target}}});
    ASSERT_EQ(scored.size(), 1u);
    ASSERT_EQ(scored[0].size(), 1u);
    ASSERT_EQ(scored[0][0].size(), target_ids.size());  // the label's tokens, not its EOS
    for (std::size_t i = 0; i < target_ids.size(); ++i) {
      const auto row = static_cast<std::int64_t>(i);
      const double hf = log_probs[row][target_ids[i]].item<double>();
      const double bound = 2 * (tolerance.absolute + tolerance.relative * logits[row].abs().max().item<double>());
      EXPECT_NEAR(scored[0][0][i], hf, bound) << c.at("name").get<std::string>() << ", token " << i;
      max_delta = std::max(max_delta, std::abs(scored[0][0][i] - hf));
    }
  }
  std::printf("[parity] %-14s seq2seq scorer log p    max |Δ| %.3g\n", GetParam().c_str(), max_delta);
}

TEST_P(Seq2SeqScorerTest, OneEncoderPassServesEveryLabelAndPromptOfABatch) {
  const std::vector<std::string> words = {"yes", "no", "permission granted", "copy", "a license"};
  const std::vector<ScoringRequest> requests = {
      {"Is this free software? The licence grants permission to copy. Answer:", words},
      {"Question: may I modify it?", words},
      {"", {"no", "the document"}},  // only the encoder's EOS
  };
  // Words of one token are scored by the start token's pass alone, longer ones in a second pass.
  ASSERT_EQ(model_->tokenizer->encode("copy").size(), 1u);
  ASSERT_GT(model_->tokenizer->encode("permission granted").size(), 1u);
  const auto batched = scorer_.score(requests);
  ASSERT_EQ(batched.size(), requests.size());
  for (std::size_t r = 0; r < requests.size(); ++r) {
    ASSERT_EQ(batched[r].size(), requests[r].continuations.size());
    for (std::size_t c = 0; c < requests[r].continuations.size(); ++c) {
      const auto what = "request " + std::to_string(r) + ", \"" + requests[r].continuations[c] + "\"";
      const auto expected = reference(requests[r].prompt, requests[r].continuations[c]);
      expectNear(batched[r][c], expected, what);
      // Scored alone, in a request of its own.
      expectNear(scorer_.score({{requests[r].prompt, {requests[r].continuations[c]}}})[0][0], expected, what + " alone");
    }
  }
  // No prefix cache: setting one changes nothing.
  scorer_.setSharedPrefix("Is this free software?");
  expectNear(scorer_.score({requests[0]})[0][3], batched[0][3], "after setSharedPrefix");
}

TEST_P(Seq2SeqScorerTest, RefusesAnEmptyRequestOrContinuation) {
  EXPECT_THROW(scorer_.score({{"a prompt", {}}}), std::invalid_argument);
  EXPECT_THROW(scorer_.score({{"a prompt", {"  "}}}), std::invalid_argument);
  EXPECT_TRUE(scorer_.score({}).empty());
  EXPECT_THROW(Seq2SeqScorer(std::make_shared<model::LoadedModel>(model::loadModel("stories260k"))),
               std::invalid_argument);
}

TEST_P(Seq2SeqScorerTest, GeneratesWhatTheDecoderGeneratesAndCutsAtAStopString) {
  const std::string prompt = "Permission is granted to copy, distribute and modify this document.";
  GenerationRequest request;
  request.sampling.max_new_tokens = 16;
  request.sampling.temperature = 1.0;  // t5-tiny's greedy choice is EOS at once; a seed repeats the draw
  request.sampling.seed = 5;
  const auto ids = model_->generate(model_->encodePrompt(prompt), request.sampling);
  auto text_ids = ids;
  if (!text_ids.empty() && text_ids.back() == *model_->special_tokens.eos) text_ids.pop_back();
  const auto free_text = scorer_.generate(prompt, request);
  EXPECT_EQ(free_text, model_->tokenizer->decode(text_ids));
  ASSERT_GE(free_text.size(), 4u) << "the random model wrote too little to cut";

  // A stop string from the middle of the text: generation ends once it appears (the decoder
  // runs fewer steps), and the text is cut before it.
  const auto stop = free_text.substr(free_text.size() / 2, 2);
  request.stop_strings = {stop};
  EXPECT_EQ(scorer_.generate(prompt, request), free_text.substr(0, free_text.find(stop)));
  std::size_t steps = 0;
  model::generateSeq2Seq(*model_->seq2seq.ptr(), model_->encodePrompt(prompt), request.sampling,
                         [&](const std::vector<std::int64_t>& so_far) {
                           steps = so_far.size();
                           return model_->tokenizer->decode(so_far).find(stop) != std::string::npos;
                         });
  EXPECT_LT(steps, ids.size());
}

// Six test examples of the Yelp split, with the scorer's template.
struct Yelp : YelpSplit {
  Yelp() : YelpSplit(6) {}
  PromptBuilder builder = makeBuilder();
};

TEST_P(Seq2SeqScorerTest, RankClassificationPicksTheLabelWhoseWordsAreLikeliest) {
  const Yelp y;
  DesignOptions options;
  options.shots.k = 2;
  options.shots.strategy = data::FewShotStrategy::Balanced;
  options.batch_size = 4;
  options.bootstrap.resamples = 100;
  for (const auto reduction : {Reduction::Sum, Reduction::Mean}) {
    options.reduction = reduction;
    const auto result = evaluateDesign(scorer_, y.builder, y.dataset, y.evaluated, y.splits.train, options);
    ASSERT_EQ(result.predictions.size(), y.evaluated.size());
    ASSERT_TRUE(result.metrics);
    for (std::size_t i = 0; i < y.evaluated.size(); ++i) {
      const auto prompt = result.prefix + y.builder.query(y.dataset.examples[y.evaluated[i]]);
      const auto& p = result.predictions[i];
      // Each label's score is its best word's sum (or mean) of token log-likelihoods.
      for (std::size_t k = 0; k < 2; ++k) {
        double best = -INFINITY;
        for (const auto& word : y.builder.verbalizer().words[k]) {
          const auto tokens = reference(prompt, word);
          double sum = 0.0;
          for (const double lp : tokens) sum += lp;
          best = std::max(best, reduction == Reduction::Sum ? sum : sum / static_cast<double>(tokens.size()));
        }
        EXPECT_NEAR(p.scores[k], best, 1e-5 * std::max(1.0, std::abs(best))) << "example " << i << ", label " << k;
      }
      EXPECT_EQ(p.predicted, p.scores[1] > p.scores[0] ? 1u : 0u);
    }
  }
}

TEST_P(Seq2SeqScorerTest, CalibratesAgainstTheContentFreeInputsAndRunsChainOfThought) {
  const Yelp y;
  DesignOptions options;
  options.bootstrap.resamples = 100;
  const auto raw = evaluateDesign(scorer_, y.builder, y.dataset, y.evaluated, y.splits.train, options);
  options.calibrate = true;
  const auto calibrated = evaluateDesign(scorer_, y.builder, y.dataset, y.evaluated, y.splits.train, options);
  const auto& p_cf = calibrated.content_free_probabilities;
  ASSERT_EQ(p_cf.size(), 2u);
  // The mean over "N/A", "" and "[MASK]" of the softmax of their label scores.
  double p_good = 0.0;
  for (const auto& input : options.content_free_inputs) {
    data::Example content_free;
    content_free.text = content_free.text_b = input;
    const auto scores = scorer_.score({{y.builder.query(content_free), continuationsOf(y.builder.verbalizer())}})[0];
    p_good += eval::softmax(labelScores(scores, y.builder.verbalizer(), Reduction::Sum))[1] / 3.0;
  }
  EXPECT_NEAR(p_cf[1], p_good, 1e-9);
  for (std::size_t i = 0; i < raw.predictions.size(); ++i) {
    const auto p = eval::softmax(raw.predictions[i].scores);
    for (std::size_t k = 0; k < 2; ++k) {
      EXPECT_NEAR(calibrated.predictions[i].scores[k], std::log(p[k]) - std::log(p_cf[k]), 1e-9);
    }
  }

  ChainOfThoughtOptions cot;
  cot.generation.sampling.max_new_tokens = 8;
  options.chain_of_thought = cot;
  const std::vector<std::size_t> two(y.evaluated.begin(), y.evaluated.begin() + 2);
  const auto reasoned = evaluateDesign(scorer_, y.builder, y.dataset, two, y.splits.train, options);
  ASSERT_EQ(reasoned.predictions.size(), 2u);
  ASSERT_TRUE(reasoned.metrics);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto query = y.builder.query(y.dataset.examples[two[i]]);
    EXPECT_EQ(reasoned.predictions[i].rationale, scorer_.generate(reasoningPrompt(query, cot), cot.generation));
  }
}

INSTANTIATE_TEST_SUITE_P(ReferenceT5, Seq2SeqScorerTest, ::testing::Values("t5-tiny", "t5-tiny-gated"),
                         [](const auto& info) {
                           auto name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace pwb::design
