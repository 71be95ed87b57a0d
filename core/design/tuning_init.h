#pragma once
// The bridge from prompt design to prompt tuning: a soft prompt initialised from text (PEFT's
// TEXT init) starts from the instruction of a designed prompt, so tuning can begin where the
// best hand-written prompt left off. Torch-free.

#include <string>

#include "design/prompt_builder.h"

namespace pwb::design {

// The template's instruction block as rendered ({{labels}} filled in), without the separator.
// Throws std::invalid_argument when the template has no instruction or it renders empty.
std::string promptTuningInitText(const PromptBuilder& builder);

}  // namespace pwb::design
