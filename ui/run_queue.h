#pragma once
// The tuning runs the window will execute, one at a time on a worker thread, in the order they
// were added. Each is stored in the experiment store the moment it is added (its own experiment,
// status 'queued'), so the run browser and the Results tab show it; each can be paused (a queued
// one is held back, a running one waits between steps), resumed, and cancelled. Runs the store
// found interrupted (their process died) are listed too and continue from their last checkpoint
// when resumed; runs left queued when the window closed are listed again, queued.

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>
#include <QVector>

#include <nlohmann/json.hpp>

#include "progress_update.h"

namespace pwb::ui {

class TuningRunTask;

// Elsewhere: another process (a second window on the database) started the run first.
enum class QueueState { Queued, Running, Paused, Finished, Cancelled, Failed, Interrupted, Elsewhere };
QString toText(QueueState state);

struct QueueEntry {
  qint64 run_id = 0;
  QString name;
  QueueState state = QueueState::Queued;
  qint64 step = 0;
  qint64 total_steps = 0;
  double loss = 0.0;
  QString message;  // why it failed, was cancelled or was interrupted
};

class RunQueue : public QObject {
  Q_OBJECT
 public:
  explicit RunQueue(QString database_file, QObject* parent = nullptr);
  // Cancels the run in flight and waits for its step to end (it is stored as cancelled).
  ~RunQueue() override;

  // Stores an experiment document (format of docs/experiment-files.md) with its runs queued and
  // appends them; a running queue takes them in turn. Returns their ids, or throws with the
  // reason (a spec error names its JSON path).
  QList<qint64> add(const nlohmann::json& experiment, const QString& spec_path);
  // Lists the store's tuning runs from earlier sessions that are not listed yet: the queued ones
  // (never started) as queued, in the order they were stored, and the interrupted ones.
  void addStoredRuns();

  // Executes queued runs one after another until none is left.
  void start();
  bool isBusy() const { return task_ != nullptr; }
  void pause(qint64 run_id);
  // A paused run goes on; an interrupted, cancelled or failed run goes back into the queue (and
  // the queue starts): a tuning run continues from its last checkpoint.
  void resume(qint64 run_id);
  void cancel(qint64 run_id);
  // A paused running run has finished its step in flight and waits (its progress and the store
  // are complete up to that step).
  bool isHeld(qint64 run_id) const;

  const QVector<QueueEntry>& entries() const { return entries_; }
  int indexOf(qint64 run_id) const;
  const QueueEntry* entry(qint64 run_id) const;

 Q_SIGNALS:
  void entryAdded(int row);
  void entryChanged(int row);
  void progressed(const pwb::ui::ProgressUpdate& update);
  void runStarted(qint64 run_id);
  void runFinished(const pwb::ui::JobOutcome& outcome);
  void errorOccurred(const QString& message);

 private:
  void launchNext();
  void onProgress(const ProgressUpdate& update);
  void onFinished(const JobOutcome& outcome);
  void setState(int row, QueueState state, const QString& message = {});
  void append(QueueEntry entry);

  QString database_file_;
  QVector<QueueEntry> entries_;
  QThreadPool pool_;  // one thread: runs execute one at a time
  TuningRunTask* task_ = nullptr;
  bool started_ = false;
};

}  // namespace pwb::ui
