#include "dataset_import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <map>

#include "data/import.h"
#include "status_colours.h"

namespace pwb::ui {
namespace {

// Names people give these columns, most likely first.
const std::map<DatasetImportDialog::Role, QStringList>& guesses() {
  static const std::map<DatasetImportDialog::Role, QStringList> names = {
      {DatasetImportDialog::Role::Text, {QStringLiteral("text"), QStringLiteral("sentence"), QStringLiteral("sentence1"),
                                          QStringLiteral("review"), QStringLiteral("question"), QStringLiteral("content")}},
      {DatasetImportDialog::Role::TextB, {QStringLiteral("text_b"), QStringLiteral("sentence2"), QStringLiteral("hypothesis")}},
      {DatasetImportDialog::Role::Label, {QStringLiteral("label"), QStringLiteral("labels"), QStringLiteral("class"),
                                           QStringLiteral("category"), QStringLiteral("sentiment"), QStringLiteral("target")}},
      {DatasetImportDialog::Role::Id, {QStringLiteral("id"), QStringLiteral("idx"), QStringLiteral("guid")}}};
  return names;
}

data::Column columnFrom(const QComboBox* combo, bool by_index) {
  if (combo->currentIndex() <= 0) return {};
  if (by_index) return data::Column::at(static_cast<std::size_t>(combo->currentIndex() - 1));
  return data::Column(combo->currentText().toStdString());
}

}  // namespace

DatasetImportDialog::DatasetImportDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Import dataset"));
  path_ = new QLineEdit(this);
  path_->setReadOnly(true);
  auto* browse = new QPushButton(tr("Browse…"), this);
  connect(browse, &QPushButton::clicked, this, [this] {
    const auto file = QFileDialog::getOpenFileName(this, tr("Import dataset"), QString(),
                                                   tr("Data files (*.csv *.tsv *.tab *.jsonl *.ndjson);;All files (*)"));
    if (!file.isEmpty()) setFile(file);
  });
  format_ = new QComboBox(this);
  format_->addItem(tr("From the extension"), static_cast<int>(data::Format::Auto));
  format_->addItem(QStringLiteral("CSV"), static_cast<int>(data::Format::Csv));
  format_->addItem(QStringLiteral("TSV"), static_cast<int>(data::Format::Tsv));
  format_->addItem(QStringLiteral("JSONL"), static_cast<int>(data::Format::Jsonl));
  header_ = new QCheckBox(tr("First row names the columns"), this);
  header_->setChecked(true);
  for (auto** combo : {&text_, &text_b_, &label_, &id_}) {
    *combo = new QComboBox(this);
    connect(*combo, &QComboBox::currentIndexChanged, this, [this](int) {
      if (!updating_) startCheck();
    });
  }
  connect(format_, &QComboBox::currentIndexChanged, this, [this](int) { loadPreview(); });
  connect(header_, &QCheckBox::toggled, this, [this](bool) { loadPreview(); });

  auto* file_row = new QHBoxLayout;
  file_row->addWidget(path_, 1);
  file_row->addWidget(browse);
  auto* form = new QFormLayout;
  form->addRow(tr("File:"), file_row);
  form->addRow(tr("Format:"), format_);
  form->addRow(QString(), header_);
  form->addRow(tr("Text column:"), text_);
  form->addRow(tr("Second text (pairs):"), text_b_);
  form->addRow(tr("Label column:"), label_);
  form->addRow(tr("Id column:"), id_);

  preview_ = new QTableWidget(this);
  preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  preview_->setWordWrap(false);
  status_ = new QLabel(tr("Choose a file."), this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(&watcher_, &QFutureWatcher<CheckResult>::finished, this, [this] { showResult(watcher_.result()); });

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(preview_, 1);
  layout->addWidget(status_);
  layout->addWidget(buttons_);
  resize(900, 640);
}

DatasetImportDialog::~DatasetImportDialog() { watcher_.waitForFinished(); }

QComboBox* DatasetImportDialog::combo(Role role) const {
  switch (role) {
    case Role::Text: return text_;
    case Role::TextB: return text_b_;
    case Role::Label: return label_;
    case Role::Id: return id_;
  }
  return text_;
}

void DatasetImportDialog::setFile(const QString& file) {
  file_ = file;
  path_->setText(file);
  loadPreview();
}

void DatasetImportDialog::setColumn(Role role, const QString& column) {
  auto* box = combo(role);
  box->setCurrentIndex(column.isEmpty() ? 0 : std::max(0, box->findText(column)));
}

QString DatasetImportDialog::column(Role role) const {
  const auto* box = combo(role);
  return box->currentIndex() <= 0 ? QString() : box->currentText();
}

data::ImportOptions DatasetImportDialog::options() const {
  data::ImportOptions options;
  options.format = static_cast<data::Format>(format_->currentData().toInt());
  options.header = header_->isChecked();
  const bool by_index = !file_preview_.columns_are_names;
  options.columns.text = columnFrom(text_, by_index);
  options.columns.text_b = columnFrom(text_b_, by_index);
  options.columns.label = columnFrom(label_, by_index);
  options.columns.id = columnFrom(id_, by_index);
  return options;
}

void DatasetImportDialog::loadPreview() {
  if (file_.isEmpty()) return;
  try {
    file_preview_ = data::previewFile(file_.toStdString(), options());
  } catch (const std::exception& e) {
    file_preview_ = {};
    preview_->clear();
    status_->setText(QString::fromUtf8(e.what()));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    return;
  }
  preview_->clear();
  preview_->setColumnCount(static_cast<int>(file_preview_.columns.size()) + 1);
  preview_->setRowCount(static_cast<int>(file_preview_.rows.size()));
  QStringList headers = {tr("Line")};
  for (const auto& c : file_preview_.columns) headers << QString::fromStdString(c);
  preview_->setHorizontalHeaderLabels(headers);
  preview_->verticalHeader()->hide();
  for (int r = 0; r < preview_->rowCount(); ++r) {
    const auto& row = file_preview_.rows[static_cast<std::size_t>(r)];
    preview_->setItem(r, 0, new QTableWidgetItem(QString::number(row.line)));
    for (std::size_t c = 0; c < row.cells.size() && c < file_preview_.columns.size(); ++c) {
      // One line per cell, whatever the text holds.
      preview_->setItem(r, static_cast<int>(c) + 1,
                        new QTableWidgetItem(QString::fromStdString(row.cells[c]).replace(QLatin1Char('\n'), QChar(0x21B5))));
    }
  }
  preview_->resizeColumnsToContents();
  guessMapping();
  startCheck();
}

void DatasetImportDialog::guessMapping() {
  updating_ = true;
  for (const auto& [role, names] : guesses()) {
    auto* box = combo(role);
    const auto previous = box->currentText();
    box->clear();
    box->addItem(role == Role::Text || role == Role::Label ? tr("(choose a column)") : tr("(none)"));
    for (const auto& c : file_preview_.columns) box->addItem(QString::fromStdString(c));
    int chosen = box->findText(previous);
    for (int i = 0; chosen <= 0 && i < names.size(); ++i) {
      chosen = box->findText(names[i], Qt::MatchFixedString);  // case-insensitive
    }
    box->setCurrentIndex(std::max(0, chosen));
  }
  updating_ = false;
}

void DatasetImportDialog::startCheck() {
  dataset_.reset();
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
  if (file_.isEmpty()) return;
  if (watcher_.isRunning()) {
    recheck_ = true;
    return;
  }
  status_->setText(tr("Checking the whole file…"));
  const auto file = file_.toStdString();
  const auto options = this->options();
  watcher_.setFuture(QtConcurrent::run([file, options] {
    CheckResult result;
    try {
      result.dataset = data::importDataset(file, options);
    } catch (const data::DatasetError& e) {
      result.issues = e.issues();
      result.total_issues = e.totalIssues();
    } catch (const std::exception& e) {
      result.failure = QString::fromUtf8(e.what());
    }
    return result;
  }));
}

void DatasetImportDialog::showResult(const CheckResult& result) {
  if (recheck_) {
    recheck_ = false;
    startCheck();
    return;
  }
  std::map<std::size_t, QString> problems;  // line -> messages
  for (const auto& issue : result.issues) {
    auto& text = problems[issue.line];
    if (!text.isEmpty()) text += QLatin1Char('\n');
    text += tr("column %1: %2").arg(issue.column).arg(QString::fromStdString(issue.message));
  }
  for (int r = 0; r < preview_->rowCount(); ++r) {
    const auto found = problems.find(file_preview_.rows[static_cast<std::size_t>(r)].line);
    for (int c = 0; c < preview_->columnCount(); ++c) {
      auto* item = preview_->item(r, c);
      if (item == nullptr) preview_->setItem(r, c, item = new QTableWidgetItem);
      item->setBackground(found == problems.end() ? QBrush() : QBrush(errorBackground(palette())));
      item->setToolTip(found == problems.end() ? QString() : found->second);
    }
  }
  if (result.dataset) {
    dataset_ = result.dataset;
    QStringList counts;
    for (const auto& label : dataset_->labels) {
      const auto n = std::count_if(dataset_->examples.begin(), dataset_->examples.end(),
                                   [&label](const data::Example& e) { return e.label == label; });
      counts << QStringLiteral("%1 (%2)").arg(QString::fromStdString(label)).arg(n);
    }
    status_->setText(tr("%1 examples; labels: %2").arg(dataset_->examples.size()).arg(counts.join(QStringLiteral(", "))));
  } else if (!result.failure.isEmpty()) {
    status_->setText(result.failure);
  } else {
    QStringList lines;
    for (std::size_t i = 0; i < result.issues.size() && i < 5; ++i) {
      const auto& issue = result.issues[i];
      lines << (issue.line == 0 ? QString::fromStdString(issue.message)
                                : tr("line %1, column %2: %3").arg(issue.line).arg(issue.column).arg(QString::fromStdString(issue.message)));
    }
    status_->setText(tr("%n problem(s); rows in red have one (hover for details):", nullptr, static_cast<int>(result.total_issues)) +
                     QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
  }
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(dataset_.has_value());
  Q_EMIT checked(dataset_.has_value());
}

int DatasetImportDialog::markedRowCount() const {
  int marked = 0;
  for (int r = 0; r < preview_->rowCount(); ++r) {
    const auto* item = preview_->item(r, 0);
    marked += item != nullptr && !item->toolTip().isEmpty() ? 1 : 0;
  }
  return marked;
}

QString DatasetImportDialog::statusText() const { return status_->text(); }

}  // namespace pwb::ui
