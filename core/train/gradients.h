#pragma once
// Operations on the gradients of a named parameter set between backward and the optimiser step.

#include "train/named_parameter.h"

namespace pwb::train {

// Divides every gradient by `divisor` (the loss units of a whole accumulated step).
void divideGradients(const NamedParameters& parameters, double divisor);

// The global L2 norm of all gradients (the norm of the per-tensor norms), returned as it was
// before clipping. When max_norm > 0 the gradients are scaled by min(1, max_norm / (norm + 1e-6)),
// as torch.nn.utils.clip_grad_norm_ does. Parameters without a gradient are skipped.
double clipGradientNorm(const NamedParameters& parameters, double max_norm);

}  // namespace pwb::train
