#include "dataset_chooser.h"

#include <QFileInfo>

#include "data/builtin_datasets.h"

namespace pwb::ui {

DatasetChooser::DatasetChooser(QWidget* parent) : QComboBox(parent) {
  for (const auto& builtin : data::builtinDatasets()) {
    const auto name = QString::fromStdString(builtin.name);
    for (std::size_t i = 0; i < builtin.parts.size(); ++i) {
      const auto part = QString::fromStdString(builtin.parts[i].name);
      Choice choice;
      choice.spec.builtin = builtin.name;
      // The default part keeps the plain name (and the spec no part), as a file names it.
      if (i > 0) choice.spec.part = builtin.parts[i].name;
      choice.short_name = i == 0 ? name : name + QLatin1Char('/') + part;
      choices_.push_back(choice);
      addItem(i == 0 ? tr("%1 (built in)").arg(name) : tr("%1 %2 (built in)").arg(name, part));
      setItemData(count() - 1, tr("%1 (part \"%2\")").arg(QString::fromStdString(builtin.description), part),
                  Qt::ToolTipRole);
    }
  }
}

int DatasetChooser::addDatasetFile(const QString& file, const data::ImportOptions& options) {
  experiment::DatasetSpec spec;
  spec.file = file.toStdString();
  spec.import = options;
  int index = indexOf(spec);
  if (index < 0) {
    choices_.push_back({QFileInfo(file).fileName(), spec});
    addItem(QFileInfo(file).fileName());
    index = count() - 1;
    setItemData(index, file, Qt::ToolTipRole);
  }
  choices_.at(static_cast<std::size_t>(index)).spec.import = options;  // imported again: perhaps a new mapping
  return index;
}

bool DatasetChooser::choose(const experiment::DatasetSpec& spec) {
  const int index = indexOf(spec);
  if (index >= 0) setCurrentIndex(index);
  return index >= 0;
}

int DatasetChooser::indexOf(const experiment::DatasetSpec& spec) const {
  const auto part_of = [](const experiment::DatasetSpec& s) {
    return s.part.empty() ? data::builtinDataset(s.builtin).parts.front().name : s.part;
  };
  for (std::size_t i = 0; i < choices_.size(); ++i) {
    const auto& known = choices_[i].spec;
    const bool same = spec.builtin.empty() ? known.builtin.empty() && known.file == spec.file
                                           : known.builtin == spec.builtin && part_of(known) == part_of(spec);
    if (same) return static_cast<int>(i);
  }
  return -1;
}

experiment::DatasetSpec DatasetChooser::spec() const {
  if (currentIndex() < 0) return {};
  return choices_.at(static_cast<std::size_t>(currentIndex())).spec;
}

QString DatasetChooser::shortName() const {
  return currentIndex() < 0 ? QString() : choices_.at(static_cast<std::size_t>(currentIndex())).short_name;
}

}  // namespace pwb::ui
