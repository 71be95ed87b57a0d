#include "results_view.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <map>

#include "data_efficiency_chart.h"
#include "experiment/experiment_results.h"
#include "pareto_chart.h"
#include "store/experiment_store.h"

namespace pwb::ui {
namespace {

QVector<ParetoEntry> paretoEntries(const std::vector<experiment::ParetoPoint>& points) {
  QVector<ParetoEntry> entries;
  for (const auto& point : points) {
    entries.push_back({QString::fromStdString(point.label), static_cast<double>(point.trainable_params),
                       point.accuracy, std::nullopt, std::nullopt});
  }
  return entries;
}

QVector<DataEfficiencySeries> efficiencySeries(const std::vector<experiment::EfficiencyPoint>& points) {
  QVector<DataEfficiencySeries> series;
  std::map<std::string, int> index_of;
  for (const auto& point : points) {
    const auto [found, added] = index_of.emplace(point.series, static_cast<int>(series.size()));
    if (added) series.push_back({QString::fromStdString(point.series), {}});
    series[found->second].points.push_back({static_cast<double>(point.train_size), point.values});
  }
  return series;
}

}  // namespace

ResultsView::ResultsView(QWidget* parent)
    : QWidget(parent),
      experiments_(new QComboBox(this)),
      summary_(new QLabel(this)),
      pareto_(new ParetoChart(this)),
      efficiency_(new DataEfficiencyChart(this)) {
  experiments_->setObjectName(QStringLiteral("ExperimentList"));
  experiments_->setMinimumContentsLength(24);
  experiments_->setToolTip(tr("The stored experiment whose results are shown"));
  auto* refresh_button = new QPushButton(tr("Re&fresh"), this);
  refresh_button->setToolTip(tr("Read the experiments and their runs again (F5)"));
  connect(refresh_button, &QPushButton::clicked, this, &ResultsView::refresh);

  auto* bar = new QHBoxLayout;
  auto* label = new QLabel(tr("E&xperiment:"), this);
  label->setBuddy(experiments_);
  bar->addWidget(label);
  bar->addWidget(experiments_);
  bar->addWidget(refresh_button);
  bar->addWidget(summary_, 1);

  auto* charts = new QSplitter(Qt::Horizontal, this);
  charts->setObjectName(QStringLiteral("ResultsSplitter"));
  charts->addWidget(pareto_);
  charts->addWidget(efficiency_);
  charts->setSizes({1000, 1000});  // half each, whatever their size hints
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(charts, 1);

  connect(experiments_, &QComboBox::currentIndexChanged, this, [this] {
    showSelected();
    if (const auto id = selectedExperiment()) Q_EMIT experimentSelected(*id);
  });
}

void ResultsView::setDatabase(const QString& file) {
  database_ = file;
  refresh();
}

void ResultsView::refresh() {
  const auto keep = selectedExperiment();
  {
    const QSignalBlocker quiet(experiments_);
    experiments_->clear();
    // A database that does not exist yet has no experiments; opening it would create it.
    if (QFileInfo::exists(database_)) {
      try {
        const store::ExperimentStore store(database_.toStdString());
        for (const auto& record : store.experiments()) {
          experiments_->addItem(tr("%1 · %2").arg(record.id).arg(QString::fromStdString(record.name)),
                                QVariant::fromValue<qint64>(record.id));
        }
      } catch (const std::exception& error) {
        Q_EMIT errorOccurred(tr("Could not read the experiments of %1: %2")
                                 .arg(database_, QString::fromStdString(error.what())));
      }
    }
    const int kept = keep ? experiments_->findData(QVariant::fromValue<qint64>(*keep)) : -1;
    // The newest experiment by default: it is the one just run.
    experiments_->setCurrentIndex(kept >= 0 ? kept : experiments_->count() - 1);
  }
  showSelected();
}

bool ResultsView::selectExperiment(std::int64_t experiment_id) {
  const int index = experiments_->findData(QVariant::fromValue<qint64>(experiment_id));
  if (index < 0) return false;
  experiments_->setCurrentIndex(index);
  return true;
}

std::optional<std::int64_t> ResultsView::selectedExperiment() const {
  if (experiments_->currentIndex() < 0) return std::nullopt;
  return experiments_->currentData().value<qint64>();
}

int ResultsView::experimentCount() const { return experiments_->count(); }

QString ResultsView::summaryText() const { return summary_->text(); }

void ResultsView::showSelected() {
  const auto id = selectedExperiment();
  if (!id) {
    pareto_->setEntries({});
    efficiency_->setSeries({}, tr("accuracy"));
    summary_->setText(tr("No experiment is stored in this database yet."));
    return;
  }
  try {
    const store::ExperimentStore store(database_.toStdString());
    const auto results = experiment::experimentResults(store, *id);
    const auto points = experiment::paretoPoints(results);
    pareto_->setEntries(paretoEntries(points));
    efficiency_->setSeries(efficiencySeries(experiment::dataEfficiency(results)), tr("accuracy"));
    std::size_t finished = 0;
    for (const auto& r : results) finished += r.accuracy && r.status == store::RunStatus::Finished ? 1 : 0;
    summary_->setText(tr("%1 runs, %2 finished with predictions; %3 points on the chart")
                          .arg(results.size())
                          .arg(finished)
                          .arg(points.size()));
  } catch (const std::exception& error) {
    summary_->setText(tr("Could not read this experiment."));
    Q_EMIT errorOccurred(tr("Could not show the results of experiment %1: %2")
                             .arg(*id)
                             .arg(QString::fromStdString(error.what())));
  }
}

}  // namespace pwb::ui
