#pragma once
// A small, fast base experiment for tuning runs in UI tests: the built-in stories260k model and
// UCI Yelp sentences, 32 training examples, 16 validation and 24 test sentences, the method
// ladder's prompt; and settings that make a run short.

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSpinBox>
#include <QString>

#include <nlohmann/json.hpp>

#include "hyperparameter_form.h"
#include "method_options_form.h"
#include "tuning_panel.h"

namespace pwb::test {

inline QString writeSmallTuningBase(const QDir& dir) {
  const nlohmann::json base = {
      {"format_version", 1},
      {"name", "small tuning base"},
      {"models", {"stories260k"}},
      {"dataset",
       {{"builtin", "uci_yelp"},
        {"splits", {{"validation", 0.1}, {"test", 0.2}, {"seed", 0}}},
        {"limits", {{"validation", 16}, {"test", 24}}}}},
      {"seeds", {0}},
      {"train_sizes", {32}},
      {"prompt",
       {{"template", "{{#instruction}}\nSay if the review is good or bad.\n{{/instruction}}\n\n"
                     "{{#example}}\nReview: {{text}}\nIt was {{label}}\n{{/example}}"},
        {"verbalizer", {{"0", "bad"}, {"1", "good"}}}}},
      {"runs", nlohmann::json::array({{{"name", "zero-shot"}, {"kind", "design"}}})}};
  const auto file = dir.filePath(QStringLiteral("small-tuning.json"));
  QFile out(file);
  out.open(QIODevice::WriteOnly);
  out.write(QByteArray::fromStdString(base.dump(2)));
  return file;
}

inline void setSpin(QWidget* field, int value) { qobject_cast<QSpinBox*>(field)->setValue(value); }

// LoRA r 8 (PEFT's defaults otherwise), batch 4, `steps` steps, evaluation every `eval_every`.
inline void setShortLoraRun(ui::TuningPanel& panel, const QString& name, int steps, int eval_every,
                            int checkpoint_every = 0) {
  panel.methodForm()->setMethodName(QStringLiteral("lora"));
  auto* hyper = panel.hyperparameters();
  setSpin(hyper->field(QStringLiteral("steps")), steps);
  setSpin(hyper->field(QStringLiteral("batch_size")), 4);
  setSpin(hyper->field(QStringLiteral("eval_every")), eval_every);
  setSpin(hyper->field(QStringLiteral("checkpoint_every")), checkpoint_every);
  panel.findChild<QLineEdit*>(QStringLiteral("tuningRunName"))->setText(name);
}

}  // namespace pwb::test
