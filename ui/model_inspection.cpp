#include "model_inspection.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include "model/text_model.h"

namespace pwb::ui {
namespace {

InspectedModel inspect(const QString& path) {
  InspectedModel result;
  result.path = path;
  try {
    const auto summary = model::TextModel::open(path.toStdString()).summary();
    result.family = QString::fromStdString(summary.family);
    result.parameters = summary.parameters;
    result.description = ModelInspection::tr("%1 (%2): %3 parameters, tokenizer %4 — %5")
                             .arg(result.family, QString::fromStdString(summary.format),
                                  QLocale().toString(result.parameters), QString::fromStdString(summary.tokenizer), path);
  } catch (const std::exception& error) {
    result.error = ModelInspection::tr("Could not open the model %1: %2").arg(path, QString::fromStdString(error.what()));
  }
  return result;
}

}  // namespace

ModelInspection::ModelInspection(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<InspectedModel>::finished, this,
          [this] { Q_EMIT finished(watcher_.result()); });
}

// A model being read is waited for: the worker must not outlive what it reports to.
ModelInspection::~ModelInspection() { watcher_.waitForFinished(); }

void ModelInspection::start(const QString& path) {
  if (isRunning()) return;
  watcher_.setFuture(QtConcurrent::run(inspect, path));
}

}  // namespace pwb::ui
