#pragma once
// Executes one stored tuning run (queued, or interrupted/cancelled/failed before: it continues
// from its last checkpoint) on a thread-pool thread, through core's ExperimentRunner::resume so
// that the store, the checkpoints and the adapter are exactly those of `pwb resume`. Pause waits
// between steps; cancel stops within one step; one finished(JobOutcome) whatever happens.

#include <QObject>
#include <QRunnable>
#include <QString>

#include "progress_update.h"
#include "system/cancellation.h"
#include "train/pause_gate.h"

namespace pwb::ui {

class TuningRunTask : public QObject, public QRunnable {
  Q_OBJECT
 public:
  TuningRunTask(QString database_file, qint64 run_id);
  void run() override;

  // Thread-safe.
  void cancel() { cancel_.cancel(); }
  void pause() { pause_.pause(); }
  void resume() { pause_.resume(); }
  // The pause has taken effect: the run waits between steps.
  bool isHeld() const { return pause_.isHolding(); }
  qint64 runId() const { return run_id_; }

 Q_SIGNALS:
  void progressed(const pwb::ui::ProgressUpdate& update);
  void finished(const pwb::ui::JobOutcome& outcome);

 private:
  QString database_file_;
  qint64 run_id_;
  system::CancellationToken cancel_;
  train::PauseGate pause_;
};

}  // namespace pwb::ui
