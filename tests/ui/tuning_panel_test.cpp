// The Tuning panel on the real widgets: every method with PEFT's option names and defaults, the
// trainable-parameter line and memory estimate following the options (numbers worked by hand
// for stories260k: dim 64, 5 layers, 8 heads of 8, 4 KV heads, FFN 172, vocabulary 512 tied),
// TEXT init from a prompt, settings that cannot run blocking the queue buttons, and the dataset,
// splits and prompt a run uses, read back from the store.

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "dataset_chooser.h"
#include "experiment/stored_spec.h"
#include "hyperparameter_form.h"
#include "method_options_form.h"
#include "support/tuning_fixture.h"
#include "run_queue.h"
#include "store/experiment_store.h"
#include "tuning_data_form.h"
#include "tuning_panel.h"

using pwb::ui::TuningPanel;

class TuningPanelTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString base_;

  static QComboBox* combo(TuningPanel& panel, const QString& option) {
    return qobject_cast<QComboBox*>(panel.methodForm()->field(option));
  }
  static QSpinBox* spin(TuningPanel& panel, const QString& option) {
    return qobject_cast<QSpinBox*>(panel.methodForm()->field(option));
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    base_ = pwb::test::writeSmallTuningBase(QDir(dir_.path()));
  }

  void offersEveryMethodWithPeftDefaults() {
    TuningPanel panel;
    auto* chooser = panel.methodForm()->methodChooser();
    QCOMPARE(chooser->count(), 6);
    QStringList names;
    for (int i = 0; i < chooser->count(); ++i) names.append(chooser->itemData(i).toString());
    QCOMPARE(names, (QStringList{QStringLiteral("prompt_tuning"), QStringLiteral("prefix_tuning"), QStringLiteral("p_tuning"),
                                 QStringLiteral("lora"), QStringLiteral("ia3"), QStringLiteral("full")}));
    // LoRA first, with LoraConfig's defaults.
    QCOMPARE(panel.methodForm()->methodName(), QStringLiteral("lora"));
    QCOMPARE(spin(panel, QStringLiteral("r"))->value(), 8);
    QCOMPARE(qobject_cast<QDoubleSpinBox*>(panel.methodForm()->field(QStringLiteral("lora_alpha")))->value(), 8.0);
    QCOMPARE(qobject_cast<QDoubleSpinBox*>(panel.methodForm()->field(QStringLiteral("lora_dropout")))->value(), 0.0);
    QCOMPARE(combo(panel, QStringLiteral("bias"))->currentText(), QStringLiteral("none"));
    QVERIFY(!qobject_cast<QCheckBox*>(panel.methodForm()->field(QStringLiteral("use_rslora")))->isChecked());
    QCOMPARE(qobject_cast<QLineEdit*>(panel.methodForm()->field(QStringLiteral("target_modules")))->text(), QString());

    panel.methodForm()->setMethodName(QStringLiteral("prompt_tuning"));
    QCOMPARE(spin(panel, QStringLiteral("num_virtual_tokens"))->value(), 8);
    QCOMPARE(combo(panel, QStringLiteral("prompt_tuning_init"))->currentText(), QStringLiteral("RANDOM"));
    QVERIFY(!panel.methodForm()->field(QStringLiteral("prompt_tuning_init_text"))->isEnabled());
    combo(panel, QStringLiteral("prompt_tuning_init"))->setCurrentText(QStringLiteral("TEXT"));
    QVERIFY(panel.methodForm()->field(QStringLiteral("prompt_tuning_init_text"))->isEnabled());

    panel.methodForm()->setMethodName(QStringLiteral("prefix_tuning"));
    QVERIFY(!qobject_cast<QCheckBox*>(panel.methodForm()->field(QStringLiteral("prefix_projection")))->isChecked());
    QVERIFY(!panel.methodForm()->field(QStringLiteral("encoder_hidden_size"))->isEnabled());
    qobject_cast<QCheckBox*>(panel.methodForm()->field(QStringLiteral("prefix_projection")))->setChecked(true);
    QVERIFY(panel.methodForm()->field(QStringLiteral("encoder_hidden_size"))->isEnabled());

    panel.methodForm()->setMethodName(QStringLiteral("p_tuning"));
    QCOMPARE(combo(panel, QStringLiteral("encoder_reparameterization_type"))->currentText(), QStringLiteral("MLP"));
    QCOMPARE(spin(panel, QStringLiteral("encoder_num_layers"))->value(), 2);

    panel.methodForm()->setMethodName(QStringLiteral("ia3"));
    QVERIFY(panel.methodForm()->field(QStringLiteral("feedforward_modules")) != nullptr);
    panel.methodForm()->setMethodName(QStringLiteral("full"));
    QVERIFY(panel.methodForm()->field(QStringLiteral("r")) == nullptr);
  }

  void estimateFollowsTheOptions() {
    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    QCOMPARE(panel.model(), QStringLiteral("stories260k"));
    // LoRA r 8 on q_proj (64 -> 64) and v_proj (64 -> 32) of 5 layers: 5 * 8 * (128 + 96).
    QCOMPARE(panel.estimateText(), QStringLiteral("trainable params: 8,960 || all params: 268,992 || trainable%: 3.3310"));
    const auto memory_at_batch_8 = panel.memoryText();
    QVERIFY2(memory_at_batch_8.contains(QStringLiteral("batch 8 × 128 tokens")), qPrintable(memory_at_batch_8));
    spin(panel, QStringLiteral("r"))->setValue(16);
    QCOMPARE(panel.estimateText(), QStringLiteral("trainable params: 17,920 || all params: 277,952 || trainable%: 6.4472"));
    // rsLoRA changes the scale, not the count.
    qobject_cast<QCheckBox*>(panel.methodForm()->field(QStringLiteral("use_rslora")))->setChecked(true);
    QVERIFY(panel.estimateText().startsWith(QStringLiteral("trainable params: 17,920 ")));
    // Activations grow with the batch.
    pwb::test::setSpin(panel.hyperparameters()->field(QStringLiteral("batch_size")), 32);
    QVERIFY(panel.memoryText().contains(QStringLiteral("batch 32 × 128 tokens")));
    QVERIFY(panel.memoryText() != memory_at_batch_8);
    // A soft prompt of 8 virtual tokens of width 64.
    panel.methodForm()->setMethodName(QStringLiteral("prompt_tuning"));
    QCOMPARE(panel.estimateText(), QStringLiteral("trainable params: 512 || all params: 260,544 || trainable%: 0.1965"));
    QVERIFY(panel.memoryText().contains(QStringLiteral("+ 8 virtual")));
    panel.methodForm()->setMethodName(QStringLiteral("full"));
    QVERIFY(panel.estimateText().startsWith(QStringLiteral("trainable params: 260,032 || all params: 260,032")));
  }

  void initialisesASoftPromptFromAPrompt() {
    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    panel.initialiseFromPrompt(QStringLiteral("  Say if the review is good or bad.\n"));
    QCOMPARE(panel.methodForm()->methodName(), QStringLiteral("prompt_tuning"));
    const auto document = panel.experimentDocument();
    const auto& method = document.at("runs").at(0).at("method");
    QCOMPARE(QString::fromStdString(method.at("prompt_tuning_init").get<std::string>()), QStringLiteral("TEXT"));
    QCOMPARE(QString::fromStdString(method.at("prompt_tuning_init_text").get<std::string>()),
             QStringLiteral("Say if the review is good or bad."));
    QVERIFY(panel.canQueue());
  }

  void settingsThatCannotRunBlockTheQueue() {
    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    panel.methodForm()->setMethodName(QStringLiteral("prompt_tuning"));
    combo(panel, QStringLiteral("prompt_tuning_init"))->setCurrentText(QStringLiteral("TEXT"));
    QVERIFY(!panel.canQueue());
    QVERIFY2(panel.estimateText().contains(QStringLiteral("prompt_tuning_init_text")), qPrintable(panel.estimateText()));
    QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("addToQueue"))->isEnabled());
    qobject_cast<QLineEdit*>(panel.methodForm()->field(QStringLiteral("prompt_tuning_init_text")))->setText(QStringLiteral("great"));
    QVERIFY(panel.canQueue());
    // A base experiment that cannot be read says why.
    QVERIFY(!panel.setBaseExperiment(dir_.filePath(QStringLiteral("missing.json"))));
    QVERIFY(!panel.canQueue());
    QVERIFY2(panel.estimateText().contains(QStringLiteral("missing.json")), qPrintable(panel.estimateText()));
  }

  void documentCarriesTheHyperparameters() {
    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    pwb::test::setShortLoraRun(panel, QStringLiteral("quick lora"), 7, 3);
    qobject_cast<QDoubleSpinBox*>(panel.hyperparameters()->field(QStringLiteral("learning_rate")))->setValue(0.01);
    pwb::test::setSpin(panel.hyperparameters()->field(QStringLiteral("seed")), 3);
    QSignalSpy requested(&panel, &TuningPanel::runRequested);
    panel.findChild<QPushButton*>(QStringLiteral("startRun"))->click();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toBool(), true);
    const auto document = panel.experimentDocument();
    const auto& run = document.at("runs").at(0);
    QCOMPARE(run.at("steps").get<int>(), 7);
    QCOMPARE(run.at("batch_size").get<int>(), 4);
    QCOMPARE(run.at("eval_every").get<int>(), 3);
    QCOMPARE(run.at("learning_rate").get<double>(), 0.01);
    QCOMPARE(QString::fromStdString(run.at("name").get<std::string>()), QStringLiteral("quick lora"));
    QCOMPARE(document.at("seeds"), nlohmann::json::array({3}));
    QCOMPARE(QString::fromStdString(document.at("dataset").at("builtin").get<std::string>()), QStringLiteral("uci_yelp"));
  }

  void dataAndPromptStartAsTheBaseExperiments() {
    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    auto* data = panel.dataForm();
    QCOMPARE(QString::fromStdString(data->datasetChooser()->spec().builtin), QStringLiteral("uci_yelp"));
    QCOMPARE(data->findChild<QSpinBox*>(QStringLiteral("trainSize"))->value(), 32);
    QCOMPARE(data->findChild<QDoubleSpinBox*>(QStringLiteral("validationFraction"))->value(), 0.1);
    QCOMPARE(data->findChild<QDoubleSpinBox*>(QStringLiteral("testFraction"))->value(), 0.2);
    QCOMPARE(data->findChild<QSpinBox*>(QStringLiteral("testLimit"))->value(), 24);
    QVERIFY(data->templateText().startsWith(QStringLiteral("{{#instruction}}\nSay if the review is good or bad.")));
    QCOMPARE(data->labelWords(), QStringLiteral("0=bad,1=good"));
    // Built-in parts besides the default are offered on their own.
    QVERIFY(data->datasetChooser()->findText(QStringLiteral("sst2 dev (built in)")) >= 0);
  }

  void storedRunRecordsTheChosenDatasetSplitsAndPrompt() {
    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    pwb::test::setShortLoraRun(panel, QStringLiteral("on sst2"), 5, 0);
    auto* data = panel.dataForm();
    auto* chooser = data->datasetChooser();
    chooser->setCurrentIndex(chooser->findText(QStringLiteral("sst2 dev (built in)")));
    pwb::test::setSpin(data->findChild<QSpinBox*>(QStringLiteral("trainSize")), 48);
    data->findChild<QDoubleSpinBox*>(QStringLiteral("validationFraction"))->setValue(0.15);
    data->findChild<QDoubleSpinBox*>(QStringLiteral("testFraction"))->setValue(0.3);
    pwb::test::setSpin(data->findChild<QSpinBox*>(QStringLiteral("testLimit")), 20);
    const auto template_text = QStringLiteral("Sentence: {{text}}\nFeeling: {{label}}");
    data->findChild<QPlainTextEdit*>(QStringLiteral("tuningTemplate"))->setPlainText(template_text);
    data->findChild<QLineEdit*>(QStringLiteral("tuningLabelWords"))->setText(QStringLiteral("0=terrible,1=great|fine"));
    QVERIFY2(panel.canQueue(), qPrintable(panel.estimateText()));

    const auto database = dir_.filePath(QStringLiteral("data-choice.sqlite"));
    pwb::ui::RunQueue queue(database);
    const auto ids = queue.add(panel.experimentDocument(), panel.baseExperiment());
    QCOMPARE(ids.size(), 1);
    const pwb::store::ExperimentStore store(database.toStdString());
    const auto spec = pwb::experiment::storedSpecOfRun(store, ids.front());
    QCOMPARE(QString::fromStdString(spec.dataset.builtin), QStringLiteral("sst2"));
    QCOMPARE(QString::fromStdString(spec.dataset.part), QStringLiteral("dev"));
    QCOMPARE(spec.dataset.validation_fraction, 0.15);
    QCOMPARE(spec.dataset.test_fraction, 0.3);
    QCOMPARE(spec.dataset.test_limit, std::optional<std::int64_t>(20));
    QCOMPARE(spec.dataset.validation_limit, std::optional<std::int64_t>(16));  // the base's
    QCOMPARE(spec.train_sizes, std::vector<std::int64_t>{48});
    QCOMPARE(spec.runs.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(spec.runs[0].prompt.template_text), template_text);
    QCOMPARE(spec.runs[0].prompt.verbalizer.at("0"), std::vector<std::string>{"terrible"});
    QCOMPARE(spec.runs[0].prompt.verbalizer.at("1"), (std::vector<std::string>{"great", "fine"}));
    QCOMPARE(QString::fromStdString(spec.runs[0].tuning.methodName()), QStringLiteral("lora"));
  }

  void importedDatasetIsOfferedAndStored() {
    const auto file = dir_.filePath(QStringLiteral("tickets.tsv"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("message\tlabel\n");
    for (int i = 0; i < 40; ++i) out.write(QByteArray("ticket number ") + QByteArray::number(i) + (i % 2 ? "\turgent\n" : "\tlater\n"));
    out.close();
    pwb::data::ImportOptions options;
    options.format = pwb::data::Format::Tsv;
    options.columns.text = "message";
    options.columns.label = "label";

    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    auto* chooser = panel.dataForm()->datasetChooser();
    const int builtins = chooser->count();
    const int index = chooser->addDatasetFile(file, options);
    QCOMPARE(index, builtins);  // after the built-ins
    QCOMPARE(chooser->addDatasetFile(file, options), index);  // once
    chooser->setCurrentIndex(index);
    panel.dataForm()->findChild<QLineEdit*>(QStringLiteral("tuningLabelWords"))->setText(QStringLiteral("urgent=now,later=soon"));
    QVERIFY2(panel.canQueue(), qPrintable(panel.estimateText()));
    const auto dataset = panel.experimentDocument().at("dataset");
    QCOMPARE(QString::fromStdString(dataset.at("file").get<std::string>()), file);
    QCOMPARE(QString::fromStdString(dataset.at("columns").at("text").get<std::string>()), QStringLiteral("message"));
    QCOMPARE(QString::fromStdString(dataset.at("format").get<std::string>()), QStringLiteral("tsv"));
  }

  void labelWordsFollowTheBuiltinDatasetsLabels() {
    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    auto* data = panel.dataForm();
    auto* words = data->findChild<QLineEdit*>(QStringLiteral("tuningLabelWords"));
    // Words for labels a built-in dataset does not have block the run and say why.
    words->setText(QStringLiteral("0=bad,2=good"));
    QVERIFY(!panel.canQueue());
    QVERIFY2(panel.estimateText().contains(QStringLiteral("2")), qPrintable(panel.estimateText()));
    // Choosing a dataset with other labels puts its label names in their place.
    data->datasetChooser()->setCurrentIndex(data->datasetChooser()->findText(QStringLiteral("sms_spam (built in)")));
    QCOMPARE(words->text(), QStringLiteral("ham=ham,spam=spam"));
    QVERIFY2(panel.canQueue(), qPrintable(panel.estimateText()));
    // Words that fit are kept.
    words->setText(QStringLiteral("0=awful,1=lovely"));
    data->datasetChooser()->setCurrentIndex(data->datasetChooser()->findText(QStringLiteral("sst2 (built in)")));
    QCOMPARE(words->text(), QStringLiteral("0=awful,1=lovely"));
  }

  void takesThePromptDesignPanelsPrompt() {
    TuningPanel panel;
    QVERIFY(panel.setBaseExperiment(base_));
    QSignalSpy requested(panel.dataForm(), &pwb::ui::TuningDataForm::designPromptRequested);
    panel.dataForm()->findChild<QPushButton*>(QStringLiteral("useDesignPrompt"))->click();
    QCOMPARE(requested.count(), 1);
    pwb::experiment::DatasetSpec trec;
    trec.builtin = "trec";
    trec.part = "test";
    panel.dataForm()->usePrompt(QStringLiteral("Q: {{text}}\nType: {{label}}"), QStringLiteral("HUM=person,LOC=place,NUM=number,ABBR=short,DESC=description,ENTY=thing"), trec);
    QCOMPARE(panel.dataForm()->datasetChooser()->currentText(), QStringLiteral("trec test (built in)"));
    QCOMPARE(panel.dataForm()->templateText(), QStringLiteral("Q: {{text}}\nType: {{label}}"));
    QVERIFY2(panel.canQueue(), qPrintable(panel.estimateText()));
    QCOMPARE(panel.experimentDocument().at("prompt").at("verbalizer").at("HUM"), nlohmann::json::array({"person"}));
  }
};

QTEST_MAIN(TuningPanelTest)
#include "tuning_panel_test.moc"
