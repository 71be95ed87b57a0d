#pragma once
// Contextual calibration (Zhao et al. 2021, "Calibrate Before Use"): the prompt with a
// content-free input ("N/A", "", "[MASK]") in place of the text shows the label bias the
// template and demonstrations give the model; dividing each label's probability by that bias
// removes it. Torch-free.

#include <vector>

namespace pwb::design {

// p_cf: the mean over the content-free inputs of the softmax of their label scores.
// Throws std::invalid_argument when there are none or their label counts differ.
std::vector<double> contentFreeProbabilities(const std::vector<std::vector<double>>& content_free_scores);

// log p(label) − log p_cf(label), with p the softmax of `scores`. The ranking is that of Zhao
// et al.'s W = diag(p_cf)⁻¹, b = 0; the softmax of the result is p/p_cf renormalised (the paper
// takes a softmax over p/p_cf itself, which squeezes every confidence toward uniform).
std::vector<double> calibrateScores(const std::vector<double>& scores, const std::vector<double>& content_free);

}  // namespace pwb::design
