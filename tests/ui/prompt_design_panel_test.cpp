// The Prompt Design panel offscreen, on the built-in UCI Yelp sentences and the real
// stories260k model: the highlighter marks the template language, template errors show with
// their position, the preview renders the chosen example, the instruction field edits the
// template, Evaluate fills the grid with exactly what core's evaluateDesign computes (and stores
// the runs), chain of thought shows its rationale, a dataset's own columns are variables and its
// rationale column fills the demonstrations, a model that cannot load is named, a T5 folder
// evaluates as core's T5 scorer does, Cancel stops an evaluation, and its error colours follow a
// dark palette.

#include <cmath>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QtTest>

#include "design/prompt_scorer.h"
#include "design_results_view.h"
#include "experiment/design_study.h"
#include "experiment/experiment_grid.h"
#include "experiment/run_prompt.h"
#include "prompt_design_panel.h"
#include "store/experiment_store.h"
#include "template_highlighter.h"

using pwb::ui::DesignOutcome;
using pwb::ui::PromptDesignPanel;

namespace {

constexpr char kTemplate[] = "{{#instruction}}\nSay if it is {{labels}}.\n{{/instruction}}\n\n"
                             "{{#example}}\nReview: {{text}}\nIt was {{label}}\n{{/example}}";

// The format at `position` of a highlighted block.
QTextCharFormat formatAt(const QTextBlock& block, int position) {
  for (const auto& range : block.layout()->formats()) {
    if (position >= range.start && position < range.start + range.length) return range.format;
  }
  return {};
}

void setText(QPlainTextEdit* edit, const QString& text) { edit->setPlainText(text); }

}  // namespace

class PromptDesignPanelTest : public QObject {
  Q_OBJECT

 private:
  QString database() const { return dir_.filePath(QStringLiteral("experiments.sqlite")); }
  // A panel with its data loaded, the template above, `examples` test examples.
  std::unique_ptr<PromptDesignPanel> panel(int examples) {
    auto p = std::make_unique<PromptDesignPanel>(database());
    QSignalSpy ready(p.get(), &PromptDesignPanel::dataReady);
    p->findChild<QSpinBox*>(QStringLiteral("exampleLimit"))->setValue(examples);
    while (!p->isDataReady() || ready.wait(300)) {
      if (!ready.wait(20000)) break;
    }
    setText(p->templateEditor(), QString::fromLatin1(kTemplate));
    p->findChild<QLineEdit*>(QStringLiteral("verbalizerEdit"))->setText(QStringLiteral("0=bad,1=good"));
    auto* models = p->findChild<QComboBox*>(QStringLiteral("modelChooser"));
    models->setCurrentIndex(models->findData(QStringLiteral("stories260k")));  // the smallest model: fast tests
    return p;
  }
  static pwb::experiment::DatasetSpec yelp(int examples) {
    pwb::experiment::DatasetSpec spec;
    spec.builtin = "uci_yelp";
    spec.test_limit = examples;
    return spec;
  }
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }

  // Each test starts from the first start's settings.
  void init() { QSettings().remove(QStringLiteral("design")); }

  void highlightsVariablesBlocksAndTheAnswerSlot() {
    QTextDocument document;
    pwb::ui::TemplateHighlighter highlighter(&document);
    document.setPlainText(QStringLiteral("{{#example}}\nReview: {{ text }} It was {{label}}\n{{/example}}"));
    highlighter.rehighlight();  // what a shown editor does on its own
    const auto first = document.firstBlock();
    const auto second = first.next();
    QCOMPARE(formatAt(first, 0).foreground(), highlighter.blockFormat().foreground());
    QCOMPARE(formatAt(first, 11).fontWeight(), int(QFont::Bold));
    QCOMPARE(formatAt(second, 8).foreground(), highlighter.variableFormat().foreground());   // "{{ text }}"
    QCOMPARE(formatAt(second, 17).foreground(), highlighter.variableFormat().foreground());  // its last '}'
    QVERIFY(!formatAt(second, 3).foreground().style());                                      // "Review" is plain
    QVERIFY(formatAt(second, 26).fontUnderline());                                           // "{{label}}"
    QCOMPARE(formatAt(second.next(), 2).fontWeight(), int(QFont::Bold));                     // "{{/example}}"
  }

  void showsTemplateErrorsWithTheirPosition() {
    auto p = panel(8);
    QTRY_VERIFY(p->errorText().isEmpty());
    QVERIFY(!p->previewText().isEmpty());
    setText(p->templateEditor(), QStringLiteral("Review: {{review}}\nIt was {{label}}"));
    QTRY_VERIFY2(p->errorText().contains(QStringLiteral("line 1, column 9: unknown variable {{review}}")),
                 qPrintable(p->errorText()));
    QVERIFY(p->previewText().isEmpty());
    QVERIFY(!p->findChild<QPushButton*>(QStringLiteral("evaluateButton"))->isEnabled());
    // The tag is marked in the editor.
    const auto marks = p->templateEditor()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks[0].cursor.selectedText(), QStringLiteral("{{review}}"));
    setText(p->templateEditor(), QStringLiteral("Review: {{text}}\nIt was {{label"));
    QTRY_VERIFY2(p->errorText().contains(QStringLiteral("line 2, column 8: \"{{\" is never closed")),
                 qPrintable(p->errorText()));
    p->findChild<QLineEdit*>(QStringLiteral("verbalizerEdit"))->setText(QStringLiteral("0=bad"));
    setText(p->templateEditor(), QStringLiteral("{{text}} {{label}}"));
    QTRY_VERIFY2(p->errorText().startsWith(QStringLiteral("Label words: ")), qPrintable(p->errorText()));
    p->findChild<QLineEdit*>(QStringLiteral("verbalizerEdit"))->setText(QStringLiteral("0=bad,1=good"));
    QTRY_VERIFY(p->errorText().isEmpty());
    QVERIFY(p->findChild<QPushButton*>(QStringLiteral("evaluateButton"))->isEnabled());
    // A checked template that is not the one shown is checked as well.
    p->addTemplate(QStringLiteral("other"), QStringLiteral("{{sentence}} {{label}}"));
    QTRY_VERIFY2(p->errorText().contains(QStringLiteral("Template \"other\" (select it to edit): line 1, column 1: "
                                                        "unknown variable {{sentence}}")),
                 qPrintable(p->errorText()));
    p->templateList()->item(1)->setCheckState(Qt::Unchecked);
    QTRY_VERIFY(p->errorText().isEmpty());
  }

  void previewsTheChosenExample() {
    auto p = panel(8);
    p->findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->setText(QStringLiteral("2"));
    p->exampleChooser()->setValue(3);
    const auto data = pwb::experiment::prepareData(yelp(8));
    const auto& example = data.dataset.examples[data.splits.test[2]];
    const auto expected_end = QStringLiteral("\n\nReview: %1\nIt was ").arg(QString::fromStdString(example.text));
    QTRY_VERIFY2(p->previewText().endsWith(expected_end), qPrintable(p->previewText()));
    QVERIFY(p->previewText().startsWith(QStringLiteral("Say if it is bad, good.\n\nReview: ")));
    // Two demonstrations with their label words, then the example.
    QCOMPARE(p->previewText().count(QStringLiteral("Review: ")), 3);
    QCOMPARE(p->previewText().count(QRegularExpression(QStringLiteral("\nIt was (bad|good)\n"))), 2);
  }

  void theInstructionFieldEditsTheTemplate() {
    auto p = panel(8);
    QSignalSpy changed(p.get(), &PromptDesignPanel::instructionChanged);
    QCOMPARE(p->instructionEditor()->toPlainText(), QStringLiteral("Say if it is {{labels}}."));
    setText(p->instructionEditor(), QStringLiteral("Is the review {{labels}}?"));
    QVERIFY(p->templateEditor()->toPlainText().startsWith(
        QStringLiteral("{{#instruction}}\nIs the review {{labels}}?\n{{/instruction}}\n\n{{#example}}")));
    QCOMPARE(p->currentInstruction(), QStringLiteral("Is the review bad, good?"));
    QTRY_VERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).toString(), QStringLiteral("Is the review bad, good?"));
    QTRY_VERIFY(p->previewText().startsWith(QStringLiteral("Is the review bad, good?\n\n")));
  }

  void keepsTemplatesAndSettingsForTheNextStart() {
    {
      auto p = panel(8);
      p->addTemplate(QStringLiteral("bare"), QStringLiteral("{{text}} {{label}}"));
      p->templateList()->item(0)->setCheckState(Qt::Unchecked);
      p->findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->setText(QStringLiteral("1, 3"));
      p->findChild<QComboBox*>(QStringLiteral("cotRationaleChooser"))->setCurrentIndex(1);  // none
    }
    PromptDesignPanel next(database());
    QCOMPARE(next.templateList()->count(), 2);
    QCOMPARE(next.templateList()->item(1)->text(), QStringLiteral("bare"));
    QCOMPARE(next.templateList()->item(1)->data(Qt::UserRole).toString(), QStringLiteral("{{text}} {{label}}"));
    QCOMPARE(next.templateList()->item(0)->checkState(), Qt::Unchecked);
    QCOMPARE(next.templateEditor()->toPlainText(), QString::fromLatin1(kTemplate));
    QCOMPARE(next.findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->text(), QStringLiteral("1, 3"));
    QCOMPARE(next.findChild<QSpinBox*>(QStringLiteral("exampleLimit"))->value(), 8);
    QCOMPARE(next.findChild<QComboBox*>(QStringLiteral("cotRationaleChooser"))->currentText(), QStringLiteral("no rationale"));
  }

  void evaluateFillsTheGridWithCoresNumbersAndStoresTheRuns() {
    auto p = panel(6);
    p->findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->setText(QStringLiteral("0, 2"));
    p->findChild<QLineEdit*>(QStringLiteral("seedsEdit"))->setText(QStringLiteral("3"));
    QSignalSpy finished(p.get(), &PromptDesignPanel::evaluationFinished);
    p->evaluate();
    QVERIFY(p->isEvaluating());
    QVERIFY(finished.wait(240000));
    QVERIFY(!p->isEvaluating());
    const auto outcome = finished.takeFirst().at(0).value<DesignOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QCOMPARE(outcome.cells.size(), 2);

    // The same settings through core directly.
    pwb::experiment::DesignStudy study;
    study.dataset = yelp(6);
    study.templates = {{"good or bad", kTemplate}};
    study.shots = {0, 2};
    study.seeds = {3};
    study.verbalizer = {{"0", {"bad"}}, {"1", {"good"}}};
    const auto spec = pwb::experiment::experimentOf(study);
    const auto data = pwb::experiment::prepareData(spec.dataset);
    auto scorer = pwb::design::openPromptScorer("stories260k");
    const auto runs = pwb::experiment::expandExperiment(spec);
    QCOMPARE(runs.size(), std::size_t{2});
    const auto* grid = p->results()->grid();
    QCOMPARE(grid->rowCount(), 2);
    pwb::store::ExperimentStore store(database().toStdString());
    for (int row = 0; row < 2; ++row) {
      const auto& run = runs[static_cast<std::size_t>(row)];
      const auto expected = pwb::design::evaluateDesign(
          *scorer, pwb::experiment::promptBuilderFor(run.spec.prompt, data), data.dataset, data.splits.test,
          data.splits.train, pwb::experiment::designOptionsFor(run.spec, data.splits.train, run.seed));
      QVERIFY(expected.metrics.has_value());
      const double accuracy = grid->item(row, 3)->data(Qt::UserRole).toDouble();
      QVERIFY(accuracy >= 0.0 && accuracy <= 1.0);
      QCOMPARE(accuracy, expected.metrics->accuracy.estimate);
      QCOMPARE(grid->item(row, 4)->data(Qt::UserRole).toDouble(), expected.metrics->macro_f1.estimate);
      QCOMPARE(grid->item(row, 1)->data(Qt::UserRole).toLongLong(), run.spec.design.shots);
      QVERIFY(grid->item(row, 3)->text().contains(QStringLiteral("[")));
      // Stored as a finished design run with its predictions.
      const auto record = store.run(outcome.cells[row].run_id);
      QVERIFY(record.has_value());
      QCOMPARE(record->kind, std::string("design"));
      QVERIFY(record->status == pwb::store::RunStatus::Finished);
      QCOMPARE(record->experiment_id, std::optional<std::int64_t>(outcome.experiment_id));
      QCOMPARE(store.predictions(record->id, "test").size(), std::size_t{6});
    }
    QCOMPARE(grid->item(1, 2)->data(Qt::UserRole).toULongLong(), quint64{3});

    // The selected cell's examples: input, gold, prediction and both labels' scores.
    const auto* examples = p->results()->examples();
    QCOMPARE(examples->rowCount(), 6);
    QCOMPARE(examples->columnCount(), 5);
    QCOMPARE(examples->horizontalHeaderItem(4)->text(), QStringLiteral("Score 1 (good)"));
    const auto& first = data.dataset.examples[data.splits.test[0]];
    QCOMPARE(examples->item(0, 0)->text(), QString::fromStdString(first.text));
    QCOMPARE(examples->item(0, 1)->text(), QString::fromStdString(first.label));
    QVERIFY(examples->item(0, 3)->data(Qt::UserRole).toDouble() < 0.0);  // a log-likelihood
  }

  void chainOfThoughtShowsTheTriggerAndTheRationale() {
    auto p = panel(2);
    p->findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->setText(QStringLiteral("0"));
    p->findChild<QCheckBox*>(QStringLiteral("cotCheck"))->setChecked(true);
    p->findChild<QLineEdit*>(QStringLiteral("cotTriggerEdit"))->setText(QStringLiteral("Once upon a time"));
    QTRY_VERIFY2(p->previewText().endsWith(QStringLiteral("\nIt was Once upon a time")), qPrintable(p->previewText()));
    QSignalSpy finished(p.get(), &PromptDesignPanel::evaluationFinished);
    p->evaluate();
    QVERIFY(finished.wait(240000));
    const auto outcome = finished.takeFirst().at(0).value<DesignOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    const auto* examples = p->results()->examples();
    QCOMPARE(examples->rowCount(), 2);
    QCOMPARE(examples->columnCount(), 6);
    QCOMPARE(examples->horizontalHeaderItem(5)->text(), QStringLiteral("Rationale"));
    // The rationale the run stored, as generated by the model.
    const auto stored = pwb::store::ExperimentStore(database().toStdString()).predictions(outcome.cells[0].run_id, "test");
    QVERIFY(!stored[0].rationale.empty());
    QCOMPARE(examples->item(0, 5)->toolTip(), QString::fromStdString(stored[0].rationale));
  }

  void aDatasetsColumnsAreVariablesAndItsRationaleIsShownInDemonstrations() {
    // 30 reviews with a source and a written rationale beside the text and label.
    const auto file = dir_.filePath(QStringLiteral("reasoned.csv"));
    {
      QFile out(file);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write("text,label,source,rationale\n");
      for (int i = 0; i < 30; ++i) {
        out.write(QStringLiteral("review %1,%2,site %1,reason %1\n").arg(i).arg(i % 2).toUtf8());
      }
    }
    auto p = panel(8);
    QSignalSpy ready(p.get(), &PromptDesignPanel::dataReady);
    p->addDatasetFile(file, {});
    QVERIFY(ready.wait(20000));
    auto* chooser = p->findChild<QComboBox*>(QStringLiteral("cotRationaleChooser"));
    QCOMPARE(chooser->count(), 4);  // automatic, none, source, rationale
    QCOMPARE(chooser->itemData(2).toString(), QStringLiteral("source"));

    setText(p->templateEditor(), QStringLiteral("From {{source}}: {{text}} ({{nope}})\nIt was {{label}}"));
    QTRY_VERIFY2(p->errorText().contains(QStringLiteral(
                     "line 1, column 28: unknown variable {{nope}}: dataset reasoned has no such column; its columns "
                     "are \"text\", \"label\", \"source\", \"rationale\"")),
                 qPrintable(p->errorText()));
    const auto line = p->templateEditor()->document()->firstBlock();
    const auto* highlighter = p->highlighter();
    QCOMPARE(formatAt(line, 5).underlineStyle(), highlighter->variableFormat().underlineStyle());  // {{source}}
    QCOMPARE(formatAt(line, 5).foreground(), highlighter->variableFormat().foreground());
    QCOMPARE(formatAt(line, 27).underlineStyle(), QTextCharFormat::WaveUnderline);  // {{nope}}
    QCOMPARE(highlighter->unknownVariableFormat().underlineStyle(), QTextCharFormat::WaveUnderline);

    // Chain of thought with one demonstration: its rationale comes between the trigger and the answer.
    setText(p->templateEditor(), QStringLiteral("From {{source}}: {{text}}\nIt was {{label}}"));
    p->findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->setText(QStringLiteral("1"));
    p->findChild<QCheckBox*>(QStringLiteral("cotCheck"))->setChecked(true);
    QTRY_VERIFY2(p->previewText().contains(QRegularExpression(QStringLiteral(
                     "^From site (\\d+): review \\1\nIt was Let's think step by step. reason \\1\n"
                     "Therefore, the answer is (bad|good)\n\nFrom site \\d+: review \\d+\nIt was Let's think step by step.$"))),
                 qPrintable(p->previewText()));
    chooser->setCurrentIndex(1);  // no rationale: the demonstration shows its answer alone
    QTRY_VERIFY2(p->previewText().contains(QRegularExpression(QStringLiteral("^From site \\d+: review \\d+\nIt was (bad|good)\n\n"))),
                 qPrintable(p->previewText()));
  }

  void aModelThatCannotLoadSaysSo() {
    auto p = panel(2);
    const auto missing = dir_.filePath(QStringLiteral("no-such-model"));
    p->addModel(missing);
    auto* models = p->findChild<QComboBox*>(QStringLiteral("modelChooser"));
    models->setCurrentIndex(models->findData(missing));
    p->findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->setText(QStringLiteral("0"));
    QSignalSpy finished(p.get(), &PromptDesignPanel::evaluationFinished);
    p->evaluate();
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.takeFirst().at(0).value<DesignOutcome>();
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.summary.contains(QStringLiteral("1 failed")) && outcome.summary.contains(QStringLiteral("no-such-model")),
             qPrintable(outcome.summary));
    QCOMPARE(outcome.cells.size(), 1);
    QCOMPARE(outcome.cells[0].status, QStringLiteral("failed"));
    QCOMPARE(p->results()->grid()->rowCount(), 1);
  }

  void evaluatesOnAnEncoderDecoderModel() {
    auto p = panel(4);
    const auto t5 = QStringLiteral(PWB_FIXTURES_DIR "/t5-tiny");
    p->addModel(t5);
    auto* models = p->findChild<QComboBox*>(QStringLiteral("modelChooser"));
    models->setCurrentIndex(models->findData(t5));
    p->findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->setText(QStringLiteral("1"));
    p->findChild<QLineEdit*>(QStringLiteral("seedsEdit"))->setText(QStringLiteral("0"));
    QSignalSpy finished(p.get(), &PromptDesignPanel::evaluationFinished);
    p->evaluate();
    QVERIFY(finished.wait(120000));
    const auto outcome = finished.takeFirst().at(0).value<DesignOutcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QCOMPARE(outcome.cells.size(), 1);

    // The same run through core's T5 scorer.
    pwb::experiment::DesignStudy study;
    study.model = t5.toStdString();
    study.dataset = yelp(4);
    study.templates = {{"good or bad", kTemplate}};
    study.shots = {1};
    study.verbalizer = {{"0", {"bad"}}, {"1", {"good"}}};
    const auto run = pwb::experiment::expandExperiment(pwb::experiment::experimentOf(study)).front();
    const auto data = pwb::experiment::prepareData(pwb::experiment::experimentOf(study).dataset);
    auto scorer = pwb::design::openPromptScorer(t5.toStdString());
    const auto expected = pwb::design::evaluateDesign(
        *scorer, pwb::experiment::promptBuilderFor(run.spec.prompt, data), data.dataset, data.splits.test,
        data.splits.train, pwb::experiment::designOptionsFor(run.spec, data.splits.train, run.seed));
    QVERIFY(expected.metrics.has_value());
    QCOMPARE(p->results()->grid()->item(0, 3)->data(Qt::UserRole).toDouble(), expected.metrics->accuracy.estimate);
    const double score = p->results()->examples()->item(0, 3)->data(Qt::UserRole).toDouble();
    QVERIFY2(std::abs(score - expected.predictions[0].scores[0]) < 1e-9, qPrintable(QString::number(score)));
  }

  void cancelStopsTheEvaluation() {
    auto p = panel(200);
    p->findChild<QLineEdit*>(QStringLiteral("shotsEdit"))->setText(QStringLiteral("4"));
    p->findChild<QLineEdit*>(QStringLiteral("seedsEdit"))->setText(QStringLiteral("0, 1, 2"));
    QSignalSpy progressed(p.get(), &PromptDesignPanel::progressed);
    QSignalSpy finished(p.get(), &PromptDesignPanel::evaluationFinished);
    p->evaluate();
    QVERIFY(progressed.wait(120000));
    p->cancel();
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.takeFirst().at(0).value<DesignOutcome>();
    QVERIFY(outcome.cancelled);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.cells.size(), 3);
    QCOMPARE(outcome.cells.last().status, QStringLiteral("cancelled"));
    QVERIFY(outcome.cells.first().examples < 200);
    QVERIFY(!p->isEvaluating());
  }

  void errorColoursFollowADarkPalette() {
    auto p = panel(4);
    setText(p->templateEditor(), QStringLiteral("Review: {{review}}\nIt was {{label}}"));
    QTRY_VERIFY(!p->errorText().isEmpty());
    auto* error = p->findChild<QLabel*>(QStringLiteral("templateError"));
    const auto light_error = error->palette().color(QPalette::WindowText);
    QVERIFY2(light_error.lightness() < 128, qPrintable(light_error.name()));  // dark red on a light window
    const auto light_mark = p->templateEditor()->extraSelections().at(0).format.underlineColor();
    const QPalette original = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 22, 24));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    QApplication::setPalette(dark);
    // Light red on a dark window, readable: the error line and the mark under the tag.
    QTRY_VERIFY(error->palette().color(QPalette::WindowText).lightness() > 160);
    const auto dark_mark = p->templateEditor()->extraSelections().at(0).format.underlineColor();
    QVERIFY(dark_mark.lightness() > 160 && dark_mark != light_mark);
    QApplication::setPalette(original);
    QTRY_COMPARE(error->palette().color(QPalette::WindowText), light_error);
  }
};

QTEST_MAIN(PromptDesignPanelTest)
#include "prompt_design_panel_test.moc"
