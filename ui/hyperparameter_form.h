#pragma once
// A tuning run's hyper-parameters under the experiment file's names (docs/experiment-files.md),
// each starting at core's default (experiment::TuningSpec): optimiser, learning rate, schedule
// and warm-up, steps, batch, evaluation and checkpoint cadence, seed.

#include <QMap>
#include <QWidget>

#include <nlohmann/json.hpp>

class QFormLayout;

namespace pwb::ui {

class HyperparameterForm : public QWidget {
  Q_OBJECT
 public:
  explicit HyperparameterForm(QWidget* parent = nullptr);

  // The run object's keys ("learning_rate", "steps", ...), without "method".
  nlohmann::json settings() const;
  std::uint64_t seed() const;
  std::int64_t batchSize() const;
  // The field of a key ("steps", "seed", ...): for tests and presets.
  QWidget* field(const QString& key) const { return fields_.value(key, nullptr); }

 Q_SIGNALS:
  void changed();

 private:
  void addInteger(const QString& key, const QString& label, int value, int minimum, int maximum);
  void addNumber(const QString& key, const QString& label, double value, double maximum, int decimals, double step);
  void addChoice(const QString& key, const QString& label, const QStringList& choices, const QString& value);

  void addRow(const QString& key, const QString& label, QWidget* field);

  QFormLayout* form_;
  QMap<QString, QWidget*> fields_;
};

}  // namespace pwb::ui
