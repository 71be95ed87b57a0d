// A run's adapter from the run browser: a real 4-step soft prompt on stories260k (a checkpoint
// every 2 steps), exported into a folder (the same bytes as the stored artifact) and shown as
// words (the same neighbours as core's softPromptNeighbours), at the end or at an earlier step;
// runs without an adapter disable both actions.

#include <QFile>
#include <QComboBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include "adapt/soft_prompt_view.h"
#include "experiment/experiment_spec.h"
#include "experiment/standard_runner.h"
#include "run_adapter.h"
#include "run_browser.h"
#include "store/experiment_store.h"

using pwb::ui::RunBrowser;

class RunAdapterTest : public QObject {
  Q_OBJECT

 private:
  QString database() const { return dir_.filePath(QStringLiteral("e.sqlite")); }
  QPushButton* button(RunBrowser& browser, const QString& text) {
    for (auto* b : browser.findChildren<QPushButton*>()) {
      if (b->text() == text) return b;
    }
    return nullptr;
  }
  QTemporaryDir dir_;
  std::int64_t design_ = 0, soft_prompt_ = 0;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    const auto spec = pwb::experiment::parseExperimentSpec(nlohmann::json::parse(R"({
      "format_version": 1, "name": "adapter", "models": ["stories260k"],
      "dataset": {"builtin": "uci_yelp", "limits": {"validation": 4, "test": 4}}, "train_sizes": [8],
      "prompt": {"template": "{{text}} It was {{label}}", "verbalizer": {"0": "bad", "1": "good"}},
      "runs": [{"name": "zero-shot", "kind": "design"},
               {"name": "soft prompt", "kind": "tuning", "steps": 4, "eval_every": 0, "checkpoint_every": 2,
                "learning_rate": 0.3,
                "method": {"name": "prompt_tuning", "num_virtual_tokens": 3}}]})"));
    pwb::store::ExperimentStore store(database().toStdString());
    pwb::system::CancellationToken cancel;
    const auto outcome = pwb::experiment::standardRunner(store).run(spec, "", {}, cancel);
    QCOMPARE(outcome.finished, std::size_t{2});
    design_ = outcome.run_ids[0];
    soft_prompt_ = outcome.run_ids[1];
  }

  void aRunWithoutAnAdapterOffersNeither() {
    RunBrowser browser;
    browser.setDatabase(database());
    browser.selectRuns({design_});
    QVERIFY(!button(browser, QStringLiteral("Export adapter…"))->isEnabled());
    QVERIFY(!button(browser, QStringLiteral("Soft prompt as words"))->isEnabled());
    QSignalSpy errors(&browser, &RunBrowser::errorOccurred);
    QVERIFY(!browser.exportAdapterTo(dir_.filePath(QStringLiteral("nothing"))));
    QCOMPARE(errors.count(), 1);
  }

  void onlyMethodsWithVirtualTokensOfTheModelsWidthOfferWords() {
    pwb::ui::RunAdapter adapter;
    for (const auto& [method, offered] : {std::pair{"prompt_tuning", true}, {"p_tuning", true}, {"prefix_tuning", false},
                                          {"lora", false}, {"ia3", false}, {"full", false}}) {
      adapter.method = method;
      QCOMPARE(pwb::ui::hasSoftPrompt(adapter), offered);
    }
  }

  void exportsTheStoredAdapterFiles() {
    RunBrowser browser;
    browser.setDatabase(database());
    browser.selectRuns({soft_prompt_});
    QVERIFY(button(browser, QStringLiteral("Export adapter…"))->isEnabled());
    const auto target = dir_.filePath(QStringLiteral("exported"));
    QVERIFY(browser.exportAdapterTo(target));
    const auto adapter = pwb::ui::runAdapter(pwb::store::ExperimentStore(database().toStdString()), soft_prompt_);
    QVERIFY(adapter.has_value());
    for (const auto* name : {"adapter_config.json", "adapter_model.safetensors"}) {
      QFile stored(QString::fromStdString((adapter->folder / name).string()));
      QFile exported(target + QLatin1Char('/') + QLatin1String(name));
      QVERIFY2(stored.open(QIODevice::ReadOnly) && exported.open(QIODevice::ReadOnly), name);
      QVERIFY(stored.size() > 0);
      QCOMPARE(exported.readAll(), stored.readAll());
    }
  }

  void showsTheSoftPromptAsItsNearestTokens() {
    RunBrowser browser;
    browser.setDatabase(database());
    browser.selectRuns({soft_prompt_});
    QVERIFY(button(browser, QStringLiteral("Soft prompt as words"))->isEnabled());
    QSignalSpy shown(&browser, &RunBrowser::softPromptShown);
    browser.showSoftPromptWords();
    QVERIFY(shown.wait(60000));
    const auto adapter = pwb::ui::runAdapter(pwb::store::ExperimentStore(database().toStdString()), soft_prompt_);
    const auto expected = pwb::adapt::softPromptNeighbours("stories260k", adapter->folder, 5);
    QCOMPARE(expected.size(), std::size_t{3});  // one list per virtual token
    const auto html = pwb::ui::softPromptWordsHtml(*adapter, 5);
    QCOMPARE(html.count(QStringLiteral("<tr>")), 3);
    for (const auto& token : expected) {
      QCOMPARE(token.size(), std::size_t{5});
      QVERIFY2(html.contains(QString::fromStdString(token.front().piece).toHtmlEscaped()), token.front().piece.c_str());
    }
    QVERIFY(browser.detailHtml().contains(QStringLiteral("Soft prompt as words (step 4)")));
  }

  void showsTheSoftPromptOfAnEarlierStep() {
    RunBrowser browser;
    browser.setDatabase(database());
    browser.selectRuns({soft_prompt_});
    QCOMPARE(browser.softPromptSteps(), (QList<qlonglong>{2, 4}));
    auto* steps = browser.findChild<QComboBox*>(QStringLiteral("softPromptStep"));
    QVERIFY(steps && steps->isEnabled());
    QCOMPARE(steps->currentData().toLongLong(), 4LL);  // the final soft prompt unless chosen otherwise
    browser.chooseSoftPromptStep(2);
    QSignalSpy shown(&browser, &RunBrowser::softPromptShown);
    browser.showSoftPromptWords();
    QVERIFY(shown.wait(60000));
    QCOMPARE(steps->currentData().toLongLong(), 2LL);  // the choice stays after the words are shown

    const auto adapter = pwb::ui::runAdapter(pwb::store::ExperimentStore(database().toStdString()), soft_prompt_);
    const auto at_step_2 = pwb::adapt::softPromptNeighbours("stories260k", adapter->snapshots.front().folder, 5);
    const auto at_end = pwb::adapt::softPromptNeighbours("stories260k", adapter->folder, 5);
    const auto similarity = [](const pwb::adapt::TokenNeighbour& n) { return QString::number(n.cosine_similarity, 'f', 2); };
    bool moved = false;
    for (std::size_t i = 0; i < at_step_2.size(); ++i) {
      moved = moved || at_step_2[i].front().id != at_end[i].front().id ||
              similarity(at_step_2[i].front()) != similarity(at_end[i].front());
    }
    QVERIFY2(moved, "the soft prompt at step 2 reads as the final one: the test could not tell them apart");
    const auto text = browser.findChild<QTextBrowser*>()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("Soft prompt as words (step 2)")));
    for (const auto& token : at_step_2) {
      const auto cell = QStringLiteral("%1 (%2)").arg(QString::fromStdString(token.front().piece), similarity(token.front()));
      QVERIFY2(text.contains(cell), qPrintable(cell));
    }
  }
};

QTEST_MAIN(RunAdapterTest)
#include "run_adapter_test.moc"
