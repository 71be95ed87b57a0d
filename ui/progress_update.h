#pragma once
// Plain values that cross from a worker thread into the GUI thread through queued signals.

#include <QMetaType>
#include <QString>
#include <QVector>

#include <vector>

#include "train/progress.h"

namespace pwb::ui {

struct ProgressUpdate {
  qint64 run_id = 0;
  qint64 step = 0;
  qint64 total_steps = 0;
  double loss = 0.0;
  double learning_rate = 0.0;
  double tokens_per_second = 0.0;
  double elapsed_seconds = 0.0;
  double remaining_seconds = 0.0;
  // Every metric point since the previous update (with its split, tokens seen and wall time).
  std::vector<train::MetricPoint> points;
  QString run_name;  // empty when the receiver knows it
};

struct JobOutcome {
  qint64 run_id = 0;
  QString status;  // finished | cancelled | failed
  QString message;
};

}  // namespace pwb::ui

Q_DECLARE_METATYPE(pwb::ui::ProgressUpdate)
Q_DECLARE_METATYPE(pwb::ui::JobOutcome)
