#include "design_results_view.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>
#include <unordered_map>

#include "store/experiment_store.h"
#include "status_colours.h"

namespace pwb::ui {
namespace {

enum GridColumn { kTemplate, kShots, kSeed, kAccuracy, kMacroF1, kExamples, kStatus, kRun, kGridColumns };

QString intervalText(const std::optional<eval::ConfidenceInterval>& ci) {
  if (!ci) return QStringLiteral("—");
  return QStringLiteral("%1  [%2, %3]").arg(ci->estimate, 0, 'f', 3).arg(ci->lower, 0, 'f', 3).arg(ci->upper, 0, 'f', 3);
}

// A read-only cell; `value` (when valid) is what sorting and tests read.
QTableWidgetItem* cell(const QString& text, const QVariant& value = {}) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (value.isValid()) item->setData(Qt::UserRole, value);
  return item;
}

QTableWidget* table(QWidget* parent, const QStringList& headers) {
  auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
  t->setHorizontalHeaderLabels(headers);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->verticalHeader()->setVisible(false);
  t->horizontalHeader()->setStretchLastSection(true);
  return t;
}

}  // namespace

void DesignResultsView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() != QEvent::PaletteChange) return;
  // The prediction column's colours were chosen for the old palette.
  for (int row = 0; row < examples_->rowCount(); ++row) {
    if (auto* predicted = examples_->item(row, 2)) {
      predicted->setForeground(predicted->data(Qt::UserRole).toBool() ? successColour(palette()) : errorColour(palette()));
    }
  }
}

DesignResultsView::DesignResultsView(QString database_file, QWidget* parent)
    : QWidget(parent),
      database_file_(std::move(database_file)),
      grid_(table(this, {tr("Template"), tr("k"), tr("Seed"), tr("Accuracy [95% CI]"), tr("Macro-F1 [95% CI]"),
                         tr("Examples"), tr("Status"), tr("Run")})),
      examples_title_(new QLabel(tr("Select a cell of the grid to see its examples."), this)),
      examples_(table(this, {})) {
  grid_->setObjectName(QStringLiteral("designGrid"));
  examples_->setObjectName(QStringLiteral("designExamples"));
  examples_->setWordWrap(false);
  examples_title_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(grid_, 2);
  layout->addWidget(examples_title_);
  layout->addWidget(examples_, 3);
  connect(grid_, &QTableWidget::currentCellChanged, this, [this](int row) { showExamples(row); });
}

void DesignResultsView::clear() {
  cells_.clear();
  grid_->setRowCount(0);
  examples_->setRowCount(0);
  examples_title_->setText(tr("Select a cell of the grid to see its examples."));
}

void DesignResultsView::showOutcome(const DesignOutcome& outcome, std::shared_ptr<const experiment::PreparedData> data) {
  clear();
  cells_ = outcome.cells;
  label_words_ = outcome.label_words;
  data_ = std::move(data);
  grid_->setRowCount(static_cast<int>(cells_.size()));
  for (int row = 0; row < cells_.size(); ++row) {
    const auto& c = cells_[row];
    grid_->setItem(row, kTemplate, cell(c.template_name));
    grid_->setItem(row, kShots, cell(QString::number(c.shots), c.shots));
    grid_->setItem(row, kSeed, cell(QString::number(c.seed), c.seed));
    grid_->setItem(row, kAccuracy, cell(intervalText(c.accuracy), c.accuracy ? QVariant(c.accuracy->estimate) : QVariant()));
    grid_->setItem(row, kMacroF1, cell(intervalText(c.macro_f1), c.macro_f1 ? QVariant(c.macro_f1->estimate) : QVariant()));
    grid_->setItem(row, kExamples, cell(QString::number(c.examples), c.examples));
    grid_->setItem(row, kStatus, cell(c.status));
    grid_->setItem(row, kRun, cell(QString::number(c.run_id), c.run_id));
  }
  grid_->resizeColumnsToContents();
  if (!cells_.isEmpty()) grid_->setCurrentCell(0, kTemplate);
}

void DesignResultsView::showExamples(int grid_row) {
  examples_->setRowCount(0);
  if (grid_row < 0 || grid_row >= cells_.size() || !data_) return;
  const auto& c = cells_[grid_row];
  std::vector<store::PredictionRecord> predictions;
  try {
    predictions = store::ExperimentStore(database_file_.toStdString()).predictions(c.run_id, "test");
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(tr("Could not read the predictions of run %1: %2").arg(c.run_id).arg(QString::fromUtf8(e.what())));
    return;
  }
  const auto& labels = data_->dataset.labels;
  bool rationale = false;
  for (const auto& p : predictions) rationale = rationale || !p.rationale.empty();
  QStringList headers = {tr("Input"), tr("Gold"), tr("Prediction")};
  for (const auto& label : labels) {
    const auto value = QString::fromStdString(label);
    const auto word = label_words_.value(value);
    headers << (word.isEmpty() || word == value ? tr("Score %1").arg(value) : tr("Score %1 (%2)").arg(value, word));
  }
  if (rationale) headers << tr("Rationale");
  examples_->setColumnCount(static_cast<int>(headers.size()));
  examples_->setHorizontalHeaderLabels(headers);

  std::unordered_map<std::string, const data::Example*> by_id;
  for (const auto& example : data_->dataset.examples) by_id.emplace(example.id, &example);
  examples_->setRowCount(static_cast<int>(predictions.size()));
  for (int row = 0; row < static_cast<int>(predictions.size()); ++row) {
    const auto& p = predictions[static_cast<std::size_t>(row)];
    const auto found = by_id.find(p.example_id);
    auto input = found == by_id.end() ? tr("(example %1)").arg(QString::fromStdString(p.example_id))
                                      : QString::fromStdString(found->second->text);
    if (found != by_id.end() && !found->second->text_b.empty()) {
      input += QStringLiteral("  ‖  ") + QString::fromStdString(found->second->text_b);  // a sentence pair
    }
    auto* input_item = cell(input);
    input_item->setToolTip(input);
    examples_->setItem(row, 0, input_item);
    examples_->setItem(row, 1, cell(QString::fromStdString(p.gold)));
    auto* predicted = cell(QString::fromStdString(p.predicted) + (p.correct ? QStringLiteral("  ✓") : QStringLiteral("  ✗")),
                           p.correct);
    predicted->setForeground(p.correct ? successColour(palette()) : errorColour(palette()));
    examples_->setItem(row, 2, predicted);
    for (std::size_t k = 0; k < labels.size(); ++k) {
      const auto score = p.scores.find(labels[k]);
      examples_->setItem(row, 3 + static_cast<int>(k),
                         score == p.scores.end() ? cell(QStringLiteral("—"))
                                                 : cell(QString::number(score->second, 'f', 3), score->second));
    }
    if (rationale) {
      auto* item = cell(QString::fromStdString(p.rationale).simplified());
      item->setToolTip(QString::fromStdString(p.rationale));
      examples_->setItem(row, static_cast<int>(headers.size()) - 1, item);
    }
  }
  examples_->resizeColumnsToContents();
  // Input and rationale may be long: they share the room the short columns leave (their full
  // text in the tooltip); the rationale, last, stretches.
  const int last = examples_->columnCount() - 1;
  int short_columns = 0;
  for (int c = 1; c <= last; ++c) short_columns += rationale && c == last ? 0 : examples_->columnWidth(c);
  const int room = examples_->viewport()->width() - short_columns - examples_->verticalScrollBar()->sizeHint().width();
  examples_->setColumnWidth(0, qMin(examples_->columnWidth(0), qMax(160, rationale ? room / 2 : room)));
  examples_title_->setText(tr("%1, k = %2, seed %3: %4 examples (run %5)")
                               .arg(c.template_name)
                               .arg(c.shots)
                               .arg(c.seed)
                               .arg(predictions.size())
                               .arg(c.run_id));
}

}  // namespace pwb::ui
