#include "run_queue_view.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "run_queue.h"

namespace pwb::ui {
namespace {

enum Column { RunColumn, StatusColumn, StepColumn, LossColumn, MessageColumn, ColumnCount };

}  // namespace

RunQueueView::RunQueueView(RunQueue* queue, QWidget* parent)
    : QWidget(parent),
      queue_(queue),
      table_(new QTableWidget(0, ColumnCount, this)),
      start_(new QPushButton(tr("Start &queue"), this)),
      pause_(new QPushButton(tr("&Pause"), this)),
      resume_(new QPushButton(tr("&Resume"), this)),
      cancel_(new QPushButton(tr("Ca&ncel"), this)) {
  setObjectName(QStringLiteral("RunQueueView"));
  table_->setObjectName(QStringLiteral("queueTable"));
  table_->setHorizontalHeaderLabels({tr("Run"), tr("Status"), tr("Step"), tr("Loss"), tr("Message")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->horizontalHeader()->setSectionResizeMode(RunColumn, QHeaderView::ResizeToContents);
  start_->setObjectName(QStringLiteral("startQueue"));
  pause_->setObjectName(QStringLiteral("pauseRun"));
  resume_->setObjectName(QStringLiteral("resumeRun"));
  cancel_->setObjectName(QStringLiteral("cancelRun"));
  resume_->setToolTip(tr("Continue a paused run; run an interrupted, cancelled or failed one again from its last checkpoint"));

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(start_);
  buttons->addStretch(1);
  buttons->addWidget(pause_);
  buttons->addWidget(resume_);
  buttons->addWidget(cancel_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Run queue — one run at a time, in order"), this));
  layout->addWidget(table_);
  layout->addLayout(buttons);

  connect(queue_, &RunQueue::entryAdded, this, &RunQueueView::insertRow);
  connect(queue_, &RunQueue::entryChanged, this, &RunQueueView::showRow);
  connect(table_, &QTableWidget::itemSelectionChanged, this, &RunQueueView::updateButtons);
  connect(start_, &QPushButton::clicked, queue_, &RunQueue::start);
  connect(pause_, &QPushButton::clicked, this, [this] { queue_->pause(selectedRun()); });
  connect(resume_, &QPushButton::clicked, this, [this] { queue_->resume(selectedRun()); });
  connect(cancel_, &QPushButton::clicked, this, [this] { queue_->cancel(selectedRun()); });
  for (int row = 0; row < queue_->entries().size(); ++row) insertRow(row);
  updateButtons();
}

qint64 RunQueueView::selectedRun() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return 0;
  return queue_->entries().value(rows.front().row()).run_id;
}

void RunQueueView::selectRun(qint64 run_id) {
  const int row = queue_->indexOf(run_id);
  if (row >= 0) table_->selectRow(row);
}

void RunQueueView::insertRow(int row) {
  table_->insertRow(row);
  for (int column = 0; column < ColumnCount; ++column) table_->setItem(row, column, new QTableWidgetItem);
  showRow(row);
  if (selectedRun() == 0) table_->selectRow(row);
}

void RunQueueView::showRow(int row) {
  const auto& e = queue_->entries().at(row);
  table_->item(row, RunColumn)->setText(tr("%1 · %2").arg(e.run_id).arg(e.name));
  table_->item(row, StatusColumn)->setText(toText(e.state));
  table_->item(row, StepColumn)->setText(e.total_steps > 0 ? tr("%1 / %2").arg(e.step).arg(e.total_steps)
                                                           : (e.step > 0 ? QString::number(e.step) : QString()));
  table_->item(row, LossColumn)->setText(e.step > 0 ? QString::number(e.loss, 'f', 4) : QString());
  table_->item(row, MessageColumn)->setText(e.message);
  table_->item(row, MessageColumn)->setToolTip(e.message);
  updateButtons();
}

void RunQueueView::updateButtons() {
  const auto* e = queue_->entry(selectedRun());
  const auto state = e != nullptr ? e->state : QueueState::Finished;
  pause_->setEnabled(e != nullptr && (state == QueueState::Queued || state == QueueState::Running));
  resume_->setEnabled(e != nullptr && (state == QueueState::Paused || state == QueueState::Interrupted ||
                                       state == QueueState::Cancelled || state == QueueState::Failed));
  cancel_->setEnabled(e != nullptr && (state == QueueState::Queued || state == QueueState::Running || state == QueueState::Paused));
  start_->setEnabled(std::any_of(queue_->entries().begin(), queue_->entries().end(),
                                 [](const QueueEntry& q) { return q.state == QueueState::Queued; }) &&
                     !queue_->isBusy());
}

}  // namespace pwb::ui
