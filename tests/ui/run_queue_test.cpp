// The run queue with real short tuning runs of the built-in model: runs go one at a time in the
// order they were added and are stored with their curves; a paused run takes no step until it is
// resumed; cancelling stops a running run and keeps a queued one from ever starting; a run the
// store found interrupted continues from its checkpoint to the end; runs left queued when a
// window closed are queued again in the next one.

#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "adapt/method_counts.h"
#include "run_queue.h"
#include "run_queue_view.h"
#include "store/experiment_store.h"
#include "support/tuning_fixture.h"
#include "tuning_panel.h"
#include "tuning_tab.h"

using pwb::ui::JobOutcome;
using pwb::ui::QueueState;
using pwb::ui::RunQueue;
using pwb::ui::TuningTab;

namespace {

std::vector<std::int64_t> steps(const std::vector<pwb::train::MetricPoint>& points) {
  std::vector<std::int64_t> out;
  for (const auto& p : points) out.push_back(p.step);
  return out;
}

QString text(pwb::store::RunStatus status) { return QString::fromStdString(pwb::store::toString(status)); }

std::vector<std::int64_t> oneTo(std::int64_t n) {
  std::vector<std::int64_t> out;
  for (std::int64_t i = 1; i <= n; ++i) out.push_back(i);
  return out;
}

}  // namespace

class RunQueueTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString base_;
  int databases_ = 0;

  QString newDatabase() { return dir_.filePath(QStringLiteral("queue-%1.sqlite").arg(++databases_)); }

  static qint64 queueRun(TuningTab& tab, const QString& name, int steps, int eval_every, int checkpoint_every = 0) {
    pwb::test::setShortLoraRun(*tab.panel(), name, steps, eval_every, checkpoint_every);
    if (!tab.queueCurrentRun(false)) return 0;
    return tab.queue()->entries().back().run_id;
  }

  static QueueState stateOf(const RunQueue& queue, qint64 id) { return queue.entry(id)->state; }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    base_ = pwb::test::writeSmallTuningBase(QDir(dir_.path()));
  }

  void runsInOrderAndStoresEachWithItsCurve() {
    const auto database = newDatabase();
    TuningTab tab(database, base_);
    const auto estimate = tab.panel()->estimateText();
    const auto a = queueRun(tab, QStringLiteral("a"), 6, 3);
    const auto b = queueRun(tab, QStringLiteral("b"), 6, 3);
    const auto c = queueRun(tab, QStringLiteral("c"), 6, 3);
    QVERIFY(a > 0 && b > a && c > b);
    {
      // Stored the moment they are queued, so the run browser lists them.
      const pwb::store::ExperimentStore store(database.toStdString());
      QCOMPARE(text(store.run(b)->status), QStringLiteral("queued"));
    }
    QSignalSpy started(tab.queue(), &RunQueue::runStarted);
    QSignalSpy finished(tab.queue(), &RunQueue::runFinished);
    QSignalSpy progressed(tab.queue(), &RunQueue::progressed);
    tab.queueView()->startButton()->click();
    QCOMPARE(stateOf(*tab.queue(), a), QueueState::Running);
    QCOMPARE(stateOf(*tab.queue(), b), QueueState::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 180000);
    QCOMPARE(started.count(), 3);
    QCOMPARE(started.at(0).at(0).toLongLong(), a);
    QCOMPARE(started.at(1).at(0).toLongLong(), b);
    QCOMPARE(started.at(2).at(0).toLongLong(), c);
    QVERIFY(progressed.count() > 0);

    const pwb::store::ExperimentStore store(database.toStdString());
    for (const auto id : {a, b, c}) {
      QCOMPARE(stateOf(*tab.queue(), id), QueueState::Finished);
      const auto run = store.run(id);
      QCOMPARE(text(run->status), QStringLiteral("finished"));
      QCOMPARE(run->kind, std::string("tuning"));
      QVERIFY(run->experiment_id.has_value());
      // The estimate shown before launch is what the run trained.
      QCOMPARE(QString::fromStdString(pwb::adapt::formatTrainableParameters({*run->trainable_params, *run->total_params})),
               estimate);
      QCOMPARE(steps(store.metrics(id, "train", "loss")), oneTo(6));
      QCOMPARE(steps(store.metrics(id, "validation", "accuracy")), (std::vector<std::int64_t>{3, 6}));
      QCOMPARE(store.metrics(id, "test", "accuracy").size(), std::size_t{1});
      QCOMPARE(store.predictions(id, "test").size(), std::size_t{24});
      QVERIFY(!store.artifacts(id).empty());
    }
    QCOMPARE(tab.queueView()->table()->rowCount(), 3);
    QCOMPARE(tab.queueView()->table()->item(0, 1)->text(), QStringLiteral("finished"));
    QCOMPARE(tab.queueView()->table()->item(0, 2)->text(), QStringLiteral("6 / 6"));
  }

  void pausedRunTakesNoStepUntilResumed() {
    const auto database = newDatabase();
    TuningTab tab(database, base_);
    const auto id = queueRun(tab, QStringLiteral("long"), 100000, 0);
    tab.queue()->start();
    QTRY_VERIFY_WITH_TIMEOUT(tab.queue()->entry(id)->step >= 3, 60000);
    tab.queueView()->selectRun(id);
    QVERIFY(tab.queueView()->pauseButton()->isEnabled());
    tab.queueView()->pauseButton()->click();
    QCOMPARE(stateOf(*tab.queue(), id), QueueState::Paused);
    QVERIFY(tab.queueView()->resumeButton()->isEnabled());
    // The step in flight ends; then the run waits, its progress and the store complete.
    QTRY_VERIFY_WITH_TIMEOUT(tab.queue()->isHeld(id), 60000);
    QTest::qWait(100);  // the last progress report's queued signal
    const auto paused_at = tab.queue()->entry(id)->step;
    const auto stored_at = pwb::store::ExperimentStore(database.toStdString()).metrics(id, "train", "loss").size();
    QCOMPARE(static_cast<qint64>(stored_at), paused_at);
    QTest::qWait(1000);
    QCOMPARE(tab.queue()->entry(id)->step, paused_at);
    QCOMPARE(pwb::store::ExperimentStore(database.toStdString()).metrics(id, "train", "loss").size(), stored_at);
    QCOMPARE(text(pwb::store::ExperimentStore(database.toStdString()).run(id)->status), QStringLiteral("running"));

    tab.queueView()->resumeButton()->click();
    QCOMPARE(stateOf(*tab.queue(), id), QueueState::Running);
    QTRY_VERIFY_WITH_TIMEOUT(tab.queue()->entry(id)->step > paused_at + 2, 60000);

    // Cancelling a running run stops it within a step and keeps what it stored.
    QSignalSpy finished(tab.queue(), &RunQueue::runFinished);
    tab.queueView()->cancelButton()->click();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.at(0).at(0).value<JobOutcome>().status, QStringLiteral("cancelled"));
    QCOMPARE(stateOf(*tab.queue(), id), QueueState::Cancelled);
    const pwb::store::ExperimentStore store(database.toStdString());
    QCOMPARE(text(store.run(id)->status), QStringLiteral("cancelled"));
    QVERIFY(store.metrics(id, "train", "loss").size() > stored_at);
  }

  void cancelledOrHeldQueuedRunsDoNotStart() {
    const auto database = newDatabase();
    TuningTab tab(database, base_);
    const auto first = queueRun(tab, QStringLiteral("first"), 4, 0);
    const auto cancelled = queueRun(tab, QStringLiteral("cancelled"), 4, 0);
    const auto held = queueRun(tab, QStringLiteral("held"), 4, 0);
    const auto last = queueRun(tab, QStringLiteral("last"), 4, 0);
    tab.queue()->cancel(cancelled);
    tab.queue()->pause(held);
    QCOMPARE(stateOf(*tab.queue(), cancelled), QueueState::Cancelled);
    QCOMPARE(stateOf(*tab.queue(), held), QueueState::Paused);
    QSignalSpy started(tab.queue(), &RunQueue::runStarted);
    tab.queue()->start();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(*tab.queue(), last) == QueueState::Finished, 120000);
    QCOMPARE(started.count(), 2);
    QCOMPARE(started.at(0).at(0).toLongLong(), first);
    QCOMPARE(started.at(1).at(0).toLongLong(), last);
    QCOMPARE(stateOf(*tab.queue(), held), QueueState::Paused);
    {
      const pwb::store::ExperimentStore store(database.toStdString());
      QCOMPARE(text(store.run(cancelled)->status), QStringLiteral("cancelled"));
      QVERIFY(store.metrics(cancelled).empty());
      QCOMPARE(text(store.run(held)->status), QStringLiteral("queued"));
    }
    // Released, the held run runs.
    tab.queue()->resume(held);
    tab.queue()->start();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(*tab.queue(), held) == QueueState::Finished, 120000);
    QCOMPARE(steps(pwb::store::ExperimentStore(database.toStdString()).metrics(held, "train", "loss")), oneTo(4));
  }

  void interruptedRunContinuesFromItsCheckpoint() {
    const auto database = newDatabase();
    qint64 id = 0;
    std::int64_t stopped_at = 0;
    {
      TuningTab tab(database, base_);
      id = queueRun(tab, QStringLiteral("crashed"), 40, 0, 5);
      QSignalSpy finished(tab.queue(), &RunQueue::runFinished);
      tab.queue()->start();
      QTRY_VERIFY_WITH_TIMEOUT(tab.queue()->entry(id)->step >= 12, 60000);
      tab.queue()->cancel(id);
      QVERIFY(finished.wait(60000));
      stopped_at = static_cast<std::int64_t>(pwb::store::ExperimentStore(database.toStdString()).metrics(id, "train", "loss").size());
      QVERIFY(stopped_at >= 12 && stopped_at < 40);
    }
    // What the store records for a run whose process died (ExperimentStore marks it on opening
    // when the process that ran it is gone).
    pwb::store::ExperimentStore(database.toStdString())
        .setRunStatus(id, pwb::store::RunStatus::Interrupted, "the process running it ended before the run finished");

    TuningTab tab(database, base_);
    QCOMPARE(tab.queue()->entries().size(), 1);
    QCOMPARE(stateOf(*tab.queue(), id), QueueState::Interrupted);
    QCOMPARE(tab.queue()->entry(id)->step, stopped_at);
    QCOMPARE(tab.queueView()->table()->item(0, 1)->text(), QStringLiteral("interrupted"));
    QCOMPARE(tab.queueView()->table()->item(0, 2)->text(), QStringLiteral("%1 / 40").arg(stopped_at));
    tab.queueView()->selectRun(id);
    QVERIFY(tab.queueView()->resumeButton()->isEnabled());
    QSignalSpy progressed(tab.queue(), &RunQueue::progressed);
    tab.queueView()->resumeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(*tab.queue(), id) == QueueState::Finished, 120000);
    // It went on from its checkpoint: the first step it reported follows the stored ones.
    QVERIFY(!progressed.isEmpty());
    const auto first = progressed.at(0).at(0).value<pwb::ui::ProgressUpdate>();
    QVERIFY(!first.points.empty());
    QCOMPARE(first.points.front().step, stopped_at + 1);
    const pwb::store::ExperimentStore store(database.toStdString());
    QCOMPARE(text(store.run(id)->status), QStringLiteral("finished"));
    QCOMPARE(steps(store.metrics(id, "train", "loss")), oneTo(40));
  }

  void runsLeftQueuedComeBackInTheNextSession() {
    const auto database = newDatabase();
    qint64 finished_id = 0;
    qint64 first = 0;
    qint64 second = 0;
    {
      // The first session finishes one run and closes with two queued, never started.
      TuningTab tab(database, base_);
      finished_id = queueRun(tab, QStringLiteral("done"), 2, 0);
      QSignalSpy finished(tab.queue(), &RunQueue::runFinished);
      tab.queue()->start();
      QVERIFY(finished.wait(60000));
      first = queueRun(tab, QStringLiteral("left 1"), 3, 0);
      second = queueRun(tab, QStringLiteral("left 2"), 3, 0);
      QVERIFY(first > finished_id && second > first);
    }
    // A second session on the same store, as the next start of the window.
    TuningTab tab(database, base_);
    QCOMPARE(tab.queue()->entries().size(), 2);
    QCOMPARE(tab.queue()->entries().at(0).run_id, first);
    QCOMPARE(tab.queue()->entries().at(1).run_id, second);
    QCOMPARE(stateOf(*tab.queue(), first), QueueState::Queued);
    QCOMPARE(tab.queue()->entry(second)->name, QStringLiteral("left 2 · n=32"));  // as stored
    QCOMPARE(tab.queueView()->table()->item(1, 1)->text(), QStringLiteral("queued"));
    QVERIFY(tab.queueView()->startButton()->isEnabled());
    // Listing the store again adds none twice.
    tab.queue()->addStoredRuns();
    QCOMPARE(tab.queue()->entries().size(), 2);
    // Started, they run in the order they were queued and are stored as finished.
    QSignalSpy started(tab.queue(), &RunQueue::runStarted);
    QSignalSpy finished(tab.queue(), &RunQueue::runFinished);
    tab.queueView()->startButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
    QCOMPARE(started.at(0).at(0).toLongLong(), first);
    QCOMPARE(started.at(1).at(0).toLongLong(), second);
    const pwb::store::ExperimentStore store(database.toStdString());
    QCOMPARE(text(store.run(first)->status), QStringLiteral("finished"));
    QCOMPARE(steps(store.metrics(second, "train", "loss")), oneTo(3));
    // Finished runs do not come back.
    TuningTab later(database, base_);
    QVERIFY(later.queue()->entries().isEmpty());
  }

  // Two windows on one database list the same queued runs; a run one of them started or finished
  // is not run again by the other, and keeps what the store says of it.
  void aRunAnotherWindowTookIsLeftToIt() {
    const auto database = newDatabase();
    TuningTab window_a(database, base_);
    const auto finished_in_b = queueRun(window_a, QStringLiteral("b finishes it"), 2, 0);
    const auto running_in_b = queueRun(window_a, QStringLiteral("b runs it"), 2, 0);
    TuningTab window_b(database, base_);
    QCOMPARE(window_b.queue()->entries().size(), 2);
    {
      QSignalSpy finished(window_b.queue(), &RunQueue::runFinished);
      window_b.queue()->pause(running_in_b);  // held back: B runs the other one alone
      window_b.queue()->start();
      QVERIFY(finished.wait(60000));
    }
    pwb::store::ExperimentStore store(database.toStdString());
    QCOMPARE(text(store.run(finished_in_b)->status), QStringLiteral("finished"));
    QVERIFY(store.claimRun(running_in_b));  // B's process (here: this one) is running it now

    QSignalSpy finished(window_a.queue(), &RunQueue::runFinished);
    window_a.queue()->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    QCOMPARE(stateOf(*window_a.queue(), finished_in_b), QueueState::Finished);
    QCOMPARE(stateOf(*window_a.queue(), running_in_b), QueueState::Elsewhere);
    QVERIFY(window_a.queue()->entry(running_in_b)->message.contains(QStringLiteral("another process")));
    QCOMPARE(text(store.run(finished_in_b)->status), QStringLiteral("finished"));  // not marked failed
    QCOMPARE(text(store.run(running_in_b)->status), QStringLiteral("running"));
    QVERIFY(store.metrics(running_in_b, "train", "loss").empty());  // A trained none of it
  }
};

QTEST_MAIN(RunQueueTest)
#include "run_queue_test.moc"
