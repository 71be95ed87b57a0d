#pragma once
// The run queue as a table (run, status, step, loss, message) with Start, Pause, Resume and
// Cancel for the selected run; buttons follow what the selected run's state allows.

#include <QWidget>

class QPushButton;
class QTableWidget;

namespace pwb::ui {

class RunQueue;

class RunQueueView : public QWidget {
  Q_OBJECT
 public:
  explicit RunQueueView(RunQueue* queue, QWidget* parent = nullptr);

  QTableWidget* table() const { return table_; }
  // The selected run's id, 0 when none.
  qint64 selectedRun() const;
  void selectRun(qint64 run_id);
  QPushButton* startButton() const { return start_; }
  QPushButton* pauseButton() const { return pause_; }
  QPushButton* resumeButton() const { return resume_; }
  QPushButton* cancelButton() const { return cancel_; }

 private:
  void insertRow(int row);
  void showRow(int row);
  void updateButtons();

  RunQueue* queue_;
  QTableWidget* table_;
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* resume_;
  QPushButton* cancel_;
};

}  // namespace pwb::ui
