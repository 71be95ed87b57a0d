#pragma once
// "Open model folder…": reads a Hugging Face folder or a llama2.c file with core's TextModel
// on a worker thread (loading weights takes seconds) and reports what it is.

#include <QFutureWatcher>
#include <QObject>
#include <QString>

namespace pwb::ui {

struct InspectedModel {
  QString path;
  QString family;  // empty when it failed
  qint64 parameters = 0;
  QString description;  // one line for the status bar and the log
  QString error;        // what went wrong, naming the file
};

class ModelInspection : public QObject {
  Q_OBJECT
 public:
  explicit ModelInspection(QObject* parent = nullptr);
  ~ModelInspection() override;

  // Ignored while one runs (isRunning()).
  void start(const QString& path);
  bool isRunning() const { return watcher_.isRunning(); }

 Q_SIGNALS:
  void finished(const pwb::ui::InspectedModel& model);

 private:
  QFutureWatcher<InspectedModel> watcher_;
};

}  // namespace pwb::ui
