#include "experiment/run_prompt.h"

#include "design/template_syntax.h"

namespace pwb::experiment {

design::PromptBuilder promptBuilderFor(const PromptSpec& prompt, const PreparedData& data) {
  design::Verbalizer verbalizer;
  for (const auto& [label, words] : prompt.verbalizer) {
    verbalizer.labels.push_back(label);
    verbalizer.words.push_back(words);
  }
  return design::PromptBuilder(design::parseTemplate(prompt.template_text),
                               design::orderForLabels(verbalizer, data.dataset.labels), data.columns);
}

}  // namespace pwb::experiment
