// The Prompt Design panel's data and checks: the dataset is prepared on a worker thread (split
// as the evaluation will split it), every control is checked as it changes (debounced), errors
// are shown inline, and the preview shows the prompt of the chosen example.

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTextBlock>
#include <QTime>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "data/builtin_datasets.h"
#include "dataset_chooser.h"
#include "design/template_syntax.h"
#include "design/verbalizer.h"
#include "experiment/experiment_grid.h"
#include "experiment/run_prompt.h"
#include "prompt_design_panel.h"
#include "status_colours.h"
#include "template_highlighter.h"

namespace pwb::ui {
namespace {

// "0, 4 8" -> {0, 4, 8}, in order, without repeats. Throws std::invalid_argument naming the
// item that is not a non-negative integer.
template <class Int>
std::vector<Int> integerList(const QString& text, const QString& what) {
  std::vector<Int> values;
  const auto items = text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
  for (const auto& item : items) {
    bool ok = false;
    const auto value = item.toULongLong(&ok);
    if (!ok) throw std::invalid_argument(QStringLiteral("%1: \"%2\" is not a whole number ≥ 0").arg(what, item).toStdString());
    if (std::find(values.begin(), values.end(), static_cast<Int>(value)) == values.end()) values.push_back(static_cast<Int>(value));
  }
  if (values.empty()) throw std::invalid_argument(QStringLiteral("%1: give at least one value").arg(what).toStdString());
  return values;
}

}  // namespace

QString PromptDesignPanel::errorText() const { return error_->text(); }

QString PromptDesignPanel::previewText() const { return preview_->toPlainText(); }

experiment::DatasetSpec PromptDesignPanel::datasetSpec() const {
  auto spec = dataset_->spec();
  spec.test_limit = limit_->value();
  return spec;
}

void PromptDesignPanel::loadData() {
  if (loading_.isRunning()) {
    reload_ = true;
    return;
  }
  data_.reset();
  highlighter_->setKnownVariables(std::nullopt);
  updateActions();
  preview_title_->setText(tr("Loading %1…").arg(dataset_->currentText()));
  const auto spec = datasetSpec();
  loading_.setFuture(QtConcurrent::run([spec] {
    LoadedData loaded;
    try {
      loaded.data = std::make_shared<const experiment::PreparedData>(experiment::prepareData(spec));
    } catch (const std::exception& e) {
      loaded.error = QString::fromUtf8(e.what());
    }
    return loaded;
  }));
}

void PromptDesignPanel::onDataLoaded() {
  if (reload_) {
    reload_ = false;
    loadData();
    return;
  }
  const auto loaded = loading_.result();
  if (!loaded.error.isEmpty()) {
    preview_title_->setText(tr("The dataset could not be read: %1").arg(loaded.error));
    Q_EMIT message(preview_title_->text());
    return;
  }
  data_ = loaded.data;
  // Label words that do not fit the new dataset's labels give way to its label names.
  try {
    design::orderForLabels(design::parseVerbalizer(verbalizer_->text().toStdString()), data_->dataset.labels);
  } catch (const std::invalid_argument&) {
    const auto spec = dataset_->spec();
    if (!spec.builtin.empty()) {
      QStringList words;
      for (const auto& label : data::builtinDataset(spec.builtin).labels) {
        words << QString::fromStdString(label.value + "=" + label.name);
      }
      verbalizer_->setText(words.join(QLatin1Char(',')));
    }
  }
  example_->setRange(1, std::max(1, static_cast<int>(data_->splits.test.size())));
  QStringList variables;
  for (const auto& name : design::PromptBuilder::variableNames(data_->dataset)) variables << QString::fromStdString(name);
  highlighter_->setKnownVariables(variables);
  fillRationaleChooser();
  refresh();
  Q_EMIT dataReady();
}

void PromptDesignPanel::scheduleRefresh() { refresh_timer_.start(); }

experiment::DesignStudy PromptDesignPanel::study(bool checked_templates) const {
  experiment::DesignStudy study;
  study.model = model_->currentData().toString().toStdString();
  study.dataset = datasetSpec();
  study.name = tr("prompt design · %1 · %2")
                   .arg(dataset_->shortName(),
                        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
                   .toStdString();
  for (int i = 0; i < templates_->count(); ++i) {
    const auto* item = templates_->item(i);
    const bool wanted = checked_templates ? item->checkState() == Qt::Checked : item == templates_->currentItem();
    if (wanted) study.templates.push_back({item->text().trimmed().toStdString(), item->data(Qt::UserRole).toString().toStdString()});
  }
  study.shots = integerList<std::int64_t>(shots_->text(), tr("Shots"));
  study.seeds = integerList<std::uint64_t>(seeds_->text(), tr("Seeds"));
  study.selection = selection_->currentData().toString().toStdString();
  const auto verbalizer = design::parseVerbalizer(verbalizer_->text().toStdString());
  for (std::size_t k = 0; k < verbalizer.labels.size(); ++k) study.verbalizer[verbalizer.labels[k]] = verbalizer.words[k];
  study.calibrate = calibrate_->isChecked();
  study.chain_of_thought = cot_->isChecked();
  study.cot_trigger = cot_trigger_->text().toStdString();
  if (const auto rationale = cot_rationale_->currentData(); rationale.isValid()) {
    study.cot_rationale_column = rationale.toString().toStdString();
  }
  return study;
}

std::optional<design::PromptBuilder> PromptDesignPanel::currentBuilder() const {
  if (!data_) return std::nullopt;
  try {
    const auto verbalizer = design::orderForLabels(design::parseVerbalizer(verbalizer_->text().toStdString()),
                                                   data_->dataset.labels);
    return design::PromptBuilder(design::parseTemplate(editor_->toPlainText().toStdString()), verbalizer, data_->dataset);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

QString PromptDesignPanel::currentInstruction() const {
  if (const auto builder = currentBuilder()) return QString::fromStdString(builder->instruction());
  return instruction_->toPlainText().trimmed();
}

QString PromptDesignPanel::currentTemplate() const { return editor_->toPlainText(); }

QString PromptDesignPanel::labelWords() const { return verbalizer_->text(); }

void PromptDesignPanel::refresh() {
  refresh_timer_.stop();
  errors_.clear();
  editor_->setExtraSelections({});
  const auto text = editor_->toPlainText().toStdString();
  // Each check on its own, so that one error does not hide the others.
  const auto check = [this](const QString& what, const auto& step) {
    try {
      step();
    } catch (const design::TemplateError& e) {
      markTemplateError(e.position().line, e.position().column);
      errors_ << tr("Template: %1").arg(QString::fromUtf8(e.what()));
    } catch (const std::exception& e) {
      errors_ << (what.isEmpty() ? QString::fromUtf8(e.what()) : tr("%1: %2").arg(what, QString::fromUtf8(e.what())));
    }
  };
  check({}, [&] { design::parseTemplate(text); });
  std::optional<design::Verbalizer> verbalizer;
  check(tr("Label words"), [&] { verbalizer = design::parseVerbalizer(verbalizer_->text().toStdString()); });
  std::optional<experiment::DesignStudy> current;
  if (verbalizer) check({}, [&] { current = study(false); });
  if (data_ && errors_.isEmpty()) {
    check(tr("Label words"), [&] { verbalizer = design::orderForLabels(*verbalizer, data_->dataset.labels); });
    // Unknown variables are known only now, with the dataset's columns.
    if (errors_.isEmpty()) check({}, [&] { design::PromptBuilder(design::parseTemplate(text), *verbalizer, data_->dataset); });
    // The other checked templates run too: each must bind as well.
    for (int i = 0; errors_.isEmpty() && i < templates_->count(); ++i) {
      const auto* item = templates_->item(i);
      if (item == templates_->currentItem() || item->checkState() != Qt::Checked) continue;
      try {
        design::PromptBuilder(design::parseTemplate(item->data(Qt::UserRole).toString().toStdString()), *verbalizer,
                              data_->dataset);
      } catch (const std::exception& e) {
        errors_ << tr("Template \"%1\" (select it to edit): %2").arg(item->text(), QString::fromUtf8(e.what()));
      }
    }
  }
  QStringList names;
  for (int i = 0; i < templates_->count(); ++i) {
    const auto name = templates_->item(i)->text().trimmed();
    if (name.isEmpty()) errors_ << tr("Template %1 has no name; double-click it to give one").arg(i + 1);
    if (names.contains(name)) errors_ << tr("Two templates are named \"%1\"; rename one (double-click it)").arg(name);
    names << name;
  }
  if (current && data_ && errors_.isEmpty()) check(tr("Preview"), [&] { showPreview(*current); });
  if (!errors_.isEmpty()) {
    preview_->clear();
    preview_title_->setText(data_ ? tr("(fix the error on the left)") : preview_title_->text());
  }
  error_->setText(errors_.join(QLatin1Char('\n')));
  const auto instruction = currentInstruction();
  if (instruction != last_instruction_) {
    last_instruction_ = instruction;
    Q_EMIT instructionChanged(instruction);
  }
  updateActions();
}

void PromptDesignPanel::showPreview(const experiment::DesignStudy& current) {
  // The fullest prompt of the grid: its largest k, with its first seed.
  auto one = current;
  one.shots = {*std::max_element(current.shots.begin(), current.shots.end())};
  one.seeds = {current.seeds.front()};
  const auto run = experiment::expandExperiment(experiment::experimentOf(one)).front();
  const auto index = static_cast<std::size_t>(example_->value() - 1);
  const auto prompt = experiment::previewPrompt(run.spec, run.seed, *data_, index);
  const auto& example = data_->dataset.examples[data_->splits.test[index]];
  preview_->setPlainText(QString::fromStdString(prompt));
  preview_title_->setText(tr("of %1 · %2-shot, seed %3 · gold %4")
                              .arg(data_->splits.test.size())
                              .arg(one.shots.front())
                              .arg(run.seed)
                              .arg(QString::fromStdString(example.label)));
  preview_title_->setToolTip(tr("The prompt of this test example with the grid's largest k and first seed; the "
                                "label words are scored right after it"));
}

void PromptDesignPanel::fillRationaleChooser() {
  filling_rationale_ = true;
  cot_rationale_->clear();
  cot_rationale_->addItem(tr("rationale: automatic"));
  cot_rationale_->addItem(tr("no rationale"), QString(QLatin1String("")));
  if (data_) {
    const auto& roles = data_->dataset.roles;
    for (const auto& column : data_->dataset.columns) {
      if (column == roles.text || column == roles.text_b || column == roles.label || column == roles.id) continue;
      cot_rationale_->addItem(tr("rationale: %1").arg(QString::fromStdString(column)), QString::fromStdString(column));
    }
  }
  const auto wanted = wanted_rationale_.isValid() ? cot_rationale_->findData(wanted_rationale_) : 0;
  cot_rationale_->setCurrentIndex(std::max(0, wanted));
  filling_rationale_ = false;
}

void PromptDesignPanel::markTemplateError(std::size_t line, std::size_t column) {
  const auto block = editor_->document()->findBlockByNumber(static_cast<int>(line) - 1);
  if (!block.isValid()) return;
  QTextCursor cursor(block);
  cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, static_cast<int>(column) - 1);
  // The whole tag when the error is at one, else one character.
  const auto rest = block.text().mid(static_cast<int>(column) - 1);
  const auto close = rest.startsWith(QStringLiteral("{{")) ? rest.indexOf(QStringLiteral("}}")) : -1;
  cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, close >= 0 ? close + 2 : 1);
  QTextEdit::ExtraSelection mark;
  mark.cursor = cursor;
  mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
  QColor error = errorColour(palette());
  mark.format.setUnderlineColor(error);
  error.setAlpha(48);
  mark.format.setBackground(error);
  editor_->setExtraSelections({mark});
}

}  // namespace pwb::ui
