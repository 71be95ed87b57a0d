#pragma once
// The adaptation method and its options under PEFT's names, each starting at PEFT's default as
// core's experiment parser completes it (experiment::checkMethodOptions): one page of fields per
// method, built from those defaults. What it edits is the method object of an experiment file.

#include <QMap>
#include <QWidget>

#include <nlohmann/json.hpp>

class QComboBox;
class QStackedWidget;

namespace pwb::ui {

class MethodOptionsForm : public QWidget {
  Q_OBJECT
 public:
  explicit MethodOptionsForm(QWidget* parent = nullptr);

  // "prompt_tuning", "prefix_tuning", "p_tuning", "lora", "ia3", "full".
  QString methodName() const;
  void setMethodName(const QString& name);
  // {"name": ..., options}; an init text only where it is used (prompt_tuning_init TEXT).
  nlohmann::json method() const;
  // The field of `option` on the current method's page (nullptr when it has none): for tests
  // and for initialising from a prompt.
  QWidget* field(const QString& option) const;
  QComboBox* methodChooser() const { return chooser_; }

 Q_SIGNALS:
  void changed();

 private:
  QWidget* createPage(const QString& method);
  QWidget* createField(const QString& option, const nlohmann::json& default_value);
  nlohmann::json fieldValue(const QWidget* field, const nlohmann::json& default_value) const;
  void showPage(int index);
  void updateEnabled();

  QComboBox* chooser_;
  QStackedWidget* pages_;
  // Per method: option name -> its field, and the defaults the fields started from.
  QMap<QString, QMap<QString, QWidget*>> fields_;
  QMap<QString, nlohmann::json> defaults_;
};

}  // namespace pwb::ui
