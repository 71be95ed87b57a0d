#include "design/tuning_init.h"

#include <stdexcept>

namespace pwb::design {

std::string promptTuningInitText(const PromptBuilder& builder) {
  auto text = builder.instruction();
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) {
    throw std::invalid_argument("the template has no {{#instruction}} text to initialise a soft prompt from");
  }
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace pwb::design
