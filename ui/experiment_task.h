#pragma once
// Runs an experiment file (core's ExperimentRunner) on a thread-pool thread: progress per run
// as plain values, cooperative cancellation between and within runs, and one finished signal
// whatever happens (a file that cannot be read becomes a message, not a crash).

#include <QObject>
#include <QRunnable>
#include <QString>
#include <cstdint>

#include "progress_update.h"
#include "system/cancellation.h"

namespace pwb::ui {

struct ExperimentOutcomeText {
  std::int64_t experiment_id = 0;  // 0 when nothing ran
  QString summary;                 // "10 finished, 0 failed, 0 cancelled" or the error
  bool ok = false;
};

// The method ladder beside the resources: experiments/ in the source tree or the installed share.
QString methodLadderFile();

class ExperimentTask : public QObject, public QRunnable {
  Q_OBJECT
 public:
  ExperimentTask(QString experiment_file, QString database_file);
  void run() override;
  void cancel() { cancel_.cancel(); }

 Q_SIGNALS:
  // index/count of the run in the queue, its name, fraction of it done, what it is doing.
  void progressed(int index, int count, const QString& run, double fraction, const QString& text);
  void message(const QString& text);
  // A tuning run's step, loss and new metric points, for the live charts.
  void trained(const pwb::ui::ProgressUpdate& update);
  void finished(const pwb::ui::ExperimentOutcomeText& outcome);

 private:
  QString experiment_file_;
  QString database_file_;
  system::CancellationToken cancel_;
};

}  // namespace pwb::ui

Q_DECLARE_METATYPE(pwb::ui::ExperimentOutcomeText)
