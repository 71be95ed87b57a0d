#include "method_options_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStringList>
#include <QVBoxLayout>

#include "experiment/method_options.h"

namespace pwb::ui {
namespace {

QString methodTitle(const QString& name) {
  if (name == QStringLiteral("prompt_tuning")) return MethodOptionsForm::tr("Prompt tuning (soft prompt)");
  if (name == QStringLiteral("prefix_tuning")) return MethodOptionsForm::tr("Prefix tuning");
  if (name == QStringLiteral("p_tuning")) return MethodOptionsForm::tr("P-tuning");
  if (name == QStringLiteral("lora")) return MethodOptionsForm::tr("LoRA");
  if (name == QStringLiteral("ia3")) return MethodOptionsForm::tr("IA3");
  return MethodOptionsForm::tr("Full fine-tuning");
}

// PEFT's choices for the options that take one of a few words.
QStringList choicesOf(const QString& option) {
  if (option == QStringLiteral("prompt_tuning_init")) return {QStringLiteral("RANDOM"), QStringLiteral("TEXT"), QStringLiteral("SAMPLE_VOCAB")};
  if (option == QStringLiteral("encoder_reparameterization_type")) return {QStringLiteral("MLP"), QStringLiteral("LSTM")};
  if (option == QStringLiteral("bias")) return {QStringLiteral("none"), QStringLiteral("all"), QStringLiteral("lora_only")};
  if (option == QStringLiteral("init_lora_weights")) return {QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("gaussian")};
  return {};
}

// Fields in the order PEFT's config classes declare them; anything else after them.
const QStringList& optionOrder() {
  static const QStringList order = {
      QStringLiteral("num_virtual_tokens"), QStringLiteral("prompt_tuning_init"), QStringLiteral("prompt_tuning_init_text"),
      QStringLiteral("encoder_reparameterization_type"), QStringLiteral("prefix_projection"),
      QStringLiteral("encoder_hidden_size"), QStringLiteral("encoder_num_layers"), QStringLiteral("encoder_dropout"),
      QStringLiteral("r"), QStringLiteral("lora_alpha"), QStringLiteral("lora_dropout"), QStringLiteral("target_modules"),
      QStringLiteral("feedforward_modules"), QStringLiteral("bias"), QStringLiteral("use_rslora"),
      QStringLiteral("init_lora_weights")};
  return order;
}

QString hintOf(const QString& option) {
  if (option == QStringLiteral("encoder_hidden_size")) return MethodOptionsForm::tr("0: the model's width");
  if (option == QStringLiteral("target_modules") || option == QStringLiteral("feedforward_modules")) {
    return MethodOptionsForm::tr("comma-separated; empty: PEFT's default for the model's family");
  }
  if (option == QStringLiteral("prompt_tuning_init_text")) return MethodOptionsForm::tr("the text whose token embeddings start the soft prompt");
  return {};
}

QString jsonText(const nlohmann::json& value) {
  return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString::fromStdString(value.dump());
}

}  // namespace

MethodOptionsForm::MethodOptionsForm(QWidget* parent)
    : QWidget(parent), chooser_(new QComboBox(this)), pages_(new QStackedWidget(this)) {
  chooser_->setObjectName(QStringLiteral("methodChooser"));
  for (const auto& name : experiment::methodNames()) {
    const auto method = QString::fromStdString(name);
    chooser_->addItem(methodTitle(method), method);
    pages_->addWidget(createPage(method));
  }
  auto* form = new QFormLayout;
  form->addRow(tr("&Method"), chooser_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(form);
  layout->addWidget(pages_);
  connect(chooser_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
    showPage(index);
    updateEnabled();
    Q_EMIT changed();
  });
  setMethodName(QStringLiteral("lora"));
  showPage(chooser_->currentIndex());
  updateEnabled();
}

void MethodOptionsForm::showPage(int index) {
  // Only the page shown takes room: a method with two options leaves no gap of seven rows.
  for (int i = 0; i < pages_->count(); ++i) {
    pages_->widget(i)->setSizePolicy(QSizePolicy::Preferred, i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
  }
  pages_->setCurrentIndex(index);
  pages_->adjustSize();
}

QWidget* MethodOptionsForm::createPage(const QString& method) {
  auto* page = new QWidget(pages_);
  auto* form = new QFormLayout(page);
  form->setContentsMargins(0, 0, 0, 0);
  const auto defaults = experiment::checkMethodOptions({{"name", method.toStdString()}}, "method");
  defaults_[method] = defaults;
  QStringList options;
  for (const auto& option : optionOrder()) {
    if (defaults.contains(option.toStdString())) options.append(option);
  }
  for (const auto& item : defaults.items()) {
    const auto option = QString::fromStdString(item.key());
    if (item.key() != "name" && item.key() != "init_from_design" && !options.contains(option)) options.append(option);
  }
  for (const auto& option : options) {
    auto* field = createField(option, defaults.at(option.toStdString()));
    field->setObjectName(method + QLatin1Char('.') + option);
    field->setToolTip(hintOf(option));
    fields_[method][option] = field;
    form->addRow(option, field);  // PEFT's name, as a researcher writes it in a config
  }
  if (options.isEmpty()) form->addRow(new QLabel(tr("Every weight of the model trains."), page));
  return page;
}

QWidget* MethodOptionsForm::createField(const QString& option, const nlohmann::json& value) {
  const auto choices = choicesOf(option);
  if (!choices.isEmpty()) {
    auto* box = new QComboBox(this);
    box->addItems(choices);
    box->setCurrentText(jsonText(value));
    connect(box, &QComboBox::currentTextChanged, this, [this] {
      updateEnabled();
      Q_EMIT changed();
    });
    return box;
  }
  if (value.is_boolean()) {
    auto* box = new QCheckBox(this);
    box->setChecked(value.get<bool>());
    connect(box, &QCheckBox::toggled, this, [this] {
      updateEnabled();
      Q_EMIT changed();
    });
    return box;
  }
  if (value.is_number_integer()) {
    auto* box = new QSpinBox(this);
    box->setRange(0, 1 << 20);
    box->setValue(value.get<int>());
    connect(box, qOverload<int>(&QSpinBox::valueChanged), this, &MethodOptionsForm::changed);
    return box;
  }
  if (value.is_number()) {
    auto* box = new QDoubleSpinBox(this);
    box->setDecimals(4);
    box->setRange(0.0, 1e6);
    box->setSingleStep(option.endsWith(QStringLiteral("dropout")) ? 0.05 : 1.0);
    box->setValue(value.get<double>());
    connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &MethodOptionsForm::changed);
    return box;
  }
  auto* line = new QLineEdit(this);
  line->setPlaceholderText(hintOf(option));
  line->setText(value.is_array() ? QString() : jsonText(value));
  if (value.is_array()) {
    QStringList items;
    for (const auto& item : value) items.append(jsonText(item));
    line->setText(items.join(QStringLiteral(", ")));
  }
  connect(line, &QLineEdit::textChanged, this, &MethodOptionsForm::changed);
  return line;
}

nlohmann::json MethodOptionsForm::fieldValue(const QWidget* field, const nlohmann::json& default_value) const {
  if (const auto* box = qobject_cast<const QComboBox*>(field)) {
    const auto text = box->currentText();
    if (text == QStringLiteral("true")) return true;
    if (text == QStringLiteral("false")) return false;
    return text.toStdString();
  }
  if (const auto* box = qobject_cast<const QCheckBox*>(field)) return box->isChecked();
  if (const auto* box = qobject_cast<const QSpinBox*>(field)) return box->value();
  if (const auto* box = qobject_cast<const QDoubleSpinBox*>(field)) return box->value();
  const auto text = qobject_cast<const QLineEdit*>(field)->text().trimmed();
  if (!default_value.is_array()) return text.toStdString();
  auto list = nlohmann::json::array();
  for (const auto& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    if (!item.trimmed().isEmpty()) list.push_back(item.trimmed().toStdString());
  }
  return list;
}

QString MethodOptionsForm::methodName() const { return chooser_->currentData().toString(); }

void MethodOptionsForm::setMethodName(const QString& name) {
  const int index = chooser_->findData(name);
  if (index >= 0) chooser_->setCurrentIndex(index);
}

nlohmann::json MethodOptionsForm::method() const {
  const auto name = methodName();
  nlohmann::json method = {{"name", name.toStdString()}};
  const auto defaults = defaults_.value(name);
  const auto fields = fields_.value(name);
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    method[it.key().toStdString()] = fieldValue(it.value(), defaults.at(it.key().toStdString()));
  }
  // PEFT reads the init text only for TEXT; the spec rejects one given with another init.
  if (method.value("prompt_tuning_init", std::string()) != "TEXT") method.erase("prompt_tuning_init_text");
  return method;
}

QWidget* MethodOptionsForm::field(const QString& option) const {
  return fields_.value(methodName()).value(option, nullptr);
}

void MethodOptionsForm::updateEnabled() {
  const auto fields = fields_.value(QStringLiteral("prompt_tuning"));
  const auto* init = qobject_cast<QComboBox*>(fields.value(QStringLiteral("prompt_tuning_init")));
  auto* text = fields.value(QStringLiteral("prompt_tuning_init_text"));
  if (init != nullptr && text != nullptr) text->setEnabled(init->currentText() == QStringLiteral("TEXT"));
  const auto prefix = fields_.value(QStringLiteral("prefix_tuning"));
  const auto* projection = qobject_cast<QCheckBox*>(prefix.value(QStringLiteral("prefix_projection")));
  auto* hidden = prefix.value(QStringLiteral("encoder_hidden_size"));
  if (projection != nullptr && hidden != nullptr) hidden->setEnabled(projection->isChecked());
}

}  // namespace pwb::ui
