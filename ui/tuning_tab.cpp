#include "tuning_tab.h"

#include <QHBoxLayout>
#include <QSplitter>

#include "run_queue.h"
#include "run_queue_view.h"
#include "tuning_panel.h"

namespace pwb::ui {

TuningTab::TuningTab(const QString& database_file, const QString& base_experiment, QWidget* parent)
    : QWidget(parent),
      panel_(new TuningPanel),
      queue_(new RunQueue(database_file, this)),
      view_(new RunQueueView(queue_)) {
  setObjectName(QStringLiteral("TuningTab"));
  panel_->setBaseExperiment(base_experiment);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("TuningSplitter"));
  splitter->addWidget(panel_);
  splitter->addWidget(view_);
  splitter->setStretchFactor(1, 1);
  (new QHBoxLayout(this))->addWidget(splitter);

  connect(panel_, &TuningPanel::runRequested, this, &TuningTab::queueCurrentRun);
  connect(queue_, &RunQueue::errorOccurred, this, &TuningTab::message);
  connect(queue_, &RunQueue::runStarted, this, [this](qint64 id) {
    Q_EMIT message(tr("Tuning run %1 (%2) started").arg(id).arg(queue_->entry(id)->name));
  });
  connect(queue_, &RunQueue::runFinished, this, [this](const JobOutcome& outcome) {
    Q_EMIT message(tr("Tuning run %1 %2%3").arg(outcome.run_id).arg(outcome.status,
                   outcome.message.isEmpty() ? QString() : QStringLiteral(": ") + outcome.message));
  });
  queue_->addStoredRuns();
}

bool TuningTab::queueCurrentRun(bool start_now) {
  try {
    const auto ids = queue_->add(panel_->experimentDocument(), panel_->baseExperiment());
    for (const auto id : ids) Q_EMIT message(tr("Tuning run %1 (%2) queued").arg(id).arg(queue_->entry(id)->name));
    if (!ids.isEmpty()) view_->selectRun(ids.back());
    if (start_now) queue_->start();
    return true;
  } catch (const std::exception& e) {
    Q_EMIT message(tr("The run could not be queued: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
}

}  // namespace pwb::ui
