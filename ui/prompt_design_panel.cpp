#include "prompt_design_panel.h"


#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include "model/model_source.h"
#include "dataset_chooser.h"
#include "design/template_instruction.h"
#include "design_results_view.h"
#include "status_colours.h"
#include "template_highlighter.h"

namespace pwb::ui {
namespace {

// The method ladder's prompt (experiments/method-ladder.json), a sensible first template.
constexpr char kFirstTemplate[] =
    "{{#instruction}}\nSay if the review is good or bad.\n{{/instruction}}\n\n"
    "{{#example}}\nReview: {{text}}\nIt was {{label}}\n{{/example}}";

QPlainTextEdit* codeEditor(QWidget* parent, int lines) {
  auto* edit = new QPlainTextEdit(parent);
  QFont fixed;  // the family only: the size follows the application's (presentation mode)
  fixed.setFamily(QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
  fixed.setStyleHint(QFont::TypeWriter);
  edit->setFont(fixed);
  edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  edit->setTabChangesFocus(true);
  const auto line = edit->fontMetrics().lineSpacing();
  edit->setMinimumHeight(line * lines + 12);
  return edit;
}

QLabel* sectionTitle(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  auto font = label->font();
  font.setBold(true);
  label->setFont(font);
  return label;
}

}  // namespace

PromptDesignPanel::PromptDesignPanel(QString database_file, QWidget* parent)
    : QWidget(parent), database_file_(std::move(database_file)) {
  qRegisterMetaType<DesignOutcome>();
  setObjectName(QStringLiteral("PromptDesignPanel"));
  pool_.setMaxThreadCount(1);
  refresh_timer_.setSingleShot(true);
  refresh_timer_.setInterval(250);  // typing does not re-render on every key
  connect(&refresh_timer_, &QTimer::timeout, this, &PromptDesignPanel::refresh);
  connect(&loading_, &QFutureWatcher<LoadedData>::finished, this, &PromptDesignPanel::onDataLoaded);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  // Scrolls rather than squeezes the editor when the window (or presentation mode) leaves too little room.
  auto* scroll = new QScrollArea(splitter);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* editor = createEditorSide();
  scroll->setWidget(editor);
  splitter->addWidget(scroll);
  splitter->addWidget(createResultSide());
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  // At first the editor's controls get the width they ask for (they were cut off beside the
  // Runs dock); the user can still drag the splitter, and the editor then scrolls.
  const int editor_width = editor->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width();
  splitter->setSizes({editor_width, std::max(550, editor_width)});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(splitter);

  auto* run_shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
  run_shortcut->setContext(Qt::WidgetWithChildrenShortcut);
  connect(run_shortcut, &QShortcut::activated, this, [this] {
    if (evaluate_->isEnabled()) evaluate();
  });

  restoreSettings();
  if (templates_->count() == 0) addTemplate(tr("good or bad"), QString::fromLatin1(kFirstTemplate));
  templates_->setCurrentRow(0);
  updateActions();
  loadData();
}

PromptDesignPanel::~PromptDesignPanel() {
  saveSettings();
  if (task_ != nullptr) {
    disconnect(task_, nullptr, this, nullptr);
    task_->cancel();
    pool_.waitForDone();
    delete task_;
  }
  loading_.waitForFinished();
}

QWidget* PromptDesignPanel::createEditorSide() {
  auto* side = new QWidget(this);
  auto* layout = new QVBoxLayout(side);
  layout->setContentsMargins(0, 0, 0, 0);

  layout->addWidget(sectionTitle(tr("Templates (checked ones run; double-click to rename)"), side));
  templates_ = new QListWidget(side);
  templates_->setObjectName(QStringLiteral("templateList"));
  templates_->setMaximumHeight(templates_->fontMetrics().lineSpacing() * 3 + 12);
  connect(templates_, &QListWidget::currentItemChanged, this,
          [this](QListWidgetItem* item) { onTemplateSelected(item); });
  connect(templates_, &QListWidget::itemChanged, this, [this] { scheduleRefresh(); });
  auto* add = new QPushButton(tr("Add"), side);
  add->setToolTip(tr("A new template, starting as a copy of the current one"));
  connect(add, &QPushButton::clicked, this, [this] {
    addTemplate(tr("template %1").arg(templates_->count() + 1), editor_->toPlainText());
    templates_->setCurrentRow(templates_->count() - 1);
  });
  auto* remove = new QPushButton(tr("Remove"), side);
  connect(remove, &QPushButton::clicked, this, [this] {
    if (templates_->count() > 1) delete templates_->currentItem();
  });
  auto* list_row = new QHBoxLayout;
  list_row->addWidget(templates_, 1);
  auto* buttons = new QVBoxLayout;
  buttons->addWidget(add);
  buttons->addWidget(remove);
  buttons->addStretch();
  list_row->addLayout(buttons);
  layout->addLayout(list_row);

  layout->addWidget(sectionTitle(tr("Instruction"), side));
  instruction_ = codeEditor(side, 2);
  instruction_->setObjectName(QStringLiteral("instructionEditor"));
  instruction_->setPlaceholderText(tr("Written once at the top of the prompt; {{labels}} lists the label words"));
  instruction_->setMaximumHeight(instruction_->fontMetrics().lineSpacing() * 3 + 12);
  connect(instruction_, &QPlainTextEdit::textChanged, this, &PromptDesignPanel::onInstructionEdited);
  layout->addWidget(instruction_);

  layout->addWidget(sectionTitle(tr("Template"), side));
  editor_ = codeEditor(side, 5);
  editor_->setObjectName(QStringLiteral("templateEditor"));
  highlighter_ = new TemplateHighlighter(editor_->document());
  connect(editor_, &QPlainTextEdit::textChanged, this, &PromptDesignPanel::onTemplateEdited);
  layout->addWidget(editor_, 1);
  error_ = new QLabel(side);
  error_->setObjectName(QStringLiteral("templateError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  colourErrors();
  layout->addWidget(error_);

  layout->addWidget(createSettings());

  evaluate_ = new QPushButton(tr("Evaluate"), side);
  evaluate_->setObjectName(QStringLiteral("evaluateButton"));
  evaluate_->setToolTip(tr("Run every checked template × k × seed on the model (Ctrl+Return)"));
  connect(evaluate_, &QPushButton::clicked, this, &PromptDesignPanel::evaluate);
  cancel_ = new QPushButton(tr("Cancel"), side);
  cancel_->setObjectName(QStringLiteral("cancelButton"));
  connect(cancel_, &QPushButton::clicked, this, &PromptDesignPanel::cancel);
  progress_ = new QProgressBar(side);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  progress_->setVisible(false);
  auto* run_row = new QHBoxLayout;
  run_row->addWidget(evaluate_);
  run_row->addWidget(cancel_);
  run_row->addWidget(progress_, 1);
  layout->addLayout(run_row);
  status_ = new QLabel(side);
  status_->setWordWrap(true);
  layout->addWidget(status_);
  return side;
}

QWidget* PromptDesignPanel::createSettings() {
  auto* box = new QWidget(this);
  auto* form = new QFormLayout(box);
  form->setContentsMargins(0, 4, 0, 4);

  model_ = new QComboBox(box);
  model_->setObjectName(QStringLiteral("modelChooser"));
  for (const auto& name : model::builtinModelNames()) {
    model_->addItem(tr("%1 (built in)").arg(QString::fromStdString(name)), QString::fromStdString(name));
  }
  form->addRow(tr("Model"), model_);

  dataset_ = new DatasetChooser(box);
  dataset_->setObjectName(QStringLiteral("datasetChooser"));
  const auto yelp = dataset_->findText(tr("uci_yelp (built in)"));
  if (yelp >= 0) dataset_->setCurrentIndex(yelp);
  connect(dataset_, &QComboBox::currentIndexChanged, this, &PromptDesignPanel::loadData);
  limit_ = new QSpinBox(box);
  limit_->setObjectName(QStringLiteral("exampleLimit"));
  limit_->setRange(1, 100000);
  limit_->setValue(40);
  limit_->setToolTip(tr("How many examples of the test split are evaluated (a stratified sample)"));
  connect(limit_, &QSpinBox::valueChanged, this, &PromptDesignPanel::loadData);
  auto* data_row = new QHBoxLayout;
  data_row->addWidget(dataset_, 1);
  data_row->addWidget(new QLabel(tr("examples"), box));
  data_row->addWidget(limit_);
  form->addRow(tr("Dataset"), data_row);

  verbalizer_ = new QLineEdit(QStringLiteral("0=bad,1=good"), box);
  verbalizer_->setObjectName(QStringLiteral("verbalizerEdit"));
  verbalizer_->setToolTip(tr("Label words: \"0=terrible,1=great|good\" (| between a label's words; the first is "
                             "shown in demonstrations)"));
  form->addRow(tr("Label words"), verbalizer_);

  shots_ = new QLineEdit(QStringLiteral("0, 4"), box);
  shots_->setObjectName(QStringLiteral("shotsEdit"));
  shots_->setToolTip(tr("Demonstrations per prompt: one or more k values, e.g. \"0, 2, 4\""));
  selection_ = new QComboBox(box);
  selection_->setObjectName(QStringLiteral("selectionChooser"));
  selection_->addItem(tr("balanced"), QStringLiteral("balanced"));
  selection_->addItem(tr("random"), QStringLiteral("random"));
  selection_->addItem(tr("fixed (first k)"), QStringLiteral("fixed"));
  selection_->setToolTip(tr("How the k demonstrations are drawn from the training split"));
  auto* shots_row = new QHBoxLayout;
  shots_row->addWidget(shots_, 1);
  shots_row->addWidget(selection_);

  seeds_ = new QLineEdit(QStringLiteral("0"), box);
  seeds_->setObjectName(QStringLiteral("seedsEdit"));
  seeds_->setToolTip(tr("Seeds of the demonstrations' choice, e.g. \"0, 1, 2\"; zero-shot runs once"));
  shots_row->addWidget(new QLabel(tr("seeds"), box));
  shots_row->addWidget(seeds_, 1);
  form->addRow(tr("Shots (k)"), shots_row);

  calibrate_ = new QCheckBox(tr("Calibrate"), box);
  calibrate_->setObjectName(QStringLiteral("calibrateCheck"));
  calibrate_->setToolTip(tr("Contextual calibration against content-free inputs (Zhao et al. 2021)"));
  cot_ = new QCheckBox(tr("Chain of thought"), box);
  cot_->setObjectName(QStringLiteral("cotCheck"));
  cot_trigger_ = new QLineEdit(QStringLiteral("Let's think step by step."), box);
  cot_trigger_->setObjectName(QStringLiteral("cotTriggerEdit"));
  cot_trigger_->setEnabled(false);
  connect(cot_, &QCheckBox::toggled, cot_trigger_, &QWidget::setEnabled);
  cot_rationale_ = new QComboBox(box);
  cot_rationale_->setObjectName(QStringLiteral("cotRationaleChooser"));
  cot_rationale_->setToolTip(tr("With chain of thought and k > 0: the column whose text each demonstration shows "
                                "as its reasoning, between the trigger and the answer. Automatic: a column named "
                                "\"rationale\" when the dataset has one; without, demonstrations show the answer "
                                "alone"));
  cot_rationale_->setEnabled(false);
  connect(cot_, &QCheckBox::toggled, cot_rationale_, &QWidget::setEnabled);
  connect(cot_rationale_, &QComboBox::currentIndexChanged, this, [this] {
    if (filling_rationale_) return;
    wanted_rationale_ = cot_rationale_->currentData();
    scheduleRefresh();
  });
  fillRationaleChooser();
  auto* cot_row = new QHBoxLayout;
  cot_row->addWidget(calibrate_);
  cot_row->addWidget(cot_);
  cot_row->addWidget(cot_trigger_, 1);
  cot_row->addWidget(cot_rationale_);
  form->addRow(QString(), cot_row);

  for (auto* edit : {verbalizer_, shots_, seeds_, cot_trigger_}) {
    connect(edit, &QLineEdit::textChanged, this, &PromptDesignPanel::scheduleRefresh);
  }
  connect(selection_, &QComboBox::currentIndexChanged, this, &PromptDesignPanel::scheduleRefresh);
  connect(cot_, &QCheckBox::toggled, this, &PromptDesignPanel::scheduleRefresh);
  connect(calibrate_, &QCheckBox::toggled, this, &PromptDesignPanel::scheduleRefresh);
  return box;
}

QWidget* PromptDesignPanel::createResultSide() {
  auto* splitter = new QSplitter(Qt::Vertical, this);
  auto* preview = new QWidget(splitter);
  auto* layout = new QVBoxLayout(preview);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  row->addWidget(sectionTitle(tr("Preview"), preview));
  row->addWidget(new QLabel(tr("example"), preview));
  example_ = new QSpinBox(preview);
  example_->setObjectName(QStringLiteral("exampleChooser"));
  example_->setRange(1, 1);
  connect(example_, &QSpinBox::valueChanged, this, &PromptDesignPanel::scheduleRefresh);
  row->addWidget(example_);
  preview_title_ = new QLabel(preview);
  preview_title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // long titles do not widen the window
  row->addWidget(preview_title_, 1);
  layout->addLayout(row);
  preview_ = codeEditor(preview, 6);
  preview_->setObjectName(QStringLiteral("promptPreview"));
  preview_->setReadOnly(true);
  layout->addWidget(preview_);
  splitter->addWidget(preview);

  results_ = new DesignResultsView(database_file_, splitter);
  connect(results_, &DesignResultsView::errorOccurred, this, &PromptDesignPanel::message);
  splitter->addWidget(results_);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  return splitter;
}

void PromptDesignPanel::colourErrors() {
  auto palette = error_->palette();
  palette.setColor(QPalette::WindowText, errorColour(this->palette()));
  error_->setPalette(palette);
}

void PromptDesignPanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange && error_ != nullptr) {
    colourErrors();
    refresh();  // the template's error mark too
  }
}

void PromptDesignPanel::addModel(const QString& path) {
  if (model_->findData(path) >= 0) return;
  model_->addItem(QFileInfo(path).fileName(), path);
  model_->setItemData(model_->count() - 1, path, Qt::ToolTipRole);
}

void PromptDesignPanel::addDatasetFile(const QString& file, const data::ImportOptions& options) {
  const int index = dataset_->addDatasetFile(file, options);
  if (dataset_->currentIndex() == index) {
    loadData();  // the same file again, perhaps mapped anew
  } else {
    dataset_->setCurrentIndex(index);
  }
}

void PromptDesignPanel::addTemplate(const QString& name, const QString& text) {
  auto* item = new QListWidgetItem(name, templates_);
  item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsUserCheckable);
  item->setCheckState(Qt::Checked);
  item->setData(Qt::UserRole, text);
}

void PromptDesignPanel::onTemplateSelected(QListWidgetItem* item) {
  if (item == nullptr) return;
  replaceTemplateText(item->data(Qt::UserRole).toString());
}

void PromptDesignPanel::replaceTemplateText(const QString& text) {
  if (editor_->toPlainText() == text) return;
  // Through a cursor, so that Undo in the editor restores the text before.
  QTextCursor cursor(editor_->document());
  cursor.select(QTextCursor::Document);
  cursor.insertText(text);
}

void PromptDesignPanel::onTemplateEdited() {
  const auto text = editor_->toPlainText();
  if (auto* item = templates_->currentItem()) item->setData(Qt::UserRole, text);
  if (!syncing_) {
    syncing_ = true;
    const auto instruction = QString::fromStdString(design::instructionSource(text.toStdString()));
    if (instruction_->toPlainText() != instruction) instruction_->setPlainText(instruction);
    syncing_ = false;
  }
  scheduleRefresh();
}

void PromptDesignPanel::onInstructionEdited() {
  if (syncing_) return;
  syncing_ = true;
  replaceTemplateText(QString::fromStdString(
      design::withInstruction(editor_->toPlainText().toStdString(), instruction_->toPlainText().toStdString())));
  syncing_ = false;
}

void PromptDesignPanel::updateActions() {
  const bool running = task_ != nullptr;
  evaluate_->setEnabled(!running && data_ != nullptr && errors_.isEmpty());
  cancel_->setEnabled(running);
  progress_->setVisible(running);
}

}  // namespace pwb::ui
