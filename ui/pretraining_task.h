#pragma once
// Runs core's pretraining job on a thread-pool thread. Cancellation is cooperative (the job
// checks a flag between steps); there is no thread termination. Any failure becomes one
// finished(JobOutcome) with status "failed" and a message a person can act on.

#include <QObject>
#include <QRunnable>
#include <QString>

#include "progress_update.h"
#include "system/cancellation.h"
#include "train/pretraining.h"

namespace pwb::ui {

class PretrainingTask : public QObject, public QRunnable {
  Q_OBJECT
 public:
  PretrainingTask(train::PretrainingOptions options, QString database_file);
  void run() override;
  // Thread-safe: asks the job to stop after the current step.
  void cancel() { cancel_.cancel(); }

 Q_SIGNALS:
  void progressed(const pwb::ui::ProgressUpdate& update);
  void message(const QString& text);
  void finished(const pwb::ui::JobOutcome& outcome);

 private:
  train::PretrainingOptions options_;
  QString database_file_;
  system::CancellationToken cancel_;
};

}  // namespace pwb::ui
