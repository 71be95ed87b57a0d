#pragma once
// Runs a prompt-design study (core's design_study.h: templates × k × seeds as an experiment of
// design runs) on a thread-pool thread through the standard experiment runner, so every cell is
// stored as a design run. Progress is throttled to a few signals a second; cancellation is
// cooperative (between examples); one finished signal whatever happens.

#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QRunnable>
#include <QString>
#include <QVector>
#include <optional>

#include "eval/interval.h"
#include "experiment/experiment_spec.h"
#include "system/cancellation.h"

namespace pwb::ui {

// One cell of the grid as stored: which template, k and seed, and what its run found.
struct DesignCellResult {
  qint64 run_id = 0;
  QString template_name;
  qint64 shots = 0;
  quint64 seed = 0;
  QString status;  // the run's status in the store
  qint64 examples = 0;
  std::optional<eval::ConfidenceInterval> accuracy;  // absent when the run predicted nothing
  std::optional<eval::ConfidenceInterval> macro_f1;
};

struct DesignOutcome {
  qint64 experiment_id = 0;  // 0 when nothing ran
  QVector<DesignCellResult> cells;
  QMap<QString, QString> label_words;  // label value -> the word shown in demonstrations
  QString summary;  // "3 finished, 0 failed, 0 cancelled" or what went wrong
  bool ok = false;
  bool cancelled = false;
};

class DesignTask : public QObject, public QRunnable {
  Q_OBJECT
 public:
  DesignTask(experiment::ExperimentSpec experiment, QString database_file);
  void run() override;
  void cancel() { cancel_.cancel(); }

 Q_SIGNALS:
  // fraction of the whole study done, and what runs now ("run 2 of 6, t1 shots=4: 12/20 examples").
  void progressed(double fraction, const QString& text);
  void finished(const pwb::ui::DesignOutcome& outcome);

 private:
  experiment::ExperimentSpec experiment_;
  QString database_file_;
  system::CancellationToken cancel_;
};

}  // namespace pwb::ui

Q_DECLARE_METATYPE(pwb::ui::DesignOutcome)
