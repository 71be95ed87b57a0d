#include "run_browser.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <set>

#include "run_adapter.h"
#include "run_comparison_dialog.h"
#include "run_detail.h"
#include "run_table_model.h"
#include "store/run_adapter_files.h"
#include "store/stored_run_comparison.h"

namespace pwb::ui {
namespace {

// Text matches any column; the status must equal the chosen one when one is chosen.
class RunFilter : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;

  void setStatus(const QString& status) {
    status_ = status;
    invalidateFilter();
  }

 protected:
  bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override {
    if (!status_.isEmpty()) {
      const auto status = sourceModel()->index(source_row, RunTableModel::Status, source_parent).data().toString();
      if (status != status_) return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(source_row, source_parent);
  }

 private:
  QString status_;
};

const std::vector<std::pair<QString, store::ExportKind>>& exportKinds() {
  static const std::vector<std::pair<QString, store::ExportKind>> kinds = {
      {QObject::tr("Runs summary"), store::ExportKind::Runs},
      {QObject::tr("Metric curves (long format)"), store::ExportKind::Metrics},
      {QObject::tr("Per-example predictions"), store::ExportKind::Predictions},
      {QObject::tr("Comparison table (one row per example)"), store::ExportKind::Comparison}};
  return kinds;
}

}  // namespace

RunBrowser::RunBrowser(QWidget* parent) : QWidget(parent) {
  model_ = new RunTableModel(this);
  auto* filter = new RunFilter(this);
  proxy_ = filter;
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(Qt::UserRole);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter runs by name, kind or method"));
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) { proxy_->setFilterFixedString(text); });
  status_ = new QComboBox(this);
  status_->addItem(tr("Any status"), QString());
  for (const auto* s : {"finished", "running", "queued", "failed", "cancelled", "interrupted"}) {
    status_->addItem(QString::fromLatin1(s), QString::fromLatin1(s));
  }
  connect(status_, &QComboBox::currentIndexChanged, this,
          [this, filter](int) { filter->setStatus(status_->currentData().toString()); });
  auto* reload = new QPushButton(tr("Reload"), this);
  connect(reload, &QPushButton::clicked, this, &RunBrowser::refresh);
  compare_ = new QPushButton(tr("Compare two…"), this);
  compare_->setToolTip(tr("Select exactly two runs to compare them example by example"));
  connect(compare_, &QPushButton::clicked, this, &RunBrowser::compareSelected);
  export_ = new QPushButton(tr("Export CSV…"), this);
  export_->setToolTip(tr("Write the selected runs (or every run) as CSV"));
  connect(export_, &QPushButton::clicked, this, &RunBrowser::exportWithDialog);
  export_adapter_ = new QPushButton(tr("Export adapter…"), this);
  export_adapter_->setToolTip(tr("Copy the selected run's adapter (PEFT's layout) into a folder"));
  connect(export_adapter_, &QPushButton::clicked, this, [this] {
    const auto folder = QFileDialog::getExistingDirectory(this, tr("Export adapter into"));
    if (!folder.isEmpty()) exportAdapterTo(folder);
  });
  words_ = new QPushButton(tr("Soft prompt as words"), this);
  words_->setToolTip(tr("Show each virtual token of the selected run's soft prompt as its nearest vocabulary tokens"));
  connect(words_, &QPushButton::clicked, this, &RunBrowser::showSoftPromptWords);
  soft_prompt_step_ = new QComboBox(this);
  soft_prompt_step_->setObjectName(QStringLiteral("softPromptStep"));
  soft_prompt_step_->setToolTip(tr("The training step whose soft prompt is shown as words (every checkpoint "
                                   "keeps one)"));

  table_ = new QTableView(this);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(RunTableModel::Id, Qt::DescendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(RunTableModel::Name, QHeaderView::Stretch);
  table_->setAlternatingRowColors(true);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
    showDetail();
    updateButtons();
  });

  detail_ = new QTextBrowser(this);
  detail_->setPlaceholderText(tr("Select a run to see its configuration, metrics, artifacts and log."));

  auto* controls = new QHBoxLayout;
  controls->addWidget(filter_, 1);
  controls->addWidget(status_);
  controls->addWidget(reload);
  controls->addWidget(compare_);
  controls->addWidget(export_);
  controls->addWidget(export_adapter_);
  controls->addWidget(words_);
  controls->addWidget(soft_prompt_step_);
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(table_);
  splitter->addWidget(detail_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(controls);
  layout->addWidget(splitter, 1);
  updateButtons();
}

void RunBrowser::setDatabase(const QString& file) {
  database_ = file;
  refresh();
}

void RunBrowser::refresh() {
  const auto selected = selectedRunIds();
  try {
    if (database_.isEmpty()) {
      model_->setRows({});
    } else {
      const store::ExperimentStore store(database_.toStdString());
      model_->setRows(loadRunRows(store));
    }
  } catch (const std::exception& e) {
    model_->setRows({});
    Q_EMIT errorOccurred(tr("Cannot read the experiment database %1: %2").arg(database_, QString::fromUtf8(e.what())));
  }
  selectRuns(selected);
  table_->resizeColumnsToContents();
  updateButtons();
}

int RunBrowser::visibleRunCount() const { return proxy_->rowCount(); }

std::int64_t RunBrowser::visibleRunId(int view_row) const {
  return model_->row(proxy_->mapToSource(proxy_->index(view_row, 0)).row()).run.id;
}

std::vector<std::int64_t> RunBrowser::selectedRunIds() const {
  std::vector<std::int64_t> ids;
  if (table_ == nullptr) return ids;
  auto rows = table_->selectionModel()->selectedRows();
  std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
  for (const auto& index : rows) ids.push_back(model_->row(proxy_->mapToSource(index).row()).run.id);
  return ids;
}

void RunBrowser::selectRuns(const std::vector<std::int64_t>& ids) {
  const std::set<std::int64_t> wanted(ids.begin(), ids.end());
  QItemSelection selection;
  for (int row = 0; row < proxy_->rowCount(); ++row) {
    if (wanted.count(visibleRunId(row)) != 0) {
      selection.select(proxy_->index(row, 0), proxy_->index(row, RunTableModel::ColumnCount - 1));
    }
  }
  table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void RunBrowser::sortByColumn(int column, Qt::SortOrder order) { table_->sortByColumn(column, order); }

void RunBrowser::setFilterText(const QString& text) { filter_->setText(text); }

void RunBrowser::setStatusFilter(const QString& status) {
  const int index = status_->findData(status);
  status_->setCurrentIndex(index < 0 ? 0 : index);
}

QString RunBrowser::detailHtml() const { return detail_->toHtml(); }

void RunBrowser::showDetail() {
  const auto ids = selectedRunIds();
  if (ids.size() != 1 || database_.isEmpty()) {
    detail_->clear();
    return;
  }
  try {
    const store::ExperimentStore store(database_.toStdString());
    detail_->setHtml(runDetailHtml(store, ids.front()));
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
  }
}

void RunBrowser::updateButtons() {
  const auto ids = selectedRunIds();
  compare_->setEnabled(ids.size() == 2);
  export_->setEnabled(model_->rowCount() > 0);
  std::optional<RunAdapter> adapter;
  if (ids.size() == 1 && !database_.isEmpty()) {
    try {
      adapter = runAdapter(store::ExperimentStore(database_.toStdString()), ids.front());
    } catch (const std::exception&) {
      // an unreadable database has been reported by refresh()
    }
  }
  export_adapter_->setEnabled(adapter.has_value());
  words_->setEnabled(adapter && hasSoftPrompt(*adapter));
  showSoftPromptSteps(adapter && hasSoftPrompt(*adapter) ? adapter->snapshots : std::vector<store::AdapterSnapshot>{});
}

void RunBrowser::showSoftPromptSteps(const std::vector<store::AdapterSnapshot>& snapshots) {
  QList<qlonglong> steps;
  for (const auto& s : snapshots) steps.push_back(s.step);
  QList<qlonglong> shown;
  for (int i = 0; i < soft_prompt_step_->count(); ++i) shown.push_back(soft_prompt_step_->itemData(i).toLongLong());
  soft_prompt_step_->setEnabled(!steps.isEmpty());
  if (steps == shown) return;  // the same run still: keep the user's choice
  soft_prompt_step_->clear();
  for (const auto step : steps) soft_prompt_step_->addItem(tr("step %1").arg(step), step);
  soft_prompt_step_->setCurrentIndex(soft_prompt_step_->count() - 1);  // the last: the final soft prompt
}

QList<qlonglong> RunBrowser::softPromptSteps() const {
  QList<qlonglong> steps;
  for (int i = 0; i < soft_prompt_step_->count(); ++i) steps.push_back(soft_prompt_step_->itemData(i).toLongLong());
  return steps;
}

void RunBrowser::chooseSoftPromptStep(qlonglong step) {
  const auto index = soft_prompt_step_->findData(step);
  if (index >= 0) soft_prompt_step_->setCurrentIndex(index);
}

bool RunBrowser::exportAdapterTo(const QString& folder) {
  const auto ids = selectedRunIds();
  try {
    const auto adapter =
        ids.size() == 1 ? runAdapter(store::ExperimentStore(database_.toStdString()), ids.front()) : std::nullopt;
    if (!adapter) throw std::runtime_error("select one run that stored an adapter");
    store::copyAdapterFiles(adapter->folder, folder.toStdString());
    return true;
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(tr("Cannot export the adapter: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
}

void RunBrowser::showSoftPromptWords() {
  const auto ids = selectedRunIds();
  std::optional<RunAdapter> adapter;
  try {
    if (ids.size() == 1) adapter = runAdapter(store::ExperimentStore(database_.toStdString()), ids.front());
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
    return;
  }
  if (!adapter || !hasSoftPrompt(*adapter)) return;
  std::optional<std::int64_t> step;
  if (soft_prompt_step_->currentIndex() >= 0) step = soft_prompt_step_->currentData().toLongLong();
  words_->setEnabled(false);
  const auto run_id = ids.front();
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, run_id] {
    watcher->deleteLater();
    const auto html = watcher->result();
    const auto now = selectedRunIds();
    if (now.size() == 1 && now.front() == run_id) detail_->setHtml(detail_->toHtml() + html);
    updateButtons();
    Q_EMIT softPromptShown();
  });
  constexpr std::int64_t kNeighbours = 5;
  watcher->setFuture(QtConcurrent::run([adapter = *adapter, step] {
    try {
      return softPromptWordsHtml(adapter, kNeighbours, step);
    } catch (const std::exception& e) {
      return QObject::tr("<h4>Soft prompt as words</h4><p>Cannot show it: %1</p>")
          .arg(QString::fromUtf8(e.what()).toHtmlEscaped());
    }
  }));
}

void RunBrowser::compareSelected() {
  const auto ids = selectedRunIds();
  if (ids.size() != 2) return;
  try {
    const store::ExperimentStore store(database_.toStdString());
    const auto comparison = store::compareStoredRuns(store, ids[0], ids[1]);
    const auto name = [&store](std::int64_t id) {
      return QStringLiteral("%1 %2").arg(id).arg(QString::fromStdString(store.run(id)->name));
    };
    auto* dialog = new RunComparisonDialog(comparison, name(ids[0]), name(ids[1]), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(tr("Cannot compare runs %1 and %2: %3").arg(ids[0]).arg(ids[1]).arg(QString::fromUtf8(e.what())));
  }
}

std::size_t RunBrowser::exportSelection(store::ExportKind kind, const QString& file) const {
  const store::ExperimentStore store(database_.toStdString());
  return store::exportCsv(store, kind, selectedRunIds(), file.toStdString());
}

void RunBrowser::exportWithDialog() {
  QStringList names;
  for (const auto& [name, kind] : exportKinds()) names << name;
  bool chosen = false;
  const auto choice = QInputDialog::getItem(this, tr("Export CSV"), tr("What to export:"), names, 0, false, &chosen);
  if (!chosen) return;
  const auto file = QFileDialog::getSaveFileName(this, tr("Export CSV"), QString(), tr("CSV files (*.csv)"));
  if (file.isEmpty()) return;
  const auto kind = exportKinds().at(static_cast<std::size_t>(names.indexOf(choice))).second;
  try {
    exportSelection(kind, file);
  } catch (const std::exception& e) {
    Q_EMIT errorOccurred(tr("Export failed: %1").arg(QString::fromUtf8(e.what())));
  }
}

}  // namespace pwb::ui
