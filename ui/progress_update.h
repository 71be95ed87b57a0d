#pragma once
// Plain values that cross from a worker thread into the GUI thread through queued signals.

#include <QMetaType>
#include <QString>
#include <QVector>

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
  // The loss curve points since the previous update.
  QVector<double> steps;
  QVector<double> losses;
};

struct JobOutcome {
  qint64 run_id = 0;
  QString status;  // finished | cancelled | failed
  QString message;
};

}  // namespace pwb::ui

Q_DECLARE_METATYPE(pwb::ui::ProgressUpdate)
Q_DECLARE_METATYPE(pwb::ui::JobOutcome)
