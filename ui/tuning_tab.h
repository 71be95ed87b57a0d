#pragma once
// The window's Tuning tab: the Tuning panel beside the run queue it feeds. Runs go into the
// window's database; their progress (for the live charts) and their ends are signalled here.

#include <QWidget>

#include "progress_update.h"

namespace pwb::ui {

class RunQueue;
class RunQueueView;
class TuningPanel;

class TuningTab : public QWidget {
  Q_OBJECT
 public:
  // base_experiment: the experiment file whose data and prompt tuning runs use.
  TuningTab(const QString& database_file, const QString& base_experiment, QWidget* parent = nullptr);

  TuningPanel* panel() const { return panel_; }
  RunQueue* queue() const { return queue_; }
  RunQueueView* queueView() const { return view_; }
  // The panel's run, queued (and the queue started when start_now); false with a message when
  // the run is not valid.
  bool queueCurrentRun(bool start_now);

 Q_SIGNALS:
  void message(const QString& text);

 private:
  TuningPanel* panel_;
  RunQueue* queue_;
  RunQueueView* view_;
};

}  // namespace pwb::ui
